/**
 * The one place where configuration is read and validated.
 *
 * Every setting comes from the environment (a `.env` file is loaded by
 * `readConfig`); command-line flags override single fields after parsing.
 * `parseConfig` is pure so tests can pass their own environment. Its parts are
 * in `src/config/`: how one variable's text is read (`env-values.ts`), every
 * variable with its default (`env-schema.ts`), the configuration's shape
 * (`types.ts`), the fetcher's settings (`fetch.ts`) and the sources file
 * (`sources-file.ts`); import them from here.
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { config as loadDotenv } from "dotenv";
import { envSchema, isSecretVariable } from "./config/env-schema.js";
import { DEFAULT_USER_AGENT, parseAllowPrivate } from "./config/fetch.js";
import { readSourcesFile, type SourcesConfig } from "./config/sources-file.js";
import type { Config, EmbeddingsProvider, LlmProvider } from "./config/types.js";

export type * from "./config/types.js";
export { DEFAULT_USER_AGENT } from "./config/fetch.js";
export {
  DEFAULT_REFRESH_MS,
  addSourceToFile,
  parseDuration,
  parseSourcesFile,
  readSourcesFile,
  type SourceEntry,
  type SourcesConfig,
} from "./config/sources-file.js";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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
        const shown = isSecretVariable(name) ? "(hidden)" : JSON.stringify(value);
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
      webhook: e.READOUT_WEBHOOK_URL ? { url: e.READOUT_WEBHOOK_URL, port: e.READOUT_WEBHOOK_PORT, secret: e.READOUT_WEBHOOK_SECRET } : undefined,
      metrics: e.READOUT_METRICS_PORT === undefined ? undefined : { port: e.READOUT_METRICS_PORT, host: e.READOUT_METRICS_HOST },
      recording: e.READOUT_RECORD_DIR ? { dir: resolve(e.READOUT_RECORD_DIR), anonymize: e.READOUT_RECORD_ANONYMIZE, today: e.READOUT_TODAY } : undefined,
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

/** Load `.env` (without overriding variables already set) and parse the process environment. */
export function readConfig(): Config {
  loadDotenv({ path: path.join(PROJECT_ROOT, ".env"), quiet: true });
  return parseConfig(process.env);
}
