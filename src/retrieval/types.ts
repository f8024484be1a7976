import type { Runnable } from "@langchain/core/runnables";
import type { DayRange } from "../types/index.js";

/** One earlier exchange in a conversation, oldest first in a history. */
export interface ChatTurn {
  question: string;
  /** The question as the chain understood it (after follow-up rewriting). */
  standaloneQuestion?: string;
  answer: string;
  /** Article ids cited by the answer, so follow-ups can stay on the same story. */
  sources?: string[];
  /** The people of the meeting the answer was about, so "they" and "he" in a follow-up can name them. */
  people?: string[];
}

export interface Citation {
  /** The number used in the answer text: [n]. */
  n: number;
  /** Article id as ingested. */
  source: string;
  title: string;
  date?: string;
  url?: string;
  /** 1-based paragraph number in the cleaned article. */
  paragraph: number;
  /** The full text of that paragraph. */
  text: string;
}

export interface AnswerInput {
  question: string;
  history?: ChatTurn[];
  /** "Today" for relative dates in the question (YYYY-MM-DD); defaults to the configured or real date. */
  today?: string;
}

export interface AnswerResult {
  question: string;
  standaloneQuestion: string;
  answer: string;
  abstained: boolean;
  citations: Citation[];
  latencyMs: number;
  /** The retrieved passages in rank order (for evaluation and debugging; not shown to users). */
  retrieved?: Passage[];
  /** The chain's understanding of the (standalone) question. */
  analysis?: QueryAnalysis;
  /** What kind of message it was: a question, or chit-chat and requests answered without the articles. */
  act?: ConversationAct;
  /** The fitted probability that the evidence answers the question. */
  supportProbability?: number;
  abstentionReason?: string;
}

/** The answer chain that the bot, the CLI and the evaluation all call. */
export type AnswerChain = Runnable<AnswerInput, AnswerResult>;

export const ABSTENTION = "I couldn't find this in the articles I have.";

/** What the chain understood of a (standalone) question. */
export interface AskedRegion {
  /** The region's name in src/text/regions.ts: "Africa", "the Gulf". */
  name: string;
  /** Whom the meeting was with ("African leaders") or where it was ("in Africa"). */
  describes: "people" | "place";
}

export interface QueryAnalysis {
  /** The standalone question. */
  question: string;
  /** Dates the question asks about, resolved against "today". */
  dateRange?: DayRange;
  /** The question's dates have no year ("on October 7"): `dateRange` is the latest such day, and earlier years may be meant. */
  dateYearGuessed?: boolean;
  /** People named, canonical spellings as found in the index vocabulary. */
  people: string[];
  /** For people the vocabulary knows: the name-word keys that serve as their surname ("xi" for Xi Jinping, "yoon" for Yoon Suk Yeol). */
  surnames?: Record<string, string[]>;
  /** Countries named or implied by a demonym ("Japanese" → "Japan"), canonical names. */
  countries: string[];
  /** The countries that stand for a party to the meeting ("the King of Tonga", "Japan's prime minister"): evidence must name them. */
  partyCountries?: string[];
  /** Places (cities, venues) named. */
  places: string[];
  /** Regions the question describes people or places by ("Which African leaders…", "leaders from the Gulf", "in Central Asia"): see src/text/regions.ts. */
  regions?: AskedRegion[];
  /** Key content words, lowercased, stop words removed. */
  terms: string[];
  intent: "when" | "who" | "where" | "what" | "list" | "other";
  /** The kind of answer expected (see answer-type.ts); absent only in hand-made analyses, where it counts as a description. */
  answerType?: AnswerType;
  /** A date question about when the meeting itself took place, not a date the article states (see answer-type.ts). */
  asksMeetingDate?: boolean;
  /** The question asks for the most recent meeting ("last", "latest", "most recent"). */
  latest: boolean;
  /** The question asks for the earliest ("first"). */
  earliest: boolean;
}

/** One retrieved paragraph handed to an answerer, numbered as it may be cited. */
export interface Passage {
  /** The number an answer cites this passage by: [n]. */
  n: number;
  chunkId: string;
  articleId: string;
  /** 1-based paragraph number in the cleaned article. */
  paragraph: number;
  /** The full paragraph text. */
  text: string;
  title: string;
  /** Meeting date when known, else publication date. */
  date?: string;
  publishedDate?: string;
  eventDate?: string;
  url?: string;
  place?: string;
  participants: string[];
  /** The start of the article's first paragraph (says whether it was a call or a meeting, and when). */
  lead?: string;
  /** Retrieval score after fusion and rerank; higher is better. */
  score: number;
  /** Cosine similarity of the question's embedding and this chunk's stored one (0 when unknown). */
  similarity?: number;
}

export interface AnswererInput {
  question: string;
  query: QueryAnalysis;
  passages: Passage[];
  /** "Today" (YYYY-MM-DD) the question's relative dates were resolved against. */
  today?: string;
  /** For a follow-up: the articles the previous answer cited, which the answer should stay on. */
  followedArticles?: string[];
  /** The chain's assessment of the evidence; an answerer called on its own assesses the passages itself. */
  assessment?: SupportAssessment;
}

/** An answer before it is returned: text with [n] markers and the citations they resolve to. */
export interface AnswerDraft {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  /** Why the answerer abstained, for logs and evaluation reports (never shown as the answer). */
  abstentionReason?: string;
}

export type Answerer = Runnable<AnswererInput, AnswerDraft>;

/** The kind of answer a question expects (see answer-type.ts). */
export type AnswerType = "date" | "person" | "place" | "number" | "duration" | "list" | "description";

/** What a message is: a question about meetings, or chit-chat and requests the bot does not serve (see conversation-act.ts). */
export type ConversationAct = "question" | "greeting" | "thanks" | "help" | "off-topic";

/** A sentence of a retrieved passage, as the evidence scores see it. */
export interface CandidateSentence {
  passage: Passage;
  /** Index of the passage among those the support check kept (0 = best ranked). */
  rank: number;
  /** Index of the sentence within its paragraph. */
  position: number;
  text: string;
}

export interface ScoredCandidate extends CandidateSentence {
  features: number[];
  /** Probability that the sentence answers the question. */
  probability: number;
}

/** The support check's verdict on the evidence (see support.ts). */
export interface SupportAssessment {
  supported: boolean;
  /** Why the evidence does not support an answer (for logs and the evaluation report). */
  reason?: string;
  /** Passages that name everything the question asks about, in rank order. */
  passages: Passage[];
  /** The subset whose article is about those people (title or participants), not just mentioning them. */
  about: Passage[];
  /** Every sentence of those passages with its probability of answering the question, best first. */
  sentences: ScoredCandidate[];
  /** The fitted probability that the evidence answers the question. */
  probability: number;
}
