/** The shape of Readout's configuration, section by section, as `parseConfig` in `src/config.ts` builds it. */
import type { Env } from "./env-schema.js";
import type { SourcesConfig } from "./sources-file.js";

export type EmbeddingsProvider = "use-lite" | "openai" | "ollama";
export type LlmProvider = "none" | "openai" | "ollama";

export interface EmbeddingsConfig {
  provider: EmbeddingsProvider;
  /** Model name for openai/ollama; fixed for use-lite. */
  model: string;
  baseUrl?: string;
  apiKey?: string;
  /** Worker threads for batch embedding (use-lite); 0 embeds on the main thread. */
  workers: number;
  batchSize: number;
}

export interface LlmConfig {
  provider: LlmProvider;
  model?: string;
  baseUrl?: string;
  apiKey?: string;
  timeoutMs: number;
}

export interface BotConfig {
  token?: string;
  apiRoot?: string;
  /** How long start-up may try to reach Telegram (getMe, the command menu, the webhook) before giving up. */
  startupTimeoutMs: number;
  adminIds: number[];
  /** Users or chats allowed to talk to the bot; empty means everyone. */
  allowedIds: number[];
  rateLimit: { limit: number; windowMs: number };
  historyTurns: number;
  sessions: { storage: "file" | "memory" | "redis"; dir: string; redisUrl?: string };
  webhook?: { url: string; port: number; secret?: string };
  /** Where `/healthz` and `/metrics` are served (the Telegram bot only); none when READOUT_METRICS_PORT is not set. */
  metrics?: { port: number; host: string };
  /** Conversation recording; `today` is READOUT_TODAY, written into recordings so replays use the same date. */
  recording?: { dir: string; anonymize: boolean; today?: string };
}

/** Where the index lives: a local folder (HNSW and BM25 files), or PostgreSQL with pgvector. */
export type StoreConfig = { kind: "local" } | { kind: "postgres"; url: string };

/** How ingest reads articles. */
export interface IngestConfig {
  /**
   * Dates an article may plausibly carry (YYYY-MM-DD, inclusive): a publication
   * or meeting date outside is reported and not used. `until` undefined means a
   * day after the real date at the time of the ingest.
   */
  dates: { from: string; until?: string };
  /** Chunks kept of one article (its opening); the rest is left out and reported. */
  maxChunksPerArticle: number;
  /** Reading, cleaning and dating files: threads (0 = the main thread, without a time budget), a time budget per file, the deepest HTML nesting read. */
  read: { workers: number; timeoutMs: number; maxHtmlDepth: number };
}

/** How web sources are fetched (src/ingest/web/fetcher.ts). */
export interface FetchConfig {
  userAgent: string;
  /** For one request (one hop), headers and body. */
  timeoutMs: number;
  /** Largest body accepted, after decompression. */
  maxBytes: number;
  maxRedirects: number;
  /** Pause between two requests to the same host. */
  hostDelayMs: number;
  /** Private addresses that may be fetched: `true` for all, or addresses and CIDR ranges. */
  allowPrivate: boolean | string[];
  /** At most this many items of one feed or sitemap per refresh. */
  maxItems: number;
}

export interface Config {
  projectRoot: string;
  store: StoreConfig;
  /** The local index folder (used when `store.kind` is "local", and by copy-index). */
  indexDir: string;
  /** READOUT_DATABASE_URL, validated (used by the PostgreSQL store, and by copy-index). */
  databaseUrl?: string;
  /** Index generations kept on disk, the live one included (rollback goes back through them). */
  keepGenerations: number;
  articleDirs: string[];
  ingest: IngestConfig;
  /** "Today" for resolving relative dates in questions; undefined means the real date. */
  today?: string;
  embeddings: EmbeddingsConfig;
  llm: LlmConfig;
  bot: BotConfig;
  fetch: FetchConfig;
  /** READOUT_SOURCES_FILE, read and checked. */
  sources?: SourcesConfig;
  logLevel: Env["LOG_LEVEL"];
}
