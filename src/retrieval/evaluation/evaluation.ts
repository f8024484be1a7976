/**
 * `evaluation/` — scoring the answer chain on evaluation sets (this module) and
 * tuning the fusion weights (`tuning.ts`).
 *
 * Scoring the answer chain on a set of questions with gold paragraphs and
 * required keywords (the format is described in tests/eval/README.md).
 */
import { z } from "zod";
import type { AnswerResult, Passage } from "../types.js";

const goldSchema = z.object({
  source: z.string().min(1),
  quote: z.string().min(1),
});

const evalItemSchema = z
  .object({
    id: z.string().min(1),
    question: z.string().min(1),
    conversation: z.string().min(1).optional(),
    today: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    kind: z.string().min(1),
    answerable: z.boolean(),
    gold: z.array(goldSchema),
    keywords: z.array(z.string().min(1)),
  })
  .refine((item) => !item.answerable || item.gold.length > 0, "an answerable question needs at least one gold paragraph");

export type EvalItem = z.infer<typeof evalItemSchema>;

export class EvalFileError extends Error {
  override name = "EvalFileError";
}

/** Parse a JSON-lines evaluation set; every bad line is reported with its number. */
export function parseEvalSet(text: string, fileName = "evaluation set"): EvalItem[] {
  const items: EvalItem[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${fileName}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push(`${where}: not valid JSON (${(error as Error).message})`);
      return;
    }
    const parsed = evalItemSchema.safeParse(json);
    if (!parsed.success) {
      problems.push(`${where}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "line"} ${issue.message}`).join("; ")}`);
      return;
    }
    if (ids.has(parsed.data.id)) problems.push(`${where}: duplicate id ${parsed.data.id}`);
    ids.add(parsed.data.id);
    items.push(parsed.data);
  });
  if (problems.length > 0) throw new EvalFileError(problems.join("\n"));
  return items;
}

/** The comparison form of text for matching quotes: case, spaces, quotes and Markdown escapes folded. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, "$1")
    .replace(/[’‘ʼ]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑‒–—]/g, "-")
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, " ")
    .trim()
    .toLowerCase();
}

export interface ParagraphRef {
  source: string;
  text: string;
}

function matchesGold(ref: ParagraphRef, item: EvalItem): boolean {
  const text = normalizeForMatch(ref.text);
  return item.gold.some((gold) => gold.source === ref.source && text.includes(normalizeForMatch(gold.quote)));
}

/** 1-based rank of the first retrieved passage that is a gold paragraph, or undefined. */
export function goldRank(passages: Passage[], item: EvalItem): number | undefined {
  const index = passages.findIndex((passage) => matchesGold({ source: passage.articleId, text: passage.text }, item));
  return index >= 0 ? index + 1 : undefined;
}

/** The keywords (alternatives separated by "|") the answer lacks, case-insensitively. */
export function missingKeywords(answer: string, keywords: string[]): string[] {
  const text = normalizeForMatch(answer);
  return keywords.filter(
    (keyword) =>
      !keyword
        .split("|")
        .map((alternative) => normalizeForMatch(alternative))
        .some((alternative) => alternative.length > 0 && text.includes(alternative)),
  );
}

/** Every keyword (alternatives separated by "|") appears in the answer, case-insensitively. */
export function keywordsPresent(answer: string, keywords: string[]): boolean {
  return missingKeywords(answer, keywords).length === 0;
}

export interface ItemScore {
  id: string;
  kind: string;
  answerable: boolean;
  abstained: boolean;
  /** Rank of the first gold paragraph among the retrieved passages (answerable only). */
  rank?: number;
  citesGold: boolean;
  keywordsOk: boolean;
  /** Citations whose paragraph was not among the retrieved passages: must always be 0. */
  unretrievedCitations: number;
  latencyMs: number;
}

export function scoreItem(item: EvalItem, result: AnswerResult): ItemScore {
  const retrieved = result.retrieved ?? [];
  const retrievedKeys = new Set(retrieved.map((passage) => `${passage.articleId}#${passage.paragraph}`));
  return {
    id: item.id,
    kind: item.kind,
    answerable: item.answerable,
    abstained: result.abstained,
    rank: item.answerable ? goldRank(retrieved, item) : undefined,
    citesGold: result.citations.some((citation) => matchesGold({ source: citation.source, text: citation.text }, item)),
    keywordsOk: !result.abstained && keywordsPresent(result.answer, item.keywords),
    unretrievedCitations: result.citations.filter((citation) => !retrievedKeys.has(`${citation.source}#${citation.paragraph}`)).length,
    latencyMs: result.latencyMs,
  };
}

export interface EvalMetrics {
  questions: number;
  answerable: number;
  unanswerable: number;
  recallAt1: number;
  recallAt5: number;
  citationAccuracy: number;
  answerAccuracy: number;
  abstentionAccuracy: number;
  falseAbstentions: number;
  unretrievedCitations: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

const ratio = (count: number, total: number) => (total === 0 ? 0 : count / total);

export function summarize(scores: ItemScore[]): EvalMetrics {
  const answerable = scores.filter((score) => score.answerable);
  const unanswerable = scores.filter((score) => !score.answerable);
  const latencies = scores.map((score) => score.latencyMs);
  return {
    questions: scores.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    recallAt1: ratio(answerable.filter((score) => score.rank === 1).length, answerable.length),
    recallAt5: ratio(answerable.filter((score) => score.rank !== undefined && score.rank <= 5).length, answerable.length),
    citationAccuracy: ratio(answerable.filter((score) => score.citesGold).length, answerable.length),
    answerAccuracy: ratio(answerable.filter((score) => score.keywordsOk).length, answerable.length),
    abstentionAccuracy: ratio(unanswerable.filter((score) => score.abstained).length, unanswerable.length),
    falseAbstentions: ratio(answerable.filter((score) => score.abstained).length, answerable.length),
    unretrievedCitations: scores.reduce((sum, score) => sum + score.unretrievedCitations, 0),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
  };
}

/** A share as a percentage with one decimal: "91.7%". */
export const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

/** Metrics of several runs side by side: a header row of labels, then one row per metric, one column per run. */
export function metricsColumns(columns: Array<{ label: string; metrics: EvalMetrics }>): string {
  const rows: [string, (m: EvalMetrics) => string][] = [
    ["questions", (m) => `${m.questions} (${m.answerable}/${m.unanswerable})`],
    ["retrieval recall@1", (m) => pct(m.recallAt1)],
    ["retrieval recall@5", (m) => pct(m.recallAt5)],
    ["citation accuracy", (m) => pct(m.citationAccuracy)],
    ["answer accuracy", (m) => pct(m.answerAccuracy)],
    ["abstention accuracy", (m) => pct(m.abstentionAccuracy)],
    ["false abstentions", (m) => pct(m.falseAbstentions)],
    ["citations not retrieved", (m) => String(m.unretrievedCitations)],
    ["latency p50", (m) => `${m.latencyP50Ms.toFixed(0)} ms`],
    ["latency p95", (m) => `${m.latencyP95Ms.toFixed(0)} ms`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const widths = columns.map(({ label, metrics }) => Math.max(label.length, 12, ...rows.map(([, value]) => value(metrics).length)));
  const line = (label: string, cells: string[]) => `${label.padEnd(width)}  ${cells.map((cell, i) => cell.padStart(widths[i]!)).join("  ")}`;
  return [
    line(
      "",
      columns.map(({ label }) => label),
    ),
    ...rows.map(([label, value]) =>
      line(
        label,
        columns.map(({ metrics }) => value(metrics)),
      ),
    ),
  ].join("\n");
}
