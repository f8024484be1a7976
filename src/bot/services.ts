/**
 * What the bot needs from the rest of Readout. The bot only talks to the
 * `BotServices` interface; `createServices` wires the real index, answer chain
 * and ingest behind it (tests pass doubles instead).
 */
import path from "node:path";
import type { Config } from "../config.js";
import { createEmbeddings, type ReadoutEmbeddings } from "../embeddings/index.js";
import { runIngest } from "../ingest/run.js";
import type { Logger } from "../log.js";
import type { AnswerChain } from "../retrieval/types.js";
import { openAnswerChain } from "../retrieval/open-chain.js";
import { createConfiguredTranslator, type QuestionTranslator } from "../retrieval/translate.js";
import type { LoadedIndex } from "../store/index-store.js";
import { currentGeneration } from "../store/generations.js";
import { rollbackIndex } from "../store/rollback.js";
import type { IngestProgress, IngestSummary } from "../store/types.js";

export interface IndexDescription {
  articles: number;
  chunks: number;
  dateRange?: { from: string; to: string };
  /** When the index was last written (ISO time). */
  updatedAt?: string;
  /** A few questions this index can answer, for /start. */
  examples: string[];
  /** The generation folder's name (`gen-…`), when known. */
  generation?: string;
}

export interface BotServices {
  /** The current answer chain; replaced after a reindex, so read it for each question. */
  readonly answer: AnswerChain;
  /** Translates questions the index cannot search and their answers; only with an LLM configured. */
  readonly translator?: QuestionTranslator;
  describeIndex(): Promise<IndexDescription>;
  /**
   * Switch to the live index generation when an ingest (any process) has
   * published a new one since this one was loaded; one small file read when
   * nothing changed. Called before every answer; `describeIndex` calls it too.
   */
  refresh(): Promise<void>;
  /** Re-run ingest over the configured folders and switch to the new index when done; `signal` stops it, leaving the index as it was. */
  reindex(onProgress: (progress: IngestProgress) => void, signal?: AbortSignal): Promise<IngestSummary>;
  /** Make the index generation before the live one live again, and switch to it. */
  rollback(): Promise<RolledBack>;
  close(): Promise<void>;
}

export interface RolledBack {
  /** The generation now live (its folder name). */
  generation: string;
  articles: number;
  chunks: number;
  /** When the generation now live was written (ISO time). */
  updatedAt: string;
}

// ---- the real wiring --------------------------------------------------------


/** Opens the configured index and builds the answer chain over it (by default the project's `openAnswerChain`). */
export type ChainOpener = (config: Config, shared: { embeddings: ReadoutEmbeddings }) => Promise<{ chain: AnswerChain; index: LoadedIndex }>;

export interface ServicesOptions {
  /** Shared with the caller (who closes them) when given; otherwise created from the configuration and closed by `close()`. */
  embeddings?: ReadoutEmbeddings;
  logger?: Logger;
  openChain?: ChainOpener;
}

/** A few questions this index can answer, from the most recent meetings with two named participants. */
export function exampleQuestions(index: Pick<LoadedIndex, "articles">, count = 3): string[] {
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

export function describeLoadedIndex(index: Pick<LoadedIndex, "manifest" | "articles"> & Partial<Pick<LoadedIndex, "generationDir">>): IndexDescription {
  const { manifest } = index;
  const description: IndexDescription = {
    articles: manifest.articleCount,
    chunks: manifest.chunkCount,
    updatedAt: manifest.updatedAt,
    examples: exampleQuestions(index),
  };
  if (index.generationDir) description.generation = path.basename(index.generationDir);
  if (manifest.dateRange) description.dateRange = manifest.dateRange;
  return description;
}

/** Open the index in `config.indexDir` and put the answer chain, index facts and ingest behind `BotServices`. */
export async function createServices(config: Config, options: ServicesOptions = {}): Promise<BotServices> {
  const ownEmbeddings = !options.embeddings;
  const embeddings = options.embeddings ?? createEmbeddings(config.embeddings);
  const openChain: ChainOpener = options.openChain ?? openAnswerChain;
  let current: { chain: AnswerChain; index: LoadedIndex };
  try {
    current = await openChain(config, { embeddings });
  } catch (error) {
    if (ownEmbeddings) await embeddings.close();
    throw error;
  }
  const log = options.logger;
  let switching: Promise<void> | undefined;
  // A generation that could not be opened is not retried until CURRENT names another one.
  let unreadable: string | undefined;
  const switchIfNewer = async (): Promise<void> => {
    let live: string | undefined;
    try {
      live = await currentGeneration(config.indexDir);
    } catch {
      return;
    }
    if (!live || live === current.index.generationDir || live === unreadable) return;
    const from = path.basename(current.index.generationDir);
    try {
      current = await openChain(config, { embeddings });
      unreadable = undefined;
      log?.info({ event: "index-switched", from, to: path.basename(current.index.generationDir), articles: current.index.manifest.articleCount }, "switched to the index generation an ingest wrote");
    } catch (error) {
      unreadable = live;
      log?.warn({ event: "index-switch-failed", generation: path.basename(live), error: (error as Error).message }, "a new index generation could not be opened; still answering from the one loaded");
    }
  };
  let described: { index: LoadedIndex; description: IndexDescription } | undefined;
  const translator = createConfiguredTranslator(config.llm);
  const refresh = (): Promise<void> => (switching ??= switchIfNewer().finally(() => (switching = undefined)));
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
    async reindex(onProgress, signal) {
      const summary = await runIngest({
        paths: config.articleDirs,
        indexDir: config.indexDir,
        prune: true,
        config,
        embeddings,
        onProgress,
        ...(signal ? { signal } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
      });
      // Questions already being answered keep the old chain; new ones get the new index.
      current = await openChain(config, { embeddings });
      return summary;
    },
    async rollback() {
      const result = await rollbackIndex(config.indexDir, {
        keepGenerations: config.keepGenerations,
        ...(options.logger ? { logger: options.logger } : {}),
      });
      current = await openChain(config, { embeddings });
      const { manifest } = result;
      return { generation: path.basename(result.to), articles: manifest.articleCount, chunks: manifest.chunkCount, updatedAt: manifest.updatedAt };
    },
    async close() {
      if (ownEmbeddings) await embeddings.close();
    },
  };
}
