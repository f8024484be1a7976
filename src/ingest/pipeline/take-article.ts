/**
 * One article read in an ingest run, compared with the index: unchanged (kept as it is, or where it
 * moved), a duplicate of another article, or new or changed (chunked, and its chunks embedded).
 */
import type { Config } from "../../config.js";
import type { Logger } from "../../log.js";
import type { IngestSummary, PreviousVersion, StoredArticle, VersionWriter, WebOrigin } from "../../store/types.js";
import { withPlausibleDates } from "../date-window.js";
import type { Article, Chunk } from "../../types/index.js";
import { chunkDocument, contentHash, embeddingKey, sameArticle, sameDocuments } from "./documents.js";
import type { DuplicateFinder } from "./duplicates.js";
import type { EmbedQueue } from "./embed-queue.js";
import { fileExists } from "./inputs.js";
import type { ArticleSource } from "./source.js";

/** What one ingest run knows while it takes articles. */
export interface ArticleRun {
  summary: IngestSummary;
  /** Article id → the file (or address) it came from in this run. */
  seen: Map<string, string>;
  /** The index as it was before this run, undefined when starting from empty. */
  previous: PreviousVersion | undefined;
  previousArticles: ReadonlyMap<string, StoredArticle>;
  builder: VersionWriter;
  duplicates: DuplicateFinder;
  queue: EmbedQueue;
  source: ArticleSource;
  settings: Config["ingest"];
  logger: Logger;
  /** When the run started (ISO): the ingest time of what it adds. */
  now: string;
  /** Articles whose chunks are still being embedded, awaited before the index is written. */
  pending: Promise<void>[];
}

/** Compare one article with the index: unchanged, moved, a duplicate, or new or changed (embedded). */
export async function takeArticle(run: ArticleRun, parsed: Article, sourcePath: string, label: string, web?: WebOrigin): Promise<void> {
  const { summary, seen, previous, previousArticles, builder, duplicates, queue, logger, now, pending: pendingArticles } = run;
  const ingestSettings = run.settings;
  const id = parsed.meta.id;
  const earlier = seen.get(id);
  if (earlier !== undefined) {
    summary.skipped.push({ path: label, reason: `article id "${id}" also comes from ${earlier}; rename one of them` });
    return;
  }
  const old = previousArticles.get(id);
  const hash = contentHash(parsed);
  // The same id from another file that still exists is another article, unless it says the same (a copy of the folder: moved).
  if (!web && old && old.sourcePath !== sourcePath && old.contentHash !== hash && (await fileExists(old.sourcePath))) {
    summary.skipped.push({ path: label, reason: `article id "${id}" is already indexed from ${old.sourcePath}, which still exists; rename one of them` });
    return;
  }
  seen.set(id, sourcePath);
  const dated = withPlausibleDates(parsed.meta, ingestSettings.dates);
  for (const notice of dated.notices) summary.notices!.push({ id, notice });
  const article: Article = { ...parsed, meta: dated.meta };

  let chunks: Chunk[];
  try {
    chunks = run.source.chunk(article);
  } catch (error) {
    summary.skipped.push({ path: label, reason: `could not be split into chunks: ${(error as Error).message}` });
    return;
  }
  if (chunks.length === 0) {
    summary.skipped.push({ path: label, reason: "no text to index after cleaning" });
    return;
  }
  if (chunks.length > ingestSettings.maxChunksPerArticle) {
    summary.notices!.push({
      id,
      notice: `${chunks.length} chunks: only the first ${ingestSettings.maxChunksPerArticle} are indexed (READOUT_MAX_CHUNKS_PER_ARTICLE)`,
    });
    chunks = chunks.slice(0, ingestSettings.maxChunksPerArticle);
  }
  const stored: StoredArticle = {
    meta: article.meta,
    paragraphs: article.paragraphs,
    sourcePath,
    ...(web ? { web } : {}),
    contentHash: hash,
    ingestedAt: now,
  };
  const docs = chunks.map((chunk) => chunkDocument(chunk, article));
  const keys = chunks.map((chunk) => embeddingKey(chunk.embedText));

  if (old && sameArticle(old, stored) && sameDocuments(previous?.chunksOf(id), docs, keys)) {
    summary.unchanged++;
    const moved = !web && old.sourcePath !== stored.sourcePath;
    if (moved) builder.activate(); // the index learns where it is now
    // New validators from the server are kept, without writing a generation for them alone.
    builder.keep(web ? { ...old, web } : moved ? { ...old, sourcePath: stored.sourcePath } : old);
    return;
  }
  const original = duplicates.find(id, article.paragraphs);
  if (original !== undefined) {
    summary.duplicates.push({ id, duplicateOf: original });
    logger.debug({ id, duplicateOf: original }, "duplicate of an article already indexed");
    if (old) builder.activate(); // its old version leaves the index
    return;
  }
  duplicates.add(id, article.paragraphs);
  if (old) summary.updated++;
  else summary.added++;
  summary.changed![old ? "updated" : "added"].push(id);
  builder.activate();

  const reused = previous ? await previous.vectors(keys) : [];
  const vectors = chunks.map((chunk, i) => {
    const kept = reused[i];
    return kept ? Promise.resolve(kept) : queue.vector(keys[i]!, chunk.embedText);
  });
  const complete = Promise.all(vectors).then((resolved) => {
    builder.add(
      stored,
      docs.map((doc, i) => ({ doc, key: keys[i]!, vector: resolved[i]! })),
    );
  });
  // A failed batch is reported by the queue; keep it from also being an unhandled rejection.
  complete.catch(() => {});
  pendingArticles.push(complete);
}
