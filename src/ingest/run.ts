/**
 * The ingest run shared by `npm run ingest`, `npm start` and the bot's /reindex:
 * read the files under the given paths, compare with the live index, embed
 * only what is new, and write a new index generation atomically. The per-article
 * decision is pipeline/take-article.ts; what is stored of an article, pipeline/documents.ts.
 */
import path from "node:path";
import { parseConfig, readConfig, type Config } from "../config.js";
import { createEmbeddings, type ReadoutEmbeddings } from "../embeddings/index.js";
import { createLogger, type Logger } from "../log.js";
import { localIngestTarget } from "../store/local-target.js";
import { ingestTargetFor } from "../store/open-store.js";
import type { IngestProgress, IngestSummary, IngestTarget, StoredArticle, WebOrigin } from "../store/types.js";
import { SkipError } from "./errors.js";
import { DuplicateFinder } from "./pipeline/duplicates.js";
import { EmbedQueue } from "./pipeline/embed-queue.js";
import { fileExists, requireInputs } from "./pipeline/inputs.js";
import { scanPaths, withinRoots } from "./pipeline/scan.js";
import type { ArticleSource } from "./pipeline/source.js";
import { takeArticle as takeInto, type ArticleRun } from "./pipeline/take-article.js";
import type { Article } from "../types/index.js";
import { WebCollector } from "./web/collect.js";
import { WebFetcher } from "./web/fetcher.js";

export type { ArticleSource, SourceFile } from "./pipeline/source.js";

export interface IngestOptions {
  /** Files or folders (recursive). */
  paths: string[];
  /** Web pages, feeds and sitemaps (http or https). */
  urls?: string[];
  /** The HTTP client for `urls`; by default one made from the configuration's fetch settings (and closed at the end). */
  fetcher?: WebFetcher;
  /** A local index folder; by default the configured store (READOUT_STORE: the folder READOUT_INDEX_DIR, or PostgreSQL). */
  indexDir?: string;
  /** Where to write, instead of `indexDir` or the configured store. */
  target?: IngestTarget;
  /** Remove indexed articles whose files under `paths` are gone. */
  prune?: boolean;
  /** Start from an empty index (re-embeds everything; allows changing the model). */
  rebuild?: boolean;
  /** Embeddings to use; by default created from the configuration and closed at the end. */
  embeddings?: ReadoutEmbeddings;
  config?: Config;
  onProgress?: (progress: IngestProgress) => void;
  logger?: Logger;
  /** Stop early (Ctrl-C): nothing is written and the previous index stays. */
  signal?: AbortSignal;
  /** The readers; by default the project's loaders and chunker. */
  source?: ArticleSource;
  /** Texts per embedding batch; default from the configuration. */
  batchSize?: number;
  /** How long a lock left by a killed ingest blocks the next one (proper-lockfile stale time). */
  lockStaleMs?: number;
}

export class IngestAbortedError extends Error {
  constructor() {
    super("Ingest stopped before it finished; the index was left as it was.");
    this.name = "IngestAbortedError";
  }
}

async function defaultSource(settings: Config["ingest"]["read"], signal?: AbortSignal): Promise<ArticleSource> {
  const { defaultArticleSource } = await import("./pipeline/default-source.js");
  return defaultArticleSource(settings, signal);
}

/** Run one ingest. Throws IndexLockedError, EmbeddingMismatchError or IndexCorruptError when refused. */
export async function runIngest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const config = options.config ?? (options.embeddings && (options.indexDir || options.target) ? undefined : readConfig());
  const logger = options.logger ?? createLogger(config?.logLevel ?? "info");
  const ownEmbeddings = !options.embeddings;
  const embeddings = options.embeddings ?? createEmbeddings(config!.embeddings);
  const batchSize = options.batchSize ?? config?.embeddings.batchSize ?? 32;
  const progress = options.onProgress ?? (() => {});
  const signal = options.signal;
  const checkAbort = () => {
    if (signal?.aborted) throw new IngestAbortedError();
  };

  const summary: IngestSummary = {
    filesRead: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    duplicates: [],
    skipped: [],
    chunks: 0,
    chunksEmbedded: 0,
    seconds: 0,
    failed: false,
    missing: [],
    notices: [],
    written: false,
    changed: { added: [], updated: [] },
  };
  const ingestSettings = config?.ingest ?? parseConfig({}).ingest;

  await requireInputs(options.paths);
  const webUrls = options.urls ?? [];
  const ownFetcher = webUrls.length > 0 && !options.fetcher;
  const fetcher = options.fetcher ?? (webUrls.length > 0 ? new WebFetcher(config?.fetch ?? {}) : undefined);
  const countsBefore = fetcher ? { ...fetcher.counts } : undefined;
  const keepGenerations = config?.keepGenerations;
  const target = options.target ?? (options.indexDir ? localIngestTarget(path.resolve(options.indexDir), { keepGenerations }) : ingestTargetFor(config!));
  let lock: Awaited<ReturnType<IngestTarget["lock"]>>;
  try {
    lock = await target.lock({ staleMs: options.lockStaleMs, logger });
  } catch (error) {
    await target.close();
    if (ownFetcher) fetcher?.close();
    if (ownEmbeddings) await embeddings.close();
    throw error;
  }
  let source: ArticleSource | undefined;
  try {
    checkAbort();
    const leftovers = await target.removeLeftovers();
    if (leftovers.length > 0) logger.info({ leftovers }, "removed what an interrupted ingest left behind");
    source = options.source ?? (await defaultSource(ingestSettings.read, signal));
    const reader = source;

    const previous = options.rebuild ? undefined : await target.previous(embeddings);
    const previousArticles = previous?.articles ?? new Map<string, StoredArticle>();
    const identity = previous?.manifest.embedding ?? embeddings.identity;
    const builder = target.writer(identity, previous, embeddings);
    if (!previous) builder.activate();

    const scan = await scanPaths(options.paths, { ...(target.ownFolder ? { indexDir: target.ownFolder } : {}), extensions: source.extensions });
    summary.skipped.push(...scan.skipped.map(({ path: file, reason, ignored }) => (ignored ? { path: file, reason, ignored } : { path: file, reason })));
    progress({ phase: "scan", done: scan.files.length, total: scan.files.length });
    logger.debug({ files: scan.files.length, skipped: scan.skipped.length }, "scanned");

    const queue = new EmbedQueue(embeddings, batchSize, embeddings.parallelism, {
      onProgress: (done, total) => progress({ phase: "embed", done, total }),
      signal,
      onAbort: () => new IngestAbortedError(),
      model: `${embeddings.identity.provider}/${embeddings.identity.model}`,
    });
    const duplicates = new DuplicateFinder();
    for (const article of previousArticles.values()) duplicates.add(article.meta.id, article.paragraphs);

    const seen = new Map<string, string>(); // article id → file it came from in this run
    const readFiles = new Set<string>(); // files read successfully
    const failedRecords = new Set<string>(); // records that could not be read: their old versions stay
    const pendingArticles: Promise<void>[] = [];
    const now = new Date().toISOString();
    const run: ArticleRun = {
      summary,
      seen,
      previous,
      previousArticles,
      builder,
      duplicates,
      queue,
      source: reader,
      settings: ingestSettings,
      logger,
      now,
      pending: pendingArticles,
    };
    const takeArticle = (parsed: Article, sourcePath: string, label: string, web?: WebOrigin): Promise<void> => takeInto(run, parsed, sourcePath, label, web);

    // Files are asked for as many at a time as the source reads at once, and taken in order.
    const reads = new Map<number, Promise<Awaited<ReturnType<ArticleSource["read"]>>>>();
    const readAhead = (from: number) => {
      for (let next = from; next < Math.min(scan.files.length, from + (reader.parallelism ?? 1)); next++) {
        if (reads.has(next)) continue;
        const file = scan.files[next]!;
        const reading = reader.read(file.absPath, file.id);
        reading.catch(() => {}); // handled when its turn comes
        reads.set(next, reading);
      }
    };

    for (const [index, file] of scan.files.entries()) {
      // Files already read and vectors embedded on this thread settle as promises alone: without a turn of the
      // event loop, Ctrl-C (and, during /reindex, other chats' messages) would wait for the end of the run.
      await new Promise((resolve) => setImmediate(resolve));
      checkAbort();
      progress({ phase: "read", done: index, total: scan.files.length, path: file.absPath });
      readAhead(index);
      let articles: Article[];
      try {
        const reading = reads.get(index)!;
        reads.delete(index);
        const read = await reading;
        articles = read.articles;
        for (const problem of read.problems) {
          summary.skipped.push({ path: `${file.absPath} (${problem.id})`, reason: problem.reason });
          failedRecords.add(problem.id);
        }
      } catch (error) {
        checkAbort();
        const reason = error instanceof SkipError ? error.reason : `could not be read: ${(error as Error).message?.split("\n")[0] ?? String(error)}`;
        summary.skipped.push({ path: file.absPath, reason });
        logger.debug({ file: file.absPath, reason }, "skipped");
        continue;
      }
      summary.filesRead++;
      readFiles.add(file.absPath);

      for (const article of articles) {
        const id = article.meta.id;
        await takeArticle(article, file.absPath, id === file.id ? file.absPath : `${file.absPath} (${id})`);
      }
      await queue.pump();
    }
    progress({ phase: "read", done: scan.files.length, total: scan.files.length });

    let collector: WebCollector | undefined;
    if (webUrls.length > 0) {
      const byUrl = new Map<string, StoredArticle>();
      for (const article of previousArticles.values()) {
        if (!article.web) continue;
        byUrl.set(article.meta.id, article);
        byUrl.set(article.web.finalUrl, article);
        byUrl.set(article.web.url, article);
      }
      collector = new WebCollector(
        fetcher!,
        await target.readSourceState(),
        {
          known: (url) => byUrl.get(url),
          taken: (id) => seen.has(id),
          keep: (article) => {
            seen.set(article.meta.id, article.sourcePath);
            summary.unchanged++;
            builder.keep(article);
          },
          ingest: async (article, web) => {
            await takeArticle(article, article.meta.id, web.url, web);
            await queue.pump();
          },
          skip: (label, reason) => {
            summary.skipped.push({ path: label, reason });
            logger.debug({ url: label, reason }, "skipped");
          },
          checkAbort,
        },
        { maxItems: config?.fetch.maxItems ?? 100 },
      );
      await collector.collect(webUrls);
      summary.sources = collector.outcomes;
    }
    checkAbort();
    await queue.drain();
    await Promise.all(pendingArticles);
    summary.chunksEmbedded = queue.embedded;
    checkAbort();

    // Articles indexed before and not met in this run.
    for (const [id, article] of previousArticles) {
      if (seen.has(id)) continue;
      // Web articles are never "gone" with a folder: their source path is an address.
      const inScope = !article.web && withinRoots(article.sourcePath, scan.roots);
      const gone = inScope && !failedRecords.has(id) && (readFiles.has(article.sourcePath) || !(await fileExists(article.sourcePath)));
      if (gone && options.prune) {
        summary.removed++;
        duplicates.remove(id);
        builder.activate();
        continue;
      }
      if (gone) summary.missing!.push(id);
      builder.keep(article);
    }
    if (summary.missing!.length > 0) {
      logger.debug({ count: summary.missing!.length }, "indexed articles whose files are gone were kept; --prune removes them");
    }

    summary.articles = builder.articleCount;
    summary.chunks = builder.chunkCount;
    if (builder.isActive) {
      checkAbort();
      progress({ phase: "write", done: 0, total: 1 });
      if (lock.compromised) throw new Error(`the ingest lock was lost (${lock.compromised.message}); nothing was written`);
      await builder.write();
      summary.written = true;
      progress({ phase: "write", done: 1, total: 1 });
    }
    // After the generation it describes: a crash in between only costs a full request next time.
    if (collector) await target.writeSourceState(collector.state);
    if (fetcher && countsBefore) {
      summary.requests = {
        sent: fetcher.counts.requests - countsBefore.requests,
        conditional: fetcher.counts.conditional - countsBefore.conditional,
        notModified: fetcher.counts.notModified - countsBefore.notModified,
      };
    }
    summary.failed = summary.skipped.some((skip) => !skip.ignored);
    summary.seconds = (performance.now() - started) / 1000;
    logger.debug(
      {
        added: summary.added,
        updated: summary.updated,
        unchanged: summary.unchanged,
        removed: summary.removed,
        embedded: summary.chunksEmbedded,
        seconds: Number(summary.seconds.toFixed(1)),
      },
      "ingest finished",
    );
    return summary;
  } finally {
    if (!options.source) await source?.close?.();
    await lock.release();
    await target.close();
    if (ownFetcher) fetcher?.close();
    if (ownEmbeddings) await embeddings.close();
  }
}
