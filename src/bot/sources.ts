/** Source buttons: pressing one shows that source paragraph in full; a stale button gets a polite notice. */
import { Composer } from "grammy";
import type { BotContext, BotDeps } from "./context.js";
import { translator } from "./i18n.js";
import { formatSourceDetail, orderedCitations, parseSourceCallbackData } from "./format.js";
import { sendHtml } from "./reply.js";

export const STALE_BUTTON_TEXT = translator()("stale-button");

export function sourceButtons(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on("callback_query:data", async (ctx) => {
    const parsed = parseSourceCallbackData(ctx.callbackQuery.data);
    if (!parsed) {
      await ctx.answerCallbackQuery({ text: ctx.t("unknown-button") });
      return;
    }
    const saved = ctx.session.answers.find((answer) => answer.key === parsed.answerKey);
    const citation = saved && orderedCitations(saved.citations).find((c) => c.n === parsed.n);
    const message = ctx.callbackQuery.message;
    if (!citation || !message) {
      deps.log.debug({ event: "stale-button", chatId: ctx.chat?.id, data: ctx.callbackQuery.data }, "stale source button");
      await ctx.answerCallbackQuery({ text: ctx.t("stale-button"), show_alert: false });
      return;
    }
    // Answered after sending, so that if sending fails the error handler can still answer the press.
    await sendHtml(ctx, formatSourceDetail(citation, ctx.t), { replyTo: message.message_id });
    await ctx.answerCallbackQuery();
  });

  // Any other kind of button press (a game, an inline query button) is not ours.
  composer.on("callback_query", (ctx) => ctx.answerCallbackQuery());
  return composer;
}
