/** The bot's command menus per scope and language (setMyCommands, getMyCommands, deleteMyCommands). */
import type { BotCommand } from "grammy/types";
import { asObject, badRequest, type Payload } from "./bot-api-error.js";

function scopeKey(scope: unknown, languageCode: unknown): string {
  const s = asObject(scope) ?? { type: "default" };
  const parts = [String(s.type ?? "default")];
  if (s.chat_id !== undefined) parts.push(String(s.chat_id));
  if (s.user_id !== undefined) parts.push(String(s.user_id));
  if (typeof languageCode === "string" && languageCode) parts.push(languageCode);
  return parts.join(":");
}

export class CommandMenus {
  private readonly menus = new Map<string, BotCommand[]>();

  get(scope: unknown, languageCode: unknown): BotCommand[] | undefined {
    return this.menus.get(scopeKey(scope, languageCode));
  }

  delete(p: Payload): true {
    this.menus.delete(scopeKey(p.scope, p.language_code));
    return true;
  }

  set(p: Payload): true {
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
    this.menus.set(scopeKey(p.scope, p.language_code), commands as BotCommand[]);
    return true;
  }
}
