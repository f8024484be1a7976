/**
 * What kind of answer a question wants, read from its wording: a list of
 * meetings, calls or meetings in person, and the terms a relevant meeting must
 * mention. Retrieval and the answerers both ask.
 */
import { splitSentences } from "../../text/sentences.js";
import { findRegions, regionNamed, regionWords } from "../../text/regions.js";
import { MEETING_VERB_BASE, PARTICIPATION_VERB } from "../../text/lexicon/index.js";
import { isInRegions, meetingCountries, type RegionAsked } from "./meeting-countries.js";
import type { Passage, QueryAnalysis } from "../types.js";

type MeetingKind = "call" | "in-person";

/** Whether the question is about calls or meetings in person, when it says. */
export function askedKind(question: string): MeetingKind | undefined {
  if (insistsInPerson(question)) return "in-person";
  if (EITHER_KIND.test(question)) return undefined;
  const call = /\b(?:call(?:s|ed)?|phone(?:d)?|spoke|speak|spoken|talk(?:ed)?|video)\b/i.test(question);
  const inPerson = /\b(?:in person|meet|met|meetings?|visit(?:s|ed)?|host(?:ed)?|welcomed?|face[- ]to[- ]face|s[ai]t down)\b/i.test(question);
  if (call === inPerson) return undefined;
  return call ? "call" : "in-person";
}

const IN_PERSON = "(?:in[- ]person|face[- ]to[- ]face)";
const BY_CALL = "(?:by (?:tele)?phone|on the phone|phone|calls?|virtually|by video)";
/** "by phone or in person", "in person or by phone": both kinds are asked for. */
const EITHER_KIND = new RegExp(String.raw`\b(?:${BY_CALL}\s+or\s+${IN_PERSON}|${IN_PERSON}\s+or\s+${BY_CALL})\b`, "i");

/** "In person", "face to face": the question rules calls out (not "by phone or in person"). */
export function insistsInPerson(question: string): boolean {
  return new RegExp(String.raw`\b${IN_PERSON}\b`, "i").test(question) && !EITHER_KIND.test(question);
}

const SAYS_CALL = /\b(?:tele)?phone call|\bvideo call|\bby (?:tele)?phone\b|\bspoke (?:by|over the) (?:tele)?phone|\bvideo ?conference/i;

const SAYS_IN_PERSON = /\b(?:met|hosted|welcomed|received|visited|travell?ed to|held talks|sat down with|in person)\b/i;

export function kindOf(passage: Pick<Passage, "title" | "lead" | "text">): MeetingKind | undefined {
  if (/\b(?:call|phone|video ?conference|virtual)\b/i.test(passage.title)) return "call";
  const lead = passage.lead ?? passage.text.slice(0, 400);
  // The lead's first sentence tells the event; a later one may recall an earlier call ("follows their April 2 telephone call").
  const opening = splitSentences(lead)[0] ?? "";
  if (SAYS_CALL.test(opening)) return "call";
  if (/\b(?:meeting|meets|met|visits?|bilateral|summit|trip|breakfast|lunch|dinner|talks|receives?|hosts?|welcomes?|travels?)\b/i.test(passage.title))
    return "in-person";
  if (SAYS_IN_PERSON.test(opening)) return "in-person";
  if (SAYS_CALL.test(lead)) return "call";
  if (SAYS_IN_PERSON.test(passage.lead ?? "")) return "in-person";
  return undefined;
}

/** Without the passages of the other kind (calls when meetings are asked about, and the reverse), when that leaves any. */
export function preferKind(question: string, passages: Passage[]): Passage[] {
  const kind = askedKind(question);
  if (!kind) return passages;
  const matching = passages.filter((passage) => {
    const actual = kindOf(passage);
    return actual === undefined || actual === kind;
  });
  return matching.length > 0 ? matching : passages;
}

/** Words that name what is listed or asked, not what makes a meeting relevant. */
const NON_SPECIFIC = new Set(
  (
    "meet met meeting meetings call called calls spoke speak talk talked discuss discussed host hosted visit visited welcome welcomed " +
    "list which what who whom when where leaders leader foreign world heads head state presidents president prime ministers minister " +
    "officials official counterparts counterpart people countries country times time phone person last first latest recent " +
    "took take taken place held hold"
  ).split(" "),
);

/** The regions the question names ("Which African leaders…", "in Central Asia"). */
export function askedRegions(query: QueryAnalysis): RegionAsked[] {
  return (query.regions ?? []).flatMap(({ name, describes }) => {
    const region = regionNamed(name);
    return region ? [{ region, describes }] : [];
  });
}

/**
 * The question's terms that a relevant meeting must mention ("breakfast" in "which
 * leaders did Harris host for breakfast?"). Region words ("African") are not among
 * them: a meeting with Angola's president is an African meeting without the word.
 */
export function specificTerms(query: QueryAnalysis): string[] {
  const entityWords = new Set([...query.people, ...query.countries, ...query.places].flatMap((name) => name.toLowerCase().split(/[^\p{L}\d]+/u)));
  const regionTerms = regionWords(
    query.question,
    askedRegions(query).map(({ region }) => region),
  );
  return query.terms.filter((term) => term.length > 2 && !NON_SPECIFIC.has(term) && !entityWords.has(term) && !regionTerms.has(term) && !/^\d+$/.test(term));
}

/** "How many times did they meet?", "how many calls…": a count of meetings, answered with the meetings counted. */
export const COUNTS_MEETINGS = /\bhow many (?:times|meetings|calls|visits|trips|summits)\b/iu;

/** "Which leaders did X meet…", "List the calls…", "Who did X meet in …": the answer is a list of meetings. */
export function asksForMeetingList(question: string): boolean {
  if (/^\s*(?:please\s+)?(?:list|name|enumerate)\b/i.test(question)) return true;
  // "How many times has Biden engaged Tsikhanouskaya, and when?": the meetings, counted.
  if (COUNTS_MEETINGS.test(question)) return true;
  // Plural: "which summit is Guatemala hosting?" asks for one name, "which meetings…" or "on which days…" for a list.
  const meetings = "meetings|calls|sessions|hearings|summits|visits|conversations|dates|days";
  const people =
    "leaders?|presidents?|prime ministers?|heads? of (?:state|government)|officials?|counterparts?|ministers?|countries|nations|people|kings?|monarchs?";
  const which = String.raw`\b(?:which|what)\s+(?:[\w-]+\s+){0,2}`;
  if (new RegExp(`${which}(?:${meetings})\\b`, "i").test(question)) return true;
  // "Which leaders did Harris sit down with…", "…get on the phone…", "…have bilateral meetings with…": any way of saying they met.
  const reportsMeeting = (rest: string) =>
    MEETING_VERB_BASE.test(rest) || PARTICIPATION_VERB.test(rest) || /\b(?:meetings?|talks|calls?|conversations?)\s+with\b/i.test(rest);
  const whichPeople = new RegExp(`${which}(?:${people})(?:\\s+(?:from|of|in)\\s+(?:[\\w-]+\\s+){0,2}[\\w-]+)?\\s+(?:did|has|have|had|will)\\b(.*)`, "i").exec(
    question,
  );
  if (whichPeople && reportsMeeting(whichPeople[1]!)) return true;
  const whoDid = /\bwho\s+(?:all\s+|else\s+)?(?:did|has|have)\b(.*)/i.exec(question);
  return whoDid !== null && reportsMeeting(whoDid[1]!) && /\b(?:in|during|between|since|on his|on her|trip|week|month|year)\b/i.test(question);
}

/** The meetings with or in every region the question names ("Which African leaders…"); all of them when it names none. */
export function inAskedRegions(query: QueryAnalysis, passages: Passage[]): Passage[] {
  const regions = askedRegions(query);
  if (regions.length === 0) return passages;
  // "Calls with European Leaders": a title that names the region says so, whether or not it names the countries.
  const titleNames = (passage: Passage) => {
    const named = findRegions(passage.title);
    return regions.every(({ region }) => named.includes(region));
  };
  return passages.filter((passage) => isInRegions(meetingCountries(passage), regions) || titleNames(passage));
}
