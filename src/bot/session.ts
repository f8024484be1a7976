/**
 * Per-chat sessions: the recent turns for follow-up questions and the
 * citations behind recent source buttons. File storage by default (a restart
 * keeps them), memory or Redis by configuration.
 */
import { FileAdapter } from "@grammyjs/storage-file";
import { RedisAdapter } from "@grammyjs/storage-redis";
import { Composer, MemorySessionStorage, session, type StorageAdapter } from "grammy";
import { Redis } from "ioredis";
import type { BotConfig } from "../config.js";
import { type Logger, scrubSecretsDeep } from "../log.js";
import type { BotContext, SessionData } from "./context.js";

/** Source buttons keep working for this many recent answers per chat. */
export const SAVED_ANSWERS = 20;

export interface SessionStore {
  storage: StorageAdapter<SessionData>;
  /** The Redis connection when sessions live in Redis (shared with the rate limiter). */
  redis?: Redis;
  close(): Promise<void>;
}

export function emptySession(): SessionData {
  return { turns: [], answers: [] };
}

export function createSessionStore(config: BotConfig["sessions"], log?: Logger): SessionStore {
  switch (config.storage) {
    case "memory":
      return { storage: new MemorySessionStorage<SessionData>(), close: async () => {} };
    case "file":
      return { storage: new FileAdapter<SessionData>({ dirName: config.dir }), close: async () => {} };
    case "redis": {
      if (!config.redisUrl) throw new Error("READOUT_SESSION_STORAGE=redis needs READOUT_REDIS_URL");
      const redis = new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
      // Without a listener ioredis prints every connection error itself; it reconnects on its own.
      redis.on("error", (error: Error) => log?.warn({ event: "redis-error", error: error.message }, "Redis connection problem"));
      return {
        storage: new RedisAdapter<SessionData>({ instance: redis }),
        redis,
        close: async () => {
          await redis.quit().catch(() => redis.disconnect());
        },
      };
    }
  }
}

/** The chat is the session: in a group, everyone shares the conversation the bot is following. */
export function sessionKey(ctx: { chat?: { id: number } }): string | undefined {
  return ctx.chat?.id.toString();
}

/**
 * The storage with secrets scrubbed from every session written, as recordings
 * and logs are: a token pasted into a chat is kept in the chat's turns, and
 * must not be stored verbatim in a session file or in Redis.
 */
export function redactingStorage(storage: StorageAdapter<SessionData>, secrets: (string | undefined)[]): StorageAdapter<SessionData> {
  return {
    read: (key) => storage.read(key),
    write: (key, value) => storage.write(key, scrubSecretsDeep(value, secrets)),
    delete: (key) => storage.delete(key),
  };
}

export function sessions(storage: StorageAdapter<SessionData>, secrets: (string | undefined)[] = []): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(session({ initial: emptySession, storage: redactingStorage(storage, secrets), getSessionKey: sessionKey }));
  // Sessions written by an older version may lack a field.
  composer.use((ctx, next) => {
    ctx.session.turns ??= [];
    ctx.session.answers ??= [];
    return next();
  });
  return composer;
}
