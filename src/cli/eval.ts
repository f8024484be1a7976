/**
 * npm run eval -- [--index DIR] [--json] [--verbose] FILE.jsonl
 *
 * Scores the answer chain on an evaluation set (format: tests/eval/README.md).
 */
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { answerLines } from "../retrieval/conversation.js";
import { missingKeywords, parseEvalSet, scoreItem, summarize, type EvalItem, type EvalMetrics, type ItemScore } from "../retrieval/evaluation.js";
import type { AnswerResult } from "../retrieval/types.js";
import type { OpenedChain } from "../retrieval/open-chain.js";
import { gridPoints, isDefault, scoreFusion, type FusionScore } from "../retrieval/tuning.js";
import { openAnswerChainFromCli } from "./open-chain.js";
import { runCli, UsageError } from "./run-cli.js";

const USAGE = `Usage: npm run eval -- [--index DIR] [--json] [--verbose] [--report FILE] [--tune] FILE.jsonl

Scores the answer chain on a set of questions with gold paragraphs and required
answer keywords, and unanswerable questions (format: tests/eval/README.md).

Options:
  --index DIR      index folder (default: READOUT_INDEX_DIR or data/index)
  --json           print the metrics as one JSON object
  --verbose        list every question that missed, with its answer
  --report FILE    write one JSON line per question (scores, answer, citations)
  --tune           grid-search the fusion weights on retrieval (recall@1/5, MRR)
                   and print the combinations, best first
  -h, --help       show this help`;

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

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

await runCli(async ({ argv, stdout }) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      index: { type: "string" },
      json: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      report: { type: "string" },
      tune: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`Give exactly one evaluation file.\n\n${USAGE}`);
  const file = positionals[0]!;
  const text = await fs.readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  const items = parseEvalSet(text, file);

  const opened = await openAnswerChainFromCli({ index: values.index });
  if (values.tune) {
    try {
      stdout.write(`${await tune(opened, items)}\n`);
    } finally {
      await opened.close();
    }
    return 0;
  }
  const { chain, close } = opened;
  const scores: ItemScore[] = [];
  const misses: string[] = [];
  const report: string[] = [];
  try {
    for await (const { line: item, result } of answerLines(chain, items)) {
      const score = scoreItem(item, result);
      scores.push(score);
      const miss = describeMiss(item, score, result);
      if (miss) misses.push(miss);
      if (values.report) report.push(JSON.stringify({ ...score, question: item.question, standalone: result.standaloneQuestion, act: result.act, support: result.supportProbability, answer: result.answer, citations: result.citations.map((c) => `${c.source}#${c.paragraph}`) }));
    }
  } finally {
    await close();
  }

  const metrics = summarize(scores);
  const byKind = new Map<string, EvalMetrics>();
  for (const kind of new Set(scores.map((score) => score.kind))) byKind.set(kind, summarize(scores.filter((score) => score.kind === kind)));
  if (values.report) await fs.writeFile(values.report, `${report.join("\n")}\n`);
  if (values.json) {
    stdout.write(`${JSON.stringify({ file, ...metrics, byKind: Object.fromEntries(byKind) })}\n`);
  } else {
    if (values.verbose && misses.length > 0) stdout.write(`Misses:\n${misses.join("\n")}\n\n`);
    stdout.write(`${formatMetrics(metrics, byKind)}\n`);
  }
  return 0;
}, USAGE);
