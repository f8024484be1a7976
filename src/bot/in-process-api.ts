/**
 * A Telegram Bot API answered in process.
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
import type {
  ApiResponse,
  BotCommand,
  CallbackQuery,
  Chat,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Update,
  User,
  UserFromGetMe,
} from "grammy/types";
import { checkMessageText, parseTelegramHtml } from "./telegram-html.js";

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

type Payload = Record<string, unknown>;

class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const badRequest = (description: string) => new BotApiError(400, `Bad Request: ${description}`);

export const DEFAULT_BOT_INFO: UserFromGetMe = {
  id: 1000,
  is_bot: true,
  first_name: "Readout",
  username: "readout_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** A user as Telegram describes one in updates. */
export function makeUser(id: number, firstName: string, username?: string): User {
  return username ? { id, is_bot: false, first_name: firstName, username } : { id, is_bot: false, first_name: firstName };
}

/** The private chat between the bot and a user. */
export function privateChat(user: User): Chat.PrivateChat {
  const chat: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
  if (user.username) chat.username = user.username;
  return chat;
}

/** A group chat; supergroup ids start with -100 in real Telegram. */
export function groupChat(id: number, title: string, type: "group" | "supergroup" = "supergroup"): Chat.GroupChat | Chat.SupergroupChat {
  return type === "group" ? { id, type, title } : { id, type, title };
}

/** Entities Telegram detects in a user's plain text: a leading bot command and @mentions. */
export function detectEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const match of text.matchAll(/(?<![A-Za-z0-9_@/])@[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_])/g)) {
    entities.push({ type: "mention", offset: match.index ?? 0, length: match[0].length });
  }
  return entities;
}

function chatKey(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}

function asObject(value: unknown): Payload | undefined {
  if (typeof value === "string") {
    try {
      return asObject(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Payload) : undefined;
}

function scopeKey(scope: unknown, languageCode: unknown): string {
  const s = asObject(scope) ?? { type: "default" };
  const parts = [String(s.type ?? "default")];
  if (s.chat_id !== undefined) parts.push(String(s.chat_id));
  if (s.user_id !== undefined) parts.push(String(s.user_id));
  if (typeof languageCode === "string" && languageCode) parts.push(languageCode);
  return parts.join(":");
}

export class InProcessTelegram {
  readonly botInfo: UserFromGetMe;
  /** Install with `bot.api.config.use(telegram.transformer)` (createBot's `transport` option does it first). */
  readonly transformer: Transformer;

  private readonly now: () => number;
  private readonly chats = new Map<number, Chat>();
  private readonly messages = new Map<string, Message>();
  private readonly lastMessageIds = new Map<number, number>();
  private readonly callbackQueries = new Map<string, { query: CallbackQuery; answer?: CallbackAnswer }>();
  private readonly commandMenus = new Map<string, BotCommand[]>();
  private readonly listeners = new Set<InProcessCallListener>();
  private lastUpdateId = 0;
  private lastCallbackId = 0;

  constructor(options: InProcessTelegramOptions = {}) {
    this.botInfo = { ...DEFAULT_BOT_INFO, ...options.botInfo } as UserFromGetMe;
    this.now = options.now ?? Date.now;
    this.transformer = (async (_prev: unknown, method: string, payload: unknown) =>
      this.call(method, (payload ?? {}) as Payload)) as unknown as Transformer;
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
    this.chats.set(chat.id, chat);
  }

  chat(chatId: number): Chat {
    return (
      this.chats.get(chatId) ??
      (chatId > 0 ? { id: chatId, type: "private", first_name: "User" } : { id: chatId, type: "supergroup", title: "Group" })
    );
  }

  /** A text message from a user, with the entities Telegram would detect. */
  userMessage(options: { from: User; chat?: Chat; text: string; replyTo?: number; entities?: MessageEntity[] }): Update {
    const chat = options.chat ?? privateChat(options.from);
    this.rememberChat(chat);
    const entities = options.entities ?? detectEntities(options.text);
    const message = {
      message_id: this.nextMessageId(chat.id),
      from: options.from,
      chat,
      date: this.unixTime(),
      text: options.text,
      ...(entities.length > 0 ? { entities } : {}),
    } as Message.TextMessage;
    if (options.replyTo !== undefined) {
      const replied = this.messages.get(chatKey(chat.id, options.replyTo));
      if (replied) (message as Message).reply_to_message = withoutReply(replied) as Message.TextMessage as never;
    }
    this.messages.set(chatKey(chat.id, message.message_id), message);
    return { update_id: ++this.lastUpdateId, message } as Update;
  }

  /** A press on an inline button whose callback data is `data`, under a message in the chat. */
  callbackQuery(options: { from: User; chatId: number; messageId: number; data: string }): Update {
    const message = this.messages.get(chatKey(options.chatId, options.messageId));
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
        ? this.messages.get(chatKey(options.chatId, options.messageId))
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
    return this.messages.get(chatKey(chatId, messageId));
  }

  /** Messages the bot has sent to the chat (as currently edited), oldest first. */
  botMessages(chatId: number): Message[] {
    return [...this.messages.values()].filter((m) => m.chat.id === chatId && m.from?.id === this.botInfo.id);
  }

  callbackAnswer(callbackQueryId: string): CallbackAnswer | undefined {
    return this.callbackQueries.get(callbackQueryId)?.answer;
  }

  /** The command menu set for a scope (`{ type: "default" }` when omitted). */
  commands(scope?: Record<string, unknown>, languageCode?: string): BotCommand[] | undefined {
    return this.commandMenus.get(scopeKey(scope, languageCode));
  }

  // ---- the methods ----------------------------------------------------------

  private execute(method: string, p: Payload): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
        return this.sendMessage(p);
      case "editMessageText":
        return this.editMessageText(p);
      case "editMessageReplyMarkup":
        return this.editMessageReplyMarkup(p);
      case "deleteMessage":
        return this.deleteMessage(p);
      case "answerCallbackQuery":
        return this.answerCallbackQuery(p);
      case "sendChatAction":
        this.requireChatId(p);
        if (!CHAT_ACTIONS.has(String(p.action))) throw badRequest("wrong parameter action in request");
        return true;
      case "setMyCommands":
        return this.setMyCommands(p);
      case "getMyCommands":
        return this.commandMenus.get(scopeKey(p.scope, p.language_code)) ?? [];
      case "deleteMyCommands":
        this.commandMenus.delete(scopeKey(p.scope, p.language_code));
        return true;
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

  private requireChatId(p: Payload): number {
    const id = Number(p.chat_id);
    if (p.chat_id === undefined || !Number.isInteger(id)) throw badRequest("chat_id is empty");
    return id;
  }

  private requireText(p: Payload): { text: string; entities?: MessageEntity[] } {
    if (typeof p.text !== "string") throw badRequest("message text is empty");
    const problem = checkMessageText(p.text, p.parse_mode as string | undefined);
    if (problem) throw new BotApiError(400, problem);
    if (p.parse_mode !== "HTML") return { text: p.text };
    const parsed = parseTelegramHtml(p.text);
    return parsed.entities.length > 0
      ? { text: parsed.text, entities: parsed.entities as unknown as MessageEntity[] }
      : { text: parsed.text };
  }

  private sendMessage(p: Payload): Message {
    const chatId = this.requireChatId(p);
    const { text, entities } = this.requireText(p);
    const markup = validateReplyMarkup(p.reply_markup);
    const message = {
      message_id: this.nextMessageId(chatId),
      from: this.botUser(),
      chat: this.chat(chatId),
      date: this.unixTime(),
      text: text.trim(),
      ...(entities ? { entities } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    } as Message.TextMessage;
    const replyTo = asObject(p.reply_parameters) ?? (p.reply_to_message_id !== undefined ? { message_id: p.reply_to_message_id } : undefined);
    if (replyTo) {
      const replied = this.messages.get(chatKey(chatId, Number(replyTo.message_id)));
      if (replied) (message as Message).reply_to_message = withoutReply(replied) as Message.TextMessage as never;
      else if (replyTo.allow_sending_without_reply !== true) throw badRequest("message to be replied not found");
    }
    this.messages.set(chatKey(chatId, message.message_id), message);
    return message;
  }

  private editableMessage(p: Payload): Message {
    if (p.inline_message_id !== undefined) throw badRequest("inline messages are not emulated in process");
    const chatId = this.requireChatId(p);
    const message = this.messages.get(chatKey(chatId, Number(p.message_id)));
    if (!message) throw badRequest("message to edit not found");
    if (message.from?.id !== this.botInfo.id) throw badRequest("message can't be edited");
    return message;
  }

  private editMessageText(p: Payload): Message {
    const message = this.editableMessage(p);
    const { text, entities } = this.requireText(p);
    // As in Telegram, an edit without reply_markup removes the inline keyboard.
    const markup = validateReplyMarkup(p.reply_markup);
    const edited = {
      ...message,
      text: text.trim(),
      entities,
      reply_markup: markup,
      edit_date: this.unixTime(),
    } as Message.TextMessage;
    if (!entities) delete (edited as Partial<Message.TextMessage>).entities;
    if (!markup) delete (edited as Partial<Message.TextMessage>).reply_markup;
    if (
      message.text === edited.text &&
      JSON.stringify(message.entities ?? []) === JSON.stringify(edited.entities ?? []) &&
      JSON.stringify(message.reply_markup ?? null) === JSON.stringify(edited.reply_markup ?? null)
    ) {
      throw badRequest(
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    this.messages.set(chatKey(message.chat.id, message.message_id), edited);
    return edited;
  }

  private editMessageReplyMarkup(p: Payload): Message {
    const message = this.editableMessage(p);
    const markup = validateReplyMarkup(p.reply_markup);
    if (JSON.stringify(message.reply_markup ?? null) === JSON.stringify(markup ?? null)) {
      throw badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
    }
    const edited = { ...message, edit_date: this.unixTime() } as Message;
    if (markup) edited.reply_markup = markup;
    else delete edited.reply_markup;
    this.messages.set(chatKey(message.chat.id, message.message_id), edited);
    return edited;
  }

  private deleteMessage(p: Payload): true {
    const chatId = this.requireChatId(p);
    const key = chatKey(chatId, Number(p.message_id));
    if (!this.messages.delete(key)) throw badRequest("message to delete not found");
    return true;
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

  private setMyCommands(p: Payload): true {
    const commands = typeof p.commands === "string" ? JSON.parse(p.commands) : p.commands;
    if (!Array.isArray(commands)) throw badRequest("commands must be an array");
    if (commands.length > 100) throw badRequest("too many commands");
    for (const command of commands as BotCommand[]) {
      if (!/^[a-z0-9_]{1,32}$/.test(String(command.command))) throw badRequest("BOT_COMMAND_INVALID");
      const description = String(command.description ?? "");
      if (description.length < 1 || description.length > 256) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    const scope = asObject(p.scope);
    if (scope?.type === "chat" && !Number.isInteger(Number(scope.chat_id))) throw badRequest("chat not found");
    this.commandMenus.set(scopeKey(p.scope, p.language_code), commands as BotCommand[]);
    return true;
  }

  // ---- helpers ----------------------------------------------------------------

  private botUser(): User {
    const { id, first_name, username } = this.botInfo;
    return username ? { id, is_bot: true, first_name, username } : { id, is_bot: true, first_name };
  }

  private nextMessageId(chatId: number): number {
    const next = (this.lastMessageIds.get(chatId) ?? 0) + 1;
    this.lastMessageIds.set(chatId, next);
    return next;
  }

  private unixTime(): number {
    return Math.floor(this.now() / 1000);
  }
}

function withoutReply(message: Message): Message {
  const copy = { ...message };
  delete copy.reply_to_message;
  return copy;
}

/** Callback buttons of a message in reading order. */
export function inlineButtons(message: Message): { text: string; callback_data?: string; url?: string }[] {
  const markup = message.reply_markup as InlineKeyboardMarkup | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

function validateReplyMarkup(value: unknown): InlineKeyboardMarkup | undefined {
  if (value === undefined || value === null) return undefined;
  const markup = asObject(value);
  if (!markup) throw badRequest("can't parse reply keyboard markup JSON object");
  if (!("inline_keyboard" in markup)) return undefined;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    throw badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays");
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
