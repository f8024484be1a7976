/**
 * Replaying one conversation through the real bot code: `createBot` with the
 * in-process Bot API (no network), a clean in-memory session, the
 * conversation's own settings (admins, allow-list, rate limit), a fixed
 * "today", and a clock that follows the conversation's times. Each turn's
 * update is fed in order (recorded message ids and source buttons are mapped
 * to the new run's), the bot's calls and the chain's answers are collected,
 * and compared with the file.
 */
import type { Message, Update, User } from "grammy/types";
import { createBot } from "../bot/bot.js";
import { parseSourceCallbackData, sourceCallbackData } from "../bot/format.js";
import { InProcessTelegram, inlineButtons, type InProcessCall } from "../telegram/index.js";
import type { BotServices } from "../bot/service-types.js";
import { createSessionStore } from "../bot/session.js";
import { type BotConfig, parseConfig } from "../config.js";
import type { Logger } from "../log.js";
import { VirtualClock, ClockedCounterStore } from "./clock.js";
import { CallRenderer, checkHealth, type Problem } from "./compare.js";
import { type ChainOutcome, checkExpectations } from "./expectations.js";
import { type Conversation, DEFAULT_GAP_MS, type Turn } from "./format.js";
import type { RecordedCall } from "./format-schema.js";
import { lineDiff } from "./line-diff.js";
import { collectingLogger, replayConfig, replayServices, toRecordedCall } from "./replay-setup.js";
import { describeMessage, describeTurnInput, nameOf, quoteText, stripAdmin, TurnFailure } from "./turn-input.js";
import { buttonsOf, replyCalls, visibleText } from "./visible-calls.js";

export interface TurnResult {
  number: number;
  line: number;
  /** What the user did, for people: “Tester: “question”” or “Tester presses [1] …”. */
  input: string;
  /** The update fed to the bot (undefined when it could not be built). */
  update?: Update;
  /** Every call the bot made while handling it, as the recorder writes calls. */
  calls: RecordedCall[];
  /** What the answer chain returned during the turn. */
  answers: ChainOutcome[];
  problems: Problem[];
  /** Whether the turn's `replies:` should be rewritten by --update (they differ, or were left empty). */
  repliesChanged: boolean;
  /** Errors the bot logged while handling it. */
  logs: string[];
}

export interface ConversationResult {
  conversation: Conversation;
  turns: TurnResult[];
  passed: boolean;
}

export interface ReplayEnvironment {
  /** The real services over the index to replay against (answer chain, index facts). */
  services: BotServices;
  /** Bot settings a conversation does not set (default: the built-in defaults, not the environment, so replays are the same everywhere). */
  baseConfig?: BotConfig;
  /** Where errors the bot logs are also written (they are collected per turn in any case). */
  logger?: Logger;
}

export async function replayConversation(conversation: Conversation, env: ReplayEnvironment): Promise<ConversationResult> {
  const base = env.baseConfig ?? parseConfig({ READOUT_SESSION_STORAGE: "memory" }).bot;
  const firstAt = conversation.turns.find((turn) => turn.at !== undefined)?.at;
  const clock = new VirtualClock(firstAt ?? Date.parse(`${conversation.today}T09:00:00Z`));
  const telegram = new InProcessTelegram({ botInfo: { id: conversation.bot.id, username: conversation.bot.username }, now: clock.now });
  telegram.rememberChat(conversation.chat);
  const chatId = conversation.chat.id;

  let answers: ChainOutcome[] = [];
  let logs: string[] = [];
  const services = replayServices(env.services, conversation.today, (result) =>
    answers.push({ question: result.question, abstained: result.abstained, citations: result.citations }),
  );
  const errorLog = collectingLogger((line) => {
    logs.push(line);
    env.logger?.error({ event: "replay-bot-error", file: conversation.path }, line);
  });
  let keys = 0;
  const bot = createBot(services, replayConfig(conversation, base), {
    transport: telegram.transformer,
    botInfo: telegram.botInfo,
    sessionStore: createSessionStore({ ...base.sessions, storage: "memory" }),
    logger: errorLog,
    now: clock.now,
    newKey: () => `k${++keys}`,
    rateLimitStore: new ClockedCounterStore(clock),
  });
  const calls: InProcessCall[] = [];
  telegram.onCall((call) => calls.push(call));

  /** Recorded message ids → this run's, and recorded answer keys → this run's. */
  const messageIds = new Map<number, number>();
  const answerKeys = new Map<string, string>();
  /** Recorded keyboards by recorded message id, to find which button a recorded press was. */
  const recordedKeyboards = new Map<number, ReturnType<typeof buttonsOf>>();
  /** The first message the bot sent in each turn (for `reply_to: <turn>`). */
  const firstBotMessage = new Map<number, number>();
  const expectedRenderer = new CallRenderer();
  const actualRenderer = new CallRenderer();
  let syntheticUpdateId = 1_000_000;

  const mapKeysAndIds = (recorded: RecordedCall[], fresh: RecordedCall[]) => {
    const sentRecorded = recorded.filter((c) => c.method.startsWith("send") && c.message_id !== undefined);
    const sentFresh = fresh.filter((c) => c.method.startsWith("send") && c.message_id !== undefined);
    sentRecorded.forEach((call, index) => {
      const counterpart = sentFresh[index];
      if (!counterpart) return;
      messageIds.set(call.message_id as number, counterpart.message_id as number);
      const oldButtons = buttonsOf(call.payload);
      const newButtons = buttonsOf(counterpart.payload);
      oldButtons.forEach((button, position) => {
        const oldKey = parseSourceCallbackData(button.callback_data ?? "")?.answerKey;
        const newKey = parseSourceCallbackData(newButtons[position]?.callback_data ?? "")?.answerKey;
        if (oldKey && newKey) answerKeys.set(oldKey, newKey);
      });
    });
    for (const call of recorded) {
      if (call.message_id !== undefined && buttonsOf(call.payload).length > 0) recordedKeyboards.set(call.message_id, buttonsOf(call.payload));
      if (call.method === "editMessageText" || call.method === "editMessageReplyMarkup") {
        const id = Number(call.payload.message_id);
        if (Number.isInteger(id)) recordedKeyboards.set(id, buttonsOf(call.payload));
      }
    }
  };

  const latestWithButtons = (): Message | undefined =>
    telegram
      .botMessages(chatId)
      .reverse()
      .find((message) => inlineButtons(message).length > 0);

  /** Build the update for a turn as Telegram would send it in this run; returns it with a description. */
  const buildUpdate = (turn: Turn): { update: Update; input: string; recordedMessageId?: number } => {
    const input = turn.input;
    if (input.kind === "text") {
      let replyTo: number | undefined;
      if (input.replyTo === "bot") {
        replyTo = telegram.botMessages(chatId).at(-1)?.message_id;
        if (replyTo === undefined) throw new TurnFailure("reply_to: bot, but the bot has sent nothing yet to reply to");
      } else if (typeof input.replyTo === "number") {
        replyTo = firstBotMessage.get(input.replyTo);
        if (replyTo === undefined) throw new TurnFailure(`reply_to: ${input.replyTo}, but the bot sent no message in turn ${input.replyTo}`);
      }
      const update = telegram.userMessage({
        from: stripAdmin(input.from),
        chat: conversation.chat,
        text: input.text,
        ...(replyTo !== undefined ? { replyTo } : {}),
      });
      return { update, input: `${input.from.first_name}: ${quoteText(input.text)}${replyTo !== undefined ? " (a reply to the bot)" : ""}` };
    }
    if (input.kind === "press") {
      const message = latestWithButtons();
      const what = `${input.from.first_name} presses button ${typeof input.button === "number" ? input.button : `“${input.button}”`}`;
      if (!message) throw new TurnFailure(`${what}, but no message of the bot has buttons`);
      const buttons = inlineButtons(message);
      const index =
        typeof input.button === "number"
          ? input.button
          : buttons.findIndex((button) => button.text.toLowerCase().includes(String(input.button).toLowerCase())) + 1;
      const button = buttons[index - 1];
      if (!button) {
        throw new TurnFailure(`${what}, but the bot's last message with buttons has ${buttons.map((b) => `[${b.text}]`).join(" ")}`);
      }
      const update = telegram.pressButton({ from: stripAdmin(input.from), chatId, index, messageId: message.message_id });
      return { update, input: `${input.from.first_name} presses [${button.text}]` };
    }

    const recorded = input.update;
    if (recorded.message) {
      const m = recorded.message;
      const target = m.reply_to_message;
      const mapped = target ? messageIds.get(target.message_id) : undefined;
      const update = telegram.userMessage({
        from: m.from as User,
        chat: m.chat,
        text: m.text ?? m.caption ?? "",
        entities: m.entities ?? m.caption_entities ?? [],
        ...(mapped !== undefined ? { replyTo: mapped } : {}),
      });
      // userMessage keeps the message it returns; fill in what a text message lacks (a photo, a caption, a thread).
      const message = update.message as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(m)) {
        if (!["message_id", "date", "chat", "from", "reply_to_message", "text", "entities"].includes(key)) message[key] = value;
      }
      if (m.text === undefined) {
        delete message.text;
        delete message.entities;
      }
      // A reply to a message from before this conversation: keep it as recorded, so the bot still sees whom it answers.
      if (target && mapped === undefined) message.reply_to_message = target;
      return { update, input: describeMessage(m), recordedMessageId: m.message_id };
    }
    if (recorded.callback_query) {
      const query = recorded.callback_query;
      const recordedMessage = query.message;
      const who = nameOf(query.from);
      const recordedButtons =
        (recordedMessage && "reply_markup" in recordedMessage && recordedMessage.reply_markup
          ? buttonsOf({ reply_markup: recordedMessage.reply_markup })
          : undefined) ??
        (recordedMessage ? recordedKeyboards.get(recordedMessage.message_id) : undefined) ??
        [];
      const position = recordedButtons.findIndex((button) => button.callback_data === query.data);
      const label = position >= 0 ? `[${recordedButtons[position]?.text}]` : `a button (${query.data ?? "no data"})`;
      const input = `${who} presses ${label}`;
      const newMessageId = recordedMessage ? messageIds.get(recordedMessage.message_id) : undefined;
      if (newMessageId === undefined) {
        throw new TurnFailure(`${input} under a message from before this conversation; it cannot be pressed again`);
      }
      const newButtons = inlineButtons(telegram.message(chatId, newMessageId) ?? ({} as Message));
      let data = query.data ?? "";
      if (position >= 0) {
        const button = newButtons[position];
        if (!button?.callback_data) {
          throw new TurnFailure(`${input}, but that message now has ${newButtons.length > 0 ? newButtons.map((b) => `[${b.text}]`).join(" ") : "no buttons"}`);
        }
        data = button.callback_data;
      } else {
        const source = parseSourceCallbackData(data);
        const newKey = source && answerKeys.get(source.answerKey);
        if (source && newKey) data = sourceCallbackData(newKey, source.n);
      }
      const update = telegram.callbackQuery({ from: query.from, chatId, messageId: newMessageId, data });
      return { update, input };
    }
    const { update_id: _old, ...rest } = recorded;
    return { update: { update_id: ++syntheticUpdateId, ...rest } as Update, input: `an update (${Object.keys(rest).join(", ")})` };
  };

  const results: TurnResult[] = [];
  try {
    for (const turn of conversation.turns) {
      if (turn.at !== undefined) clock.set(turn.at);
      else if (results.length > 0) clock.advance(turn.afterMs ?? DEFAULT_GAP_MS);
      else clock.advance(turn.afterMs ?? 0);
      answers = [];
      logs = [];
      const result: TurnResult = { number: turn.number, line: turn.line, input: "", calls: [], answers: [], problems: [], repliesChanged: false, logs: [] };
      results.push(result);

      let built: ReturnType<typeof buildUpdate>;
      try {
        built = buildUpdate(turn);
      } catch (error) {
        if (!(error instanceof TurnFailure)) throw error;
        result.input = describeTurnInput(turn);
        result.problems.push({ kind: "replay", message: error.message });
        // The recorded replies of a turn that cannot be replayed still name their messages, for the turns after it.
        expectedRenderer.renderAll(turn.replies ?? []);
        continue;
      }
      result.input = built.input;
      result.update = built.update;

      const before = calls.length;
      try {
        await bot.handleUpdate(built.update);
      } catch (error) {
        result.problems.push({ kind: "error", message: `the bot threw: ${(error as Error).message}` });
      }
      if (!(await bot.readout.idle(60_000))) result.problems.push({ kind: "error", message: "the bot was still busy a minute after the update" });
      result.calls = calls
        .slice(before)
        .map(toRecordedCall)
        .filter((call) => call.method !== "sendChatAction");
      result.answers = answers;
      result.logs = logs;

      const fedMessage = built.update.message;
      if (fedMessage) {
        actualRenderer.nameUserMessage(fedMessage.message_id, turn.number);
        expectedRenderer.nameUserMessage(built.recordedMessageId ?? fedMessage.message_id, turn.number);
        if (built.recordedMessageId !== undefined) messageIds.set(built.recordedMessageId, fedMessage.message_id);
      }
      const firstSent = result.calls.find((call) => call.method.startsWith("send") && call.message_id !== undefined);
      if (firstSent) firstBotMessage.set(turn.number, firstSent.message_id as number);

      const actual = actualRenderer.renderAll(result.calls);
      if (turn.replies !== undefined) {
        mapKeysAndIds(turn.replies, result.calls);
        const expected = expectedRenderer.renderAll(turn.replies);
        if (expected !== actual) {
          result.repliesChanged = true;
          result.problems.push({
            kind: "diff",
            message: turn.replies.length === 0 ? "no replies recorded yet (run with --update to fill them in)" : "the bot's replies differ from the recording",
            expected,
            actual,
            diff: lineDiff(expected, actual),
          });
        }
      } else {
        // Keep both renderers' numbering of bot messages and answer keys in step.
        expectedRenderer.renderAll(result.calls);
      }
      if (turn.expect) {
        for (const message of checkExpectations(turn.expect, result.calls, result.answers)) result.problems.push({ kind: "expectation", message });
      }
      const health = checkHealth(result.calls, turn.replies);
      result.problems.push(...(turn.replies !== undefined ? health.filter((problem) => problem.kind !== "refused") : health));
      if (result.problems.some((p) => p.kind === "error") && logs.length > 0) {
        result.problems.push({ kind: "error", message: `the bot logged: ${logs.join(" | ")}` });
      }
    }
  } finally {
    await bot.readout.close();
  }
  return { conversation, turns: results, passed: results.every((turn) => turn.problems.length === 0) };
}

/** The visible texts of a turn's replies, for reports. */
export function replyTexts(result: TurnResult): string[] {
  return replyCalls(result.calls).map((call) => visibleText(call) ?? "");
}
