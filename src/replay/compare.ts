/**
 * Comparing what the bot says now with a conversation file: exact replies
 * (rendered as text, with the volatile bits normalised) or expectations.
 */
import { diffLines, diffWordsWithSpace } from "diff";
import { ERROR_TEXT, ERROR_TEXTS } from "../bot/errors.js";
import { parseTelegramHtml } from "../telegram/index.js";
import type { Citation } from "../retrieval/types.js";
import { type Expectation, parsePattern, type RecordedCall } from "./format.js";

/** Calls that change nothing a user sees; never compared. */
export const INVISIBLE_METHODS = new Set([
  "sendChatAction",
  "getMe",
  "getUpdates",
  "setMyCommands",
  "deleteMyCommands",
  "getMyCommands",
  "setWebhook",
  "deleteWebhook",
  "getWebhookInfo",
  "close",
  "logOut",
]);

/** What the answer chain returned during a turn. */
export interface ChainOutcome {
  question: string;
  abstained: boolean;
  citations: Citation[];
}

export interface Problem {
  kind: "diff" | "expectation" | "refused" | "error" | "replay";
  message: string;
  /** For diffs: the expected and actual renderings, and a line diff of the two. */
  expected?: string;
  actual?: string;
  diff?: string;
}

// ---- volatile bits --------------------------------------------------------------

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

// ---- rendering calls as text ----------------------------------------------------

type Button = { text: string; callback_data?: string; url?: string };

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
    return data.replace(/^src:([A-Za-z0-9_-]+):/, (_, key: string) => {
      let name = this.keys.get(key);
      if (!name) {
        name = `#${this.keys.size + 1}`;
        this.keys.set(key, name);
      }
      return `src:${name}:`;
    });
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
      case "editMessageText":
      case "editMessageReplyMarkup":
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

type DiffRow = { mark: " " | "-" | "+" | "~"; line: string };

/** Words changed between two long lines, git word-diff style with a little context: "…of [-old words-]{+new words+} the…". */
export function wordDiff(before: string, after: string, context = 30): string {
  // Changes separated only by spaces read better as one change: "[-agro-towns modelled on-]{+model farms inspired by+}".
  const segments: ({ same: string } | { removed: string; added: string })[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    const last = segments.at(-1);
    if (part.added || part.removed) {
      const change = last && !("same" in last) ? last : { removed: "", added: "" };
      if (change !== last) segments.push(change);
      if (part.added) change.added += part.value;
      else change.removed += part.value;
    } else if (/^\s+$/.test(part.value) && last && !("same" in last)) {
      last.removed += part.value;
      last.added += part.value;
    } else segments.push({ same: part.value });
  }
  return segments
    .map((segment, index) => {
      if (!("same" in segment)) {
        const removed = segment.removed.trimEnd();
        const added = segment.added.trimEnd();
        const trailing = segment.removed.length - removed.length > 0 && segment.added.length - added.length > 0 ? " " : "";
        return `${removed ? `[-${removed}-]` : ""}${added ? `{+${added}+}` : ""}${trailing}`;
      }
      const value = segment.same;
      const first = index === 0;
      const last = index === segments.length - 1;
      if (first && last) return value;
      if (first) return value.length > context ? `…${value.slice(-context)}` : value;
      if (last) return value.length > context ? `${value.slice(0, context)}…` : value;
      return value.length > context * 2 ? `${value.slice(0, context)} … ${value.slice(-context)}` : value;
    })
    .join("");
}

/** Under each pair of long changed lines (one removed, one added), a line showing only the words that changed. */
function addWordDiffs(rows: DiffRow[]): void {
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]?.mark !== "-") continue;
    let removedEnd = i;
    while (rows[removedEnd + 1]?.mark === "-") removedEnd++;
    let addedEnd = removedEnd;
    while (rows[addedEnd + 1]?.mark === "+") addedEnd++;
    const removed = removedEnd - i + 1;
    const added = addedEnd - removedEnd;
    if (removed === 1 && added === 1) {
      const before = (rows[i] as DiffRow).line;
      const after = (rows[i + 1] as DiffRow).line;
      if (Math.max(before.length, after.length) > 80) rows.splice(i + 2, 0, { mark: "~", line: wordDiff(before, after) });
    }
    i = addedEnd;
  }
}

/** A readable line diff: "- " expected, "+ " actual, "  " unchanged (long unchanged runs shortened), "~ " the words that changed in a long line. */
export function lineDiff(expected: string, actual: string, context = 2): string {
  if (expected.length === 0) return actual.split("\n").map((line) => `+ ${line}`).join("\n");
  const parts = diffLines(expected.endsWith("\n") ? expected : `${expected}\n`, actual.endsWith("\n") ? actual : `${actual}\n`);
  const rows: DiffRow[] = [];
  for (const part of parts) {
    const mark = part.added ? "+" : part.removed ? "-" : " ";
    for (const line of part.value.replace(/\n$/, "").split("\n")) rows.push({ mark, line });
  }
  addWordDiffs(rows);
  const keep = rows.map((row, index) => row.mark !== " " || rows.slice(Math.max(0, index - context), index + context + 1).some((r) => r.mark !== " "));
  const out: string[] = [];
  let skipped = 0;
  rows.forEach((row, index) => {
    if (keep[index]) {
      if (skipped > 0) out.push(`  … ${skipped} unchanged line${skipped === 1 ? "" : "s"}`);
      skipped = 0;
      out.push(`${row.mark} ${row.line}`);
    } else skipped++;
  });
  if (skipped > 0) out.push(`  … ${skipped} unchanged line${skipped === 1 ? "" : "s"}`);
  return out.join("\n");
}

// ---- expectations ---------------------------------------------------------------

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

function quote(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

/** Does a citation match what a tester wrote: an article id, its end (file name, with or without extension, or a record id), or a URL? */
export function citationMatches(expected: string, citation: Pick<Citation, "source" | "url">): boolean {
  const want = expected.trim();
  if (want === citation.source || (citation.url !== undefined && want === citation.url)) return true;
  const withoutExtension = (id: string) => id.replace(/\.[A-Za-z0-9]+(?=#|$)/, "");
  const source = citation.source;
  const forms = new Set<string>();
  for (const id of [source, withoutExtension(source)]) {
    forms.add(id);
    const segments = id.split("/");
    for (let i = 1; i < segments.length; i++) forms.add(segments.slice(i).join("/"));
    const hash = id.indexOf("#");
    if (hash >= 0) forms.add(id.slice(hash + 1));
  }
  if (forms.has(want) || forms.has(withoutExtension(want))) return true;
  // The end of an id at a word boundary: "biden-kishida-state-visit" for "readouts/2024-04-10-biden-kishida-state-visit.md".
  const tail = withoutExtension(want);
  return (
    tail.length >= 3 &&
    [source, withoutExtension(source)].some((id) => id.endsWith(tail) && /^$|[/#_.-]$/.test(id.slice(0, id.length - tail.length).slice(-1)))
  );
}

function sourcesText(outcomes: ChainOutcome[]): string {
  const sources = [...new Set(outcomes.flatMap((o) => o.citations.map((c) => c.source)))];
  return sources.length > 0 ? sources.join(", ") : "none";
}

function checkText(expectation: Expectation, text: string, problems: string[]): void {
  const folded = fold(text);
  for (const needle of expectation.contains ?? []) {
    if (!folded.includes(fold(needle))) problems.push(`should contain “${needle}”, but the bot said: ${quote(text)}`);
  }
  for (const needle of expectation.not_contains ?? []) {
    if (folded.includes(fold(needle))) problems.push(`should not contain “${needle}”, but the bot said: ${quote(text)}`);
  }
  for (const pattern of expectation.matches ?? []) {
    if (!parsePattern(pattern).test(text)) problems.push(`should match ${pattern}, but the bot said: ${quote(text)}`);
  }
}

function checkButtons(expectation: Expectation, buttons: Button[], problems: string[]): void {
  if (expectation.buttons === undefined) return;
  const labels = buttons.map((b) => b.text);
  const shown = labels.length > 0 ? labels.map((l) => `[${l}]`).join(" ") : "no buttons";
  if (typeof expectation.buttons === "number") {
    if (labels.length !== expectation.buttons) problems.push(`should have ${expectation.buttons} button(s), but has ${shown}`);
    return;
  }
  const wanted = expectation.buttons;
  const ok = wanted.length === labels.length && wanted.every((want, i) => fold(labels[i] as string).includes(fold(want)));
  if (!ok) problems.push(`should have buttons ${wanted.map((l) => `[${l}]`).join(" ")}, but has ${shown}`);
}

function checkAnswer(expectation: Expectation, outcomes: ChainOutcome[], problems: string[]): void {
  if (expectation.abstains === undefined && expectation.cites === undefined) return;
  if (outcomes.length === 0) {
    problems.push("should be an answer to a question, but the bot did not answer one in this turn");
    return;
  }
  if (expectation.abstains !== undefined) {
    const abstained = outcomes.every((o) => o.abstained);
    if (abstained !== expectation.abstains) {
      problems.push(expectation.abstains ? `should abstain, but the bot answered (sources: ${sourcesText(outcomes)})` : "should answer, but the bot abstained");
    }
  }
  for (const wanted of expectation.cites ?? []) {
    if (!outcomes.some((o) => o.citations.some((c) => citationMatches(wanted, c)))) {
      problems.push(`should cite ${wanted}, but the sources are: ${sourcesText(outcomes)}`);
    }
  }
}

/** Check a turn's expectations against the calls the bot made and what the chain answered. */
export function checkExpectations(expect: { perMessage: boolean; items: Expectation[] }, calls: RecordedCall[], outcomes: ChainOutcome[]): string[] {
  const problems: string[] = [];
  const replies = replyCalls(calls);
  const count = (n: number) => `${n} repl${n === 1 ? "y" : "ies"}`;
  if (!expect.perMessage) {
    const expectation = expect.items[0] as Expectation;
    const text = replies.map((call) => visibleText(call) ?? "").join("\n\n");
    if (expectation.silent === true && replies.length > 0) problems.push(`should stay silent, but the bot sent ${count(replies.length)}: ${quote(text)}`);
    if (expectation.silent === false && replies.length === 0) problems.push("should reply, but the bot stayed silent");
    if (expectation.messages !== undefined && replies.length !== expectation.messages) {
      problems.push(`should send ${count(expectation.messages)}, but the bot sent ${count(replies.length)}${replies.length > 0 ? `: ${quote(text)}` : ""}`);
    }
    const needsText = (expectation.contains?.length ?? 0) + (expectation.matches?.length ?? 0) > 0;
    if (needsText && replies.length === 0) problems.push("should reply, but the bot stayed silent");
    else checkText(expectation, text, problems);
    checkButtons(expectation, replies.flatMap((call) => buttonsOf(call.payload)), problems);
    checkAnswer(expectation, outcomes, problems);
    return problems;
  }
  if (replies.length !== expect.items.length) {
    problems.push(`should send ${count(expect.items.length)}, but the bot sent ${count(replies.length)}`);
  }
  expect.items.forEach((expectation, index) => {
    const call = replies[index];
    const own: string[] = [];
    if (call) {
      checkText(expectation, visibleText(call) ?? "", own);
      checkButtons(expectation, buttonsOf(call.payload), own);
    } else if ((expectation.contains?.length ?? 0) + (expectation.matches?.length ?? 0) > 0 || expectation.buttons !== undefined) {
      own.push("is missing");
    }
    checkAnswer(expectation, outcomes, own);
    problems.push(...own.map((problem) => `reply ${index + 1} ${problem}`));
  });
  return problems;
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
