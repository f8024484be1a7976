/**
 * Ingest throughput on the White House readouts corpus: (a) embedding one batch
 * at a time on the main thread (workers = 0) against (b) the real ingest path
 * with the worker pool, side by side in the same run, each into a fresh
 * temporary index. Embedding is the cost, so the ratio shows what the pool buys.
 *
 * READOUT_BENCH_INGEST_FILES=N limits the run to the first N files (quick checks).
 */
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readConfig } from "../src/config.js";
import { UseLiteEmbeddings } from "../src/embeddings/index.js";
import { runIngest } from "../src/ingest/run.js";
import { createLogger } from "../src/log.js";
import type { IngestSummary } from "../src/store/types.js";

const repoRoot = path.resolve(import.meta.dirname, "..");
const corpus = path.resolve(repoRoot, "../shared/corpora/whitehouse-readouts");
const TARGET_RATIO = 1.8;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** A temporary folder of symbolic links to the first N files, keeping their relative paths (and so their ids). */
async function linkFirstFiles(limit: number): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "readout-bench-corpus-"));
  for (const file of (await listFiles(corpus)).slice(0, limit)) {
    const link = path.join(dir, path.relative(corpus, file));
    await fs.mkdir(path.dirname(link), { recursive: true });
    await fs.symlink(file, link);
  }
  return dir;
}

interface Measured {
  label: string;
  summary: IngestSummary;
  seconds: number;
}

async function measure(label: string, paths: string[], workers: number, batchSize: number): Promise<Measured> {
  const indexDir = await fs.mkdtemp(path.join(os.tmpdir(), "readout-bench-ingest-"));
  const embeddings = new UseLiteEmbeddings({ workers, batchSize });
  try {
    // Model loading is a one-off start-up cost, not throughput: load before timing.
    await embeddings.warmup();
    if (workers > 0) await embeddings.embedDocuments(Array.from({ length: workers * 2 }, (_, i) => `warm up ${i}`));
    const started = performance.now();
    const summary = await runIngest({ paths, indexDir, embeddings, batchSize, logger: createLogger("warn") });
    return { label, summary, seconds: (performance.now() - started) / 1000 };
  } finally {
    await embeddings.close();
    await fs.rm(indexDir, { recursive: true, force: true });
  }
}

function report(result: Measured): string {
  const { summary, seconds } = result;
  const chunksPerSecond = summary.chunksEmbedded / seconds;
  const articlesPerSecond = (summary.added + summary.updated) / seconds;
  return `${result.label.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s ${chunksPerSecond.toFixed(1).padStart(8)} chunks/s ${articlesPerSecond.toFixed(2).padStart(7)} articles/s`;
}

export async function run(): Promise<void> {
  if (!existsSync(corpus)) {
    console.log(`skipped: ${corpus} is absent (the shared corpora are not on this machine)`);
    return;
  }
  const config = readConfig();
  const workers = Math.max(1, config.embeddings.workers);
  const batchSize = config.embeddings.batchSize;
  const limit = Number(process.env.READOUT_BENCH_INGEST_FILES ?? "0");
  const paths = limit > 0 ? [await linkFirstFiles(limit)] : [corpus];
  const cores = os.cpus().length;
  console.log(
    `corpus: ${path.relative(repoRoot, corpus)}${limit > 0 ? ` (first ${limit} files)` : ""}; batch size ${batchSize}; ` +
      `machine: ${cores} cores, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );

  const baseline = await measure("(a) one batch at a time, main thread", paths, 0, batchSize);
  console.log(report(baseline));
  const pooled = await measure(`(b) ingest with ${workers} embedding workers`, paths, workers, batchSize);
  console.log(report(pooled));

  const a = baseline.summary;
  console.log(
    `articles ${a.added}, chunks ${a.chunks}, embedded ${a.chunksEmbedded} (a) / ${pooled.summary.chunksEmbedded} (b), ` +
      `duplicates ${a.duplicates.length}, skipped ${a.skipped.filter((skip) => !skip.ignored).length}`,
  );
  const ratio = pooled.summary.chunksEmbedded / pooled.seconds / (a.chunksEmbedded / baseline.seconds);
  if (limit > 0) await fs.rm(paths[0]!, { recursive: true, force: true });
  console.log(
    `throughput ratio (b)/(a): ${ratio.toFixed(2)}x on ${cores} cores (target >= ${TARGET_RATIO}x) ${ratio >= TARGET_RATIO ? "OK" : "BELOW TARGET"}`,
  );
}
