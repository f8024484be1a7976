/**
 * The chats and messages the emulator knows, and the Bot API methods that
 * send, edit and delete messages, with Telegram's checks and errors.
 */
import type { Chat, Message, MessageEntity, User, UserFromGetMe } from "grammy/types";
import { asObject, BotApiError, badRequest, type Payload } from "./bot-api-error.js";
import { validateReplyMarkup } from "./reply-markup.js";
import { checkMessageText, parseTelegramHtml } from "./telegram-html.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

function chatKey(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}

export function requireChatId(p: Payload): number {
  const id = Number(p.chat_id);
  if (p.chat_id === undefined || !Number.isInteger(id)) throw badRequest("chat_id is empty");
  return id;
}

function requireText(p: Payload): { text: string; entities?: MessageEntity[] } {
  if (typeof p.text !== "string") throw badRequest("message text is empty");
  const problem = checkMessageText(p.text, p.parse_mode as string | undefined);
  if (problem) throw new BotApiError(400, problem);
  if (p.parse_mode !== "HTML") return { text: p.text };
  const parsed = parseTelegramHtml(p.text);
  return parsed.entities.length > 0 ? { text: parsed.text, entities: parsed.entities as unknown as MessageEntity[] } : { text: parsed.text };
}

function withoutReply(message: Message): Message {
  const copy = { ...message };
  delete copy.reply_to_message;
  return copy;
}

export class MessageStore {
  private readonly chats = new Map<number, Chat>();
  private readonly messages = new Map<string, Message>();
  private readonly lastMessageIds = new Map<number, number>();

  constructor(
    private readonly botInfo: UserFromGetMe,
    private readonly unixTime: () => number,
  ) {}

  rememberChat(chat: Chat): void {
    this.chats.set(chat.id, chat);
  }

  chat(chatId: number): Chat {
    return this.chats.get(chatId) ?? (chatId > 0 ? { id: chatId, type: "private", first_name: "User" } : { id: chatId, type: "supergroup", title: "Group" });
  }

  get(chatId: number, messageId: number): Message | undefined {
    return this.messages.get(chatKey(chatId, messageId));
  }

  /** Keep a message a user sent, as a reply to `replyTo` when that message is known. */
  putUserMessage(message: Message, replyTo?: number): void {
    if (replyTo !== undefined) {
      const replied = this.get(message.chat.id, replyTo);
      if (replied) message.reply_to_message = withoutReply(replied) as Message.TextMessage as never;
    }
    this.messages.set(chatKey(message.chat.id, message.message_id), message);
  }

  /** Messages the bot has sent to the chat (as currently edited), oldest first. */
  botMessages(chatId: number): Message[] {
    return [...this.messages.values()].filter((m) => m.chat.id === chatId && m.from?.id === this.botInfo.id);
  }

  nextMessageId(chatId: number): number {
    const next = (this.lastMessageIds.get(chatId) ?? 0) + 1;
    this.lastMessageIds.set(chatId, next);
    return next;
  }

  sendMessage(p: Payload): Message {
    const chatId = requireChatId(p);
    const { text, entities } = requireText(p);
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

  editMessageText(p: Payload): Message {
    const message = this.editableMessage(p);
    const { text, entities } = requireText(p);
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
      throw badRequest(NOT_MODIFIED);
    }
    this.messages.set(chatKey(message.chat.id, message.message_id), edited);
    return edited;
  }

  editMessageReplyMarkup(p: Payload): Message {
    const message = this.editableMessage(p);
    const markup = validateReplyMarkup(p.reply_markup);
    if (JSON.stringify(message.reply_markup ?? null) === JSON.stringify(markup ?? null)) throw badRequest(NOT_MODIFIED);
    const edited = { ...message, edit_date: this.unixTime() } as Message;
    if (markup) edited.reply_markup = markup;
    else delete edited.reply_markup;
    this.messages.set(chatKey(message.chat.id, message.message_id), edited);
    return edited;
  }

  deleteMessage(p: Payload): true {
    const chatId = requireChatId(p);
    const key = chatKey(chatId, Number(p.message_id));
    if (!this.messages.delete(key)) throw badRequest("message to delete not found");
    return true;
  }

  private editableMessage(p: Payload): Message {
    if (p.inline_message_id !== undefined) throw badRequest("inline messages are not emulated in process");
    const chatId = requireChatId(p);
    const message = this.messages.get(chatKey(chatId, Number(p.message_id)));
    if (!message) throw badRequest("message to edit not found");
    if (message.from?.id !== this.botInfo.id) throw badRequest("message can't be edited");
    return message;
  }

  private botUser(): User {
    const { id, first_name, username } = this.botInfo;
    return username ? { id, is_bot: true, first_name, username } : { id, is_bot: true, first_name };
  }
}
