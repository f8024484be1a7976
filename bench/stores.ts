/**
 * The local store against the PostgreSQL store (a section of `npm run bench`, or
 * `npx tsx bench/stores.ts`), on the same White House readouts: ingest
 * throughput (and the time of the final write alone), then, in one fresh bot
 * process per store (bench/store-answers.ts), the time to open the index (load
 * the files, or connect and read), warm answer latency p50/p95 over
 * tests/eval/readouts.jsonl, and the process's memory.
 *
 * PostgreSQL runs in a throw-away cluster started for the run (as the tests do;
 * pgvector is built from ../shared/vendor when missing); never the configured
 * database. Skipped with a message without the corpus or PostgreSQL.
 * READOUT_BENCH_STORES_FILES=N ingests the first N files only (default: all);
 * READOUT_BENCH_ROUNDS=N timed rounds over the questions (default 2).
 * READOUT_BENCH_STORES_INDEX=DIR with READOUT_BENCH_STORES_DATABASE=URL measure
 * opening, latency and memory on those two indexes as they are (built before,
 * e.g. by `npm run ingest` and `READOUT_STORE=postgres npm run ingest` over the
 * same files), without ingesting; the database is only read.
 */
import { spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readConfig } from "../src/config.js";
import { UseLiteEmbeddings } from "../src/embeddings/index.js";
import { runIngest } from "../src/ingest/run.js";
import { createLogger } from "../src/log.js";
import { localIngestTarget } from "../src/store/local-target.js";
import { postgresIngestTarget } from "../src/store/postgres/pg-target.js";
import type { IngestTarget } from "../src/store/types.js";
import { postgresUnavailable, startPostgres } from "../tests/helpers/postgres.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const CORPUS = path.resolve(REPO_ROOT, "../shared/corpora/whitehouse-readouts");

async function corpusSlice(limit: number): Promise<{ dir: string; files: number; cleanup: () => Promise<void> }> {
  if (limit <= 0) return { dir: CORPUS, files: -1, cleanup: async () => {} };
  const entries = await fs.readdir(CORPUS, { withFileTypes: true, recursive: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .slice(0, limit);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "readout-bench-stores-corpus-"));
  for (const file of files) {
    const link = path.join(dir, path.relative(CORPUS, file));
    await fs.mkdir(path.dirname(link), { recursive: true });
    await fs.symlink(file, link);
  }
  return { dir, files: files.length, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}

interface IngestFigures {
  seconds: number;
  writeSeconds: number;
  chunks: number;
  articles: number;
}

async function ingestInto(target: IngestTarget, corpus: string, workers: number, batchSize: number): Promise<IngestFigures> {
  const embeddings = new UseLiteEmbeddings({ workers, batchSize });
  try {
    await embeddings.warmup();
    let writeStarted = 0;
    let writeSeconds = 0;
    const started = performance.now();
    const summary = await runIngest({
      paths: [corpus],
      target,
      embeddings,
      batchSize,
      logger: createLogger("warn"),
      onProgress: (progress) => {
        if (progress.phase === "write" && progress.done === 0) writeStarted = performance.now();
        if (progress.phase === "write" && progress.done === 1) writeSeconds = (performance.now() - writeStarted) / 1000;
      },
    });
    return { seconds: (performance.now() - started) / 1000, writeSeconds, chunks: summary.chunksEmbedded, articles: summary.added };
  } finally {
    await embeddings.close();
  }
}

interface AnswerFigures {
  indexOpenMs: number;
  openMs: number;
  p50: number;
  p95: number;
  answers: number;
  rssMb: number;
  heapMb: number;
}

function answerInChild(env: Record<string, string>): Promise<AnswerFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "bench/store-answers.ts")], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (data) => (stdout += String(data)));
    child.stderr.on("data", (data) => (stderr += String(data)));
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as AnswerFigures);
      else reject(new Error(`bench/store-answers.ts exited ${code}: ${stderr}`));
    });
  });
}

function row(name: string, answers: AnswerFigures, ingest?: IngestFigures): string {
  const ingested = ingest
    ? `${(ingest.chunks / ingest.seconds).toFixed(1).padStart(7)} chunks/s (${ingest.articles} articles, ${ingest.chunks} chunks in ${ingest.seconds.toFixed(1)} s; final write ${ingest.writeSeconds.toFixed(2)} s)   `
    : "";
  return (
    `${name.padEnd(9)} ${ingested}open index ${answers.indexOpenMs.toFixed(0)} ms, index and chain ${answers.openMs.toFixed(0)} ms   warm p50 ${answers.p50.toFixed(0)} ms, p95 ${answers.p95.toFixed(0)} ms (${answers.answers} answers)   ` +
    `bot process RSS ${answers.rssMb.toFixed(0)} MB (heap ${answers.heapMb.toFixed(0)} MB)`
  );
}

/** Opening, latency and memory on two existing indexes, read only. */
async function measureExisting(indexDir: string, url: string): Promise<void> {
  console.log(`existing indexes: ${indexDir} and ${url.replace(/:[^:@/]*@/, ":***@")} (no ingest)`);
  console.log(row("local", await answerInChild({ READOUT_STORE: "local", READOUT_INDEX_DIR: path.resolve(indexDir) })));
  console.log(row("postgres", await answerInChild({ READOUT_STORE: "postgres", READOUT_DATABASE_URL: url })));
}

export async function run(): Promise<void> {
  const existingIndex = process.env.READOUT_BENCH_STORES_INDEX;
  const existingDatabase = process.env.READOUT_BENCH_STORES_DATABASE;
  if (existingIndex && existingDatabase) {
    const cpus = os.cpus();
    console.log(`machine: ${os.hostname()}, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, load average ${os.loadavg()[0]!.toFixed(2)}`);
    await measureExisting(existingIndex, existingDatabase);
    return;
  }
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} is absent (the shared corpora are not on this machine)`);
    return;
  }
  const unavailable = postgresUnavailable();
  if (unavailable) {
    console.log(`skipped: ${unavailable}`);
    return;
  }
  const config = readConfig();
  const workers = Math.max(1, config.embeddings.workers);
  const limit = Number(process.env.READOUT_BENCH_STORES_FILES ?? "0") || 0;
  const cpus = os.cpus();
  console.log(
    `machine: ${os.hostname()}, ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  const corpus = await corpusSlice(limit);
  // fsync on, as a real server runs: the local store syncs its files too.
  const cluster = await startPostgres({ durable: true });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "readout-bench-stores-"));
  try {
    const url = await cluster.createDatabase("bench");
    const indexDir = path.join(tmp, "index");
    console.log(
      `corpus: ${path.relative(REPO_ROOT, CORPUS)}${corpus.files > 0 ? ` (first ${corpus.files} files)` : ""}; ${workers} embedding workers, batch ${config.embeddings.batchSize}; PostgreSQL: a local throw-away cluster`,
    );
    const stores: { name: string; target: IngestTarget; env: Record<string, string> }[] = [
      { name: "local", target: localIngestTarget(indexDir), env: { READOUT_STORE: "local", READOUT_INDEX_DIR: indexDir } },
      { name: "postgres", target: postgresIngestTarget(url), env: { READOUT_STORE: "postgres", READOUT_DATABASE_URL: url } },
    ];
    for (const store of stores) {
      const ingest = await ingestInto(store.target, corpus.dir, workers, config.embeddings.batchSize);
      console.log(row(store.name, await answerInChild(store.env), ingest));
    }
  } finally {
    await cluster.stop();
    await fs.rm(tmp, { recursive: true, force: true });
    await corpus.cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
