/**
 * The offline answerer: no model, only the retrieved paragraphs. It checks that
 * the evidence supports an answer, picks the sentences that answer the
 * question, and writes them with their [n] citations — a dated line per
 * meeting for list questions, the meeting date first for "when" questions.
 */
import { RunnableLambda } from "@langchain/core/runnables";
import { splitSentences } from "../text/sentences.js";
import { checkCitations } from "./citations.js";
import { matchEntities, profileOf, termCoverage } from "./evidence.js";
import { formatDate } from "./format-date.js";
import { assessSupport } from "./support.js";
import { ABSTENTION, type AnswerDraft, type AnswererInput, type Passage, type QueryAnalysis } from "./types.js";

export interface ExtractiveSettings {
  /** Sentences in a plain answer. */
  maxSentences: number;
  /** Lines in a list answer. */
  maxListLines: number;
}

export const DEFAULT_EXTRACTIVE_SETTINGS: ExtractiveSettings = {
  maxSentences: 2,
  maxListLines: 12,
};

const INTENT_CUES: Record<QueryAnalysis["intent"], RegExp | undefined> = {
  what: /\b(discuss|agree|announc|offer|commit|reaffirm|welcom|express|condemn|launch|sign|pledg|emphasi|underscor|highlight|review|exchang|coordinat|support|urg|call(?:ed)? for|congratulat|thank|consult|affirm|stress|note)/i,
  who: /\b(met|meet|spoke|speak|call|host|join|welcom)/i,
  where: /\b(in|at|during|on the (?:margins|sidelines))\s+(?:the\s+)?[A-Z]/,
  when: /\b(today|yesterday|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|\d{4}|january|february|march|april|may|june|july|august|september|october|november|december)\b/i,
  list: /\b(met|meet|spoke|speak|call)/i,
  other: undefined,
};

const DAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const RELATIVE_DAY = new RegExp(`\\s*,?\\s*\\b(?:earlier today|today|yesterday|this (?:morning|afternoon|evening)|last night|on (?:${DAY_NAMES}))\\b`, "g");
const LEADING_RELATIVE_DAY = new RegExp(`^(?:earlier today|today|yesterday|this (?:morning|afternoon|evening)|last night|on (?:${DAY_NAMES}))\\s*,?\\s*`, "i");

/** Drop "today", "yesterday", "on Thursday": the answer states the resolved date instead. */
function withoutRelativeDays(sentence: string): string {
  const trimmed = sentence.replace(LEADING_RELATIVE_DAY, "");
  const capitalised = trimmed === sentence ? trimmed : trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return capitalised.replace(RELATIVE_DAY, "").replace(/\s+([,.;:])/g, "$1");
}

/** The sentence with its citation marker before the closing full stop: "… Castle [1]." */
function cite(sentence: string, n: number): string {
  const match = /([.!?…]+["”’)]*)\s*$/.exec(sentence);
  return match ? `${sentence.slice(0, match.index).trimEnd()} [${n}]${match[1]}` : `${sentence.trimEnd()} [${n}]`;
}

function dated(passage: Passage, sentence: string): string {
  const date = formatDate(passage.date);
  return cite(date ? `${date} — ${withoutRelativeDays(sentence)}` : sentence, passage.n);
}

interface ScoredSentence {
  passage: Passage;
  text: string;
  score: number;
}

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

function shortTitle(title: string): string {
  return title
    .replace(/^(?:readout|statement|fact sheet)\s*(?:of|from|on|:)?\s*/i, "")
    .replace(/\s+/g, " ")
    .trim();
}

const byDate = (a: Passage, b: Passage) => (a.date ?? "").localeCompare(b.date ?? "");

function composeList(query: QueryAnalysis, support: Passage[], settings: ExtractiveSettings): string {
  const byArticle = new Map<string, Passage>();
  for (const passage of support) if (!byArticle.has(passage.articleId)) byArticle.set(passage.articleId, passage);
  const meetings = [...byArticle.values()].sort(byDate).slice(0, settings.maxListLines);
  const lines = meetings.map((passage) => {
    const title = shortTitle(passage.title);
    const what = title.length > 0 && title.length <= 160 ? title : withoutRelativeDays(bestSentence(query, passage));
    return `• ${formatDate(passage.date) || "Undated"}: ${cite(what, passage.n)}`;
  });
  const header = meetings.length === 1 ? "I found one meeting:" : `I found ${meetings.length} meetings:`;
  return [header, ...lines].join("\n");
}

function composeLatestOrEarliest(query: QueryAnalysis, candidates: Passage[]): string {
  const ordered = [...candidates].sort(byDate);
  const chosen = query.latest ? ordered[ordered.length - 1]! : ordered[0]!;
  const label = query.latest ? "The most recent in the articles I have" : "The first in the articles I have";
  return `${label}: ${dated(chosen, bestSentence(query, chosen))}`;
}

function composePlain(query: QueryAnalysis, support: Passage[], settings: ExtractiveSettings): string {
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
        : cite(withoutRelativeDays(sentence.text), sentence.passage.n),
    )
    .join(" ");
}

/** Answer from the passages, or abstain when they do not support an answer. */
export function answerExtractively(input: AnswererInput, settings: ExtractiveSettings = DEFAULT_EXTRACTIVE_SETTINGS): AnswerDraft {
  const { query, passages } = input;
  const support = assessSupport(input.question, query, passages);
  if (!support.supported) return { answer: ABSTENTION, abstained: true, citations: [], abstentionReason: support.reason };

  // Meetings *with* the people asked about, not paragraphs that merely mention them, when there are any.
  const meetings = support.about.length > 0 ? support.about : support.passages;
  let text: string;
  if (query.intent === "list") text = composeList(query, meetings, settings);
  else if (query.latest || query.earliest) text = composeLatestOrEarliest(query, meetings);
  else if (query.intent === "when") text = dated(meetings[0]!, bestSentence(query, meetings[0]!));
  else text = composePlain(query, support.passages, settings);

  const checked = checkCitations(text, passages);
  return { answer: checked.answer, abstained: checked.abstained, citations: checked.citations };
}

export function createExtractiveAnswerer(settings: ExtractiveSettings = DEFAULT_EXTRACTIVE_SETTINGS) {
  return RunnableLambda.from((input: AnswererInput) => answerExtractively(input, settings)).withConfig({ runName: "ExtractiveAnswerer" });
}
