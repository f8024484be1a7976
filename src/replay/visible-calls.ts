/**
 * The bot's calls as a user sees them: the text and
 * buttons a call shows, which calls make a reply, and the bits of text that
 * change from run to run (timestamps, durations).
 */
import { parseTelegramHtml } from "../telegram/index.js";
import type { RecordedCall } from "./format-schema.js";

const VOLATILE: [RegExp, string][] = [
  // Times of day and timestamps: when an index was written, when a reindex ran.
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, "<time>"],
  // Durations and latencies: "0.4 s", "120 ms", "3 min", "1 h 5 min".
  [/\b\d+ h \d+ min\b/g, "<duration>"],
  [/\b\d+(?:\.\d+)? ?(?:ms|s|sec|seconds|min|minutes)\b/g, "<duration>"],
];

/** Replace what changes from run to run even when the bot behaves the same: timestamps and durations. */
export function normalizeVolatile(text: string): string {
  return VOLATILE.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

export type Button = { text: string; callback_data?: string; url?: string };

export function keyboardOf(payload: Record<string, unknown>): Button[][] {
  let markup = payload.reply_markup as unknown;
  if (typeof markup === "string") {
    try {
      markup = JSON.parse(markup);
    } catch {
      return [];
    }
  }
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  return Array.isArray(rows) ? (rows.filter(Array.isArray) as Button[][]) : [];
}

export function buttonsOf(payload: Record<string, unknown>): Button[] {
  return keyboardOf(payload).flat();
}

/** The text a user sees for a call: HTML turned into plain text, a button notice as it pops up. */
export function visibleText(call: RecordedCall): string | undefined {
  const p = call.payload;
  if (call.method === "answerCallbackQuery") return typeof p.text === "string" && p.text.length > 0 ? p.text : undefined;
  if (typeof p.text !== "string") return typeof p.caption === "string" ? p.caption : undefined;
  if (p.parse_mode !== "HTML") return p.text;
  try {
    return parseTelegramHtml(p.text).text;
  } catch {
    return p.text;
  }
}

/** The calls a user experiences as a reply: messages sent, messages edited, notices on pressed buttons. */
export function replyCalls(calls: RecordedCall[]): RecordedCall[] {
  return calls.filter((call) => {
    if (call.error !== undefined) return false;
    if (call.method === "answerCallbackQuery") return visibleText(call) !== undefined;
    return call.method === "editMessageText" || (call.method.startsWith("send") && call.method !== "sendChatAction");
  });
}
