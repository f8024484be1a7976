/** The allow-list: with READOUT_ALLOWED_IDS set, only those users or chats (and admins) are answered. */
import { Composer } from "grammy";
import { type Translate, translator } from "./i18n.js";
import { type BotContext, type BotDeps, isAdmin } from "./context.js";

export function refusalText(userId: number | undefined, t: Translate = translator()): string {
  // The id as text: Fluent would group its digits like a number.
  return t("not-allowed") + (userId === undefined ? "" : t("not-allowed-id", { id: String(userId) }));
}

export function isAllowed(deps: BotDeps, userId: number | undefined, chatId: number | undefined): boolean {
  const allowed = deps.config.allowedIds;
  if (allowed.length === 0 || isAdmin(deps, userId)) return true;
  return (userId !== undefined && allowed.includes(userId)) || (chatId !== undefined && allowed.includes(chatId));
}

export function accessControl(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx, next) => {
    if (isAllowed(deps, ctx.from?.id, ctx.chat?.id)) return next();
    deps.log.info({ event: "refused", userId: ctx.from?.id, chatId: ctx.chat?.id }, "not on the allow-list");
    const text = refusalText(ctx.from?.id, ctx.t);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true });
    else if (ctx.chat) await ctx.reply(text, replyOptions(ctx));
  });
  return composer;
}

/** In groups, answer as a reply to the message that asked, so the thread stays readable. */
export function replyOptions(ctx: BotContext): { reply_parameters?: { message_id: number; allow_sending_without_reply: true } } {
  const message = ctx.message;
  if (!message || ctx.chat?.type === "private") return {};
  return { reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true } };
}
