/**
 * Graded evidence at sentence level: every sentence of the retrieved passages
 * gets a feature vector (how much of the question it covers, in stems; how
 * close its paragraph is to the question in embedding space; whether it names
 * the people asked about; whether it holds the expected answer type; where it
 * stands in the article) and a probability of answering the question from a
 * logistic model fitted on evaluation sets (`scripts/fit-answer-model.ts`).
 * Nothing here is a yes/no gate: the composer picks the likeliest sentences and
 * the support check compares the best with a fitted threshold.
 */
import { MEETING_VERB } from "../../text/lexicon/index.js";
import { splitSentences } from "../../text/sentences.js";
import { questionFocus, sentenceHolds } from "../question/answer-type.js";
import { entitiesOf, hasTerm, matchEntities, profileOf, stemOf, termCoverage, type EntityQuery } from "./evidence.js";
import { ANSWER_MODEL, weightsFor } from "./answer-model.js";
import { specificTerms } from "../question/question-shape.js";
import type { AnswerType, CandidateSentence, Passage, QueryAnalysis, ScoredCandidate } from "../types.js";

export type { CandidateSentence, ScoredCandidate } from "../types.js";

/** Inverse document frequency of a folded term; 1 for every term when unknown. */
export type TermWeight = (term: string) => number;

export const SENTENCE_FEATURES = [
  "bias",
  "terms",
  "termsParagraph",
  "similarity",
  "similarityGap",
  "passageRank",
  "entitiesInSentence",
  "entitiesInArticle",
  "holdsType",
  "holdsSpecificType",
  "lacksSpecificType",
  "articleLead",
  "firstInParagraph",
  "meetingVerb",
  "meetingVerbForFacts",
  "leadForDescription",
  "short",
  "focus",
  "askedVerb",
  "termsWithSpecificType",
  "askedTerms",
] as const;

const FACT_TYPES: ReadonlySet<AnswerType> = new Set(["date", "person", "place", "list"]);

/** Verbs a question asks about whose stem the answer sentence should share ("discuss" → "discussed"). */
const ASKED_VERB =
  /\b(discuss|agree|announc|offer|commit|pledg|thank|urg|rais|welcom|launch|sign|congratulat|condemn|express|invit|accept|reaffirm|emphasi|stress|highlight|review|plan|propos|request|ask|support|credit|describ|warn|share|told|tell|said|note)\w*/gi;

/** Everything about the question the features read, worked out once per question. */
export interface QuestionEvidenceContext {
  query: QueryAnalysis;
  answerType: AnswerType;
  terms: string[];
  focusStem?: string;
  verbs: string[];
  weight: TermWeight;
  /** The people, countries and places asked about, as `matchEntities` takes them. */
  entities: EntityQuery;
}

export function questionContext(query: QueryAnalysis, weight: TermWeight = () => 1): QuestionEvidenceContext {
  const focus = questionFocus(query.question);
  return {
    query,
    answerType: query.answerType ?? "description",
    terms: specificTerms(query),
    ...(focus?.word ? { focusStem: stemOf(focus.word.toLowerCase()) } : {}),
    verbs: [...query.question.matchAll(ASKED_VERB)].map((match) => match[1]!.toLowerCase()),
    weight,
    entities: entitiesOf(query),
  };
}

/** The sentences of the passages, in passage order. */
function candidateSentences(passages: readonly Passage[]): CandidateSentence[] {
  const candidates: CandidateSentence[] = [];
  passages.forEach((passage, rank) => {
    splitSentences(passage.text).forEach((text, position) => candidates.push({ passage, rank, position, text }));
  });
  return candidates;
}

/** What the features read of a sentence's paragraph and article: the same for all its sentences, so worked out once. */
interface PassageEvidence {
  paragraphTerms: number;
  /**
   * The question's terms the article's title, lead, participants and place do not
   * hold: what the question asks, as opposed to the words that pick the meeting.
   */
  askedTerms: string[];
  /** Share of the asked entities the article's header or the paragraph names. */
  entitiesInArticle: number;
}

function passageEvidence(context: QuestionEvidenceContext, passage: Passage): PassageEvidence {
  const paragraph = profileOf(passage.text);
  const header = profileOf([passage.title, ...passage.participants, passage.place ?? ""].join(" \n "));
  const inArticle = matchEntities(header, context.entities);
  const inParagraph = matchEntities(paragraph, context.entities);
  const identifying = profileOf([passage.title, passage.lead ?? "", ...passage.participants, passage.place ?? ""].join(" \n "));
  return {
    paragraphTerms: termCoverage(paragraph, context.terms, context.weight),
    askedTerms: context.terms.filter((term) => !hasTerm(identifying, term)),
    entitiesInArticle: inArticle.asked === 0 ? 0 : Math.max(inArticle.found, inParagraph.found) / inArticle.asked,
  };
}

function sentenceFeatures(context: QuestionEvidenceContext, candidate: CandidateSentence, around: PassageEvidence, bestSimilarity: number): number[] {
  const { answerType } = context;
  const sentence = profileOf(candidate.text);
  const inSentence = matchEntities(sentence, context.entities);
  const asked = inSentence.asked;
  const terms = termCoverage(sentence, context.terms, context.weight);
  const similarity = candidate.passage.similarity ?? 0;
  const holds = sentenceHolds(answerType, candidate.text);
  const specific = answerType !== "description";
  const isLead = candidate.passage.paragraph === 1 && candidate.position === 0;
  const meeting = MEETING_VERB.test(candidate.text);
  const lower = candidate.text.toLowerCase();
  const values: Record<(typeof SENTENCE_FEATURES)[number], number> = {
    bias: 1,
    terms,
    termsParagraph: around.paragraphTerms,
    similarity,
    similarityGap: similarity - bestSimilarity,
    passageRank: 1 / (candidate.rank + 1),
    entitiesInSentence: asked === 0 ? 0 : inSentence.found / asked,
    entitiesInArticle: around.entitiesInArticle,
    holdsType: holds ? 1 : 0,
    holdsSpecificType: holds && specific ? 1 : 0,
    lacksSpecificType: !holds && specific ? 1 : 0,
    articleLead: isLead ? 1 : 0,
    firstInParagraph: candidate.position === 0 ? 1 : 0,
    meetingVerb: meeting ? 1 : 0,
    meetingVerbForFacts: meeting && FACT_TYPES.has(answerType) ? 1 : 0,
    leadForDescription: isLead && answerType === "description" ? 1 : 0,
    short: candidate.text.split(/\s+/u).length < 8 ? 1 : 0,
    focus: context.focusStem !== undefined && sentence.stems.has(context.focusStem) ? 1 : 0,
    askedVerb: context.verbs.some((verb) => lower.includes(verb)) ? 1 : 0,
    // "How much did the GCC put up?": the figure counts where the question's words are.
    termsWithSpecificType: holds && specific ? terms : 0,
    askedTerms: termCoverage(sentence, around.askedTerms, context.weight),
  };
  return SENTENCE_FEATURES.map((name) => values[name]);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function dot(weights: readonly number[], features: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < features.length; i++) sum += (weights[i] ?? 0) * features[i]!;
  return sum;
}

/** Every sentence of the passages with its answer probability, best first. */
export function rankSentences(
  context: QuestionEvidenceContext,
  passages: readonly Passage[],
  weights: readonly number[] = weightsFor(ANSWER_MODEL.sentence, SENTENCE_FEATURES),
): ScoredCandidate[] {
  const bestSimilarity = Math.max(0, ...passages.map((passage) => passage.similarity ?? 0));
  const around = new Map(passages.map((passage) => [passage, passageEvidence(context, passage)]));
  return candidateSentences(passages)
    .map((candidate) => {
      const features = sentenceFeatures(context, candidate, around.get(candidate.passage)!, bestSimilarity);
      return { ...candidate, features, probability: sigmoid(dot(weights, features)) };
    })
    .sort((a, b) => b.probability - a.probability);
}
