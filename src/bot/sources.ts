/** Source buttons: pressing one shows that source paragraph in full; a stale button gets a polite notice. */
import { Composer } from "grammy";
import type { BotContext, BotDeps } from "./context.js";
import { formatSourceDetail, orderedCitations, parseSourceCallbackData } from "./format.js";
import { sendHtml } from "./reply.js";

export const STALE_BUTTON_TEXT =
  "That button belongs to an older answer whose sources I no longer keep. Ask the question again for fresh sources.";
export const UNKNOWN_BUTTON_TEXT = "That button no longer does anything. Ask me a question for fresh sources.";

export function sourceButtons(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on("callback_query:data", async (ctx) => {
    const parsed = parseSourceCallbackData(ctx.callbackQuery.data);
    if (!parsed) {
      await ctx.answerCallbackQuery({ text: UNKNOWN_BUTTON_TEXT });
      return;
    }
    const saved = ctx.session.answers.find((answer) => answer.key === parsed.answerKey);
    const citation = saved && orderedCitations(saved.citations).find((c) => c.n === parsed.n);
    const message = ctx.callbackQuery.message;
    if (!citation || !message) {
      deps.log.debug({ event: "stale-button", chatId: ctx.chat?.id, data: ctx.callbackQuery.data }, "stale source button");
      await ctx.answerCallbackQuery({ text: STALE_BUTTON_TEXT, show_alert: false });
      return;
    }
    // Answered after sending, so that if sending fails the error handler can still answer the press.
    await sendHtml(ctx, formatSourceDetail(citation), { replyTo: message.message_id });
    await ctx.answerCallbackQuery();
  });

  // Any other kind of button press (a game, an inline query button) is not ours.
  composer.on("callback_query", (ctx) => ctx.answerCallbackQuery());
  return composer;
}
