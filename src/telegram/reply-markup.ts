/** Inline keyboards: reading a message's buttons, and checking a keyboard the way the Bot API does. */
import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { asObject, badRequest, type Payload } from "./bot-api-error.js";

/** Callback buttons of a message in reading order. */
export function inlineButtons(message: Message): { text: string; callback_data?: string; url?: string }[] {
  const markup = message.reply_markup as InlineKeyboardMarkup | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

export function validateReplyMarkup(value: unknown): InlineKeyboardMarkup | undefined {
  if (value === undefined || value === null) return undefined;
  const markup = asObject(value);
  if (!markup) throw badRequest("can't parse reply keyboard markup JSON object");
  if (!("inline_keyboard" in markup)) return undefined;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  for (const button of rows.flat() as Payload[]) {
    if (typeof button.text !== "string" || button.text.trim().length === 0) throw badRequest("text buttons are unallowed in the inline keyboard");
    const actions = ["callback_data", "url", "switch_inline_query", "switch_inline_query_current_chat", "web_app", "login_url", "pay", "copy_text"].filter(
      (key) => button[key] !== undefined,
    );
    if (actions.length !== 1) throw badRequest("can't parse inline keyboard button: exactly one of its optional fields must be used");
    if (button.callback_data !== undefined) {
      const bytes = Buffer.byteLength(String(button.callback_data), "utf8");
      if (typeof button.callback_data !== "string" || bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
    }
  }
  // Empty keyboards are dropped, as Telegram does.
  return rows.flat().length > 0 ? (markup as unknown as InlineKeyboardMarkup) : undefined;
}
