/** Drive the real bot in process (through InProcessTelegram) with test services. */
import type { Chat, Message, User } from "grammy/types";
import { type BotConfig, parseConfig } from "../../src/config.js";
import { createBot, type CreateBotOptions, type ReadoutBot } from "../../src/bot/bot.js";
import { InProcessTelegram, type InProcessCall, makeUser, privateChat } from "../../src/telegram/index.js";
import type { BotServices, IndexDescription } from "../../src/bot/service-types.js";
import { createLogger } from "../../src/log.js";
import { createRecorder } from "../../src/replay/recorder.js";
import type { AnswerChain } from "../../src/retrieval/types.js";
import type { IngestProgress, IngestSummary } from "../../src/store/types.js";
import { createFixtureChain } from "./fixture-chain.js";

export const EMPTY_SUMMARY: IngestSummary = {
  filesRead: 3,
  added: 1,
  updated: 0,
  unchanged: 2,
  removed: 0,
  duplicates: [],
  skipped: [],
  chunks: 7,
  chunksEmbedded: 2,
  seconds: 0.5,
  failed: false,
};

export function testServices(
  options: { chain?: AnswerChain; reindex?: BotServices["reindex"]; rollback?: BotServices["rollback"]; describe?: Partial<IndexDescription> } = {},
): BotServices & { closed: boolean } {
  const chain = options.chain ?? createFixtureChain().chain;
  const services = {
    closed: false,
    answer: chain,
    async describeIndex(): Promise<IndexDescription> {
      return {
        articles: 3,
        chunks: 6,
        dateRange: { from: "2023-11-02", to: "2024-04-10" },
        updatedAt: "2024-05-01T10:00:00.000Z",
        examples: ["When did Biden last meet Kishida?", "What did Lukashenko offer Azerbaijan?"],
        ...options.describe,
      };
    },
    async refresh() {},
    reindex:
      options.reindex ??
      (async (onProgress: (p: IngestProgress) => void) => {
        onProgress({ phase: "scan", done: 0, total: 3 });
        return EMPTY_SUMMARY;
      }),
    rollback:
      options.rollback ??
      (async () => {
        throw new Error("this test's index has no earlier generation");
      }),
    async close() {
      services.closed = true;
    },
  };
  return services;
}

export function testConfig(env: Record<string, string> = {}): BotConfig {
  return parseConfig({ READOUT_SESSION_STORAGE: "memory", LOG_LEVEL: "silent", ...env }).bot;
}

export const alice = makeUser(11, "Alice", "alice");
export const bob = makeUser(22, "Bob", "bob");
export const adminUser = makeUser(99, "Ada", "ada_admin");
export const group: Chat = { id: -1001234, type: "supergroup", title: "Summit watchers" };

export interface Harness {
  bot: ReadoutBot;
  telegram: InProcessTelegram;
  calls: InProcessCall[];
  /** A user sends text; returns the calls the bot made while handling it. */
  say(user: User, text: string, options?: { chat?: Chat; replyTo?: number }): Promise<InProcessCall[]>;
  /** A user presses button `index` (1-based) under the bot's latest message with buttons (or `messageId`). */
  press(user: User, index: number, options?: { chat?: Chat; messageId?: number }): Promise<InProcessCall[]>;
  /** Press a button with arbitrary callback data under a message. */
  pressData(user: User, data: string, messageId: number, chat?: Chat): Promise<InProcessCall[]>;
}

export function createHarness(options: { env?: Record<string, string>; services?: BotServices; bot?: CreateBotOptions } = {}): Harness {
  const telegram = new InProcessTelegram({ botInfo: { username: "readout_bot" } });
  const calls: InProcessCall[] = [];
  telegram.onCall((call) => calls.push(call));
  const bot = createBot(options.services ?? testServices(), testConfig(options.env), {
    transport: telegram.transformer,
    botInfo: telegram.botInfo,
    logger: createLogger("silent"),
    // As npm start does: READOUT_RECORD_DIR in `env` records the conversation.
    recorder: createRecorder,
    ...options.bot,
  });
  async function run(update: Parameters<ReadoutBot["handleUpdate"]>[0]): Promise<InProcessCall[]> {
    const before = calls.length;
    await bot.handleUpdate(update);
    return calls.slice(before);
  }
  return {
    bot,
    telegram,
    calls,
    say: (user, text, opts = {}) => run(telegram.userMessage({ from: user, chat: opts.chat ?? privateChat(user), text, replyTo: opts.replyTo })),
    press: (user, index, opts = {}) => run(telegram.pressButton({ from: user, chatId: (opts.chat ?? privateChat(user)).id, index, messageId: opts.messageId })),
    pressData: (user, data, messageId, chat) => run(telegram.callbackQuery({ from: user, chatId: (chat ?? privateChat(user)).id, messageId, data })),
  };
}

/** The messages the bot sent successfully among these calls. */
export function sentMessages(calls: InProcessCall[]): (Message.TextMessage & { html: string })[] {
  return calls
    .filter((c) => c.method === "sendMessage" && c.response.ok)
    .map((c) => ({ ...(c.response as { result: Message.TextMessage }).result, html: String(c.payload.text) }));
}

export function failedCalls(calls: InProcessCall[]): InProcessCall[] {
  return calls.filter((c) => !c.response.ok);
}
