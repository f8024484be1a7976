/** A per-user rate limit on messages, with one friendly notice per window (button presses are not limited). */
import { limit } from "@grammyjs/ratelimiter";

/** The two commands the rate limiter needs from a Redis client (ioredis has them). */
export interface RedisType {
  incr(key: string): Promise<number>;
  pexpire(key: string, milliseconds: number): Promise<number>;
}
import { Composer } from "grammy";
import { type Translate, translator } from "./i18n.js";
import { replyOptions } from "./access.js";
import type { BotContext, BotDeps } from "./context.js";

export function rateLimitNotice(limitCount: number, windowMs: number, t: Translate = translator()): string {
  return t("rate-limited", { limit: limitCount, seconds: Math.max(1, Math.round(windowMs / 1000)) });
}

export function rateLimit(deps: BotDeps, redis?: RedisType): Composer<BotContext> {
  const { limit: limitCount, windowMs } = deps.config.rateLimit;
  const composer = new Composer<BotContext>();
  composer.use(
    limit<BotContext, RedisType>({
      timeFrame: windowMs,
      limit: limitCount,
      storageClient: redis ?? "MEMORY_STORE",
      keyPrefix: "readout:ratelimit:",
      keyGenerator: (ctx) => (ctx.message && ctx.from ? String(ctx.from.id) : undefined),
      // Called once per window, on the first message over the limit; later ones are dropped silently.
      onLimitExceeded: async (ctx) => {
        deps.log.info({ event: "rate-limited", userId: ctx.from?.id, chatId: ctx.chat?.id }, "rate limit reached");
        await ctx.reply(rateLimitNotice(limitCount, windowMs, ctx.t), replyOptions(ctx));
      },
    }),
  );
  return composer;
}
