/**
 * A Telegram Bot API answered in process (the Telegram emulator's main module;
 * its parts: `messages.ts`, `reply-markup.ts`, `command-menus.ts`, `users.ts`,
 * and the HTML parse mode in `telegram-html.ts`).
 *
 * `InProcessTelegram` keeps the little state a bot conversation needs (chats,
 * messages, callback queries, the command menu) and executes Bot API calls
 * against it with the results and errors Telegram gives: message ids per chat,
 * `chat`, `date`, the text after HTML parsing with its entities, "can't parse
 * entities", "message is too long", "message is not modified", callback data
 * over 64 bytes, unknown callback query ids, and so on.
 *
 * Use it three ways, all driving the same bot code:
 *   - as the bot's transport: `createBot(services, config.bot, { transport:
 *     telegram.transformer, botInfo: telegram.botInfo })` installs it as the
 *     innermost API transformer, so no call reaches the network (the terminal
 *     chat, the replay runner, unit tests);
 *   - to build updates as Telegram would send them (`userMessage`,
 *     `pressButton`, `callbackQuery`) and feed them with `bot.handleUpdate`;
 *   - behind an HTTP server (the test emulator) via `call(method, payload)`.
 *
 * Every call, successful or not, is handed to the listeners registered with
 * `onCall`, with its payload and the response the bot received.
 */
import type { Transformer } from "grammy";
import type { ApiResponse, BotCommand, CallbackQuery, Chat, Message, MessageEntity, Update, User, UserFromGetMe } from "grammy/types";
import { BotApiError, badRequest, type Payload } from "./bot-api-error.js";
import { CommandMenus } from "./command-menus.js";
import { MessageStore, requireChatId } from "./messages.js";
import { inlineButtons } from "./reply-markup.js";
import { DEFAULT_BOT_INFO, detectEntities, privateChat } from "./users.js";

export interface InProcessCall {
  method: string;
  payload: Record<string, unknown>;
  response: ApiResponse<unknown>;
  /** Unix time in milliseconds. */
  at: number;
}

export type InProcessCallListener = (call: InProcessCall) => void;

export interface InProcessTelegramOptions {
  /** The bot's own user; defaults to a bot named "readout_bot" with id 1000. */
  botInfo?: Partial<UserFromGetMe>;
  /** Current time in milliseconds (tests and replays pin it). */
  now?: () => number;
}

export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
}

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

export class InProcessTelegram {
  readonly botInfo: UserFromGetMe;
  /** Install with `bot.api.config.use(telegram.transformer)` (createBot's `transport` option does it first). */
  readonly transformer: Transformer;

  private readonly now: () => number;
  private readonly store: MessageStore;
  private readonly callbackQueries = new Map<string, { query: CallbackQuery; answer?: CallbackAnswer }>();
  private readonly commandMenus = new CommandMenus();
  private readonly listeners = new Set<InProcessCallListener>();
  private lastUpdateId = 0;
  private lastCallbackId = 0;

  constructor(options: InProcessTelegramOptions = {}) {
    this.botInfo = { ...DEFAULT_BOT_INFO, ...options.botInfo } as UserFromGetMe;
    this.now = options.now ?? Date.now;
    this.store = new MessageStore(this.botInfo, () => this.unixTime());
    this.transformer = (async (_prev: unknown, method: string, payload: unknown) => this.call(method, (payload ?? {}) as Payload)) as unknown as Transformer;
  }

  /** Register a listener for every API call; returns a function that removes it. */
  onCall(listener: InProcessCallListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Execute one Bot API call and return the response Telegram would give. */
  call(method: string, payload: Payload = {}): ApiResponse<unknown> {
    let response: ApiResponse<unknown>;
    try {
      response = { ok: true, result: this.execute(method, payload) };
    } catch (error) {
      if (!(error instanceof BotApiError)) throw error;
      response = { ok: false, error_code: error.code, description: error.description };
    }
    const call: InProcessCall = { method, payload, response, at: this.now() };
    for (const listener of this.listeners) listener(call);
    return response;
  }

  // ---- building updates ---------------------------------------------------

  /** Make the chat known, so messages the bot sends there carry its full description. */
  rememberChat(chat: Chat): void {
    this.store.rememberChat(chat);
  }

  chat(chatId: number): Chat {
    return this.store.chat(chatId);
  }

  /** A text message from a user, with the entities Telegram would detect. */
  userMessage(options: { from: User; chat?: Chat; text: string; replyTo?: number; entities?: MessageEntity[] }): Update {
    const chat = options.chat ?? privateChat(options.from);
    this.rememberChat(chat);
    const entities = options.entities ?? detectEntities(options.text);
    const message = {
      message_id: this.store.nextMessageId(chat.id),
      from: options.from,
      chat,
      date: this.unixTime(),
      text: options.text,
      ...(entities.length > 0 ? { entities } : {}),
    } as Message.TextMessage;
    this.store.putUserMessage(message, options.replyTo);
    return { update_id: ++this.lastUpdateId, message } as Update;
  }

  /** A press on an inline button whose callback data is `data`, under a message in the chat. */
  callbackQuery(options: { from: User; chatId: number; messageId: number; data: string }): Update {
    const message = this.store.get(options.chatId, options.messageId);
    if (!message) throw new Error(`No message ${options.messageId} in chat ${options.chatId} to press a button under`);
    const query: CallbackQuery = {
      id: String(++this.lastCallbackId),
      from: options.from,
      message,
      chat_instance: String(options.chatId),
      data: options.data,
    };
    this.callbackQueries.set(query.id, { query });
    return { update_id: ++this.lastUpdateId, callback_query: query };
  }

  /**
   * Press the `index`-th (1-based, reading order) callback button of a bot
   * message, by default the latest bot message in the chat that has buttons.
   */
  pressButton(options: { from: User; chatId: number; index: number; messageId?: number }): Update {
    const message =
      options.messageId !== undefined
        ? this.store.get(options.chatId, options.messageId)
        : this.botMessages(options.chatId)
            .reverse()
            .find((m) => inlineButtons(m).length > 0);
    if (!message) throw new Error(`No message with buttons in chat ${options.chatId}`);
    const button = inlineButtons(message)[options.index - 1];
    if (!button || button.callback_data === undefined) {
      throw new Error(`Message ${message.message_id} has no button ${options.index}`);
    }
    return this.callbackQuery({ from: options.from, chatId: options.chatId, messageId: message.message_id, data: button.callback_data });
  }

  // ---- reading state ------------------------------------------------------

  message(chatId: number, messageId: number): Message | undefined {
    return this.store.get(chatId, messageId);
  }

  /** Messages the bot has sent to the chat (as currently edited), oldest first. */
  botMessages(chatId: number): Message[] {
    return this.store.botMessages(chatId);
  }

  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    return this.callbackQueries.get(callbackQueryId)?.answer;
  }

  /** The command menu set for a scope (`{ type: "default" }` when omitted). */
  commands(scope?: Record<string, unknown>, languageCode?: string): BotCommand[] | undefined {
    return this.commandMenus.get(scope, languageCode);
  }

  // ---- the methods ----------------------------------------------------------

  private execute(method: string, p: Payload): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
        return this.store.sendMessage(p);
      case "editMessageText":
        return this.store.editMessageText(p);
      case "editMessageReplyMarkup":
        return this.store.editMessageReplyMarkup(p);
      case "deleteMessage":
        return this.store.deleteMessage(p);
      case "answerCallbackQuery":
        return this.answerCallbackQuery(p);
      case "sendChatAction":
        requireChatId(p);
        if (!CHAT_ACTIONS.has(String(p.action))) throw badRequest("wrong parameter action in request");
        return true;
      case "setMyCommands":
        return this.commandMenus.set(p);
      case "getMyCommands":
        return this.commandMenus.get(p.scope, p.language_code) ?? [];
      case "deleteMyCommands":
        return this.commandMenus.delete(p);
      case "setWebhook":
      case "deleteWebhook":
      case "close":
      case "logOut":
        return true;
      case "getWebhookInfo":
        return { url: "", has_custom_certificate: false, pending_update_count: 0 };
      case "getUpdates":
        throw new BotApiError(409, "Conflict: the in-process Bot API has no update queue; feed updates with bot.handleUpdate");
      default:
        throw new BotApiError(404, `Not Found: method ${method} is not emulated in process`);
    }
  }

  private answerCallbackQuery(p: Payload): true {
    const entry = this.callbackQueries.get(String(p.callback_query_id));
    if (!entry || entry.answer) throw badRequest("query is too old and response timeout expired or query ID is invalid");
    if (typeof p.text === "string" && Array.from(p.text).length > 200) throw badRequest("MESSAGE_TOO_LONG");
    entry.answer = {};
    if (typeof p.text === "string") entry.answer.text = p.text;
    if (p.show_alert === true) entry.answer.show_alert = true;
    return true;
  }

  private unixTime(): number {
    return Math.floor(this.now() / 1000);
  }
}
