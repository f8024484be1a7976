/**
 * readout eval [--index DIR] [--json] [--verbose] [--report FILE] [--tune] FILE.jsonl [FILE.jsonl ...]
 *
 * Scores the answer chain on evaluation sets (format: tests/eval/README.md), side by side when several.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { answerLines } from "../retrieval/conversation/turns.js";
import {
  metricsColumns,
  missingKeywords,
  pct,
  parseEvalSet,
  scoreItem,
  summarize,
  type EvalItem,
  type EvalMetrics,
  type ItemScore,
} from "../retrieval/evaluation/evaluation.js";
import type { AnswerResult } from "../retrieval/types.js";
import { openAnswerChain, type OpenedChain } from "../retrieval/open-chain.js";
import { gridPoints, isDefault, scoreFusion, type FusionScore } from "../retrieval/evaluation/tuning.js";
import { INDEX_OPTION, JSON_OPTION, readConfigWithIndex } from "./shared-options.js";
import { defineCommand, UsageError } from "./command.js";
import { isEntryPoint, runCli } from "./run-cli.js";

const USAGE = `Usage: readout eval [--index DIR] [--json] [--verbose] [--report FILE] [--tune] FILE.jsonl [FILE.jsonl ...]
       (or npm run -s eval -- ...)

Scores the answer chain on sets of questions with gold paragraphs and required
answer keywords, and unanswerable questions (format: tests/eval/README.md).
Several files are scored over the same index and printed side by side.

Options:
  --index DIR      local index folder (default: the configured store, READOUT_STORE:
                   READOUT_INDEX_DIR or data/index, or PostgreSQL)
  --json           print the metrics as one JSON object (an array of them for several files)
  --verbose        list every question that missed, with its answer
  --report FILE    write one JSON line per question (file, scores, answer, citations)
  --tune           grid-search the fusion weights on retrieval (recall@1/5, MRR)
                   and print the combinations, best first
  -h, --help       show this help`;

function formatMetrics(metrics: EvalMetrics, byKind: Map<string, EvalMetrics>): string {
  const rows = [
    ["questions", `${metrics.questions} (${metrics.answerable} answerable, ${metrics.unanswerable} unanswerable)`],
    ["retrieval recall@1", pct(metrics.recallAt1)],
    ["retrieval recall@5", pct(metrics.recallAt5)],
    ["citation accuracy", pct(metrics.citationAccuracy)],
    ["answer accuracy", pct(metrics.answerAccuracy)],
    ["abstention accuracy", pct(metrics.abstentionAccuracy)],
    ["false abstentions", pct(metrics.falseAbstentions)],
    ["citations not retrieved", String(metrics.unretrievedCitations)],
    ["latency p50", `${metrics.latencyP50Ms.toFixed(0)} ms`],
    ["latency p95", `${metrics.latencyP95Ms.toFixed(0)} ms`],
  ];
  const width = Math.max(...rows.map(([label]) => label!.length));
  const lines = rows.map(([label, value]) => `${label!.padEnd(width)}  ${value}`);
  lines.push("", "by kind:            n  recall@5  answer  abstained");
  for (const [kind, m] of [...byKind.entries()].sort()) {
    const abstained = m.answerable > 0 ? m.falseAbstentions : m.abstentionAccuracy;
    lines.push(
      `  ${kind.padEnd(16)} ${String(m.questions).padStart(3)}  ${m.answerable ? pct(m.recallAt5).padStart(8) : "       -"}  ${m.answerable ? pct(m.answerAccuracy).padStart(6) : "     -"}  ${pct(abstained).padStart(9)}`,
    );
  }
  return lines.join("\n");
}

function describeMiss(item: EvalItem, score: ItemScore, result: AnswerResult): string | undefined {
  const problems: string[] = [];
  if (item.answerable) {
    if (score.abstained) problems.push(`abstained (${result.abstentionReason ?? "no reason given"})`);
    else if (!score.keywordsOk) problems.push(`missing keywords ${JSON.stringify(missingKeywords(result.answer, item.keywords))}`);
    if (score.rank === undefined || score.rank > 5) problems.push(`gold not in top 5 (rank ${score.rank ?? "-"})`);
  } else if (!score.abstained) {
    problems.push("answered an unanswerable question");
  }
  if (score.unretrievedCitations > 0) problems.push(`${score.unretrievedCitations} citations not retrieved`);
  if (problems.length === 0) return undefined;
  const standalone = result.standaloneQuestion !== result.question ? `\n    understood as: ${result.standaloneQuestion}` : "";
  return `${item.id} [${item.kind}] ${problems.join("; ")}\n    Q: ${item.question}${standalone}\n    A: ${result.answer.replace(/\n/g, "\n       ")}`;
}

async function tune(opened: OpenedChain, items: EvalItem[]): Promise<string> {
  const base = { index: opened.index, embeddings: opened.embeddings, config: opened.config };
  const rows: FusionScore[] = [];
  for (const point of gridPoints()) {
    rows.push(await scoreFusion(base, items, point));
    process.stderr.write(`\rtuning: ${rows.length}/${gridPoints().length} combinations`);
  }
  process.stderr.write("\n");
  rows.sort((a, b) => b.recallAt5 - a.recallAt5 || b.mrr - a.mrr || b.recallAt1 - a.recallAt1);
  const lines = ["dense  lexical  entity  rrfK   recall@1  recall@5    MRR"];
  for (const row of rows) {
    lines.push(
      `${row.denseWeight.toFixed(1).padStart(5)}  ${row.lexicalWeight.toFixed(1).padStart(7)}  ${row.entityWeight.toFixed(1).padStart(6)}  ${String(row.rrfK).padStart(4)}   ${pct(row.recallAt1).padStart(8)}  ${pct(row.recallAt5).padStart(8)}  ${row.mrr.toFixed(3)}${isDefault(row) ? "  (current default)" : ""}`,
    );
  }
  return lines.join("\n");
}

interface SetRun {
  file: string;
  metrics: EvalMetrics;
  byKind: Map<string, EvalMetrics>;
  misses: string[];
  report: string[];
}

async function readSet(file: string): Promise<EvalItem[]> {
  const text = await fs.readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  return parseEvalSet(text, file);
}

async function runSet(chain: OpenedChain["chain"], file: string, items: EvalItem[]): Promise<SetRun> {
  const scores: ItemScore[] = [];
  const misses: string[] = [];
  const report: string[] = [];
  for await (const { line: item, result } of answerLines(chain, items)) {
    const score = scoreItem(item, result);
    scores.push(score);
    const miss = describeMiss(item, score, result);
    if (miss) misses.push(miss);
    report.push(
      JSON.stringify({
        file,
        ...score,
        question: item.question,
        standalone: result.standaloneQuestion,
        act: result.act,
        support: result.supportProbability,
        answer: result.answer,
        citations: result.citations.map((c) => `${c.source}#${c.paragraph}`),
      }),
    );
  }
  const byKind = new Map<string, EvalMetrics>();
  for (const kind of new Set(scores.map((score) => score.kind))) byKind.set(kind, summarize(scores.filter((score) => score.kind === kind)));
  return { file, metrics: summarize(scores), byKind, misses, report };
}

export const command = defineCommand({
  name: "eval",
  usage: USAGE,
  options: {
    ...INDEX_OPTION,
    ...JSON_OPTION,
    verbose: { type: "boolean", default: false },
    report: { type: "string" },
    tune: { type: "boolean", default: false },
  },
  positionals: true,
  run: async ({ values, positionals }, { stdout }) => {
    if (positionals.length === 0) throw new UsageError("Give one or more evaluation files.", true);
    if (values.tune && positionals.length !== 1) throw new UsageError("--tune takes exactly one evaluation file.", true);
    // Read every set before opening the index, so a bad file is reported at once.
    const sets = await Promise.all(positionals.map(async (file) => ({ file, items: await readSet(file) })));

    const opened = await openAnswerChain(readConfigWithIndex(values.index));
    if (values.tune) {
      try {
        stdout.write(`${await tune(opened, sets[0]!.items)}\n`);
      } finally {
        await opened.close();
      }
      return 0;
    }
    const runs: SetRun[] = [];
    try {
      for (const { file, items } of sets) runs.push(await runSet(opened.chain, file, items));
    } finally {
      await opened.close();
    }

    if (values.report) await fs.writeFile(values.report, `${runs.flatMap((run) => run.report).join("\n")}\n`);
    if (values.json) {
      const objects = runs.map((run) => ({ file: run.file, ...run.metrics, byKind: Object.fromEntries(run.byKind) }));
      stdout.write(`${JSON.stringify(objects.length === 1 ? objects[0] : objects)}\n`);
      return 0;
    }
    for (const run of runs) {
      if (values.verbose && run.misses.length > 0) stdout.write(`Misses${runs.length > 1 ? ` in ${run.file}` : ""}:\n${run.misses.join("\n")}\n\n`);
    }
    if (runs.length === 1) stdout.write(`${formatMetrics(runs[0]!.metrics, runs[0]!.byKind)}\n`);
    else stdout.write(`${metricsColumns(runs.map((run) => ({ label: path.basename(run.file), metrics: run.metrics })))}\n`);
    return 0;
  },
});

if (isEntryPoint(import.meta.url)) await runCli(command);
