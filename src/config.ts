/**
 * The one place where configuration is read and validated.
 *
 * Every setting comes from the environment (a `.env` file is loaded by
 * `readConfig`); command-line flags override single fields after parsing.
 * `parseConfig` is pure so tests can pass their own environment.
 */
import { isCalendarDay } from "./text/calendar.js";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config as loadDotenv } from "dotenv";
import YAML from "yaml";
import { z } from "zod";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(/[,\s]+/)
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const idList = csv.pipe(
  z.array(z.string().regex(/^-?\d+$/, "must be a list of numeric Telegram ids separated by commas")).transform((ids) => ids.map(Number)),
);

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""])
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes" || value === "on");

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const isoDate = z.string().refine(isCalendarDay, "must be a real day written YYYY-MM-DD").optional();

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim().length > 0 ? value.trim() : undefined));

const optionalUrl = optionalText.pipe(z.url("must be a URL such as http://localhost:11434").optional());

const databaseUrl = optionalText.pipe(
  z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a PostgreSQL connection URL such as postgres://readout@localhost:5432/readout")
    .optional(),
);

const envSchema = z.object({
  READOUT_STORE: z.enum(["local", "postgres"]).default("local"),
  READOUT_DATABASE_URL: databaseUrl,
  READOUT_INDEX_DIR: z.string().default("data/index"),
  READOUT_ARTICLES_DIRS: z.string().default("data/articles"),
  READOUT_KEEP_GENERATIONS: z.coerce.number().int().min(2, "must be at least 2 (the live index and one to roll back to)").max(100).default(3),
  READOUT_TODAY: isoDate,

  READOUT_DATES_FROM: z.string().refine(isCalendarDay, "must be a real day written YYYY-MM-DD").default("1900-01-01"),
  READOUT_DATES_UNTIL: isoDate,
  READOUT_MAX_CHUNKS_PER_ARTICLE: positiveInt(500),
  READOUT_READ_WORKERS: z.coerce.number().int().min(0).max(16).default(1),
  READOUT_READ_TIMEOUT_MS: positiveInt(20_000),
  READOUT_READ_MAX_DEPTH: positiveInt(512),

  READOUT_EMBEDDINGS: z.enum(["use-lite", "openai", "ollama"]).default("use-lite"),
  READOUT_EMBEDDINGS_MODEL: optionalText,
  READOUT_EMBEDDINGS_BASE_URL: optionalUrl,
  READOUT_EMBEDDINGS_API_KEY: optionalText,
  READOUT_EMBED_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  READOUT_EMBED_BATCH: positiveInt(32),

  READOUT_LLM: z.enum(["none", "openai", "ollama"]).default("none"),
  READOUT_LLM_MODEL: optionalText,
  READOUT_LLM_BASE_URL: optionalUrl,
  READOUT_LLM_API_KEY: optionalText,
  READOUT_LLM_TIMEOUT_MS: positiveInt(60_000),
  OPENAI_API_KEY: optionalText,

  TELEGRAM_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, "does not look like a bot token from @BotFather (digits, a colon, then letters)")
      .optional(),
  ),
  TELEGRAM_API_ROOT: optionalUrl,
  READOUT_STARTUP_TIMEOUT_MS: positiveInt(30_000),
  READOUT_ADMIN_IDS: idList,
  READOUT_ALLOWED_IDS: idList,
  READOUT_RATE_LIMIT: positiveInt(5),
  READOUT_RATE_WINDOW_MS: positiveInt(10_000),
  READOUT_HISTORY_TURNS: positiveInt(6),
  READOUT_SESSION_STORAGE: z.enum(["file", "memory", "redis"]).default("file"),
  READOUT_SESSION_DIR: z.string().default("data/sessions"),
  READOUT_REDIS_URL: optionalUrl,
  READOUT_WEBHOOK_URL: optionalUrl,
  READOUT_WEBHOOK_PORT: positiveInt(8080),
  READOUT_WEBHOOK_SECRET: optionalText,
  READOUT_METRICS_PORT: optionalText.pipe(z.string().regex(/^\d+$/, "must be a port number (0 = any free port)").transform(Number).pipe(z.number().max(65535, "must be a port number up to 65535")).optional()),
  READOUT_METRICS_HOST: z.string().trim().min(1).default("127.0.0.1"),

  READOUT_SOURCES_FILE: optionalText,
  READOUT_FETCH_USER_AGENT: optionalText,
  READOUT_FETCH_TIMEOUT_MS: positiveInt(20_000),
  READOUT_FETCH_MAX_BYTES: positiveInt(5 * 1024 * 1024),
  READOUT_FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  READOUT_FETCH_HOST_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  READOUT_FETCH_ALLOW_PRIVATE: optionalText,
  READOUT_SOURCE_MAX_ITEMS: positiveInt(100),

  READOUT_RECORD_DIR: optionalText,
  READOUT_RECORD_ANONYMIZE: bool,

  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

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

/** One entry of the sources file: a web address (page, feed or sitemap) or a folder, and how often to refresh it. */
export type SourceEntry = { kind: "url"; url: string; refreshMs: number } | { kind: "folder"; path: string; refreshMs: number };

export interface SourcesConfig {
  /** The sources file (absolute). */
  file: string;
  sources: SourceEntry[];
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
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const DEFAULT_EMBEDDING_MODELS: Record<EmbeddingsProvider, string> = {
  "use-lite": "universal-sentence-encoder-lite",
  openai: "text-embedding-3-small",
  ollama: "nomic-embed-text",
};

const DEFAULT_LLM_MODELS: Record<Exclude<LlmProvider, "none">, string> = {
  openai: "gpt-4o-mini",
  ollama: "llama3.1",
};

function defaultWorkerCount(): number {
  // One embedding worker per core (the main thread only reads and chunks); beyond four, USE-lite gains little.
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

/** Validate an environment and build the configuration. Throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>, root: string = PROJECT_ROOT): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const value = env[name];
        const shown = name === "TELEGRAM_BOT_TOKEN" || name.endsWith("API_KEY") || name.endsWith("SECRET") || name.endsWith("DATABASE_URL") ? "(hidden)" : JSON.stringify(value);
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const resolve = (p: string) => path.resolve(root, p);

  if (e.READOUT_STORE === "postgres" && !e.READOUT_DATABASE_URL) {
    problems.push("READOUT_STORE=postgres needs READOUT_DATABASE_URL (for example postgres://readout@localhost:5432/readout)");
  }
  if (e.READOUT_SESSION_STORAGE === "redis" && !e.READOUT_REDIS_URL) {
    problems.push("READOUT_SESSION_STORAGE=redis needs READOUT_REDIS_URL (for example redis://localhost:6379)");
  }
  if (e.READOUT_EMBEDDINGS === "openai" && !(e.READOUT_EMBEDDINGS_API_KEY ?? e.OPENAI_API_KEY) && !e.READOUT_EMBEDDINGS_BASE_URL) {
    problems.push("READOUT_EMBEDDINGS=openai needs READOUT_EMBEDDINGS_API_KEY (or OPENAI_API_KEY) or a READOUT_EMBEDDINGS_BASE_URL of a local server");
  }
  if (e.READOUT_LLM === "openai" && !(e.READOUT_LLM_API_KEY ?? e.OPENAI_API_KEY) && !e.READOUT_LLM_BASE_URL) {
    problems.push("READOUT_LLM=openai needs READOUT_LLM_API_KEY (or OPENAI_API_KEY) or a READOUT_LLM_BASE_URL of a local server");
  }
  if (e.READOUT_DATES_UNTIL && e.READOUT_DATES_UNTIL < e.READOUT_DATES_FROM) {
    problems.push(`READOUT_DATES_UNTIL=${e.READOUT_DATES_UNTIL} is before READOUT_DATES_FROM=${e.READOUT_DATES_FROM}`);
  }
  let sources: SourcesConfig | undefined;
  if (e.READOUT_SOURCES_FILE) {
    try {
      sources = readSourcesFile(resolve(e.READOUT_SOURCES_FILE));
    } catch (error) {
      problems.push(`READOUT_SOURCES_FILE=${JSON.stringify(e.READOUT_SOURCES_FILE)}: ${(error as Error).message}`);
    }
  }
  const allowPrivate = parseAllowPrivate(e.READOUT_FETCH_ALLOW_PRIVATE);
  if (typeof allowPrivate === "string") problems.push(`READOUT_FETCH_ALLOW_PRIVATE=${JSON.stringify(e.READOUT_FETCH_ALLOW_PRIVATE)}: ${allowPrivate}`);
  if (problems.length > 0) throw new ConfigError(problems);

  const llmProvider = e.READOUT_LLM;
  return {
    projectRoot: root,
    store: e.READOUT_STORE === "postgres" ? { kind: "postgres", url: e.READOUT_DATABASE_URL! } : { kind: "local" },
    indexDir: resolve(e.READOUT_INDEX_DIR),
    databaseUrl: e.READOUT_DATABASE_URL,
    keepGenerations: e.READOUT_KEEP_GENERATIONS,
    articleDirs: e.READOUT_ARTICLES_DIRS.split(/[,:]/)
      .map((dir) => dir.trim())
      .filter((dir) => dir.length > 0)
      .map(resolve),
    today: e.READOUT_TODAY,
    ingest: {
      dates: { from: e.READOUT_DATES_FROM, until: e.READOUT_DATES_UNTIL },
      maxChunksPerArticle: e.READOUT_MAX_CHUNKS_PER_ARTICLE,
      read: { workers: e.READOUT_READ_WORKERS, timeoutMs: e.READOUT_READ_TIMEOUT_MS, maxHtmlDepth: e.READOUT_READ_MAX_DEPTH },
    },
    embeddings: {
      provider: e.READOUT_EMBEDDINGS,
      model: e.READOUT_EMBEDDINGS_MODEL ?? DEFAULT_EMBEDDING_MODELS[e.READOUT_EMBEDDINGS],
      baseUrl: e.READOUT_EMBEDDINGS_BASE_URL,
      apiKey: e.READOUT_EMBEDDINGS_API_KEY ?? e.OPENAI_API_KEY,
      workers: e.READOUT_EMBED_WORKERS ?? defaultWorkerCount(),
      batchSize: e.READOUT_EMBED_BATCH,
    },
    llm: {
      provider: llmProvider,
      model: llmProvider === "none" ? undefined : (e.READOUT_LLM_MODEL ?? DEFAULT_LLM_MODELS[llmProvider]),
      baseUrl: e.READOUT_LLM_BASE_URL,
      apiKey: e.READOUT_LLM_API_KEY ?? e.OPENAI_API_KEY,
      timeoutMs: e.READOUT_LLM_TIMEOUT_MS,
    },
    bot: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      startupTimeoutMs: e.READOUT_STARTUP_TIMEOUT_MS,
      adminIds: e.READOUT_ADMIN_IDS,
      allowedIds: e.READOUT_ALLOWED_IDS,
      rateLimit: { limit: e.READOUT_RATE_LIMIT, windowMs: e.READOUT_RATE_WINDOW_MS },
      historyTurns: e.READOUT_HISTORY_TURNS,
      sessions: {
        storage: e.READOUT_SESSION_STORAGE,
        dir: resolve(e.READOUT_SESSION_DIR),
        redisUrl: e.READOUT_REDIS_URL,
      },
      webhook: e.READOUT_WEBHOOK_URL
        ? { url: e.READOUT_WEBHOOK_URL, port: e.READOUT_WEBHOOK_PORT, secret: e.READOUT_WEBHOOK_SECRET }
        : undefined,
      metrics: e.READOUT_METRICS_PORT === undefined ? undefined : { port: e.READOUT_METRICS_PORT, host: e.READOUT_METRICS_HOST },
      recording: e.READOUT_RECORD_DIR
        ? { dir: resolve(e.READOUT_RECORD_DIR), anonymize: e.READOUT_RECORD_ANONYMIZE, today: e.READOUT_TODAY }
        : undefined,
    },
    fetch: {
      userAgent: e.READOUT_FETCH_USER_AGENT ?? DEFAULT_USER_AGENT,
      timeoutMs: e.READOUT_FETCH_TIMEOUT_MS,
      maxBytes: e.READOUT_FETCH_MAX_BYTES,
      maxRedirects: e.READOUT_FETCH_MAX_REDIRECTS,
      hostDelayMs: e.READOUT_FETCH_HOST_DELAY_MS,
      allowPrivate: allowPrivate as boolean | string[],
      maxItems: e.READOUT_SOURCE_MAX_ITEMS,
    },
    ...(sources ? { sources } : {}),
    logLevel: e.LOG_LEVEL,
  };
}

export const DEFAULT_USER_AGENT = "ReadoutBot/0.1 (a news bot answering questions about meetings; honours robots.txt)";

const IPV4_OR_CIDR = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
const IPV6_OR_CIDR = /^[0-9a-f:.]+(\/\d{1,3})?$/i;

/** `*` allows every private address; otherwise a list of addresses and CIDR ranges. A string is the problem. */
function parseAllowPrivate(value: string | undefined): boolean | string[] | string {
  if (!value) return false;
  if (value === "*") return true;
  const items = value.split(/[,\s]+/).filter(Boolean);
  const bad = items.filter((item) => !IPV4_OR_CIDR.test(item) && !(item.includes(":") && IPV6_OR_CIDR.test(item)));
  if (bad.length > 0) return `must be * or addresses and CIDR ranges such as 127.0.0.1,10.0.0.0/8 (not ${bad.join(", ")})`;
  return items;
}

// ---- the sources file -------------------------------------------------------

const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|min|h|d)$/i;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };
export const DEFAULT_REFRESH_MS = 3_600_000;
const MIN_REFRESH_MS = 1000;

/** "30s", "15m", "1h", "1d" in milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]!.toLowerCase()]!;
  return ms >= MIN_REFRESH_MS ? ms : undefined;
}

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = typeof value === "number" ? value * 1000 : parseDuration(value);
  if (ms === undefined || ms < MIN_REFRESH_MS) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not a refresh interval such as 30s, 15m, 1h or 1d (at least 1s)` });
    return z.NEVER;
  }
  return ms;
});

const sourceSchema = z
  .object({
    url: z.string().regex(/^https?:\/\/\S+$/i, "must be an http:// or https:// address").optional(),
    folder: z.string().min(1).optional(),
    refresh: duration.optional(),
  })
  .strict()
  .refine((source) => (source.url === undefined) !== (source.folder === undefined), "give either url: or folder:, not both nor neither");

const sourcesFileSchema = z
  .object({ refresh: duration.optional(), sources: z.array(sourceSchema).default([]) })
  .strict();

/** Parse the text of a sources file (YAML); folders are relative to the file's own folder. Throws with the problems. */
export function parseSourcesFile(text: string, file: string): SourcesConfig {
  let data: unknown;
  try {
    data = YAML.parse(text) ?? {};
  } catch (error) {
    throw new Error(`not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = sourcesFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(top)"}: ${issue.message}`);
    throw new Error(problems.join("; "));
  }
  const fallback = parsed.data.refresh ?? DEFAULT_REFRESH_MS;
  const dir = path.dirname(file);
  return {
    file,
    sources: parsed.data.sources.map((source) =>
      source.url !== undefined
        ? { kind: "url" as const, url: source.url, refreshMs: source.refresh ?? fallback }
        : { kind: "folder" as const, path: path.resolve(dir, source.folder!), refreshMs: source.refresh ?? fallback },
    ),
  };
}

/** Read and check a sources file. A file that does not exist yet is an empty list (`/add` creates it). */
export function readSourcesFile(file: string, options: { mustExist?: boolean } = {}): SourcesConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && !options.mustExist) return { file, sources: [] };
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error("no such file");
    throw new Error(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseSourcesFile(text, file);
}

/**
 * Add a web address to the sources file (keeping its comments and layout), unless it
 * is already there. Returns the file as read back, so it is checked like at start.
 */
export function addSourceToFile(file: string, url: string, refresh?: string): { added: boolean; sources: SourcesConfig } {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const current = parseSourcesFile(text, file);
  if (current.sources.some((source) => source.kind === "url" && source.url === url)) return { added: false, sources: current };
  const document = YAML.parseDocument(text || "sources: []\n");
  if (!document.has("sources")) document.set("sources", document.createNode([]));
  const list = document.get("sources") as YAML.YAMLSeq;
  if (list.flow) list.flow = false;
  list.add(document.createNode(refresh ? { url, refresh } : { url }));
  const written = document.toString();
  const sources = parseSourcesFile(written, file);
  writeFileSync(file, written);
  return { added: true, sources };
}

/** Load `.env` (without overriding variables already set) and parse the process environment. */
export function readConfig(): Config {
  loadDotenv({ path: path.join(PROJECT_ROOT, ".env"), quiet: true });
  return parseConfig(process.env);
}
