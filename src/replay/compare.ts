/**
 * Comparing what the bot says now with a conversation file, call by call:
 * exact replies rendered as text (with the volatile bits normalised), and the
 * health checks every turn gets. Expectations are checked in expectations.ts,
 * differences shown by line-diff.ts.
 */
import { ERROR_TEXT, ERROR_TEXTS } from "../bot/errors.js";
import { parseSourceCallbackData, sourceCallbackData } from "../bot/format.js";
import type { RecordedCall } from "./format-schema.js";
import { INVISIBLE_METHODS } from "./api-methods.js";
import { keyboardOf, normalizeVolatile, replyCalls, visibleText } from "./visible-calls.js";

export interface Problem {
  kind: "diff" | "expectation" | "refused" | "error" | "replay";
  message: string;
  /** For diffs: the expected and actual renderings, and a line diff of the two. */
  expected?: string;
  actual?: string;
  diff?: string;
}

/**
 * Renders calls as comparable text. Message ids differ between a recording and
 * a replay, so messages are named by their place in the conversation ("turn 3"
 * for a user's message, "bot message 2"), and the random keys in source buttons'
 * callback data by their order of appearance ("src:#1:2").
 */
export class CallRenderer {
  private readonly labels = new Map<number, string>();
  private readonly keys = new Map<string, string>();
  private botMessages = 0;

  nameUserMessage(messageId: number, turn: number): void {
    this.labels.set(messageId, `turn ${turn}`);
  }

  private label(messageId: unknown): string {
    const id = Number(messageId);
    return this.labels.get(id) ?? `message ${String(messageId)} (not in this conversation)`;
  }

  private data(data: string): string {
    const source = parseSourceCallbackData(data);
    if (!source) return data;
    let name = this.keys.get(source.answerKey);
    if (!name) {
      name = `#${this.keys.size + 1}`;
      this.keys.set(source.answerKey, name);
    }
    return sourceCallbackData(name, source.n);
  }

  private keyboard(payload: Record<string, unknown>): string[] {
    return keyboardOf(payload).map(
      (row) =>
        "  buttons: " +
        row
          .map((button) => {
            const target = button.callback_data !== undefined ? ` → ${this.data(button.callback_data)}` : button.url !== undefined ? ` → ${button.url}` : "";
            return `[${button.text}${target}]`;
          })
          .join(" "),
    );
  }

  /** One call as lines of text; registers the message ids of messages the bot sent. */
  render(call: RecordedCall): string {
    const p = call.payload;
    const lines: string[] = [];
    const replyTo = (p.reply_parameters as { message_id?: unknown } | undefined)?.message_id ?? p.reply_to_message_id;
    switch (call.method) {
      case "answerCallbackQuery": {
        const text = typeof p.text === "string" && p.text ? `: ${p.text}` : " (no notice)";
        lines.push(`answerCallbackQuery${p.show_alert === true ? " (alert)" : ""}${text}`);
        break;
      }
      case "deleteMessage":
        lines.push(`deleteMessage ${this.label(p.message_id)}`);
        break;
      default: {
        let header = call.method;
        if (call.method.startsWith("edit")) header += ` ${this.label(p.message_id)}`;
        if (p.parse_mode) header += ` (${String(p.parse_mode)})`;
        if (replyTo !== undefined) header += `, replying to ${this.label(replyTo)}`;
        lines.push(header);
        if (typeof p.text === "string") lines.push(...p.text.split("\n"));
        else if (!call.method.startsWith("edit") && !call.method.startsWith("send")) {
          const { chat_id: _chat, ...rest } = p;
          lines.push(`  ${JSON.stringify(rest)}`);
        }
        lines.push(...this.keyboard(p));
      }
    }
    if (call.error !== undefined) lines.push(`  ✗ Telegram refused it: ${call.error}`);
    if (call.message_id !== undefined && call.method.startsWith("send")) {
      this.botMessages++;
      this.labels.set(call.message_id, `bot message ${this.botMessages}`);
    }
    return normalizeVolatile(lines.join("\n"));
  }

  renderAll(calls: RecordedCall[]): string {
    return calls
      .filter((call) => !INVISIBLE_METHODS.has(call.method))
      .map((call) => this.render(call))
      .join("\n\n");
  }
}

/** Problems every turn is checked for: calls Telegram refused, and the bot's own error message. */
export function checkHealth(calls: RecordedCall[], exactReplies: RecordedCall[] | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const call of calls) {
    if (call.error !== undefined && !INVISIBLE_METHODS.has(call.method)) {
      problems.push({ kind: "refused", message: `Telegram would refuse ${call.method}: ${call.error}` });
    }
  }
  const isError = (call: Parameters<typeof visibleText>[0]) => ERROR_TEXTS.includes(visibleText(call) ?? "");
  const recordedError = exactReplies?.some(isError) ?? false;
  if (!recordedError && replyCalls(calls).some(isError)) {
    problems.push({ kind: "error", message: `the bot hit an error and said “${ERROR_TEXT}”` });
  }
  return problems;
}
