/**
 * Ingest throughput on the White House readouts corpus: (a) embedding one batch
 * at a time on the main thread (workers = 0) against (b) the real ingest path
 * with the worker pool, side by side in the same run, each into fresh temporary
 * indexes. Embedding is the cost, so the ratio shows what the pool buys.
 *
 * The corpus is cut into slices run in the order a b b a a b b a ..., so that
 * other work on a shared machine weighs on both alike; the CPU time other
 * processes took during each mode is printed, since it lowers (b) more than (a).
 *
 * READOUT_BENCH_INGEST_FILES=N limits the run to the first N files (quick checks);
 * READOUT_BENCH_INGEST_SLICES=K sets the number of slices (default 4).
 */
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readConfig } from "../src/config.js";
import { UseLiteEmbeddings } from "../src/embeddings/index.js";
import { runIngest } from "../src/ingest/run.js";
import { createLogger } from "../src/log.js";

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

/** A temporary folder of symbolic links to some files, keeping their relative paths (and so their ids). */
async function linkFiles(files: string[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "readout-bench-corpus-"));
  for (const file of files) {
    const link = path.join(dir, path.relative(corpus, file));
    await fs.mkdir(path.dirname(link), { recursive: true });
    await fs.symlink(file, link);
  }
  return dir;
}

/** CPU milliseconds the whole machine spent busy so far. */
function machineBusyMs(): number {
  return os.cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

interface Totals {
  seconds: number;
  chunks: number;
  articles: number;
  /** CPU milliseconds used by this process (all its threads) and by other processes while this mode ran. */
  ownCpuMs: number;
  othersCpuMs: number;
}

async function measure(sliceDir: string, workers: number, batchSize: number, totals: Totals): Promise<number> {
  const indexDir = await fs.mkdtemp(path.join(os.tmpdir(), "readout-bench-ingest-"));
  const embeddings = new UseLiteEmbeddings({ workers, batchSize });
  try {
    // Loading the model is a one-off start-up cost, not throughput: do it before timing.
    await embeddings.warmup();
    if (workers > 0) await embeddings.embedDocuments(Array.from({ length: workers * 2 }, (_, i) => `warm up ${i}`));
    const busyBefore = machineBusyMs();
    const ownBefore = ownCpuMs();
    const started = performance.now();
    const summary = await runIngest({ paths: [sliceDir], indexDir, embeddings, batchSize, logger: createLogger("warn") });
    const seconds = (performance.now() - started) / 1000;
    totals.seconds += seconds;
    totals.chunks += summary.chunksEmbedded;
    totals.articles += summary.added;
    const own = ownCpuMs() - ownBefore;
    totals.ownCpuMs += own;
    totals.othersCpuMs += Math.max(0, machineBusyMs() - busyBefore - own);
    return summary.chunksEmbedded / seconds;
  } finally {
    await embeddings.close();
    await fs.rm(indexDir, { recursive: true, force: true });
  }
}

function line(label: string, totals: Totals): string {
  const cores = (ms: number) => (ms / 1000 / totals.seconds).toFixed(2);
  return (
    `${label.padEnd(40)} ${totals.seconds.toFixed(1).padStart(7)} s ${(totals.chunks / totals.seconds).toFixed(1).padStart(7)} chunks/s ` +
    `${(totals.articles / totals.seconds).toFixed(2).padStart(6)} articles/s   (cores used: ingest ${cores(totals.ownCpuMs)}, other processes ${cores(totals.othersCpuMs)})`
  );
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
  const sliceCount = Math.max(1, Number(process.env.READOUT_BENCH_INGEST_SLICES ?? "4"));
  const files = await listFiles(corpus);
  const chosen = limit > 0 ? files.slice(0, limit) : files;
  const cores = os.cpus().length;
  console.log(
    `corpus: ${path.relative(repoRoot, corpus)}, ${chosen.length} files in ${sliceCount} slices; batch size ${batchSize}; ` +
      `machine: ${cores} cores, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );

  const sliceSize = Math.ceil(chosen.length / sliceCount);
  const slices: string[] = [];
  for (let i = 0; i < chosen.length; i += sliceSize) slices.push(await linkFiles(chosen.slice(i, i + sliceSize)));
  const baseline: Totals = { seconds: 0, chunks: 0, articles: 0, ownCpuMs: 0, othersCpuMs: 0 };
  const pooled: Totals = { seconds: 0, chunks: 0, articles: 0, ownCpuMs: 0, othersCpuMs: 0 };
  try {
    for (const [i, slice] of slices.entries()) {
      const baselineFirst = i % 2 === 0;
      const order = baselineFirst ? (["a", "b"] as const) : (["b", "a"] as const);
      const rates: Record<string, number> = {};
      for (const mode of order) {
        rates[mode] = mode === "a" ? await measure(slice, 0, batchSize, baseline) : await measure(slice, workers, batchSize, pooled);
      }
      console.log(
        `  slice ${i + 1}/${slices.length}: (a) ${rates.a!.toFixed(1)} chunks/s, (b) ${rates.b!.toFixed(1)} chunks/s, ratio ${(rates.b! / rates.a!).toFixed(2)}`,
      );
    }
  } finally {
    for (const slice of slices) await fs.rm(slice, { recursive: true, force: true });
  }

  console.log(line("(a) one batch at a time, main thread", baseline));
  console.log(line(`(b) ingest with ${workers} embedding workers`, pooled));
  console.log(`articles ${baseline.articles}, chunks embedded ${baseline.chunks} (a) / ${pooled.chunks} (b)`);
  const ratio = pooled.chunks / pooled.seconds / (baseline.chunks / baseline.seconds);
  const busy = (baseline.othersCpuMs + pooled.othersCpuMs) / 1000 / (baseline.seconds + pooled.seconds);
  console.log(
    `throughput ratio (b)/(a): ${ratio.toFixed(2)}x on ${cores} cores (target >= ${TARGET_RATIO}x) ${ratio >= TARGET_RATIO ? "OK" : "BELOW TARGET"}` +
      (busy > 0.2 ? ` — other processes kept ${busy.toFixed(2)} cores busy on average: rerun on a quiet machine` : ""),
  );
}
