/**
 * The text side of ingest on the real readouts: readArticles + chunkArticle per file
 * (checks, loading, cleaning, metadata, chunking; no embedding), timed after a warm-up
 * pass. Run alone with `npx tsx bench/ingest-text.ts [FOLDER]`, or as a section of
 * `npm run bench`. Without FOLDER it reads ../shared/corpora/whitehouse-readouts.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chunkArticle } from "../src/ingest/chunk.js";
import { SkipError } from "../src/ingest/errors.js";
import { isSupportedFile, readArticles } from "../src/ingest/read.js";
import { warmUpSentences } from "../src/text/sentences.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function pass(root: string, files: string[]) {
  let articles = 0;
  let chunks = 0;
  let skipped = 0;
  // Metadata coverage: articles with an event date (other than the publication date), a place, participants.
  let dated = 0;
  let datedOther = 0;
  let placed = 0;
  let withPeople = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const file of files) {
    try {
      for (const article of await readArticles(path.join(root, file), file)) {
        articles++;
        chunks += chunkArticle(article).length;
        const meta = article.meta;
        if (meta.eventDate) dated++;
        if (meta.eventDate && meta.eventDate !== meta.publishedDate) datedOther++;
        if (meta.place) placed++;
        if (meta.participants.length > 0) withPeople++;
      }
    } catch (error) {
      if (!(error instanceof SkipError)) throw error;
      skipped++;
    }
  }
  const cpu = process.cpuUsage(cpuStarted);
  return {
    articles,
    chunks,
    skipped,
    dated,
    datedOther,
    placed,
    withPeople,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

export async function run(folder?: string): Promise<void> {
  const root = path.resolve(folder ?? path.resolve(repoRoot, "../shared/corpora/whitehouse-readouts"));
  if (!existsSync(root)) {
    process.stdout.write(`ingest-text: skipped, ${root} is absent\n`);
    return;
  }
  const files = (await readdir(root, { recursive: true })).filter((file) => isSupportedFile(file)).sort();
  warmUpSentences();
  await pass(root, files.slice(0, Math.min(files.length, 300)));
  const result = await pass(root, files);
  const perArticleMs = (result.seconds * 1000) / Math.max(1, files.length);
  const share = (count: number) => `${((100 * count) / Math.max(1, result.articles)).toFixed(1)}%`;
  process.stdout.write(
    `ingest-text over ${root} (${files.length} files, one thread, load average ${os.loadavg()[0]!.toFixed(2)}):\n` +
      `  ${result.articles} articles, ${result.chunks} chunks, ${result.skipped} skipped\n` +
      `  ${result.seconds.toFixed(2)} s wall, ${result.cpuSeconds.toFixed(2)} s CPU: ${perArticleMs.toFixed(2)} ms per file, ` +
      `${(result.articles / result.seconds).toFixed(0)} articles/s, ${(result.chunks / result.seconds).toFixed(0)} chunks/s\n` +
      `  metadata: event date ${share(result.dated)} (${result.datedOther} other than the publication date), place ${share(result.placed)}, ` +
      `participants ${share(result.withPeople)}\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run(process.argv[2]);
}
