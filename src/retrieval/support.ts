/**
 * Does the retrieved evidence support an answer? Both answerers ask this before
 * they write anything, so that "I couldn't find this" is said whenever the
 * articles do not name what the question asks about.
 */
import { findPlaces } from "../text/gazetteer.js";
import { regionWords } from "../text/regions.js";
import { askedRegions } from "./question-shape.js";
import { editDistance } from "../text/names.js";
import { isCommonWord, isDictionaryWord } from "./english.js";
import { entitiesOf, matchEntities, profileOf, termCoverage, type EntityQuery, type TextProfile } from "./evidence.js";
import { inRange } from "./hybrid-retriever.js";
import { RunnableLambda } from "@langchain/core/runnables";
import { ABSTENTION, type AnswerDraft, type Answerer, type AnswererInput, type Passage, type QueryAnalysis } from "./types.js";

export interface SupportAssessment {
  supported: boolean;
  /** Why the evidence does not support an answer (for logs and the evaluation report). */
  reason?: string;
  /** Passages that name everything the question asks about, in rank order. */
  passages: Passage[];
  /** The subset whose article is about those people (title or participants), not just mentioning them. */
  about: Passage[];
}

export function articleProfile(passage: Passage): TextProfile {
  return profileOf([passage.title, ...passage.participants, passage.place ?? ""].join(" \n "));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Places the question says the meeting happened at ("in Munich", "at Windsor
 * Castle"). A place named otherwise ("the steering committee for the White
 * House") does not have to be in the evidence.
 */
export function requiredPlaces(question: string, places: string[]): string[] {
  return places.filter((place) =>
    new RegExp(`\\b(?:in|at|to|near|inside|outside|from)\\s+(?:the\\s+)?${escapeRegExp(place).replace(/\s+/g, "\\s+")}`, "i").test(question),
  );
}

/** Each entity of the question on its own, so that each can be found in the paragraph or the article. */
function eachEntity(query: QueryAnalysis): EntityQuery[] {
  const surnames = query.surnames ? { surnames: query.surnames } : {};
  return [
    ...query.people.map((person) => ({ people: [person], countries: [], places: [], ...surnames })),
    ...query.countries.map((country) => ({ people: [], countries: [country], places: [] })),
    ...requiredPlaces(query.question, query.places).map((place) => ({ people: [], countries: [], places: [place] })),
  ];
}

/** Passages whose paragraph or article names every person, country and place asked about, within the asked dates. */
export function supportingPassages(query: QueryAnalysis, passages: Passage[]): Passage[] {
  const asked = eachEntity(query);
  const names = otherNames(query.question, query);
  return passages.filter((passage) => {
    if (query.dateRange && !inRange(passage.date, query.dateRange)) return false;
    const text = profileOf(passage.text);
    const header = articleProfile(passage);
    if (!asked.every((entity) => matchEntities(text, entity).found > 0 || matchEntities(header, entity).found > 0)) return false;
    if (names.length === 0) return true;
    const evidence = profileOf(evidenceText(passage));
    return names.every((name) => mentionedIn(name, evidence));
  });
}

/** Passages whose article title or participants name every person asked about. */
export function passagesAbout(query: QueryAnalysis, passages: Passage[]): Passage[] {
  if (query.people.length === 0) return passages;
  const people = entitiesOf(query, { countries: false, places: false });
  return passages.filter((passage) => matchEntities(articleProfile(passage), people).found === query.people.length);
}

const STOP_CAPITALS = new Set(
  (
    "what when where who whom which why how did does do was were is are and the a an in on at of for with to from " +
    "i me my we our you your he she they it his her their its president prime minister vice secretary chancellor " +
    "king queen prince emir sultan general ambassador senator governor mayor advisor adviser leader summit meeting " +
    "call readout monday tuesday wednesday thursday friday saturday sunday january february march april may june july " +
    "august september october november december mr mrs ms dr last first latest list tell show give"
  ).split(" "),
);

/**
 * Names in the question that the evidence never mentions: capitalised words
 * ("Tonga"), and lowercase words that are no English word ("lukashenko").
 */
export function unknownNames(question: string, query: QueryAnalysis, passages: Passage[]): string[] {
  const evidence = profileOf(passages.map(evidenceText).join("\n"));
  return otherNames(question, query).filter((word) => !mentionedIn(word, evidence));
}

/** What a passage and its article say: title, participants, the article's opening and the paragraph. */
function evidenceText(passage: Passage): string {
  return `${passage.title}\n${passage.participants.join("\n")}\n${passage.lead ?? ""}\n${passage.text}`;
}

/**
 * Words of the question that look like names (capitalised, or no English word)
 * but are none of the people, countries and places it was understood to name:
 * "Tonga", "lukashenko" when the index knows no such person.
 */
export function otherNames(question: string, query: QueryAnalysis): string[] {
  const known = profileOf([...query.people, ...query.countries, ...query.places].join(" "));
  // "Gulf" in "which Gulf leaders" is a region, matched by country (see inAskedRegions), not a name to find.
  const regionTerms = regionWords(question, askedRegions(query).map(({ region }) => region));
  const placeWords = new Set(findPlaces(question).flatMap((mention) => [...profileOf(mention.text).words]));
  const firstWord = question.trimStart().match(/^[\p{L}'’]+/u)?.[0];
  const words = (question.match(/[\p{L}'’]+/gu) ?? []).map((word) => word.replace(/['’]s?$/u, ""));
  const names: string[] = [];
  words.forEach((word, index) => {
    const lower = word.toLowerCase();
    if (lower.length < 3 || STOP_CAPITALS.has(lower) || (index === 0 && word === firstWord)) return;
    // An acronym, plural or not ("CEO", "CEOs"), is no name.
    const capitalised = /^\p{Lu}/u.test(word) && word !== word.toUpperCase() && !/^\p{Lu}{2,}s$/u.test(word);
    const nameLike = capitalised || (lower.length >= 5 && !isDictionaryWord(lower) && !isCommonWord(lower) && !/\d/.test(lower));
    if (!nameLike) return;
    const profile = profileOf(word);
    const key = [...profile.words][0];
    const nameKey = [...profile.nameWords][0] ?? "";
    if (!key || known.words.has(key) || known.nameWords.has(nameKey) || placeWords.has(key) || regionTerms.has(key)) return;
    names.push(word);
  });
  return names;
}

function mentionedIn(word: string, evidence: TextProfile): boolean {
  const profile = profileOf(word);
  const key = [...profile.words][0];
  const nameKey = [...profile.nameWords][0] ?? "";
  if (!key) return true;
  return evidence.words.has(key) || evidence.nameWords.has(nameKey) || nearlyMentioned(key, evidence);
}

/** A typo or an inflected form of a word the evidence has ("kishda" for "kishida", "Navalny" for "Navalnaya"). */
function nearlyMentioned(word: string, evidence: TextProfile): boolean {
  if (word.length < 5) return false;
  const allowance = word.length >= 8 ? 2 : 1;
  const stem = word.length >= 6 ? word.slice(0, -1) : undefined;
  for (const candidate of evidence.words) {
    if (stem && candidate.startsWith(stem)) return true;
    if (Math.abs(candidate.length - word.length) <= allowance && editDistance(word, candidate, allowance) <= allowance) return true;
  }
  return false;
}

/** Words that do not make a question's focus specific: any meeting article answers them. */
const GENERIC_FOCUS = new Set(
  (
    "topic topics issue issues thing things subject subjects matter matters area areas point points leader leaders country countries " +
    "people person official officials meeting meetings call calls conversation talks discussion discussions day date time year month " +
    "city place where what who kind sort type way ways steps message messages priority priorities goal goals " +
    "met meet spoke speak talk talked discuss discussed agree agreed announce announced offer offered say said tell told " +
    "host hosted join joined call called visit visited attend attended convene convened welcome welcomed represent represented " +
    "raise raised express expressed stress stressed emphasize emphasized underscore underscored reaffirm reaffirmed urge urged " +
    "highlight highlighted review reviewed note noted thank thanked commit committed pledge pledged launch launched sign signed " +
    "happen happened decide decided plan planned " +
    // Categories of named things: the answer names them ("Alcara Minerals"), it rarely repeats the category.
    "company companies firm firms business businesses organisation organisations organization organizations group groups " +
    "member members institution institutions agency agencies ministry ministries city cities state states bank banks party parties"
  ).split(" "),
);

const AUXILIARIES = /^(?:did|does|do|was|were|is|are|has|have|had|will|would|could|can|came|come|went|took)$/;
const STOP_BEFORE_HEAD = /^(?:on|of|in|at|for|with|about|from|to|between|during|by)$/;

export interface QuestionFocus {
  /** The word the answer must be about: "gift" in "what gift did…", "served" in "what was served…". */
  word: string;
  /** "How many/much …" wants a figure. */
  wantsNumber: boolean;
  /** "How long did … last?" wants a duration. */
  duration?: boolean;
}

/** The specific thing a question asks for, when it names one. */
export function questionFocus(question: string): QuestionFocus | undefined {
  const words = question.toLowerCase().replace(/[’']s\b/g, "").match(/[a-z][a-z-]*/g) ?? [];
  const at = (i: number) => words[i] ?? "";
  for (let i = 0; i < words.length; i++) {
    const word = at(i);
    if (word === "how" && at(i + 1) === "long" && AUXILIARIES.test(at(i + 2))) return { word: "", wantsNumber: true, duration: true };
    if ((word === "how" && (at(i + 1) === "many" || at(i + 1) === "much")) && at(i + 2)) {
      const head = at(i + 2);
      if (!AUXILIARIES.test(head)) return { word: head, wantsNumber: true };
      // "How much did the dinner cost?": the verb at the end is what is asked.
      const last = words[words.length - 1] ?? "";
      return { word: GENERIC_FOCUS.has(last) ? "" : last, wantsNumber: true };
    }
    if (word === "what" || word === "which") {
      // "what was served", "what were signed": a participle after the auxiliary.
      if (/^(?:was|were|is|are)$/.test(at(i + 1)) && /(?:ed|en|wn)$/.test(at(i + 2)) && !GENERIC_FOCUS.has(at(i + 2))) {
        return { word: at(i + 2), wantsNumber: false };
      }
      // "what gift did", "which tech ceos came": the head noun before the verb.
      let head = "";
      for (let j = i + 1; j < Math.min(words.length, i + 6); j++) {
        if (AUXILIARIES.test(at(j)) || STOP_BEFORE_HEAD.test(at(j))) break;
        head = at(j);
      }
      if (head && !GENERIC_FOCUS.has(head) && !/^(?:new|foreign|other|main|key|specific)$/.test(head)) return { word: head, wantsNumber: false };
      return undefined;
    }
    if (word === "who" && at(i + 1) && !AUXILIARIES.test(at(i + 1)) && !GENERIC_FOCUS.has(at(i + 1)) && /(?:ed|won|wins|win|lost|beat)$/.test(at(i + 1))) {
      return { word: at(i + 1), wantsNumber: false };
    }
  }
  return undefined;
}

function singular(word: string): string {
  return word.length > 4 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

/** Whether the focus of the question appears in the evidence. */
export function focusSupported(focus: QuestionFocus, passages: Passage[]): boolean {
  return passages.some((passage) => {
    const profile = profileOf(passage.text);
    if (focus.duration && !/\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|several)[\s-]+(?:minutes?|hours?)\b/i.test(passage.text)) return false;
    if (focus.wantsNumber && !/\d/.test(passage.text) && !/\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|hundred|thousand|million|billion)\b/i.test(passage.text)) return false;
    return focus.word === "" || termCoverage(profile, [focus.word.toLowerCase()]) > 0 || termCoverage(profile, [singular(focus.word.toLowerCase())]) > 0;
  });
}

const TOPIC_STOP = new Set(["the", "a", "an", "their", "his", "her", "its", "our", "this", "that", "these", "those", "in", "at", "on", "of", "for", "with", "during", "call", "meeting", "talks", "visit", "summit", "and", "or", "to", "from", "by", "last", "first", "when", "they", "them", "he", "she", "him"]);

/** What the question asks "about": "tariffs on electric vehicles" in "what did they agree about tariffs on electric vehicles?". */
export function topicTerms(question: string, query: QueryAnalysis): string[] {
  const match = /\b(?:about|regarding|concerning|on the (?:subject|topic|issue) of)\s+([^?.!]+)/i.exec(question);
  if (!match) return [];
  const entityWords = new Set([...query.people, ...query.countries, ...query.places].flatMap((name) => name.toLowerCase().split(/[^\p{L}\d]+/u)));
  const words = match[1]!.toLowerCase().replace(/[’']s\b/g, "").split(/[^\p{L}\d-]+/u);
  const topic: string[] = [];
  for (const word of words) {
    if (/^\d{4}$/.test(word) || /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/.test(word)) break;
    if (word.length > 2 && !TOPIC_STOP.has(word) && !entityWords.has(word)) topic.push(word);
  }
  return topic.slice(0, 4);
}

/** Assess the evidence for a question. */
export function assessSupport(question: string, query: QueryAnalysis, passages: Passage[]): SupportAssessment {
  const none = (reason: string): SupportAssessment => ({ supported: false, reason, passages: [], about: [] });
  if (passages.length === 0) return none("nothing was retrieved");
  const unknown = unknownNames(question, query, passages);
  if (unknown.length > 0) return none(`the articles never mention ${unknown.join(", ")}`);
  const support = supportingPassages(query, passages);
  if (support.length === 0) {
    const asked = [...query.people, ...query.countries, ...query.places];
    const when = query.dateRange ? ` between ${query.dateRange.from} and ${query.dateRange.to}` : "";
    return none(asked.length > 0 ? `no retrieved paragraph names ${asked.join(" and ")}${when}` : `no retrieved paragraph falls${when}`);
  }
  const focus = questionFocus(question);
  if (focus && !focusSupported(focus, support.slice(0, 5))) {
    const what = focus.duration ? "how long it lasted" : focus.word || "a figure";
    return none(`the paragraphs about this never mention ${what}${focus.wantsNumber && focus.word ? " with a figure" : ""}`);
  }
  const topic = topicTerms(question, query);
  if (topic.length > 0 && !support.slice(0, 5).some((passage) => termCoverage(profileOf(passage.text), topic) >= 0.5)) {
    return none(`the paragraphs about this never mention ${topic.join(" ")}`);
  }
  return { supported: true, passages: support, about: passagesAbout(query, support) };
}

/**
 * An answerer that is only asked when the evidence supports an answer; otherwise
 * the chain abstains without it (and without calling a language model).
 */
export function requireSupport(answerer: Answerer): Answerer {
  return RunnableLambda.from(async (input: AnswererInput, config): Promise<AnswerDraft> => {
    const support = assessSupport(input.question, input.query, input.passages);
    if (!support.supported) return { answer: ABSTENTION, abstained: true, citations: [], ...(support.reason ? { abstentionReason: support.reason } : {}) };
    return answerer.invoke(input, config);
  }).withConfig({ runName: "RequireSupport" });
}
