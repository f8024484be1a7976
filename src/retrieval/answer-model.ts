/**
 * The fitted answer model: logistic weights over the sentence features of
 * `sentence-evidence.ts` and over the question-level support features of
 * `support.ts`, with the abstention threshold. `scripts/fit-answer-model.ts`
 * writes `answer-model.json` from evaluation sets; nothing here is set by hand.
 */
import { createRequire } from "node:module";

export interface LogisticModel {
  /** Feature names, in the order of `weights`. */
  features: string[];
  weights: number[];
}

export interface AnswerModel {
  sentence: LogisticModel;
  support: LogisticModel & {
    /** Below this probability that the question is answered, the answerer abstains. */
    threshold: number;
  };
  /** The evaluation sets the weights were fitted on (never the sets they are judged on). */
  fittedOn: string[];
}

const require = createRequire(import.meta.url);

export const ANSWER_MODEL: AnswerModel = require("./answer-model.json") as AnswerModel;

/** The weights must be in the order of the features computed: a model fitted on other features is refused at start. */
export function checkModelFeatures(model: AnswerModel, sentence: readonly string[], support: readonly string[]): void {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((name, i) => name === b[i]);
  if (!same(model.sentence.features, sentence) || !same(model.support.features, support)) {
    throw new Error("src/retrieval/answer-model.json was fitted on other features than the code computes: run scripts/fit-answer-model.ts --write");
  }
}
