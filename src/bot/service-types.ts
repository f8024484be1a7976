/**
 * What the bot needs from the rest of Readout. The bot only talks to the
 * `BotServices` interface; `createServices` (services.ts) wires the real
 * index, answer chain and ingest behind it (tests pass doubles instead).
 */
import type { SourceEntry } from "../config.js";
import type { AnswerChain } from "../retrieval/types.js";
import type { QuestionTranslator } from "../retrieval/compose/translate.js";
import type { IngestProgress, IngestSummary, SourceOutcome } from "../store/types.js";

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
  /** Web pages, feeds and sitemaps, and the sources file; absent where nothing may be fetched (replays). */
  readonly sources?: LiveSources;
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

/** An article an /add brought in, for the reply. */
export interface AddedArticle {
  id: string;
  title: string;
  date?: string;
  paragraphs: number;
}

export interface AddResult {
  url: string;
  /** What the address turned out to be, or why it could not be read. */
  outcome?: SourceOutcome;
  /** One line, when nothing could be added. */
  error?: string;
  added: AddedArticle[];
  updated: AddedArticle[];
  /** Unchanged articles it listed (already known). */
  unchanged: number;
  /** A feed or sitemap now in the sources file (false when there is none, or for a single page). */
  subscribed: boolean;
  /** Why a feed was not subscribed (no sources file configured). */
  notSubscribed?: string;
}

export interface SourceStatus {
  /** A web address, or a folder's path. */
  source: string;
  kind: "page" | "feed" | "sitemap" | "sitemap-index" | "folder" | "unknown";
  refreshMs: number;
  title?: string;
  lastRefresh?: string;
  error?: string;
  items?: number;
}

export interface LiveSources {
  /** The sources file's entries as they are now (re-read, since /add changes it). */
  configured(): SourceEntry[];
  /** Refresh these entries in one ingest run and switch to the new index when it changed. Never throws for bad input. */
  refresh(entries: SourceEntry[], options?: { signal?: AbortSignal }): Promise<IngestSummary>;
  /** Ingest one address (a page, or a feed or sitemap, which is also subscribed). */
  add(url: string): Promise<AddResult>;
  /** Every configured source with its last refresh and error. */
  status(): Promise<SourceStatus[]>;
}
