/**
 * Does the retrieved evidence support an answer? Both answerers ask this before
 * they write anything, so that "I couldn't find this" is said whenever the
 * articles do not name what the question asks about.
 */
import { escapeRegExp } from "../../text/regexp.js";
import { entityFor, findPlaces } from "../../text/gazetteer.js";
import { regionWords } from "../../text/regions.js";
import { askedRegions } from "../question/question-shape.js";
import { editDistance, typoAllowance } from "../../text/names.js";
import { isCommonWord, isDictionaryWord } from "../question/english.js";
import { fuzzyCountry } from "../question/country-typos.js";
import { entitiesOf, hasTerm, matchEntities, profileOf, stemOf, type EntityQuery, type TextProfile } from "./evidence.js";
import { splitSentences } from "../../text/sentences.js";
import { MONTH_PATTERN } from "../../text/lexicon/index.js";
import { ANSWER_MODEL, weightsFor, type AnswerModel } from "./answer-model.js";
import { holdsWantedFigure, isCheckableType, questionFocus, sentenceHolds, wantedFigure } from "../question/answer-type.js";
import { specificTerms } from "../question/question-shape.js";
import type { CorpusTerms } from "./corpus-terms.js";
import { dot, questionContext, rankSentences, SENTENCE_FEATURES, sigmoid } from "./sentence-evidence.js";
import { inRange } from "./hybrid-retriever.js";
import { RunnableLambda } from "@langchain/core/runnables";
import {
  ABSTENTION,
  type AnswerDraft,
  type Answerer,
  type AnswererInput,
  type Passage,
  type QueryAnalysis,
  type ScoredCandidate,
  type SupportAssessment,
} from "../types.js";

export type { SupportAssessment } from "../types.js";

export function articleProfile(passage: Passage): TextProfile {
  return profileOf([passage.title, ...passage.participants, passage.place ?? ""].join(" \n "));
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

/** Passages within the asked dates whose paragraph or article names every person asked about, and every country that stands for one. */
export function supportingPassages(query: QueryAnalysis, passages: Passage[]): Passage[] {
  const surnames = query.surnames ? { surnames: query.surnames } : {};
  const people = [
    ...query.people.map((person) => ({ people: [person], countries: [], places: [], ...surnames })),
    ...(query.partyCountries ?? []).map((country) => ({ people: [], countries: [country], places: [] })),
  ];
  return passages.filter((passage) => {
    if (query.dateRange && !inRange(passage.date, query.dateRange)) return false;
    const text = profileOf(passage.text);
    const header = articleProfile(passage);
    return people.every((entity) => matchEntities(text, entity).found > 0 || matchEntities(header, entity).found > 0);
  });
}

/** The countries and places asked about ("in Munich") that none of the passages, nor their articles' openings, names. */
function unnamedPlaces(query: QueryAnalysis, passages: Passage[]): string[] {
  const profiles = passages.map((passage) => profileOf(evidenceText(passage)));
  return eachEntity(query)
    .filter((entity) => entity.people.length === 0)
    .filter((entity) => !profiles.some((profile) => matchEntities(profile, entity).found > 0))
    .map((entity) => [...entity.countries, ...entity.places].join(""));
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
    "august september october november december jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr last first latest list tell show give"
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
  return `${passage.title}\n${passage.participants.join("\n")}\n${passage.place ?? ""}\n${passage.lead ?? ""}\n${passage.text}`;
}

/**
 * Words of the question that look like names (capitalised, or no English word)
 * but are none of the people, countries and places it was understood to name:
 * "Tonga", "lukashenko" when the index knows no such person.
 */
export function otherNames(question: string, query: QueryAnalysis): string[] {
  const known = profileOf([...query.people, ...query.countries, ...query.places].join(" "));
  // "Gulf" in "which Gulf leaders" is a region, matched by country (see inAskedRegions), not a name to find.
  const regionTerms = regionWords(
    question,
    askedRegions(query).map(({ region }) => region),
  );
  const placeWords = new Set(findPlaces(question).flatMap((mention) => [...profileOf(mention.text).words]));
  const firstWord = question.trimStart().match(/^[\p{L}'’]+/u)?.[0];
  const words = (question.match(/[\p{L}'’]+/gu) ?? []).map((word) => word.replace(/['’]s?$/u, ""));
  const names: string[] = [];
  words.forEach((word, index) => {
    const lower = word.toLowerCase();
    if (lower.length < 3 || STOP_CAPITALS.has(lower) || (index === 0 && word === firstWord)) return;
    // An acronym, plural or not ("CEO", "CEOs"), is no name.
    const capitalised = /^\p{Lu}/u.test(word) && word !== word.toUpperCase() && !/^\p{Lu}{2,}s$/u.test(word);
    const nameLike = capitalised || (lower.length >= 5 && !isDictionaryWord(lower) && !isCommonWord(lower) && !/\d/.test(lower) && !isCompound(lower));
    if (!nameLike) return;
    const profile = profileOf(word);
    const key = [...profile.words][0];
    const nameKey = [...profile.nameWords][0] ?? "";
    if (!key || known.words.has(key) || known.nameWords.has(nameKey) || placeWords.has(key) || regionTerms.has(key)) return;
    // "bellgian": a country written with a typo that the question was understood to name.
    const mistypedCountry = fuzzyCountry(lower);
    if (mistypedCountry && query.countries.includes(mistypedCountry)) return;
    // "sherwood-ranadll": a typo of a word of a name the question was understood to name is that name.
    const allowance = typoAllowance(nameKey.length);
    if (allowance > 0 && [...known.nameWords].some((knownWord) => editDistance(nameKey, knownWord, allowance) <= allowance)) return;
    names.push(word);
  });
  return names;
}

/** "chipmakers", "peacekeepers": two English words run together, not a name. */
function isCompound(word: string): boolean {
  const singular = word.replace(/(?:es|s)$/u, "");
  for (const form of new Set([word, singular, word.replace(/s$/u, "")])) {
    for (let cut = 3; cut <= form.length - 3; cut++) {
      if (isDictionaryWord(form.slice(0, cut)) && isDictionaryWord(form.slice(cut))) return true;
    }
  }
  return false;
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

/** What the support check may know of the whole index, beyond the retrieved passages. */
export interface SupportOptions {
  /** Rarity and existence of words in the index (see corpus-terms.ts); without it every term weighs 1 and only the passages count. */
  terms?: CorpusTerms;
  model?: AnswerModel;
}

export const SUPPORT_FEATURES = [
  "bias",
  "bestSentence",
  "secondSentence",
  "bestSimilarity",
  "typeAvailable",
  "wantedFigureAvailable",
  "focusAvailable",
  "bestTermCoverage",
  "genericQuestion",
  "unmentionedNames",
] as const;

/** Sentences looked at for what the question asks (the type, the focus word, its terms). */
const TOP_SENTENCES = 8;

/** Two folded words are the same word in another form ("helicopter", "helicopters"). */
const sameWord = (a: string, b: string) => a === b || stemOf(a) === stemOf(b);

/**
 * Question-level evidence: how likely the best sentences are to answer, and
 * whether what the question asks for (a figure, a duration, the thing named in
 * "what gift…", its specific words) is in any of the top sentences at all.
 */
export function supportFeatures(query: QueryAnalysis, ranked: readonly ScoredCandidate[], unmentioned: number): number[] {
  const type = query.answerType ?? "description";
  const top = ranked.slice(0, TOP_SENTENCES);
  const at = (name: (typeof SENTENCE_FEATURES)[number]) => SENTENCE_FEATURES.indexOf(name);
  const focusAsked = questionFocus(query.question)?.word;
  const terms = specificTerms(query);
  const wanted = type === "number" ? wantedFigure(query.question) : undefined;
  const values: Record<(typeof SUPPORT_FEATURES)[number], number> = {
    bias: 1,
    bestSentence: ranked[0]?.probability ?? 0,
    secondSentence: ranked[1]?.probability ?? 0,
    bestSimilarity: Math.max(0, ...ranked.map((candidate) => candidate.passage.similarity ?? 0)),
    typeAvailable: !isCheckableType(type) || top.some((candidate) => sentenceHolds(type, candidate.text)) ? 1 : 0,
    wantedFigureAvailable: !wanted || top.some((candidate) => holdsWantedFigure(wanted, candidate.text, sameWord)) ? 1 : 0,
    focusAvailable: !focusAsked || top.some((candidate) => candidate.features[at("focus")] === 1) ? 1 : 0,
    bestTermCoverage: Math.max(0, ...top.map((candidate) => candidate.features[at("terms")] ?? 0)),
    genericQuestion: terms.length === 0 && !focusAsked ? 1 : 0,
    unmentionedNames: Math.min(unmentioned, 2) / 2,
  };
  return SUPPORT_FEATURES.map((name) => values[name]);
}

/**
 * Assess the evidence for a question. Abstains outright only on hard evidence
 * (see `hardEvidence`), and otherwise on the fitted probability that the best
 * sentences answer the question.
 */
export function assessSupport(question: string, query: QueryAnalysis, passages: Passage[], options: SupportOptions = {}): SupportAssessment {
  const none = (reason: string, probability = 0): SupportAssessment => ({ supported: false, reason, passages: [], about: [], sentences: [], probability });
  const hard = hardEvidence(question, query, passages, options.terms);
  if ("reason" in hard) return none(hard.reason);
  const model = options.model ?? ANSWER_MODEL;
  const weight = options.terms ? (term: string) => options.terms!.weight(term) : undefined;
  const sentences = rankSentences(questionContext(query, weight), hard.support, weightsFor(model.sentence, SENTENCE_FEATURES));
  const probability = sigmoid(dot(weightsFor(model.support, SUPPORT_FEATURES), supportFeatures(query, sentences, hard.unmentioned)));
  if (probability < model.support.threshold)
    return none(`${missingFromEvidence(query, sentences)} (support ${probability.toFixed(2)} < ${model.support.threshold.toFixed(2)})`, probability);
  return { supported: true, passages: hard.support, about: passagesAbout(query, hard.support), sentences, probability };
}

/**
 * The evidence that rules an answer out whatever the scores: nothing retrieved;
 * a name, country or place no article mentions; no retrieved paragraph within
 * the asked dates naming the people (and countries standing for people) asked
 * about; a figure no such paragraph has; a topic no article has. Otherwise those passages
 * (the ones naming the places asked about too, when some do), and how many
 * name-like words of the question the retrieved passages lack (a soft signal).
 */
export function hardEvidence(
  question: string,
  query: QueryAnalysis,
  passages: Passage[],
  terms?: CorpusTerms,
): { reason: string } | { support: Passage[]; unmentioned: number } {
  if (passages.length === 0) return { reason: "nothing was retrieved" };
  const unmentioned = unknownNames(question, query, passages);
  const unknown = terms ? unmentioned.filter((word) => !mentionedInCorpus(word, terms)) : unmentioned;
  if (unknown.length > 0) return { reason: `the articles never mention ${unknown.join(", ")}` };
  const support = supportingPassages(query, passages);
  const when = query.dateRange ? ` between ${query.dateRange.from} and ${query.dateRange.to}` : "";
  if (support.length === 0) {
    const parties = [...query.people, ...(query.partyCountries ?? [])];
    return { reason: parties.length > 0 ? `no retrieved paragraph names ${parties.join(" and ")}${when}` : `no retrieved paragraph falls${when}` };
  }
  // A country or place asked about is hard evidence only when no article mentions it at all ("in Canberra");
  // otherwise whether the paragraphs name it is one of the graded scores.
  // "How long did the call last?", "How many soldiers…?": no paragraph about the meeting states a duration or a figure at all.
  const type = query.answerType ?? "description";
  if (isCheckableType(type) && !support.some((passage) => splitSentences(passage.text).some((sentence) => sentenceHolds(type, sentence)))) {
    return { reason: `the paragraphs about this never state ${type === "duration" ? "how long it lasted" : "a figure"}` };
  }
  // "…about nuclear submarines" where no article has any word of the topic, in any form. Paragraphs about the meeting
  // that lack the words are no such evidence: they may say it otherwise ("turmoil inside Russia" for a mutiny).
  const topic = topicTerms(question, query);
  if (terms && topic.length > 0 && !topic.some((term) => mentionedInCorpus(term, terms))) {
    return { reason: `the articles never mention ${topic.join(" ")}` };
  }
  const unknownPlaces = unnamedPlaces(query, support).filter((place) => !terms || !placeInCorpus(place, terms));
  if (unknownPlaces.length > 0) return { reason: `the articles never mention ${unknownPlaces.join(", ")}` };
  return { support: namingEverything(query, support), unmentioned: unmentioned.length };
}

/** The passages that also name every country and place asked about, when some do ("at Lake Orvel"); all of them otherwise. */
function namingEverything(query: QueryAnalysis, passages: Passage[]): Passage[] {
  const places = eachEntity(query).filter((entity) => entity.people.length === 0);
  if (places.length === 0) return passages;
  const naming = passages.filter((passage) => {
    const profile = profileOf(evidenceText(passage));
    return places.every((entity) => matchEntities(profile, entity).found > 0);
  });
  return naming.length > 0 ? naming : passages;
}

/** What the question asks "about": "tariffs on electric vehicles" in "what did they agree about tariffs on electric vehicles?". */
const MONTH_WORD = new RegExp(`^(?:${MONTH_PATTERN})$`, "u");
const TOPIC_CLAUSE = /^(?:when|where|what|how|why|who|whom|which|whether|it|them|that|this|him|her)$/u;
const TOPIC_END = /^(?:when|where|while|during|in|at|with|after|before|since|between|and then|according|per)$/u;
const TOPIC_STOP = new Set(
  "the a an their his her its our this that these those in at on of for with during call meeting talks visit summit and or to from by last first when they them he she him".split(
    " ",
  ),
);

export function topicTerms(question: string, query: QueryAnalysis): string[] {
  const match = /\b(?:about|regarding|concerning|on the (?:subject|topic|issue) of)\s+([^?.!()]+)/i.exec(question);
  if (!match) return [];
  const entityWords = new Set([...query.people, ...query.countries, ...query.places].flatMap((name) => name.toLowerCase().split(/[^\p{L}\d]+/u)));
  const words = match[1]!
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .split(/[^\p{L}\d]+/u);
  // "about when they met" is no topic; a topic ends where the sentence goes on to time, place or people.
  if (TOPIC_CLAUSE.test(words[0] ?? "")) return [];
  const topic: string[] = [];
  for (const word of words) {
    if (/^\d{4}$/.test(word) || MONTH_WORD.test(word) || TOPIC_END.test(word)) break;
    if (word.length > 2 && !TOPIC_STOP.has(word) && !entityWords.has(word)) topic.push(word);
  }
  return topic.slice(0, 4);
}

/** What the question asks that the best sentences lack, for the abstention's reason: its focus word, or its specific terms. */
function missingFromEvidence(query: QueryAnalysis, sentences: readonly ScoredCandidate[]): string {
  const top = sentences.slice(0, TOP_SENTENCES);
  const focus = questionFocus(query.question)?.word;
  const focusAt = SENTENCE_FEATURES.indexOf("focus");
  if (focus && !top.some((sentence) => sentence.features[focusAt] === 1)) return `the paragraphs about this never mention ${focus}`;
  const missing = specificTerms(query).filter((term) => !top.some((sentence) => hasTerm(profileOf(sentence.text), term)));
  if (missing.length > 0) return `the paragraphs about this never mention ${missing.join(" ")}`;
  return `no sentence found answers it (best: "${sentences[0]?.text.slice(0, 80) ?? ""}")`;
}

/** A capitalised name must be in the articles as written; a word typed in lowercase may be a typo of any word they have ("anounce"). */
function mentionedInCorpus(word: string, terms: CorpusTerms): boolean {
  const lowercase = word === word.toLowerCase();
  return [...profileOf(word).words].every(
    (key) => terms.mentions(key) || (lowercase && (terms.nearlyMentions(key) || withLettersSwapped(key).some((variant) => terms.mentions(variant)))),
  );
}

/** "yulai" → "yulia", "irihs" → "irish": two neighbouring letters swapped, the commonest typo, which fuzzy search counts as two. */
function withLettersSwapped(word: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) variants.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return variants;
}

/** A country or place is in the articles when all its words are ("Costa Rica"), or one of its usual names is ("the U.S."). */
function placeInCorpus(place: string, terms: CorpusTerms): boolean {
  return (
    mentionedInCorpus(place, terms) ||
    [...(entityFor(place)?.aliases ?? []), ...(entityFor(place)?.demonyms ?? [])].some((alias) => mentionedInCorpus(alias, terms))
  );
}

/**
 * An answerer that is only asked when the evidence supports an answer; otherwise
 * the chain abstains without it (and without calling a language model).
 */
export function requireSupport(answerer: Answerer): Answerer {
  return RunnableLambda.from(async (input: AnswererInput, config): Promise<AnswerDraft> => {
    const support = input.assessment ?? assessSupport(input.question, input.query, input.passages);
    if (!support.supported) return { answer: ABSTENTION, abstained: true, citations: [], ...(support.reason ? { abstentionReason: support.reason } : {}) };
    return answerer.invoke(input, config);
  }).withConfig({ runName: "RequireSupport" });
}
