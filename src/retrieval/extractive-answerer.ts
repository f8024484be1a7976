/**
 * The offline answerer: no model, only the retrieved paragraphs. It checks that
 * the evidence names what the question asks about, picks the sentences that
 * answer it, and writes them with their [n] citations — a dated line per
 * meeting for list questions, the meeting date first for "when" questions.
 */
import { RunnableLambda } from "@langchain/core/runnables";
import { splitSentences } from "../text/sentences.js";
import { checkCitations } from "./citations.js";
import { matchEntities, profileOf, termCoverage, type EntityQuery, type TextProfile } from "./evidence.js";
import { formatDate } from "./format-date.js";
import { inRange } from "./hybrid-retriever.js";
import { ABSTENTION, type AnswerDraft, type AnswererInput, type Passage, type QueryAnalysis } from "./types.js";

export interface ExtractiveSettings {
  /** Sentences in a plain answer. */
  maxSentences: number;
  /** Lines in a list answer. */
  maxListLines: number;
  /** Share of the question's specific terms the evidence must contain, when it has any. */
  minTermSupport: number;
}

export const DEFAULT_EXTRACTIVE_SETTINGS: ExtractiveSettings = {
  maxSentences: 2,
  maxListLines: 12,
  minTermSupport: 0.5,
};

/** Words that say a meeting happened or was reported; they do not make a question specific. */
const GENERIC_TERMS = new Set(
  (
    "meet met meeting meetings call called calls calling spoke speak speaking talk talked talks discuss discussed discussion " +
    "discussions say said tell told hold held happen happened take took place visit visited readout readouts last first " +
    "latest recent recently most time times when where who whom what which why how did does do was were is are has have had " +
    "president prime minister leader leaders counterpart official officials vice secretary chancellor king queen " +
    "day date year month week ago today yesterday recently announce announced agree agreed offer offered"
  ).split(" "),
);

const INTENT_CUES: Record<QueryAnalysis["intent"], RegExp | undefined> = {
  what: /\b(discuss|agree|announc|offer|commit|reaffirm|welcom|express|condemn|launch|sign|pledg|emphasi|underscor|highlight|review|exchang|coordinat|support|urg|call(?:ed)? for|congratulat|thank|consult|affirm|stress|note)/i,
  who: /\b(met|meet|spoke|speak|call|host|join|welcom)/i,
  where: /\b(in|at|during|on the (?:margins|sidelines))\s+(?:the\s+)?[A-Z]/,
  when: /\b(today|yesterday|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\d{4}|january|february|march|april|may|june|july|august|september|october|november|december)\b/i,
  list: /\b(met|meet|spoke|speak|call)/i,
  other: undefined,
};

const RELATIVE_DAY = /\s*,?\s*\b(?:earlier today|today|yesterday|this (?:morning|afternoon|evening)|last night|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b/g;

interface ScoredSentence {
  passage: Passage;
  text: string;
  score: number;
}

function withoutRelativeDays(sentence: string): string {
  return sentence.replace(RELATIVE_DAY, "").replace(/\s+([,.;:])/g, "$1");
}

function articleProfile(passage: Passage): TextProfile {
  return profileOf([passage.title, ...passage.participants, passage.place ?? ""].join(" \n "));
}

/** Terms that make the question specific: not names, not "meet"/"discuss"/"when". */
function specificTerms(query: QueryAnalysis): string[] {
  const entityWords = new Set(
    [...query.people, ...query.countries, ...query.places].flatMap((name) => name.toLowerCase().split(/[^a-z0-9]+/)),
  );
  return query.terms.filter((term) => term.length > 2 && !GENERIC_TERMS.has(term) && !entityWords.has(term) && !/^\d+$/.test(term));
}

/** Passages whose paragraph or article names every person, country and place asked about, within the asked dates. */
export function supportingPassages(query: QueryAnalysis, passages: Passage[]): Passage[] {
  const asked: EntityQuery[] = [
    ...query.people.map((person) => ({ people: [person], countries: [], places: [] })),
    ...query.countries.map((country) => ({ people: [], countries: [country], places: [] })),
    ...query.places.map((place) => ({ people: [], countries: [], places: [place] })),
  ];
  return passages.filter((passage) => {
    if (query.dateRange && !inRange(passage.date, query.dateRange)) return false;
    const text = profileOf(passage.text);
    const header = articleProfile(passage);
    return asked.every((entity) => matchEntities(text, entity).found > 0 || matchEntities(header, entity).found > 0);
  });
}

/** Capitalised words of the question that name something the evidence never mentions. */
export function unknownNames(question: string, query: QueryAnalysis, passages: Passage[]): string[] {
  const known = profileOf([...query.people, ...query.countries, ...query.places].join(" "));
  const evidence = profileOf(passages.map((passage) => `${passage.title}\n${passage.text}`).join("\n"));
  const words = question.match(/\b[A-Z][\p{L}'’-]+/gu) ?? [];
  return words.filter((word, index) => {
    if (index === 0 && question.trimStart().startsWith(word)) return false;
    const folded = profileOf(word);
    const key = [...folded.words][0];
    if (!key || key.length < 3 || STOP_CAPITALS.has(key)) return false;
    if (known.words.has(key) || known.nameWords.has([...folded.nameWords][0] ?? "")) return false;
    return !evidence.words.has(key) && !evidence.nameWords.has([...folded.nameWords][0] ?? "");
  });
}

const STOP_CAPITALS = new Set(
  (
    "what when where who whom which why how did does do was were is are and the a an in on at of for with to from " +
    "i me my we our you your he she they it his her their its president prime minister vice secretary chancellor " +
    "king queen prince emir sultan general ambassador senator governor mayor advisor adviser leader summit meeting " +
    "call readout monday tuesday wednesday thursday friday saturday sunday january february march april may june july " +
    "august september october november december mr mrs ms dr last first latest"
  ).split(" "),
);

function scoreSentences(query: QueryAnalysis, passages: Passage[]): ScoredSentence[] {
  const entities = { people: query.people, countries: query.countries, places: query.places };
  const cue = INTENT_CUES[query.intent];
  const scored: ScoredSentence[] = [];
  passages.forEach((passage, rank) => {
    splitSentences(passage.text).forEach((text, position) => {
      const profile = profileOf(text);
      const match = matchEntities(profile, entities);
      let score = 2 * termCoverage(profile, query.terms);
      if (match.asked > 0) score += match.found / match.asked;
      if (cue?.test(text)) score += 0.5;
      score += 1 / (rank + 2);
      if (position === 0) score += 0.15;
      if (text.length < 25) score -= 1;
      scored.push({ passage, text, score });
    });
  });
  return scored.sort((a, b) => b.score - a.score);
}

function bestSentence(query: QueryAnalysis, passage: Passage): string {
  return scoreSentences(query, [passage])[0]?.text ?? passage.text;
}

function dated(passage: Passage, sentence: string): string {
  const date = formatDate(passage.date);
  return date ? `${date} — ${withoutRelativeDays(sentence)} [${passage.n}]` : `${sentence} [${passage.n}]`;
}

function shortTitle(title: string): string {
  return title.replace(/^(?:readout|statement|fact sheet)\s*(?:of|from|on|:)?\s*/i, "").replace(/\s+/g, " ").trim();
}

function composeList(query: QueryAnalysis, support: Passage[], settings: ExtractiveSettings): string {
  const byArticle = new Map<string, Passage>();
  for (const passage of support) if (!byArticle.has(passage.articleId)) byArticle.set(passage.articleId, passage);
  const meetings = [...byArticle.values()].sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "")).slice(0, settings.maxListLines);
  const lines = meetings.map((passage) => {
    const title = shortTitle(passage.title);
    const what = title.length > 0 && title.length <= 160 ? title : withoutRelativeDays(bestSentence(query, passage));
    return `• ${formatDate(passage.date) || "Undated"}: ${what} [${passage.n}]`;
  });
  const header = meetings.length === 1 ? "I found one meeting:" : `I found ${meetings.length} meetings:`;
  return [header, ...lines].join("\n");
}

function composePlain(query: QueryAnalysis, support: Passage[], settings: ExtractiveSettings): string {
  if (query.latest || query.earliest) {
    const ordered = [...support].sort((a, b) => (a.date ?? "").localeCompare(b.date ?? ""));
    const chosen = query.latest ? ordered[ordered.length - 1]! : ordered[0]!;
    const label = query.latest ? "The most recent" : "The first";
    return `${label} in the articles I have: ${dated(chosen, bestSentence(query, chosen))}`;
  }
  if (query.intent === "when") {
    const top = support[0]!;
    return dated(top, bestSentence(query, top));
  }
  const sentences: ScoredSentence[] = [];
  const used = new Set<string>();
  for (const sentence of scoreSentences(query, support.slice(0, 3))) {
    if (sentences.length >= settings.maxSentences) break;
    if (used.has(sentence.text)) continue;
    // A second sentence must come from the same meeting, or be nearly as good.
    const first = sentences[0];
    if (first && first.passage.articleId !== sentence.passage.articleId && sentence.score < first.score * 0.8) continue;
    used.add(sentence.text);
    sentences.push(sentence);
  }
  const firstPassage = sentences[0]?.passage;
  return sentences
    .map((sentence, index) =>
      index === 0 || sentence.passage.articleId !== firstPassage?.articleId
        ? dated(sentence.passage, sentence.text)
        : `${withoutRelativeDays(sentence.text)} [${sentence.passage.n}]`,
    )
    .join(" ");
}

function abstain(): AnswerDraft {
  return { answer: ABSTENTION, abstained: true, citations: [] };
}

/** Answer from the passages, or abstain when they do not support an answer. */
export function answerExtractively(input: AnswererInput, settings: ExtractiveSettings = DEFAULT_EXTRACTIVE_SETTINGS): AnswerDraft {
  const { query, passages } = input;
  if (passages.length === 0) return abstain();
  if (unknownNames(input.question, query, passages).length > 0) return abstain();
  const support = supportingPassages(query, passages);
  if (support.length === 0) return abstain();

  const specific = specificTerms(query);
  if (specific.length > 0) {
    const evidence = profileOf(support.map((passage) => `${passage.title}\n${passage.text}`).join("\n"));
    if (termCoverage(evidence, specific) < settings.minTermSupport) return abstain();
  }

  const text = query.intent === "list" ? composeList(query, support, settings) : composePlain(query, support, settings);
  const checked = checkCitations(text, passages);
  return { answer: checked.answer, abstained: checked.abstained, citations: checked.citations };
}

export function createExtractiveAnswerer(settings: ExtractiveSettings = DEFAULT_EXTRACTIVE_SETTINGS) {
  return RunnableLambda.from((input: AnswererInput) => answerExtractively(input, settings)).withConfig({ runName: "ExtractiveAnswerer" });
}
