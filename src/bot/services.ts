/**
 * The real services behind the bot's `BotServices` (service-types.ts): the
 * index, the answer chain, reindexing, rolling back and live sources, as
 * configured.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { addSourceToFile, readSourcesFile, type Config } from "../config.js";
import { createEmbeddings, type ReadoutEmbeddings } from "../embeddings/index.js";
import { runIngest } from "../ingest/run.js";
import { WebFetcher } from "../ingest/web/fetcher.js";
import { canonicalUrl } from "../ingest/web/url.js";
import { SkipError } from "../ingest/errors.js";
import type { Logger } from "../log.js";
import type { AnswerChain } from "../retrieval/types.js";
import { openAnswerChain } from "../retrieval/open-chain.js";
import { createConfiguredTranslator } from "../retrieval/compose/translate.js";
import { readStoreSourceState, rollbackStore } from "../store/open-store.js";
import type { IngestSummary, SearchIndex } from "../store/types.js";
import type { AddedArticle, AddResult, BotServices, IndexDescription, LiveSources, SourceStatus } from "./service-types.js";

/** Opens the configured index and builds the answer chain over it (by default the project's `openAnswerChain`). */
export type ChainOpener = (config: Config, shared: { embeddings: ReadoutEmbeddings }) => Promise<{ chain: AnswerChain; index: OpenedIndex }>;

/** What the services read of an opened index: its facts, its version and the live one, and (PostgreSQL) its connections to close. */
export type OpenedIndex = Pick<SearchIndex, "manifest" | "articles" | "version" | "liveVersion"> & Partial<Pick<SearchIndex, "close">>;

export interface ServicesOptions {
  /** Shared with the caller (who closes them) when given; otherwise created from the configuration and closed by `close()`. */
  embeddings?: ReadoutEmbeddings;
  logger?: Logger;
  openChain?: ChainOpener;
}

/** A few questions this index can answer, from the most recent meetings with two named participants. */
export function exampleQuestions(index: Pick<SearchIndex, "articles">, count = 3): string[] {
  const articles = [...index.articles.values()]
    .map((article) => ({ article, date: article.meta.eventDate ?? article.meta.publishedDate ?? "" }))
    .sort((a, b) => b.date.localeCompare(a.date));
  const templates = [
    (a: string, b: string) => `When did ${a} last meet ${b}?`,
    (a: string, b: string) => `What did ${a} and ${b} discuss?`,
    (a: string, b: string) => `What did ${a} and ${b} agree on?`,
  ];
  const examples: string[] = [];
  const seenPairs = new Set<string>();
  for (const { article } of articles) {
    const names = article.meta.participants.map((p) => p.name.trim()).filter((name) => name.length > 0);
    if (names.length < 2) continue;
    const pair = [names[0], names[1]].sort().join("|");
    if (seenPairs.has(pair)) continue;
    seenPairs.add(pair);
    examples.push((templates[examples.length % templates.length] as (a: string, b: string) => string)(names[0] as string, names[1] as string));
    if (examples.length >= count) return examples;
  }
  for (const { article } of articles) {
    if (examples.length >= count) break;
    if (article.meta.title) examples.push(`What happened in “${article.meta.title}”?`);
  }
  return examples;
}

export function describeLoadedIndex(index: Pick<SearchIndex, "manifest" | "articles"> & Partial<Pick<SearchIndex, "version">>): IndexDescription {
  const { manifest } = index;
  const description: IndexDescription = {
    articles: manifest.articleCount,
    chunks: manifest.chunkCount,
    updatedAt: manifest.updatedAt,
    examples: exampleQuestions(index),
  };
  if (index.version) description.generation = index.version;
  if (manifest.dateRange) description.dateRange = manifest.dateRange;
  return description;
}

/**
 * Open the configured index (the local folder or PostgreSQL) and put the answer
 * chain, index facts and ingest behind `BotServices`. Before each answer the
 * store is asked which version is live; when any process (an ingest, another
 * bot instance's /reindex, a rollback) has made another one live, it is opened first.
 */
export async function createServices(config: Config, options: ServicesOptions = {}): Promise<BotServices> {
  const ownEmbeddings = !options.embeddings;
  const embeddings = options.embeddings ?? createEmbeddings(config.embeddings);
  const openChain: ChainOpener = options.openChain ?? openAnswerChain;
  let current: { chain: AnswerChain; index: OpenedIndex };
  try {
    current = await openChain(config, { embeddings });
  } catch (error) {
    if (ownEmbeddings) await embeddings.close();
    throw error;
  }
  const log = options.logger;
  let switching: Promise<void> | undefined;
  // A version that could not be opened is not retried until another one is live.
  let unreadable: string | undefined;
  const switchIfNewer = async (): Promise<void> => {
    let live: string | undefined;
    try {
      live = await current.index.liveVersion();
    } catch {
      return;
    }
    if (!live || live === current.index.version || live === unreadable) return;
    const from = current.index.version;
    try {
      await swap();
      unreadable = undefined;
      log?.info(
        { event: "index-switched", from, to: current.index.version, articles: current.index.manifest.articleCount },
        "switched to the index generation an ingest wrote",
      );
    } catch (error) {
      unreadable = live;
      log?.warn(
        { event: "index-switch-failed", generation: live, error: (error as Error).message },
        "a new index generation could not be opened; still answering from the one loaded",
      );
    }
  };
  let described: { index: OpenedIndex; description: IndexDescription } | undefined;
  const translator = createConfiguredTranslator(config.llm);
  const refresh = (): Promise<void> => (switching ??= switchIfNewer().finally(() => (switching = undefined)));
  // One ingest at a time per index: /reindex, scheduled refreshes and /add wait for each other.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  };
  // Questions already being answered keep the old chain; new ones get the new index.
  // Closing the old one is safe meanwhile: a PostgreSQL connection pool is shared and outlives it.
  const swap = async () => {
    const previous = current;
    current = await openChain(config, { embeddings });
    await previous.index.close?.();
  };
  const fetcher = new WebFetcher(config.fetch);
  const logger = options.logger ? { logger: options.logger } : {};
  const folderRefreshes = new Map<string, { at: string; error?: string }>();

  const sources: LiveSources = {
    configured: () => (config.sources ? readSourcesFile(config.sources.file).sources : []),
    refresh: (entries, refreshOptions = {}) =>
      exclusive(async () => {
        const paths = entries.flatMap((entry) => (entry.kind === "folder" ? [entry.path] : []));
        const urls = entries.flatMap((entry) => (entry.kind === "url" ? [entry.url] : []));
        const at = new Date().toISOString();
        let summary: IngestSummary;
        try {
          // A folder that is gone fails alone; the others and every address still refresh.
          const present = [];
          for (const folder of paths) {
            try {
              await stat(folder);
              present.push(folder);
            } catch {
              folderRefreshes.set(folder, { at, error: "no such folder" });
            }
          }
          summary = await runIngest({ paths: present, urls, config, embeddings, fetcher, signal: refreshOptions.signal, ...logger });
          for (const folder of present) {
            const failed = summary.skipped.find((skip) => !skip.ignored && skip.path.startsWith(folder));
            folderRefreshes.set(folder, { at, ...(failed ? { error: `${failed.path}: ${failed.reason}` } : {}) });
          }
        } catch (error) {
          for (const folder of paths) folderRefreshes.set(folder, { at, error: (error as Error).message.split("\n")[0]! });
          throw error;
        }
        if (summary.written) await swap();
        return summary;
      }),
    add: (input) =>
      exclusive(async () => {
        let url: string;
        try {
          url = canonicalUrl(input);
        } catch (error) {
          const reason = error instanceof SkipError ? error.reason : String(error);
          return { url: input, error: reason, added: [], updated: [], unchanged: 0, subscribed: false };
        }
        const summary = await runIngest({ paths: [], urls: [input], config, embeddings, fetcher, ...logger });
        if (summary.written) await swap();
        const outcome = summary.sources?.[0];
        const describe = (id: string): AddedArticle | undefined => {
          const article = current.index.articles.get(id);
          if (!article) return undefined;
          const date = article.meta.eventDate ?? article.meta.publishedDate;
          return { id, title: article.meta.title, ...(date ? { date } : {}), paragraphs: article.paragraphs.length };
        };
        const known = (ids: string[] = []) => ids.map(describe).filter((article): article is AddedArticle => !!article);
        const added = known(summary.changed?.added);
        const updated = known(summary.changed?.updated);
        const result: AddResult = { url, added, updated, unchanged: summary.unchanged, subscribed: false, ...(outcome ? { outcome } : {}) };
        const problem = outcome?.error ?? (summary.added + summary.updated + summary.unchanged === 0 ? summary.skipped[0]?.reason : undefined);
        if (problem) return { ...result, error: problem };
        if (outcome && outcome.kind !== "page") {
          if (!config.sources) return { ...result, notSubscribed: "no sources file is configured (READOUT_SOURCES_FILE), so it was read once" };
          addSourceToFile(config.sources.file, url);
          result.subscribed = true;
        }
        return result;
      }),
    async status() {
      const state = await readStoreSourceState(config);
      return sources.configured().map((entry): SourceStatus => {
        if (entry.kind === "folder") {
          const last = folderRefreshes.get(entry.path);
          return {
            source: entry.path,
            kind: "folder",
            refreshMs: entry.refreshMs,
            ...(last ? { lastRefresh: last.at } : {}),
            ...(last?.error ? { error: last.error } : {}),
          };
        }
        let key = entry.url;
        try {
          key = canonicalUrl(entry.url);
        } catch {
          // An address the file holds but cannot be fetched: shown with no state.
        }
        const known = state[key];
        return {
          source: entry.url,
          kind: known?.kind ?? "unknown",
          refreshMs: entry.refreshMs,
          ...(known?.title ? { title: known.title } : {}),
          ...(known ? { lastRefresh: known.refreshedAt } : {}),
          ...(known?.error ? { error: known.error } : {}),
          ...(known?.items !== undefined ? { items: known.items } : {}),
        };
      });
    },
  };

  return {
    get answer() {
      return current.chain;
    },
    ...(translator ? { translator } : {}),
    refresh,
    async describeIndex() {
      await refresh();
      // Described once per generation: the answer log line and every metrics scrape read it.
      if (described?.index !== current.index) described = { index: current.index, description: describeLoadedIndex(current.index) };
      return described.description;
    },
    reindex: (onProgress, signal) =>
      exclusive(async () => {
        const summary = await runIngest({
          paths: config.articleDirs,
          prune: true,
          config,
          embeddings,
          onProgress,
          ...(signal ? { signal } : {}),
          ...logger,
        });
        await swap();
        return summary;
      }),
    rollback: () =>
      exclusive(async () => {
        const result = await rollbackStore(config, logger);
        await swap();
        const { manifest } = result;
        return { generation: path.basename(result.to), articles: manifest.articleCount, chunks: manifest.chunkCount, updatedAt: manifest.updatedAt };
      }),
    sources,
    async close() {
      await queue.catch(() => undefined);
      fetcher.close();
      await current.index.close?.();
      if (ownEmbeddings) await embeddings.close();
    },
  };
}
