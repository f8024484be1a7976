/** The global error handler: log without secrets, tell the user something went wrong. */
import { type BotError, GrammyError, HttpError } from "grammy";
import { scrubSecrets } from "../log.js";
import type { BotContext, BotDeps } from "./context.js";
import { LOCALES, translator } from "./i18n.js";

export const ERROR_TEXT = translator()("error");
/** The error message in every language the bot speaks (replays look for it). */
export const ERROR_TEXTS = LOCALES.map((locale) => translator(locale)("error"));

/** A loggable description of an error with any token removed (grammY errors can embed the API URL). */
export function describeError(
  error: unknown,
  secrets: (string | undefined)[],
): { name: string; message: string; stack?: string; method?: string; code?: number } {
  const err = error instanceof Error ? error : new Error(String(error));
  const described: { name: string; message: string; stack?: string; method?: string; code?: number } = {
    name: err.name,
    message: scrubSecrets(err.message, secrets),
  };
  if (err.stack) described.stack = scrubSecrets(err.stack, secrets);
  if (error instanceof GrammyError) {
    described.method = error.method;
    described.code = error.error_code;
  }
  if (error instanceof HttpError) {
    described.message = scrubSecrets(`${err.message} (${String((error.error as Error)?.message ?? error.error)})`, secrets);
  }
  return described;
}

export function createErrorHandler(deps: BotDeps): (error: BotError<BotContext>) => Promise<void> {
  return async (error) => {
    const ctx = error.ctx;
    deps.stats.recordError();
    deps.log.error(
      { event: "error", updateId: ctx.update.update_id, chatId: ctx.chat?.id, error: describeError(error.error, [deps.config.token]) },
      "error while handling an update",
    );
    try {
      // In the user's language when the failure came after the language was known.
      const text = typeof ctx.t === "function" ? ctx.t("error") : ERROR_TEXT;
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
      else if (ctx.chat && (ctx.chat.type === "private" || ctx.question !== undefined || ctx.message?.text?.startsWith("/"))) {
        await ctx.reply(text);
      }
    } catch (replyError) {
      deps.log.warn({ event: "error-reply-failed", error: describeError(replyError, [deps.config.token]) }, "could not tell the user about the error");
    }
  };
}
