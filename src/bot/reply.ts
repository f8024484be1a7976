/** Sending HTML that may be longer than one Telegram message. */
import type { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { replyOptions } from "./access.js";
import type { BotContext } from "./context.js";
import { splitHtml } from "./split.js";

export interface SendOptions {
  keyboard?: InlineKeyboard;
  /** Reply to this message (the first part only); by default, in groups, to the message that asked. */
  replyTo?: number;
}

/** Send HTML as one message or, past 4,096 characters, as several; buttons go under the last part. */
export async function sendHtml(ctx: BotContext, html: string, options: SendOptions = {}): Promise<Message.TextMessage[]> {
  const parts = splitHtml(html);
  const sent: Message.TextMessage[] = [];
  for (const [index, part] of parts.entries()) {
    const first = index === 0;
    const last = index === parts.length - 1;
    const reply =
      first && options.replyTo !== undefined
        ? { reply_parameters: { message_id: options.replyTo, allow_sending_without_reply: true } }
        : first
          ? replyOptions(ctx)
          : {};
    sent.push(
      await ctx.reply(part, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...reply,
        ...(last && options.keyboard ? { reply_markup: options.keyboard } : {}),
      }),
    );
  }
  return sent;
}
