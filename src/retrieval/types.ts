import type { Runnable } from "@langchain/core/runnables";

/** One earlier exchange in a conversation, oldest first in a history. */
export interface ChatTurn {
  question: string;
  /** The question as the chain understood it (after follow-up rewriting). */
  standaloneQuestion?: string;
  answer: string;
  /** Article ids cited by the answer, so follow-ups can stay on the same story. */
  sources?: string[];
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
}

export interface AnswerResult {
  question: string;
  standaloneQuestion: string;
  answer: string;
  abstained: boolean;
  citations: Citation[];
  latencyMs: number;
}

/** The answer chain that the bot, the CLI and the evaluation all call. */
export type AnswerChain = Runnable<AnswerInput, AnswerResult>;

export const ABSTENTION = "I couldn't find this in the articles I have.";
