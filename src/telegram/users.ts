/** Users, chats and message entities as Telegram describes them in updates. */
import type { Chat, MessageEntity, User, UserFromGetMe } from "grammy/types";

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
