/**
 * Child process of bench/stores.ts: one bot process's view of one store. Opens
 * the configured store as the bot does (`createServices`: index, chain,
 * embeddings; the model loaded first, outside the timed opening), then answers every question of tests/eval/readouts.jsonl once to
 * warm up and READOUT_BENCH_ROUNDS more times timed, and prints one JSON line:
 * open time, warm p50/p95, and the process's memory after.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createServices } from "../src/bot/services.js";
import { parseConfig } from "../src/config.js";
import { createEmbeddings } from "../src/embeddings/index.js";
import { createLogger } from "../src/log.js";
import { answerLines } from "../src/retrieval/conversation/turns.js";
import { parseEvalSet, percentile } from "../src/retrieval/evaluation/evaluation.js";
import { openSearchIndex } from "../src/store/open-store.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const EVAL_SET = path.join(REPO_ROOT, "tests/eval/readouts.jsonl");

const config = parseConfig({ ...process.env, READOUT_LLM: "none", READOUT_EMBEDDINGS: "use-lite", LOG_LEVEL: "warn" }, REPO_ROOT);
const rounds = Math.max(1, Number(process.env.READOUT_BENCH_ROUNDS ?? "2") || 2);
const items = parseEvalSet(readFileSync(EVAL_SET, "utf8"), "readouts.jsonl");

// The embedding model loads the same way for both stores: outside the timed opening.
const embeddings = createEmbeddings(config.embeddings);
await embeddings.warmup();
// The index alone (read the files, or connect, migrate and read the snapshot), then everything the bot builds on it.
let started = performance.now();
await (await openSearchIndex(config, embeddings)).close();
const indexOpenMs = performance.now() - started;
started = performance.now();
const services = await createServices(config, { embeddings, logger: createLogger("warn") });
const openMs = performance.now() - started;
for await (const _ of answerLines(services.answer, items)) void _;
const times: number[] = [];
for (let round = 0; round < rounds; round++) {
  let asked = performance.now();
  for await (const _ of answerLines(services.answer, items)) {
    times.push(performance.now() - asked);
    asked = performance.now();
  }
}
const memory = process.memoryUsage();
const description = await services.describeIndex();
await services.close();
await embeddings.close();
process.stdout.write(
  `${JSON.stringify({ indexOpenMs, openMs, p50: percentile(times, 50), p95: percentile(times, 95), answers: times.length, rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20, articles: description.articles, chunks: description.chunks })}\n`,
);
process.exit(0);
