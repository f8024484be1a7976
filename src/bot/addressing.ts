/**
 * Which updates are meant for the bot.
 *
 * Private chats: every text message is a question. Groups and supergroups: a
 * message is a question only when it mentions the bot (the mention is removed
 * from the question) or replies to one of the bot's messages; commands for this
 * bot pass on to the command handlers. Everything else is ignored silently, and
 * before any other middleware runs, so group chatter never touches sessions or
 * rate limits.
 */
import { Composer } from "grammy";
import type { Message, MessageEntity } from "grammy/types";
import type { BotContext } from "./context.js";

/** Remove the given entity ranges from text, then tidy what the removal leaves. */
function removeRanges(text: string, ranges: MessageEntity[]): string {
  let result = text;
  for (const range of [...ranges].sort((a, b) => b.offset - a.offset)) {
    result = `${result.slice(0, range.offset)} ${result.slice(range.offset + range.length)}`;
  }
  return result
    .replace(/\s+/g, " ")
    .replace(/^[\s,:;—–-]+/, "")
    .trim();
}

function mentionsOfBot(message: Message, botId: number, username: string): MessageEntity[] {
  const text = message.text ?? "";
  const name = `@${username}`.toLowerCase();
  return (message.entities ?? []).filter(
    (entity) =>
      (entity.type === "mention" && text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === name) ||
      (entity.type === "text_mention" && entity.user.id === botId),
  );
}

/** The command at the start of the message, with the bot it names if any: "/ask@readout_bot" → ["ask", "readout_bot"]. */
function leadingCommand(message: Message): { name: string; target?: string } | undefined {
  const entity = message.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!entity || !message.text) return undefined;
  const [name, target] = message.text.slice(1, entity.length).split("@");
  return { name: (name ?? "").toLowerCase(), target };
}

export function addressing(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx, next) => {
    if (ctx.callbackQuery) return next();
    const message = ctx.message;
    // Edited messages, channel posts, membership changes and the like are not questions.
    if (!message || !ctx.chat) return;
    const isPrivate = ctx.chat.type === "private";
    if (ctx.chat.type === "channel") return;

    const command = leadingCommand(message);
    if (command) {
      if (command.target && command.target.toLowerCase() !== ctx.me.username.toLowerCase()) return;
      return next();
    }
    if (message.text === undefined) {
      // Photos, stickers, voice notes: worth a word in private, nothing in a group.
      return isPrivate ? next() : undefined;
    }
    if (isPrivate) {
      ctx.question = message.text.trim();
      return next();
    }
    const mentions = mentionsOfBot(message, ctx.me.id, ctx.me.username);
    if (mentions.length > 0) {
      ctx.question = removeRanges(message.text, mentions);
      return next();
    }
    if (message.reply_to_message?.from?.id === ctx.me.id) {
      ctx.question = message.text.trim();
      return next();
    }
  });
  return composer;
}
