/** Every environment variable Readout reads, with its default and how it is checked. */
import { z } from "zod";
import { bool, botToken, calendarDay, databaseUrl, idList, isoDate, optionalText, optionalUrl, portNumber, positiveInt } from "./env-values.js";

export const envSchema = z.object({
  READOUT_STORE: z.enum(["local", "postgres"]).default("local"),
  READOUT_DATABASE_URL: databaseUrl,
  READOUT_INDEX_DIR: z.string().default("data/index"),
  READOUT_ARTICLES_DIRS: z.string().default("data/articles"),
  READOUT_KEEP_GENERATIONS: z.coerce.number().int().min(2, "must be at least 2 (the live index and one to roll back to)").max(100).default(3),
  READOUT_TODAY: isoDate,

  READOUT_DATES_FROM: calendarDay.default("1900-01-01"),
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

  TELEGRAM_BOT_TOKEN: botToken,
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
  READOUT_METRICS_PORT: portNumber,
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

export type Env = z.infer<typeof envSchema>;

/** Variables whose values never appear in messages. */
export function isSecretVariable(name: string): boolean {
  return name === "TELEGRAM_BOT_TOKEN" || name.endsWith("API_KEY") || name.endsWith("SECRET") || name.endsWith("DATABASE_URL");
}
