/**
 * Warm latency of one question (a section of `npm run bench`, or
 * `npx tsx bench/retrieval.ts`): the answer chain with the offline defaults
 * (USE-lite, extractive answerer) over an index of the White House readouts
 * (`../shared/corpora/whitehouse-readouts/`, skipped with a message when absent).
 * After a few warm-up questions, every question of tests/eval/readouts.jsonl is
 * answered in file order (conversations keep their history, as `npm run eval`
 * runs them), for a few rounds; each answer is timed from the question to the
 * result, and the section prints p50/p95/max. Target: p95 < 300 ms.
 *
 * READOUT_BENCH_READOUTS_INDEX=DIR uses the index in DIR as it is (build it once
 * with `npm run ingest -- --index DIR ../shared/corpora/whitehouse-readouts`), or
 * builds it there and keeps it when DIR holds none. Without it, the section
 * ingests the corpus into a temporary folder first (a minute or two) and removes it.
 * READOUT_BENCH_ROUNDS=N sets the rounds (default 3).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseConfig } from "../src/config.js";
import { createEmbeddings } from "../src/embeddings/index.js";
import { runIngest } from "../src/ingest/run.js";
import { createLogger } from "../src/log.js";
import { answerLines } from "../src/retrieval/conversation/turns.js";
import { parseEvalSet, percentile, type EvalItem } from "../src/retrieval/evaluation/evaluation.js";
import { openAnswerChain } from "../src/retrieval/open-chain.js";
import { IndexNotFoundError } from "../src/store/errors.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const CORPUS = path.resolve(REPO_ROOT, "../shared/corpora/whitehouse-readouts");
const EVAL_SET = path.join(REPO_ROOT, "tests/eval/readouts.jsonl");
const TARGET_P95_MS = 300;
const WARM_UP_QUESTIONS = [
  "When did Biden meet Kishida?",
  "What did Biden and Xi discuss in Woodside?",
  "Which leaders did the Vice President meet in Munich in February 2023?",
  "when did biden last speak with zelensky",
  "What gift did Biden give the Pope?",
];

function machine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}, load average ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(" ")}`;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export async function run(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} is absent (the shared corpora are not on this machine)`);
    return;
  }
  const rounds = Math.max(1, Number(process.env.READOUT_BENCH_ROUNDS ?? "3") || 3);
  const reuse = process.env.READOUT_BENCH_READOUTS_INDEX;
  const tmp = reuse ? undefined : await mkdtemp(path.join(os.tmpdir(), "readout-bench-retrieval-"));
  const indexDir = reuse ? path.resolve(reuse) : path.join(tmp!, "index");
  // The offline defaults, whatever a developer's .env says about an LLM.
  const config = { ...parseConfig({ ...process.env, READOUT_LLM: "none", READOUT_EMBEDDINGS: "use-lite", LOG_LEVEL: "warn" }, REPO_ROOT), indexDir };
  const embeddings = createEmbeddings(config.embeddings);
  try {
    console.log(`machine: ${machine()}`);
    let opened = await openAnswerChain(config, { embeddings }).catch((error: unknown) => {
      if (error instanceof IndexNotFoundError) return undefined;
      throw error;
    });
    if (!opened) {
      console.log(`building the readouts index in ${indexDir}${reuse ? " (kept: READOUT_BENCH_READOUTS_INDEX)" : ""} ...`);
      const started = performance.now();
      const summary = await runIngest({ paths: [CORPUS], indexDir, embeddings, config, logger: createLogger("warn") });
      if (summary.failed) throw new Error(`ingesting ${CORPUS} failed for some files`);
      console.log(`  ${summary.articles ?? summary.added} articles, ${summary.chunks} chunks in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      opened = await openAnswerChain(config, { embeddings });
    }
    const { chain, index } = opened;
    console.log(
      `index: ${indexDir}, ${index.manifest.articleCount} articles, ${index.manifest.chunkCount} chunks; answerer: offline (extractive), embeddings: use-lite`,
    );

    for (const question of WARM_UP_QUESTIONS) await chain.invoke({ question, history: [] });
    const items: EvalItem[] = parseEvalSet(readFileSync(EVAL_SET, "utf8"), path.relative(REPO_ROOT, EVAL_SET));

    const samples: { id: string; ms: number }[] = [];
    let abstained = 0;
    for (let round = 0; round < rounds; round++) {
      let started = performance.now();
      for await (const { line, result } of answerLines(chain, items)) {
        samples.push({ id: line.id, ms: performance.now() - started });
        if (result.abstained) abstained += 1;
        started = performance.now();
      }
    }
    await opened.close();

    const times = samples.map((sample) => sample.ms);
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 3);
    console.log(
      [
        `${items.length} questions of ${path.relative(REPO_ROOT, EVAL_SET)} × ${rounds} rounds = ${samples.length} answers (${abstained / rounds} abstentions a round), after ${WARM_UP_QUESTIONS.length} warm-up questions`,
        `warm latency per question: p50 ${ms(p50)}, p95 ${ms(p95)}, max ${ms(Math.max(...times))}, mean ${ms(times.reduce((a, b) => a + b, 0) / times.length)}`,
        `slowest: ${slowest.map((sample) => `${sample.id} ${ms(sample.ms)}`).join(", ")}`,
        `p95 ${ms(p95)} (target < ${TARGET_P95_MS} ms on this machine) ${p95 < TARGET_P95_MS ? "OK" : "ABOVE TARGET"}`,
      ].join("\n"),
    );
  } finally {
    await embeddings.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
