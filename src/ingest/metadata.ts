/**
 * Meeting facts from an article's title and opening: publication date fallback, the
 * event date (resolved against the publication date with chrono-node), the place and
 * the participants (people with titles and countries where the text states them).
 *
 * wink-eng-lite-web-model has no PERSON entities, so people are found as a title
 * ("Prime Minister", "President-elect") followed by a run of capitalised words, with
 * the country from a demonym or possessive before the title ("Australian Prime
 * Minister", "Azerbaijan’s President"), a country before it ("Republic of Korea (ROK)
 * President"), or "of <country>" after the name; plus "his Belarusian counterpart
 * <name>" and "Presidents Aliyev and Lukashenko".
 */
import * as chrono from "chrono-node";
import { countryForCity, findPlaces, isPortfolioWord, matchTitle, type PlaceMention } from "../text/gazetteer.js";
import { foldWord, wordTokens, type WordToken } from "../text/fold.js";
import { nameKey } from "../text/names.js";
import { splitSentences } from "../text/sentences.js";
import { addDays, daysBetween, formatDay, latestWeekdayOnOrBefore, noonOf } from "./dates.js";
import type { Participant } from "./types.js";
import { MEETING_VERB, NAME_PARTICLES } from "../text/lexicon.js";


/** Vague references that place a meeting in a span, not on a day. */
const VAGUE_WHEN = /\b(?:last|this|past|previous|earlier this) (?:week|weekend)\b|\bearlier this month\b|\b(?:recently|days ago)\b/i;

// ---- dates ----

/** A date with day, month and year stated in the first lines of the text ("WASHINGTON, May 16, 2024 —"). */
export function dateInOpening(paragraphs: readonly string[]): string | undefined {
  const opening = paragraphs.slice(0, 3).join("\n").slice(0, 600);
  for (const result of chrono.strict.parse(opening, new Date(Date.UTC(2000, 0, 1)))) {
    const start = result.start;
    if (start.isCertain("day") && start.isCertain("month") && start.isCertain("year")) {
      return formatDay(start.get("year")!, start.get("month")!, start.get("day")!);
    }
  }
  return undefined;
}

function nearestYear(month: number, day: number, published: string): string | undefined {
  const year = Number(published.slice(0, 4));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidateYear of [year - 1, year, year + 1]) {
    const candidate = formatDay(candidateYear, month, day);
    if (!candidate) continue;
    const distance = Math.abs(daysBetween(published, candidate));
    // On a tie, the past wins: reports are mostly about what happened.
    if (distance < bestDistance || (distance === bestDistance && candidate < published)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The calendar day a chrono result names, resolved against the publication date; undefined when vague. */
const DATE_HINT =
  /\d|\b(?:today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|week|weekend|month|mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b/i;

const CASUAL_DAY = /\b(?:today|tonight|yesterday|last night|this (?:morning|afternoon|evening))\b/i;

function resolveResult(result: chrono.ParsedResult, published: string | undefined): string | undefined {
  const text = result.text.toLowerCase();
  // "9/11", "7/4": a day written with slashes and no year is usually a name, not a date.
  if (/^\d{1,2}\/\d{1,2}$/.test(text.trim())) return undefined;
  if (published) {
    if (/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/.test(text)) return published;
    if (/\b(?:yesterday|last night)\b/.test(text)) return addDays(published, -1);
    if (/\btomorrow\b/.test(text)) return addDays(published, 1);
  }
  if (!published && (!result.start.isCertain("year") || /\b(?:today|tonight|yesterday|tomorrow|this|last|next)\b/.test(text))) return undefined;
  const tags = [...(result.start.tags?.() ?? [])];
  if (tags.some((tag) => tag.startsWith("result/relativeDate"))) return undefined; // "last week", "two days ago"
  const start = result.start;
  if (start.isCertain("day") && start.isCertain("month")) {
    if (start.isCertain("year")) return formatDay(start.get("year")!, start.get("month")!, start.get("day")!);
    return published ? nearestYear(start.get("month")!, start.get("day")!, published) : undefined;
  }
  if (start.isCertain("weekday") && published) {
    const weekday = start.get("weekday")!;
    if (/\bnext\b/.test(text)) return addDays(latestWeekdayOnOrBefore(published, weekday), 7);
    return latestWeekdayOnOrBefore(published, weekday);
  }
  return undefined;
}

export interface EventDateInput {
  title: string;
  paragraphs: readonly string[];
  publishedDate?: string;
}

/** A day said after this names another day than the meeting's ("the session planned for 12 March", "following the 5 May talks"). */
const OTHER_DAY_BEFORE = /\b(?:planned|scheduled|rescheduled|postponed|due|set|expected|until|since|from|before|after|by|following)\s+(?:for\s+|to\s+|on\s+|at\s+)?(?:the\s+)?$/i;

/**
 * What makes a meeting word not the report of this meeting: the future or a wish ("will meet", "to be
 * held", "will have follow-up meetings", "looks forward to meeting", "the upcoming visit") and the
 * perfect of background ("has met regularly", "had spoken").
 */
const NOT_REPORTING_BEFORE = /\b(?:will|would|shall|to be|to|upcoming|planned|scheduled|next|later|forthcoming|future|has|have|had)\s+(?:[\w-]+\s+){0,3}$/i;
/** Between a meeting word and a date: the date belongs to something still to come ("welcomed the summit to be held ..."). */
const FUTURE_BETWEEN = /\b(?:will|would|shall|to be held|to take place|upcoming|planned|scheduled|forthcoming)\b/i;
/** Days that are never a reported meeting's: "tomorrow", "next Tuesday". */
const TO_COME = /\b(?:tomorrow|next)\b/i;
const EXPLICIT_DATE = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/**
 * A written date that qualifies a noun names another event: "Venezuela’s deeply flawed July 28
 * presidential election", "the November 13, 2022 Phnom Penh Summit", "the planned January 9 protests".
 * It follows a determiner or a possessive (with up to two modifiers) and a noun follows it; "on July 28
 * the leaders met" and "the meeting on July 28" are the meeting's day.
 */
function isAttributiveDate(sentence: string, result: chrono.ParsedResult): boolean {
  if (!EXPLICIT_DATE.test(result.text)) return false;
  const before = sentence.slice(Math.max(0, result.index - 60), result.index);
  if (!/(?:\b(?:the|a|an|this|that|these|those|its|their|his|her|our)|\p{L}['’]s?)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(before)) return false;
  if (/\b(?:on|in|at|of|for|since|from|until|by|during)\s+(?:the\s+)?$/i.test(before)) return false;
  const after = sentence.slice(result.index + result.text.length);
  return /^,?\s+(?!(?:in|at|on|with|to|for|and|or|but|as|by|from|of|when|while|after|before|during|where|which|who|that|the|a|an|this|his|her|their|its|is|was|were|are)\b)\p{L}/iu.test(after);
}

const MEETING_VERB_ALL = new RegExp(MEETING_VERB.source, "gi");

/** The first meeting word of a sentence that reports a meeting (not "will meet", "to be held", "has met regularly"). */
function reportingVerb(sentence: string): RegExpExecArray | undefined {
  for (const match of sentence.matchAll(MEETING_VERB_ALL)) {
    if (!NOT_REPORTING_BEFORE.test(sentence.slice(Math.max(0, match.index - 60), match.index))) return match as RegExpExecArray;
  }
  return undefined;
}

type Day = { result: chrono.ParsedResult; day: string };

/**
 * The days a sentence gives for its meeting: dates before the topic ("met on May 5 to discuss the
 * 25 March statement"), not days named for something else (planned for, following, an attributive
 * date, a clause still to come between the verb and the date, tomorrow), and never later than the
 * day after publication (a report tells what took place; a day's margin for time zones).
 */
function meetingDays(sentence: string, verb: RegExpExecArray | undefined, published: string | undefined, reference: Date): Day[] {
  // chrono is the costly part; most sentences hold no date word at all.
  if (!DATE_HINT.test(sentence)) return [];
  const stop = verb ? scopeStop(sentence.slice(verb.index)) : undefined;
  const cutoff = verb && stop !== undefined ? verb.index + stop : Number.POSITIVE_INFINITY;
  const latest = published ? addDays(published, 1) : undefined;
  return chrono
    .parse(sentence, reference)
    .filter((result) => result.index < cutoff && !TO_COME.test(result.text))
    .filter((result) => !OTHER_DAY_BEFORE.test(sentence.slice(Math.max(0, result.index - 30), result.index)))
    .filter((result) => !isAttributiveDate(sentence, result))
    .filter((result) => !(verb && result.index > verb.index && FUTURE_BETWEEN.test(sentence.slice(verb.index + verb[0].length, result.index))))
    .map((result) => ({ result, day: resolveResult(result, published) }))
    .filter((entry): entry is Day => entry.day !== undefined && (latest === undefined || entry.day <= latest));
}

/** A relative day ("yesterday") first; else the date closest to the meeting word, or the first one. */
function meetingDay(days: readonly Day[], verb: RegExpExecArray | undefined): string | undefined {
  if (days.length === 0) return undefined;
  const casual = days.find((entry) => CASUAL_DAY.test(entry.result.text));
  if (casual) return casual.day;
  if (!verb) return days[0]!.day;
  return [...days].sort((a, b) => distanceToVerb(a.result.index, verb.index) - distanceToVerb(b.result.index, verb.index))[0]!.day;
}

const SENTENCE_END = /[.!?…]["”’»)\]]*$/u;

/** A deck or heading above the article: one short line that is no sentence ("Biden-Harris Administration Convenes Leaders"). */
function isDeck(paragraph: string): boolean {
  const text = paragraph.trim();
  return !SENTENCE_END.test(text) && !/[.!?]["”’]?\s+\p{Lu}/u.test(text) && text.split(/\s+/).length <= 40;
}

/**
 * The day the meeting took place, from the sentences that report it, in this order:
 * 1. the opening's sentences with a meeting word that is not future or background ("met today",
 *    "spoke yesterday", "On June 15, the ministers held ..."): the first that gives a day, the date
 *    closest to its meeting word ("on Thursday" → the latest Thursday on or before publication,
 *    "on May 16" → that day in the nearest year). Sentences without a meeting word tell of other
 *    days (an election, an attack, a law) and never give the meeting's.
 * 2. the lead, the article's first sentence, whatever its verb ("Yesterday, the council launched ...",
 *    "During the week of March 14, the Advisor led ...");
 * 3. a headline that reports the meeting ("Meeting of 12 March cancelled");
 * 4. a report of a meeting took place on its publication date; a text that reports no meeting
 *    takes only a day close to its publication.
 * Decks and headings (lines that do not end like a sentence) are not sentences of the article.
 */
export function resolveEventDate(input: EventDateInput): string | undefined {
  const published = input.publishedDate;
  const reference = published ? noonOf(published) : new Date(Date.UTC(2000, 0, 1));
  const opening = input.paragraphs.slice(0, 2);
  const reportsMeeting = /\breadout\b/i.test(input.title) || MEETING_VERB.test(input.title) || (opening[0] !== undefined && MEETING_VERB.test(opening[0]));
  const sentences = input.paragraphs
    .filter((paragraph) => !isDeck(paragraph))
    .slice(0, 2)
    .flatMap((paragraph) => splitSentences(paragraph));
  let lead: string | undefined;
  let fallback: string | undefined;
  let meetingSentencesSeen = 0;
  for (const [index, sentence] of sentences.entries()) {
    const verb = reportingVerb(sentence);
    const days = meetingDays(sentence, verb, published, reference);
    if (verb) {
      meetingSentencesSeen++;
      const day = meetingDay(days, verb);
      if (day) return day;
      // "Last week, ... convened": the first report of the meeting gives only a span, so the day is not known.
      if (meetingSentencesSeen === 1 && VAGUE_WHEN.test(sentence)) return undefined;
    }
    if (index === 0 && reportsMeeting) lead = meetingDay(days, verb);
    if (!reportsMeeting) fallback ??= days[0]?.day;
  }
  if (lead) return lead;
  const titleVerb = input.title ? reportingVerb(input.title) : undefined;
  const headline = titleVerb ? meetingDay(meetingDays(input.title, titleVerb, published, reference), titleVerb) : undefined;
  if (headline) return headline;
  if (reportsMeeting) return published;
  // In a text that reports no meeting, only a day close to publication is an event ("Today, ... led an event");
  // "...continued until September 30, 2023" is not.
  if (fallback && (!published || Math.abs(daysBetween(published, fallback)) <= 7)) return fallback;
  return undefined;
}

function distanceToVerb(at: number, verbAt: number): number {
  // A date after the verb ("met today") is read before one ahead of it, at equal distance.
  return at >= verbAt ? at - verbAt : (verbAt - at) * 1.5;
}

// ---- place ----

const PLACE_STOP_AFTER = /\b(?:(?:a day|days|hours|a week|weeks) (?:after|before)|ahead of|in advance of|to discuss|discussed|to review|regarding|concerning|about|underscoring|highlighting|in the wake of|following|which|who|whose)\b/i;
/** Verbs after which "in X" / "at X" is where people met (nouns like "summit" are left out: "the summit in X" is often the topic). */
const PLACE_VERB =
  /\b(?:met|meet|meets|meeting with|hosted|hosts|held|holds|welcomed|welcomes|received|receives|convened|convenes|visited|visits|gathered|sat down|joined|arrived|traveled|travelled|led an? (?:\w+ )?delegation)\b/i;

/** "the war in Ukraine", "investments in America": "in X" after such a noun is a topic, not where people met. */
const TOPIC_BEFORE_PLACE =
  /\b(?:war|wars|attack|attacks|situation|crisis|violence|conflict|elections?|developments?|efforts?|events?|investments?|investing|invest|interests?|operations?|presence|stability|security|peace|aggression|invasion|role|leadership|growth|jobs|partners|allies|communities|people|citizens|hostages|troops|forces|prices|democracy|rights|disaster|disasters|flooding|fires?|storms?|hurricanes?|earthquakes?|victims|progress|reforms?|cooperation|support|assistance|aid)\s+(?:in|at|to|inside)\s+(?:the\s+)?$/i;

/** A place of meeting follows its verb closely ("met ... in Baku"); farther on, "in X" is about something else. */
const PLACE_MAX_WORDS_AFTER_VERB = 40;
const NOT_PLACES = new Set(
  "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday the this that his her their its our all every congress parliament person depth addition particular order support response light advance total recent".split(
    " ",
  ),
);

/** Capitalised phrases after "in" that are documents, programmes or events, not places. */
const NOT_PLACE_PHRASES = /\b(?:Order|Act|Plan|Agenda|Initiative|Strategy|Program|Programme|Law|Bill|Treaty|Agreement|Declaration|Framework|Summit|Forum|Dialogue|Month|Week|Day|Office|Council|Committee|Commission|Congress|Administration|Government)\b/;

function placeLabel(mention: PlaceMention, next: PlaceMention | undefined, text: string): string {
  const gap = next ? text.slice(mention.end, next.start) : "";
  const qualified = next && /^,\s*$/.test(gap) && (next.kind === "country" || next.kind === "region");
  if (qualified) return `${mention.text}, ${next.text}`.replace(/['’]s$/, "");
  // "Washington, D.C." already says where it is.
  if (mention.kind === "city" && mention.country && mention.country !== mention.canonical && !mention.canonical.includes(",")) {
    return `${mention.canonical}, ${mention.country}`;
  }
  return mention.canonical;
}

/** "in Baku" / "at the White House" / "in Phnom Penh, Cambodia" in one sentence, after its meeting verb. */
const CALL_WORDS =
  /\b(?:spoke (?:\w+ ){0,3}(?:with|to|by)|speaks (?:\w+ ){0,3}(?:with|to|by)|call with|calls with|called (?!off\b)(?:\w+ ){0,2}(?:to|with)?|phone|telephone|phoned|telephoned|video ?call|video conference|videoconference|virtual(?:ly)?)\b/i;
const FUTURE_BEFORE = /\b(?:to be|will be|will|would|to)\s+$/i;

export function placeInSentence(sentence: string): string | undefined {
  // A call has no shared place; "the summit to be held in Vilnius" is about the future.
  const call = CALL_WORDS.exec(sentence);
  const verbs = [...sentence.matchAll(new RegExp(PLACE_VERB.source, "gi"))].filter((match) => !FUTURE_BEFORE.test(sentence.slice(0, match.index)));
  const verb = verbs[0];
  if (!verb || call) return undefined;
  const stop = PLACE_STOP_AFTER.exec(sentence.slice(verb.index));
  const scope = stop ? sentence.slice(0, verb.index + stop.index) : sentence;
  const near = new RegExp(`^(?:\\S+\\s+){0,${PLACE_MAX_WORDS_AFTER_VERB}}`).exec(scope.slice(verb.index))?.[0] ?? "";
  const latestStart = verb.index + near.length;
  const mentions = findPlaces(scope, { requireCapital: true }).filter((mention) => mention.kind !== "demonym");
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i]!;
    if (mention.start < verb.index || mention.start > latestStart) continue;
    const before = scope.slice(Math.max(0, mention.start - 40), mention.start);
    const introduced = /\b(?:in|at|to|inside)\s+(?:the\s+)?$/i.test(before) || /\b(?:visited|visits|toured)\s+(?:the\s+)?$/i.test(before);
    if (!introduced || TOPIC_BEFORE_PLACE.test(before)) continue;
    if (/['’]s$/.test(mention.text)) continue; // "in Russia’s war" is not a place of meeting
    return placeLabel(mention, mentions[i + 1], scope);
  }
  // "On June 15, 2023 in Tokyo, Japan, the Advisor met ...": a place set before the verb, in the opening clause.
  const opening = /^(?:On|Today|Yesterday|Earlier|This)\b[^.;]{0,80}?\s(?:in|at)\s+(?:the\s+)?/.exec(sentence);
  if (opening && opening[0].length < verb.index) {
    const at = opening[0].length;
    const here = mentions.findIndex((mention) => mention.start === at && mention.kind !== "organisation");
    if (here >= 0) {
      const next = mentions[here + 1];
      const spaced = next && /^,?\s*$/.test(sentence.slice(mentions[here]!.end, next.start)) && (next.kind === "country" || next.kind === "region");
      return spaced ? `${mentions[here]!.text}, ${next.text}` : placeLabel(mentions[here]!, mentions[here + 1], sentence);
    }
  }
  // A place the gazetteer does not know: "in Veyra", "at Kellsbury City Hall".
  const after = scope.slice(verb.index, latestStart + 40);
  const unknown = /\b(?:in|at)\s+(?:the\s+)?((?:\p{Lu}[\p{L}'’\-]+)(?:\s+(?:of\s+)?\p{Lu}[\p{L}'’\-]+){0,3})(?=[,.;:]|$|\s+(?:on|to|for|with|and|in|at|this|last|today|yesterday|earlier|where|during|from|\d))/u.exec(after);
  if (unknown) {
    const words = unknown[1]!.split(/\s+/);
    const startsNear = verb.index + unknown.index <= latestStart && !TOPIC_BEFORE_PLACE.test(after.slice(0, unknown.index + unknown[0].indexOf(unknown[1]!)));
    if (startsNear && !NOT_PLACES.has(foldWord(words[0]!)) && !/['’]s$/.test(unknown[1]!) && matchTitle(words) === 0 && !NOT_PLACE_PHRASES.test(unknown[1]!)) return unknown[1]!;
  }
  return undefined;
}

const MEETING_ITSELF =
  /\b(?:today['’]s|the|this|their|both|these)\s+(?:meeting|meetings|talks|session|sessions|roundtable|convening|discussion)\s+(?:was\s+|were\s+)?(?:held\s+|took place\s+)?(?=(?:in|at)\s)/i;

/** A known place right after `at` ("in Philadelphia, Pennsylvania", "at the Pentagon"). */
function placeAfter(sentence: string, at: number): string | undefined {
  const mentions = findPlaces(sentence, { requireCapital: true }).filter((mention) => mention.kind !== "demonym");
  const index = mentions.findIndex((mention) => mention.start >= at && /^(?:in|at)\s+(?:the\s+)?$/i.test(sentence.slice(at, mention.start)));
  return index >= 0 ? placeLabel(mentions[index]!, mentions[index + 1], sentence) : undefined;
}

/** "HIROSHIMA, Japan — ..." or "VEYRA, 6 June 2024": the place a report was filed from. */
export function datelinePlace(paragraph: string): string | undefined {
  const match = /^(\p{Lu}[\p{Lu}.'’ -]{1,30}\p{Lu})(?:,\s*(\p{Lu}[\p{L}.'’ -]{1,30}?))?\s*(?:[—–]|--|,\s*\d{1,2}\s+\p{L}+\s+\d{4}\b|,\s*\p{L}+\s+\d{1,2},?\s+\d{4}\b)/u.exec(paragraph);
  if (!match) return undefined;
  const city = match[1]!
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());
  const region = match[2]?.trim();
  if (region && !/\d/.test(region)) return `${city}, ${region}`;
  const country = countryForCity(city);
  return country && country !== city ? `${city}, ${country}` : city;
}

/** Where the meeting took place, from the opening's meeting sentences, then the title. */
export function extractPlace(title: string, paragraphs: readonly string[]): string | undefined {
  // Only the first sentence that reports the meeting: later "in X" is mostly about what was discussed.
  const opening = paragraphs.slice(0, 2).flatMap((paragraph) => splitSentences(paragraph));
  const first = opening.find((sentence) => MEETING_VERB.test(sentence));
  const stated = first ? placeInSentence(first) : undefined;
  const dateline = paragraphs[0] ? datelinePlace(paragraphs[0]) : undefined;
  // A dateline city is more precise than a country the sentence names ("HIROSHIMA, Japan — ... in Japan").
  if (stated && dateline && countryForCity(stated) === undefined && dateline.endsWith(`, ${stated}`)) return dateline;
  if (stated) return stated;
  if (dateline && !(first && CALL_WORDS.test(first))) return dateline;
  // "Both meetings were held at the Pentagon", "Today’s meeting in Philadelphia": a later sentence about the meeting itself.
  for (const sentence of opening) {
    const about = MEETING_ITSELF.exec(sentence);
    if (!about || FUTURE_SENTENCE.test(sentence)) continue;
    const place = placeAfter(sentence, about.index + about[0].length);
    if (place) return place;
  }
  return placeInSentence(title);
}

// ---- participants ----

const HONORIFIC_TITLES = new Set(["his excellency", "her excellency", "his highness", "her highness", "his majesty", "her majesty", "his royal highness", "her royal highness", "sheikh", "sheikha", "his holiness"]);
const HONORIFIC_PREFIX = /^(?:(?:His|Her|Their) (?:Royal )?(?:Majesty|Highness|Excellency|Holiness)\s*)+/;
const NAME_SUFFIXES = new Set(["jr", "sr", "ii", "iii", "iv"]);
const NOT_NAME_WORDS = new Set(
  "the a an on in at of for and or but with by to from during after before today yesterday tomorrow this that these those he she they we it his her their our its who which when where while as also both all each office house government administration republic kingdom ministry department state states council committee union federation embassy people assembly meeting meetings call calls visit summit conference forum session agreement statement readout county city district province".split(
    " ",
  ),
);
/** Words that end a name in a Title Case headline: "Press Secretary Karine Jean-Pierre En Route", "President Biden Designates". */
const HEADLINE_WORDS = new Set(
  `en route aboard via ahead following regarding designates announces announce meets meet signs sign hosts host holds
  calls visits travels delivers participates welcomes nominates names launches unveils joins speaks issues approves
  declares proclaims marks celebrates commemorates honors awards urges congratulates condemns discusses says statement
  remarks readout press gaggle briefing interview call meeting`.split(/\s+/).filter(Boolean),
);
const MONTH_OR_DAY = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
const MEETING_NOUNS =
  /^\s*(?:(?:virtual|phone|video|bilateral|trilateral|first|second|third)\s+)*(?:meeting|meetings|call|calls|phone call|visit|visits|conversation|conversations|trip|travel|discussion|discussions|talks|bilateral|trilateral|engagement|engagements|session|sessions|participation|convening|roundtable|event|remarks|briefing|delegation)\b/i;
/**
 * Where a meeting sentence turns from who met to what about: "to discuss", "regarding", and any
 * purpose "to <verb>" ("led a delegation to Abu Dhabi to offer condolences on the passing of ...")
 * but a meeting verb ("traveled to Kyiv to meet President Zelenskyy").
 */
const SCOPE_STOP_WORDS = /\b(?:to follow up|following up|on (?:his|her|their|the) (?:recent )?(?:call|calls|meeting|meetings|conversation|talks|visit|trip) (?:with|to)|to discuss|discussed|to review|reviewed|to express|expressed|to congratulate|congratulated|to condemn|condemned|regarding|concerning|about|in the wake of)\b/i;
/** Verbs of purpose after "to": what a meeting was for, not who was in it ("to offer condolences on the passing of ..."). */
const PURPOSE = new RegExp(
  `\\bto (?:${[
    "discuss", "review", "express", "congratulate", "condemn", "offer", "reaffirm", "affirm", "highlight", "underscore", "thank",
    "celebrate", "mark", "announce", "launch", "share", "hear", "learn", "honor", "honour", "commemorate", "address", "advance",
    "build", "strengthen", "coordinate", "consult", "prepare", "invite", "ensure", "support", "promote", "emphasize", "emphasise",
    "convey", "request", "urge", "provide", "update", "brief", "seek", "follow", "continue", "explore", "assess", "identify", "deepen",
    "expand", "include", "raise", "reiterate", "recognize", "recognise", "present", "unveil", "sign", "deliver", "showcase", "engage",
    "encourage", "outline", "exchange", "pay", "mourn", "extend", "inform",
  ].join("|")})\\b`,
);

/** The earliest place where a sentence turns to its topic, or undefined. */
function scopeStop(text: string): number | undefined {
  const words = SCOPE_STOP_WORDS.exec(text)?.index;
  const purpose = PURPOSE.exec(text)?.index;
  return words === undefined ? purpose : purpose === undefined ? words : Math.min(words, purpose);
}

function isCapitalisedWord(raw: string): boolean {
  return /^\p{Lu}/u.test(raw);
}

function onlySpaces(text: string): boolean {
  return /^\s*$/.test(text);
}

interface Found {
  name: string;
  title?: string;
  country?: string;
  /** Offset where the mention starts, for ordering. */
  at: number;
}

const COUNTRY_KINDS = new Set(["country", "organisation", "demonym"]);

/** A country/organisation/demonym mention ending right before `start` (allowing a possessive and a parenthetical). */
function countryBefore(text: string, start: number, places: readonly PlaceMention[]): string | undefined {
  for (let i = places.length - 1; i >= 0; i--) {
    const place = places[i]!;
    if (place.end > start) continue;
    if (!COUNTRY_KINDS.has(place.kind)) return undefined;
    const gap = text.slice(place.end, start);
    if (/^\s*\)?\s*(?:\([^()]{1,20}\)\s*)?$/.test(gap)) return place.country ?? place.canonical;
    return undefined;
  }
  return undefined;
}

/** "of Japan", "of the Republic of Korea", ", NATO" right after `end`. */
function countryAfter(text: string, end: number, places: readonly PlaceMention[]): string | undefined {
  const after = /^,?\s+of\s+(?:the\s+)?/i.exec(text.slice(end));
  if (!after) return undefined;
  const at = end + after[0].length;
  const place = places.find((mention) => mention.start === at);
  if (place && (place.kind === "country" || place.kind === "organisation")) return place.canonical;
  return undefined;
}

interface NameRun {
  name: string;
  end: number;
  nextToken: number;
  possessive: boolean;
}

/** Capitalised words from token `i` on, with particles, initials and a Jr./Sr. suffix. */
function readName(text: string, tokens: readonly WordToken[], i: number, places: readonly PlaceMention[]): NameRun | undefined {
  // "Director Dr. Rahul Gupta": the honorific is not part of the name; nor a rank ("Chief Bill Brooks, Chair of ...").
  if (i + 1 < tokens.length && HONORIFIC_WORDS.has(tokens[i]!.key) && text[tokens[i]!.end] === ".") i++;
  else if (i + 1 < tokens.length && RANK_WORDS.has(tokens[i]!.key) && onlySpaces(text.slice(tokens[i]!.end, tokens[i + 1]!.start)) && isCapitalisedWord(tokens[i + 1]!.raw)) i++;
  let j = i;
  let last = -1;
  const placeStarts = new Set(places.filter((place) => place.kind !== "city").map((place) => place.start));
  if (placeStarts.has(tokens[i]?.start ?? -1)) return undefined;
  // A name never starts with an office: "the European Commission President, and ..." has no name.
  if (matchTitle(tokens.slice(i, i + 6).map((t) => t.raw), 0, { open: false }) > 0) return undefined;
  while (j < tokens.length && j - i < 6) {
    const token = tokens[j]!;
    if (j > i) {
      const gap = text.slice(tokens[j - 1]!.end, token.start);
      const previous = tokens[j - 1]!;
      const initialGap = /^\p{Lu}$/u.test(previous.raw) && /^\.\s*$/.test(gap);
      const suffixGap = /^,?\s+$/.test(gap) && NAME_SUFFIXES.has(token.key.replace(/\.$/, ""));
      if (!(onlySpaces(gap) && gap.length <= 2) && !initialGap && !suffixGap) break;
      // The name ended with a possessive ("Harris’ meeting") — unless an apostrophe stands for a letter ("Shia’ al-Sudani").
      if (/['’]s?$/.test(previous.raw) && !(/['’]$/.test(previous.raw) && /^(?:al|el|ad|as|an)-\p{Lu}/u.test(token.raw))) break;
    }
    const key = token.key;
    if (NAME_SUFFIXES.has(key) && j > i) {
      last = j;
      j++;
      break;
    }
    // An initial: "Charlotte A. Burrows" (not the article "a").
    if (j > i && /^\p{Lu}$/u.test(token.raw) && text[token.end] === ".") {
      last = j;
      j++;
      continue;
    }
    if (isCapitalisedWord(token.raw)) {
      if (NOT_NAME_WORDS.has(key) || MONTH_OR_DAY.test(key) || (j > i && HEADLINE_WORDS.has(key))) break;
      if (j > i && placeStarts.has(token.start)) break;
      if (j > i && matchTitle(tokens.slice(j, j + 6).map((t) => t.raw), 0, { open: false }) > 0 && !/^\p{Lu}$/u.test(token.raw)) break;
      last = j;
      j++;
      continue;
    }
    if (j > i && /^(?:al|el|bin|ibn|ul|ad|as|abu|ben)-\p{Lu}/u.test(token.raw)) {
      // "Sayyid Badr al-Busaidi"
      last = j;
      j++;
      continue;
    }
    // "bin Zayed", "von der Leyen": particles, one or two, then a capitalised word.
    const particles = NAME_PARTICLES.has(key) ? (j + 1 < tokens.length && NAME_PARTICLES.has(tokens[j + 1]!.key) ? 2 : 1) : 0;
    if (particles > 0 && j > i && j + particles < tokens.length && isCapitalisedWord(tokens[j + particles]!.raw)) {
      j += particles - 1;
      j++;
      continue;
    }
    break;
  }
  if (last < i) return undefined;
  const first = tokens[i]!;
  const lastToken = tokens[last]!;
  let end = lastToken.end;
  // "R." and "Jr." keep their full stop.
  if (text[end] === "." && (/^\p{Lu}$/u.test(lastToken.raw) || NAME_SUFFIXES.has(lastToken.key))) end++;
  let name = text.slice(first.start, end);
  const possessive = /['’]s?$/.test(lastToken.raw);
  name = name.replace(/['’]s?$/, "").replace(/\s+/g, " ").trim();
  if (name.length < 2 || !/\p{Ll}/u.test(name)) return undefined; // all capitals: an acronym, not a name
  // "the Small Business Administration", "Nursing Services": words of an organisation's name.
  if (!possessive && (ORGANISATION_AFTER.test(text.slice(end)) || (last > i && INSTITUTION_WORD.test(lastToken.raw)))) return undefined;
  return { name, end, nextToken: last + 1, possessive };
}

const TITLE_CONNECTORS = new Set(["to", "of", "the", "for", "and", "&"]);

/** Words that make "of X" an organisation rather than a country: "of the Foreign Affairs Committee". */
const INSTITUTION_WORD =
  /\b(?:Administration|Agency|Office|Council|Department|Ministry|Committee|Commission|Bureau|Board|Service|Services|Institute|Center|Centre|Centers|Foundation|Association|Union|Network|Group|Corporation|Company|Authority|Program|Programme|Fund|Bank|University|College|School|Society|League|Coalition|Alliance|Organization|Organisation|Party|Caucus|Court|Force|Forces|Team|Initiative|Project|Campaign|Trust|Partnership|Forum|Club|Assembly|Parliament|Congress|Senate|House|Police|Staff|Cabinet|Government|Chamber|Council|Secretariat|Mission|Embassy|Consulate)\b/u;

/** Capitalised words that end with an institution noun, then a capitalised word: " Food and Drug Administration| Dr. Janet ...". */
const ORGANISATION_NAME = new RegExp(`^\\s+(?:\\p{Lu}[\\p{L}'’-]*\\s+(?:(?:and|&|of|for|the)\\s+)*){0,5}${INSTITUTION_WORD.source}(?=\\s+\\p{Lu})`, "u");

/** What follows the capitalised words of an organisation's name, not a person's: "Small Business| Administration". */
const ORGANISATION_AFTER = new RegExp(`^\\s+${INSTITUTION_WORD.source}`, "u");

/** Walk back from the title at token `i` over capitalised words and connectors, to where the whole office starts. */
function extendTitleBack(
  text: string,
  tokens: readonly WordToken[],
  i: number,
  places: readonly PlaceMention[],
): { start: number; country?: string } | undefined {
  let k = i - 1;
  let start = i;
  while (k >= 0 && /^ {1,2}$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))) {
    const token = tokens[k]!;
    if (places.some((place) => place.end === token.end && COUNTRY_KINDS.has(place.kind))) break;
    if (isCapitalisedWord(token.raw)) start = k;
    else if (!TITLE_CONNECTORS.has(token.key)) break;
    k--;
  }
  if (start === i) return undefined;
  const country = countryBefore(text, tokens[start]!.start, places);
  return { start: tokens[start]!.start, ...(country ? { country } : {}) };
}

/** Ranks written before a name that are no part of it: "Chief Bill Brooks", "Detective Ana Ruiz". */
const RANK_WORDS = new Set(["chief", "captain", "sergeant", "detective", "officer", "deputy", "corporal", "trooper"]);

/** Honorifics and abbreviated ranks written with a full stop before a name: "Dr. Rahul Gupta", "Gen. Mark A. Milley". */
const HONORIFIC_WORDS = new Set(["dr", "mr", "mrs", "ms", "prof", "gen", "adm", "lt", "col", "maj", "capt", "sgt", "rev", "sen", "rep", "gov", "amb", "hon"]);

interface Apposition {
  /** The office as written after the comma: "Minister of Economy of the Federal Republic of Serrania". */
  office: string;
  /** Offset in the text where it ends. */
  end: number;
  /** Words of the official title it starts with ("Minister of Economy": 3). */
  titleLength: number;
}

/** The clause after an apposition's comma, up to the next punctuation ("U.S." and other dotted acronyms inside it). */
const APPOSITION_CLAUSE = /^(?:\p{Lu}\.(?:\p{Lu}\.)+|[^,.;:()])+/u;

/** "Tom Perez, Senior Advisor to the President & Director of ..., " — a name, a comma, then the office. */
function appositiveTitle(text: string, tokens: readonly WordToken[], run: NameRun, titleAt: (k: number) => number, places: readonly PlaceMention[]): Apposition | undefined {
  const comma = tokens[run.nextToken];
  if (!comma || !/^,\s+$/.test(text.slice(run.end, comma.start))) return undefined;
  // "Leo Varadkar, the Taoiseach of Ireland": the office is introduced by "the".
  if (comma.key === "the" && run.nextToken + 1 < tokens.length && /^ $/.test(text.slice(comma.end, tokens[run.nextToken + 1]!.start))) {
    const m = titleAt(run.nextToken + 1);
    // "Isabel Guzmán, the Deputy Secretary of the Treasury Wally Adeyemo, ...": a list, the office is the next person's.
    const nameAfter = tokens[run.nextToken + 1 + m];
    if (m > 0 && nameAfter && onlySpaces(text.slice(tokens[run.nextToken + m]!.end, nameAfter.start)) && readName(text, tokens, run.nextToken + 1 + m, places)) return undefined;
    if (m > 0) {
      const end = tokens[run.nextToken + m]!.end;
      return { office: text.slice(tokens[run.nextToken + 1]!.start, end), end, titleLength: m };
    }
    return undefined;
  }
  const next = comma;
  if (!isCapitalisedWord(next.raw)) return undefined;
  const n = titleAt(run.nextToken);
  if (n === 0) return undefined;
  // "Chief of Cabinet Nicolas Posse, Economy Minister Luis Caputo": the title opens the next person, not an apposition.
  const after = tokens[run.nextToken + n];
  if (
    after &&
    /^ {1,2}$/.test(text.slice(tokens[run.nextToken + n - 1]!.end, after.start)) &&
    isCapitalisedWord(after.raw) &&
    !TITLE_CONNECTORS.has(after.key) &&
    readName(text, tokens, run.nextToken + n, places) !== undefined
  ) {
    return undefined;
  }
  const rest = text.slice(next.start);
  const clause = APPOSITION_CLAUSE.exec(rest)?.[0].trim() ?? "";
  const matchedEnd = tokens[run.nextToken + n - 1]!.end;
  const matched = text.slice(next.start, matchedEnd);
  // "..., Deputy Assistant to the President and Middle East Coordinator Brett McGurk": the clause ends with the next person.
  if (/\b(?:Advisor|Adviser|Coordinator|Director|Secretary|Minister|Ambassador|President|Administrator|Envoy|Chair|Counselor|Member)\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$/u.test(clause)) {
    return undefined;
  }
  // "Jennifer Klein, Director of the Gender Policy Council and Zayn Siddique, Deputy Assistant ...": the next person ends it.
  const nextPerson = /\s+and\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})$/u.exec(clause);
  const afterClause = tokens.findIndex((token) => token.start >= next.start + clause.length);
  const nextApposition = afterClause > 0 && /^,\s+$/.test(text.slice(next.start + clause.length, tokens[afterClause]!.start)) && titleAt(afterClause) > 0;
  const personWords = nextPerson ? nextPerson[1]!.split(/\s+/) : [];
  const isPerson = personWords.length > 0 && personWords.every((_, k) => matchTitle(personWords, k) === 0);
  const office = nextPerson && isPerson && nextApposition && next.start + nextPerson.index >= matchedEnd ? clause.slice(0, nextPerson.index) : clause;
  const words = office.split(/\s+/).length;
  if (words <= 14 && office.length >= matched.length) return { office, end: next.start + office.length, titleLength: n };
  return { office: matched, end: matchedEnd, titleLength: n };
}

/** Leading words of a state's formal name: "the Federal Republic of", "the Kingdom of". */
const STATE_FORM = /^(?:(?:Federal|Democratic|People['’]s|Islamic|United|Socialist|Arab|Plurinational|Bolivarian|Federative|Hashemite|Grand|Co-operative|Cooperative)\s+)*(?:Republic|Kingdom|Principality|Sultanate|Emirate|Commonwealth|State|Grand Duchy|Duchy)\s+of\s+/u;

/** A state's form that may end a country's name the gazetteer does not know: "the Tavoran Federation". */
const STATE_NOUN = /^(?:Federation|Republic|Kingdom|Union|Emirates|Islands|Confederation|Commonwealth)$/u;

/**
 * An apposition's office and the country it ends with: "Minister of Trade of Lindmark" → "Minister
 * of Trade" of "Lindmark"; "Federal Minister of Defense of Germany" → "Federal Minister of Defense"
 * of Germany; "Minister of Economy of the Federal Republic of Serrania" → of "Serrania"; "Attorney
 * General of Nevada" → of Nevada. An organisation ("Chair of the Foreign Affairs Committee",
 * "Director of the Office of Gun Violence Prevention") stays part of the office. A country the
 * gazetteer does not know is taken as written when it looks like one: one proper name, or a people's
 * name and a state noun.
 */
function officeAndCountry(office: string, titleLength: number, places: readonly PlaceMention[], officeStart: number): { title: string; country?: string } {
  const titleEnd = wordTokens(office)[titleLength - 1]?.end ?? office.length;
  const officeEnd = officeStart + office.length;
  for (const of of office.matchAll(/\s+of\s+(?:the\s+)?/g)) {
    if (of.index < titleEnd - 1) continue;
    const head = office.slice(0, of.index);
    const phrase = office.slice(of.index + of[0].length);
    const phraseStart = officeStart + of.index + of[0].length;
    // "the Office of X", "the Alaska Federation of Natives": the rest names an organisation.
    const last = head.split(/\s+/).pop() ?? "";
    if (INSTITUTION_WORD.test(last) || STATE_NOUN.test(last)) return { title: office };
    const known = places.find((place) => place.start === phraseStart && place.end >= officeEnd - 1 && (place.kind === "country" || place.kind === "organisation" || place.kind === "region"));
    if (known) return { title: head, country: known.kind === "region" ? known.text : known.canonical };
    const bare = phrase.replace(STATE_FORM, "");
    const words = bare.split(/\s+/);
    const proper = words.every((word) => /^\p{Lu}\p{Ll}/u.test(word) && !isPortfolioWord(word) && !INSTITUTION_WORD.test(word));
    if (proper && (words.length === 1 || (words.length === 2 && STATE_NOUN.test(words[1]!)))) return { title: head, country: bare };
  }
  return { title: office };
}

/** People in one stretch of text (a headline or a meeting sentence). */
export function peopleInText(text: string, options: { headline?: boolean; subjectTitle?: string } = {}): Found[] {
  const tokens = wordTokens(text);
  const places = findPlaces(text, { requireCapital: true });
  const words = tokens.map((token) => token.raw);
  // A title never spans punctuation: "Yesterday, National Climate Advisor" starts after the comma.
  const runEnd = new Array<number>(tokens.length).fill(0);
  for (let k = tokens.length - 1; k >= 0; k--) {
    const next = tokens[k + 1];
    runEnd[k] = next && /^ {1,2}$/.test(text.slice(tokens[k]!.end, next.start)) && !/['’]s?$/.test(tokens[k]!.raw) ? runEnd[k + 1]! : k;
  }
  const insidePlace = new Set<number>();
  for (const place of places) for (const t of tokens) if (t.start > place.start && t.start < place.end) insidePlace.add(t.start);
  const keys = tokens.map((token) => token.key);
  const titleAt = (k: number) => (k < tokens.length ? matchTitle(words, k, { keys, end: runEnd[k]! + 1 }) : 0);
  const found: Found[] = [];
  let subjectTitle = options.subjectTitle;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;

    // "his Belarusian counterpart Aleksandr Lukashenko"
    if (token.key === "counterpart" || token.key === "counterparts") {
      // "his Belarusian counterpart"; a country the gazetteer does not know is taken as written ("his Lindmark counterpart").
      const previous = tokens[i - 1];
      const written =
        previous && isCapitalisedWord(previous.raw) && /^ $/.test(text.slice(previous.end, token.start)) && !NOT_NAME_WORDS.has(previous.key)
          ? previous.raw.replace(/['’]s$/, "")
          : undefined;
      const country = countryBefore(text, token.start, places) ?? written;
      const name = i + 1 < tokens.length && onlySpaces(text.slice(token.end, tokens[i + 1]!.start)) ? readName(text, tokens, i + 1, places) : undefined;
      if (name && country) {
        found.push({ name: name.name, country, at: token.start, ...(subjectTitle ? { title: subjectTitle } : {}) });
        i = name.nextToken;
        continue;
      }
    }

    // News style lowercases an office after a demonym: "Belarusian leader Alyaksandr Lukashenka", "Chinese president Xi".
    const lowercaseOffice = !isCapitalisedWord(token.raw) && countryBefore(text, token.start, places) !== undefined && titleAt(i) > 0;
    if (!isCapitalisedWord(token.raw) && !lowercaseOffice) {
      i++;
      continue;
    }

    // "Presidents Aliyev and Lukashenko"
    if (/s$/.test(token.raw) && token.raw.length > 3) {
      // Titles are short: a window of the words that follow is enough.
      const singular = [token.raw.slice(0, -1), ...words.slice(i + 1, i + 16)];
      const twoWord = i + 1 < tokens.length ? [token.raw, tokens[i + 1]!.raw.replace(/s$/, ""), ...words.slice(i + 2, i + 16)] : [];
      // "Attorneys General": the plural is on the first word.
      const firstPlural = i + 1 < tokens.length ? [token.raw.slice(0, -1), tokens[i + 1]!.raw, ...words.slice(i + 2, i + 16)] : [];
      const n =
        matchTitle(singular) === 1
          ? 1
          : twoWord.length > 0 && matchTitle(twoWord) === 2 && /s$/.test(tokens[i + 1]!.raw)
            ? 2
            : firstPlural.length > 0 && matchTitle(firstPlural, 0, { open: false }) === 2
              ? -2
              : 0;
      if (n !== 0) {
        const title =
          n === 1 ? token.raw.slice(0, -1) : n === 2 ? `${token.raw} ${tokens[i + 1]!.raw.slice(0, -1)}` : `${token.raw.slice(0, -1)} ${tokens[i + 1]!.raw}`;
        let j = i + Math.abs(n);
        const names: NameRun[] = [];
        // "Presidents Aliyev and Lukashenko"; not "Board of Directors; Keely Cat-Wells, Founder" (a list goes on after the title).
        while (j < tokens.length && (names.length > 0 || onlySpaces(text.slice(tokens[j - 1]!.end, tokens[j]!.start)))) {
          const run = readName(text, tokens, j, places);
          if (!run) break;
          names.push(run);
          j = run.nextToken;
          // "Dana Nessel of Michigan and Keith Ellison of Minnesota"
          const of = /^\s+of\s+/.exec(text.slice(run.end));
          if (of) {
            const place = places.find((mention) => mention.start === run.end + of[0].length);
            if (place) while (j < tokens.length && tokens[j]!.start < place.end) j++;
          }
          const joiner = tokens[j];
          if (joiner && (joiner.key === "and" || /^\s*,\s*$/.test(text.slice(run.end, joiner.start)))) {
            if (joiner.key === "and") j++;
            continue;
          }
          break;
        }
        if (names.length >= 2) {
          for (const run of names) found.push({ name: run.name, title, at: token.start });
          i = j;
          continue;
        }
      }
    }

    // "Sri Lankan National Security Advisor": a title never starts inside a place name.
    const titleLength = insidePlace.has(token.start) ? 0 : titleAt(i);
    if (titleLength === 0) {
      // "Dr. Edward Glaeser", "Tom Perez, Senior Advisor to the President"
      const honorific = HONORIFIC_WORDS.has(token.key) && text[token.end] === "." && i + 1 < tokens.length;
      const run = readName(text, tokens, honorific ? i + 1 : i, places);
      if (run && run.name.split(/\s+/).length >= 2 && !run.possessive) {
        const apposition = appositiveTitle(text, tokens, run, titleAt, places);
        if (apposition || honorific) {
          const officeEnd = apposition ? apposition.end : -1;
          const stated = apposition ? officeAndCountry(apposition.office, apposition.titleLength, places, officeEnd - apposition.office.length) : undefined;
          const office = stated?.title;
          const country = apposition ? (countryBefore(text, tokens[run.nextToken]!.start, places) ?? stated?.country ?? countryAfter(text, officeEnd, places)) : undefined;
          found.push({ name: run.name, at: token.start, ...(office ? { title: office } : {}), ...(country ? { country } : {}) });
          // The office's own words ("Director of the Office of Political Strategy and Outreach") name nobody,
          // nor does the organisation a list item gives after it ("Kenneth Chenault, Chairman, General Catalyst; ...").
          i = run.nextToken;
          while (apposition && i < tokens.length && tokens[i]!.start < officeEnd) i++;
          const organisation = apposition ? /^,\s+(\p{Lu}[^,;.()]{0,80})(?=;|\.?\s*$)/u.exec(text.slice(officeEnd)) : null;
          if (organisation) while (i < tokens.length && tokens[i]!.start < officeEnd + organisation[0].length) i++;
          continue;
        }
      }
      i++;
      continue;
    }
    // A chain of titles: "His Highness President Sheikh", "Crown Prince and Prime Minister".
    const titleStart = token.start;
    let j = i;
    const parts: string[] = [];
    while (j < tokens.length) {
      // Titles in a chain follow each other: "Chair of the Board; Sheriff Peter ..." is two people's.
      if (j > i && !/^\s*[,&/]?\s*$/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
      const n = titleAt(j);
      if (n === 0) break;
      const raw = text.slice(tokens[j]!.start, tokens[j + n - 1]!.end).replace(HONORIFIC_PREFIX, "");
      if (raw && !HONORIFIC_TITLES.has(raw.toLowerCase())) parts.push(raw);
      j += n;
      const joiner = tokens[j];
      if (joiner?.key === "and" && j + 1 < tokens.length && titleAt(j + 1) > 0 && isCapitalisedWord(tokens[j + 1]!.raw)) {
        j++;
        continue;
      }
    }
    // A lowercase office ("Belarusian leader") is written as a title.
    let title = parts.map((part) => (/^\p{Ll}/u.test(part) ? part.replace(/(^|\s)(\p{Ll})/gu, (_, lead: string, ch: string) => lead + ch.toUpperCase()) : part)).join(" and ") || undefined;
    let country = countryBefore(text, titleStart, places);
    // "Ambassador to Israel Tom Nides", "Advisor for International Economics Mike Pyle", "Coordinator for Gaza Sigrid Kaag".
    if (title && j < tokens.length && (tokens[j]!.key === "to" || tokens[j]!.key === "for") && /^ $/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) {
      let k = j + 1;
      if (tokens[k]?.key === "the") k++;
      const place = places.find((mention) => mention.start === tokens[k]?.start && COUNTRY_KINDS.has(mention.kind) && mention.kind !== "demonym");
      let end = k;
      if (place) {
        while (end < tokens.length && tokens[end]!.start < place.end) end++;
      } else {
        while (end < tokens.length && end - k < 5 && isCapitalisedWord(tokens[end]!.raw) && (isPortfolioWord(tokens[end]!.raw) || (end > k && TITLE_CONNECTORS.has(tokens[end]!.key)))) end++;
      }
      const spaced = end > k && tokens.slice(j, end).every((token, offset) => offset === 0 || /^ {1,2}$/.test(text.slice(tokens[j + offset - 1]!.end, token.start)));
      if (spaced && end < tokens.length && isCapitalisedWord(tokens[end]!.raw)) {
        title = `${title} ${text.slice(tokens[j]!.start, tokens[end - 1]!.end)}`;
        j = end;
      }
    }
    // "Diplomatic Counselor to the President", "Head of the Office of the President": the office belongs to the longer title.
    if (title && /\b(?:to|of|for) the\s+$/.test(text.slice(Math.max(0, titleStart - 12), titleStart))) {
      const extended = extendTitleBack(text, tokens, i, places);
      if (extended) {
        title = text.slice(extended.start, tokens[j - 1]!.end);
        country = extended.country ?? country;
      }
    }
    const titleTextEnd = tokens[j - 1]!.end;
    // "President of France Emmanuel Macron"
    const ofCountry = countryAfter(text, tokens[j - 1]!.end, places);
    if (ofCountry) {
      const place = places.find((mention) => mention.canonical === ofCountry && mention.start > tokens[j - 1]!.end);
      if (place) {
        country ??= ofCountry;
        while (j < tokens.length && tokens[j]!.start < place.end) j++;
      }
    }
    // "Commissioner of the U.S. Food and Drug Administration Dr. Janet Woodcock": after "of <country>", an organisation's name ends the office.
    const organisation = ofCountry && tokens[j - 1]!.end > titleTextEnd ? ORGANISATION_NAME.exec(text.slice(tokens[j - 1]!.end)) : null;
    if (title && organisation) {
      const end = tokens[j - 1]!.end + organisation[0].length;
      title = `${title}${text.slice(titleTextEnd, end)}`.replace(/\s+/g, " ");
      while (j < tokens.length && tokens[j]!.start < end) j++;
    }
    // "the President’s Meeting": an office in the possessive names nobody after it.
    if (/['’]s?$/.test(tokens[j - 1]!.raw)) {
      i = Math.max(j, i + 1);
      continue;
    }
    const gapToName = j < tokens.length ? text.slice(tokens[j - 1]!.end, tokens[j]!.start) : "";
    let run = j < tokens.length && onlySpaces(gapToName) && gapToName.length <= 2 ? readName(text, tokens, j, places) : undefined;
    // "The Minister of Trade and Industry, Ilse Marrow, held ...": the office, then the name between commas.
    // "Polish Secretary of State, Head of the National Security Bureau, Jacek Siewiera."
    if (!run && gapToName === ", " && (country !== undefined || /(?:\b(?:the|The)|['’]s?)\s+$/.test(text.slice(Math.max(0, titleStart - 20), titleStart)))) {
      const named = readName(text, tokens, j, places);
      if (named && named.name.split(/\s+/).length >= 2 && !named.possessive && /^(?:[,.;)]|\s*$)/.test(text.slice(named.end))) run = named;
    }
    if (!run) {
      i = Math.max(j, i + 1);
      continue;
    }
    // "President Putin’s war", "President Milei of Argentina’s administration": named in passing, not present.
    const ofPossessive = /^,?\s+of\s+(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s+){0,4}\p{Lu}[\p{L}-]*['’]s\b/u.exec(text.slice(run.end));
    // "of the People’s Republic of China" is a country, not a possessive.
    const ofCountryName = ofPossessive ? places.some((place) => place.start > run.end && place.start <= run.end + ofPossessive[0].length && place.end > run.end + ofPossessive[0].length) : false;
    const possessiveCountry = ofPossessive !== null && !ofCountryName;
    // In a headline, "President Biden’s Meeting with ..." names the subject; "President Biden’s Special Advisor’s Trip" does not.
    const skipPossessive = (run.possessive || possessiveCountry) && !MEETING_NOUNS.test(text.slice(run.end));
    if (!skipPossessive) {
      country ??= countryAfter(text, run.end, places);
      found.push({ name: run.name, at: titleStart, ...(title ? { title } : {}), ...(country ? { country } : {}) });
      if (title && subjectTitle === undefined) subjectTitle = title;
    }
    i = run.nextToken;
  }
  return found;
}

/** Does a mention name an already found participant? "Biden" names "Joseph R. Biden, Jr.", "Yoon" names "Yoon Suk Yeol". */
function samePerson(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a.join(" ") === b.join(" ")) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length === 1) return longer[0] === shorter[0] || longer[longer.length - 1] === shorter[0];
  // "López Obrador" in "Andrés Manuel López Obrador", "Mohamed bin Zayed" in "Mohamed bin Zayed Al Nahyan".
  const joined = ` ${longer.join(" ")} `;
  const part = ` ${shorter.join(" ")} `;
  if (joined.startsWith(part) || joined.endsWith(part)) return true;
  // Two full names: same first and last word ("Hamad bin Isa Al Khalifa" and "Hamad Al Khalifa").
  return shorter[0] === longer[0] && shorter[shorter.length - 1] === longer[longer.length - 1];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function mergeParticipants(found: readonly Found[]): Participant[] {
  const merged: Array<{ words: string[]; participant: Participant }> = [];
  for (const person of found) {
    const words = nameKey(person.name).split(" ").filter(Boolean);
    if (words.length === 0) continue;
    const existing = merged.find((entry) => samePerson(entry.words, words));
    if (!existing) {
      merged.push({
        words,
        participant: { name: person.name, ...(person.title ? { title: person.title } : {}), ...(person.country ? { country: person.country } : {}) },
      });
      continue;
    }
    const participant = existing.participant;
    if (words.length > existing.words.length && words.length <= 6) {
      participant.name = person.name;
      existing.words = words;
    }
    // "Minister" in the headline, "Minister of Trade and Industry" in the text: the fuller office wins.
    if (person.title && (!participant.title || (person.title.length > participant.title.length && new RegExp(`\\b${escapeRegExp(participant.title)}\\b`, "i").test(person.title)))) {
      participant.title = person.title;
    }
    if (!participant.country && person.country) participant.country = person.country;
  }
  return merged.map((entry) => entry.participant);
}

/** The part of a meeting sentence that names who met, before what they discussed. */
function meetingScope(sentence: string): string | undefined {
  const verb = MEETING_VERB.exec(sentence);
  if (!verb) return undefined;
  const stop = scopeStop(sentence.slice(verb.index));
  return stop !== undefined ? sentence.slice(0, verb.index + stop) : sentence;
}

const PARTICIPATION_VERB = /\b(?:met|meet|meets|spoke|speaks|called|hosted|hosts|welcomed|welcomes|received|convened|visited|joined|joining|participated|attended|talked|phoned|telephoned)\b/i;

/** "welcomed the upcoming visit by ...", "will meet": people who have not met yet. */
const FUTURE_SENTENCE = /\b(?:upcoming|will|next (?:week|month|year)|plans? to|looks? forward|later this (?:week|month|year))\b/i;

const PARTICIPANT_LIST = /^(?:(?:[\p{L}.]+\s+){0,3}participants|attendees|(?:the\s+)?delegation)\b[^:]{0,60}:/iu;

export interface ParticipantInput {
  title: string;
  paragraphs: readonly string[];
  /** The publisher's own country, given to the headline's subject when the text states none. */
  publisherCountry?: string;
}

/** People who took part, from the headline, the opening's meeting sentences and any participant list. */
export function extractParticipants(input: ParticipantInput): Participant[] {
  const found: Found[] = [];
  const headline = peopleInText(input.title, { headline: true });
  found.push(...headline);
  const subjectTitle = headline[0]?.title;
  const opening = input.paragraphs.slice(0, input.paragraphs[0] && input.paragraphs[0].split(/\s+/).length < 25 ? 2 : 1);
  let firstSentence = true;
  for (const paragraph of opening) {
    for (const sentence of splitSentences(paragraph)) {
      // The opening sentence of a report names who took part, whatever its verb ("... led a White House event").
      // Later sentences count only when a verb says someone took part ("They were joined by ..."), not a noun ("at their meeting").
      // "welcomed the upcoming visit by X" names someone who has not met yet; "spoke with X, who will travel" has.
      const future = firstSentence ? null : FUTURE_SENTENCE.exec(sentence);
      const present = future ? sentence.slice(0, future.index) : sentence;
      const taking = firstSentence || PARTICIPATION_VERB.test(present);
      const scope = taking ? (meetingScope(present) ?? (firstSentence ? present.slice(0, scopeStop(present)) : undefined)) : undefined;
      firstSentence = false;
      if (scope) found.push(...peopleInText(scope, subjectTitle ? { subjectTitle } : {}));
    }
  }
  for (const paragraph of input.paragraphs) {
    if (PARTICIPANT_LIST.test(paragraph)) found.push(...peopleInText(paragraph, subjectTitle ? { subjectTitle } : {}));
  }
  const participants = mergeParticipants(found);
  // A readout's subject ("Readout of President Biden’s Call with ...") is the publisher's own official.
  if (input.publisherCountry) {
    const withAt = input.title.search(/\s(?:with|and the)\s/i);
    const subjects = headline.filter((person) => withAt > 0 && person.at < withAt);
    for (const subject of subjects) {
      const words = nameKey(subject.name).split(" ");
      const match = participants.find((participant) => samePerson(nameKey(participant.name).split(" "), words));
      if (match && !match.country) match.country = input.publisherCountry;
    }
  }
  return participants;
}

/** The publisher's country from a source URL, for official sites whose officials need no "of <country>". */
export function publisherCountry(sourceUrl: string | undefined): string | undefined {
  if (!sourceUrl) return undefined;
  let host: string;
  try {
    host = new URL(sourceUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (/(?:^|\.)(?:whitehouse|state|defense|treasury|commerce|usaid)\.gov$/.test(host) || host === "bidenwhitehouse.archives.gov" || host.endsWith(".archives.gov")) {
    return "United States";
  }
  if (host.endsWith(".gov.uk")) return "United Kingdom";
  return undefined;
}
