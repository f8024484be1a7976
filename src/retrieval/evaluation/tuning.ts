/**
 * Tuning the fusion weights on an evaluation set: every combination of a small
 * grid is scored on retrieval alone (recall@1, recall@5, mean reciprocal rank).
 */
import { createAnswerChain, type AnswerChainOptions } from "../chain.js";
import { answerLines } from "../conversation/turns.js";
import { goldRank, type EvalItem } from "./evaluation.js";
import { DEFAULT_RETRIEVAL_SETTINGS, type RetrievalSettings } from "../settings.js";

export interface FusionPoint {
  denseWeight: number;
  lexicalWeight: number;
  entityWeight: number;
  rrfK: number;
}

export interface FusionScore extends FusionPoint {
  recallAt1: number;
  recallAt5: number;
  mrr: number;
}

export const FUSION_GRID = {
  denseWeight: [0.3, 0.6, 1],
  lexicalWeight: [1],
  entityWeight: [0.4, 0.8, 1.2],
  rrfK: [10, 20, 60],
};

export function gridPoints(grid: typeof FUSION_GRID = FUSION_GRID): FusionPoint[] {
  const points: FusionPoint[] = [];
  for (const denseWeight of grid.denseWeight)
    for (const lexicalWeight of grid.lexicalWeight)
      for (const entityWeight of grid.entityWeight) for (const rrfK of grid.rrfK) points.push({ denseWeight, lexicalWeight, entityWeight, rrfK });
  return points;
}

export async function scoreFusion(base: Omit<AnswerChainOptions, "settings">, items: EvalItem[], point: FusionPoint): Promise<FusionScore> {
  const settings: Partial<RetrievalSettings> = { ...point };
  const chain = createAnswerChain({ ...base, settings });
  const answerable = items.filter((item) => item.answerable);
  let at1 = 0;
  let at5 = 0;
  let reciprocal = 0;
  for await (const { line, result } of answerLines(chain, items)) {
    if (!line.answerable) continue;
    const rank = goldRank(result.retrieved ?? [], line);
    if (rank === undefined) continue;
    if (rank === 1) at1 += 1;
    if (rank <= 5) at5 += 1;
    reciprocal += 1 / rank;
  }
  const n = Math.max(1, answerable.length);
  return { ...point, recallAt1: at1 / n, recallAt5: at5 / n, mrr: reciprocal / n };
}

export function isDefault(point: FusionPoint): boolean {
  const d = DEFAULT_RETRIEVAL_SETTINGS;
  return point.denseWeight === d.denseWeight && point.lexicalWeight === d.lexicalWeight && point.entityWeight === d.entityWeight && point.rrfK === d.rrfK;
}
