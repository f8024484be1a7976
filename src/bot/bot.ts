/**
 * The bot: one grammY `Bot` composed from small composers, the same for long
 * polling, webhooks, the terminal chat and the replay runner. Only the
 * transport differs: the network by default, or an API transformer such as
 * `InProcessTelegram.transformer` that answers Bot API calls in process.
 * What varies by entry point is passed in: the transport, and the recorder
 * that writes conversations down (the bot never imports replay).
 */
import { autoChatAction } from "@grammyjs/auto-chat-action";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Middleware, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotConfig } from "../config.js";
import { createLogger, type Logger } from "../log.js";
import { accessControl } from "./access.js";
import { addressing } from "./addressing.js";
import { admin } from "./admin.js";
import { commands } from "./commands.js";
import { liveSources } from "./live-sources.js";
import type { BotContext, BotDeps } from "./context.js";
import { createErrorHandler, describeError } from "./errors.js";
import { botI18n, language } from "./language.js";
import { newAnswerKey, questions } from "./questions.js";
import { rateLimit, type RedisType } from "./rate-limit.js";
import type { BotServices } from "./service-types.js";
import { createSessionStore, sessionKey, sessions, type SessionStore } from "./session.js";
import { sourceButtons } from "./sources.js";
import { BotStats } from "./stats.js";

/** The token grammY is given when a transport answers in process; it never reaches a server. */
export const IN_PROCESS_TOKEN = "0:in-process";

export interface CreateBotOptions {
  /** Overrides `config.token`; defaults to a placeholder when `transport` is given. */
  token?: string;
  /** The bot's own user; skips the getMe call at start (required with an in-process transport). */
  botInfo?: UserFromGetMe;
  /** Innermost API transformer that answers calls instead of the network (e.g. `InProcessTelegram.transformer`). */
  transport?: Transformer;
  /** Outer API transformers, installed after auto-retry (e.g. a conversation recorder). */
  transformers?: Transformer[];
  /** Middleware run first for every update, before any rule (e.g. a recorder of incoming updates). */
  middleware?: Middleware<BotContext>[];
  /** Session storage; by default the one `config.sessions` names (file, memory or Redis). */
  sessionStore?: SessionStore;
  logger?: Logger;
  /** Current time in milliseconds (tests and replays pin it). */
  now?: () => number;
  /** The counter behind the per-user rate limit (incr/pexpire); by default in memory, or Redis with Redis sessions. Replays pass one on their own clock. */
  rateLimitStore?: RedisType;
  /** Builds the conversation recorder when `config.recording` (READOUT_RECORD_DIR) is set; the entry point passes it (src/replay/recorder.ts). */
  recorder?: RecorderFactory;
  /** Keys for answers' source buttons (callback data `src:<key>:<n>`); random by default, a counter makes replays repeatable. */
  newKey?: () => string;
}

/** Writes conversations down: sees each incoming update (middleware) and each Bot API call with its result (transformer). */
export interface BotRecorder {
  /** Installed outermost, after every other transformer. */
  transformer: Transformer;
  /** Installed before the bot's own rules. */
  middleware: Middleware;
  /** Finish writing what was recorded. */
  close(): Promise<void>;
}

/** Makes a recorder for the bot's effective settings, with the strings it must never write (the token, a webhook secret). */
export type RecorderFactory = (config: BotConfig, options: { secrets: (string | undefined)[]; log: Logger; now: () => number }) => BotRecorder;

export interface BotRuntime {
  deps: BotDeps;
  /** The highest update id handed to the bot so far. */
  lastUpdateId(): number | undefined;
  /** Updates being handled right now. */
  inFlight(): number;
  /** Wait until no update is being handled and no background task (a reindex) runs; false on timeout. */
  idle(timeoutMs?: number): Promise<boolean>;
  /** Tell background work (a reindex) to stop now; `idle` then waits for it to wind down. */
  stopBackground(): void;
  /** Close what the bot itself opened (a Redis connection for sessions). Services are the caller's to close. */
  close(): Promise<void>;
  /** The last Bot API call that failed at the network level (token scrubbed), if any. */
  lastNetworkError(): string | undefined;
}

export type ReadoutBot = Bot<BotContext> & { readout: BotRuntime };

/**
 * Logs Bot API calls that fail at the network level, with the token scrubbed
 * (the runner is kept silent), and remembers the last failure. Before the bot
 * knows itself (getMe at start), failures are only debug lines: start-up sums
 * them up in its one-line message when it gives up.
 */
function networkErrorLog(log: Logger, secrets: (string | undefined)[], state: { last?: string; started(): boolean }): Transformer {
  return (async (prev: Parameters<Transformer>[0], method: string, payload: unknown, signal?: AbortSignal) => {
    try {
      return await prev(method as never, payload as never, signal as never);
    } catch (error) {
      if (!signal?.aborted) {
        const { name, message } = describeError(error, secrets);
        state.last = message;
        const entry = { event: "api-error", method, error: { name, message } };
        if (state.started()) log.warn(entry, "Bot API call failed (grammY retries network errors)");
        else log.debug(entry, "Bot API call failed at start-up");
      }
      throw error;
    }
  }) as Transformer;
}

export function createBot(services: BotServices, config: BotConfig, options: CreateBotOptions = {}): ReadoutBot {
  const token = options.token ?? config.token ?? (options.transport ? IN_PROCESS_TOKEN : undefined);
  if (!token) throw new Error("No bot token: set TELEGRAM_BOT_TOKEN, or run the terminal chat (npm start without a token).");
  const log = options.logger ?? createLogger("info");
  const now = options.now ?? Date.now;
  const stopping = new AbortController();
  const deps: BotDeps = {
    services,
    config,
    log,
    stats: new BotStats(now()),
    background: new Set(),
    stopping: stopping.signal,
    now,
    newKey: options.newKey ?? newAnswerKey,
  };
  deps.stats.observeIndex(() => services.describeIndex());
  const store = options.sessionStore ?? createSessionStore(config.sessions, log);

  const bot = new Bot<BotContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: config.apiRoot ? { apiRoot: config.apiRoot.replace(/\/+$/, "") } : {},
  });
  if (options.transport) bot.api.config.use(options.transport);
  const network: { last?: string; started(): boolean } = { started: () => bot.isInited() };
  bot.api.config.use(networkErrorLog(log, [token], network));
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  if (options.transformers?.length) bot.api.config.use(...options.transformers);
  // With READOUT_RECORD_DIR, every chat's updates and the bot's calls are written down by the recorder the entry point gave; outermost, so it sees calls as the bot made them.
  const recorder = config.recording && options.recorder ? options.recorder(config, { secrets: [token, config.webhook?.secret], log, now }) : undefined;
  if (recorder) bot.api.config.use(recorder.transformer);

  let lastUpdateId: number | undefined;
  const inFlight = new Set<Promise<void>>();
  bot.use(async (ctx, next) => {
    lastUpdateId = Math.max(lastUpdateId ?? 0, ctx.update.update_id);
    const handling = next();
    inFlight.add(handling);
    try {
      await handling;
    } finally {
      inFlight.delete(handling);
    }
  });
  if (recorder) bot.use(recorder.middleware);
  if (options.middleware?.length) bot.use(...options.middleware);
  // Updates of one chat are handled in order, different chats concurrently (runner, webhook or in process alike).
  bot.use(sequentialize<BotContext>(sessionKey));

  const handleError = createErrorHandler(deps);
  bot.catch(handleError);
  bot.errorBoundary(
    handleError,
    autoChatAction(),
    addressing(),
    botI18n(),
    rateLimit(deps, options.rateLimitStore ?? store.redis),
    accessControl(deps),
    sessions(store.storage, [token, config.webhook?.secret]),
    language(),
    commands(deps),
    admin(deps),
    liveSources(deps),
    sourceButtons(deps),
    questions(deps),
  );

  const runtime: BotRuntime = {
    deps,
    lastUpdateId: () => lastUpdateId,
    inFlight: () => inFlight.size,
    async idle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 || deps.background.size > 0) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) return false;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...inFlight, ...deps.background]),
          new Promise((resolve) => {
            timer = setTimeout(resolve, remaining);
          }),
        ]);
        clearTimeout(timer);
      }
      return true;
    },
    close: async () => {
      await store.close();
      await recorder?.close();
    },
    lastNetworkError: () => network.last,
    stopBackground: () => stopping.abort(),
  };
  return Object.assign(bot, { readout: runtime });
}

export function logError(log: Logger, error: unknown, secrets: (string | undefined)[], message: string): void {
  log.error({ error: describeError(error, secrets) }, message);
}
