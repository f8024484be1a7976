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

/**
 * The weights in the order of the features the code computes, matched by name:
 * a feature the model was not fitted with weighs 0, one it no longer has is
 * ignored, so a model stays usable (and refittable) while the features change.
 */
export function weightsFor(model: LogisticModel, features: readonly string[]): number[] {
  const byName = new Map(model.features.map((name, i) => [name, model.weights[i] ?? 0]));
  return features.map((name) => byName.get(name) ?? 0);
}
