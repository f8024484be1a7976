/** Describing what the user does in a turn, for people: “Tester: “question”” or “Tester presses [1] …”. */
import type { Message, User } from "grammy/types";
import type { Turn } from "./format.js";

/** A turn that cannot be replayed, with the reason. */
export class TurnFailure extends Error {}

export const quoteText = (text: string) => `“${text.length > 120 ? `${text.slice(0, 119)}…` : text}”`;
export const nameOf = (user: User | undefined) => user?.first_name ?? "someone";

export function describeMessage(message: Message | undefined): string {
  if (!message) return "an update";
  if (message.text !== undefined) return `${nameOf(message.from)}: ${quoteText(message.text)}`;
  const kind = Object.keys(message).find((key) =>
    ["photo", "sticker", "voice", "video", "document", "audio", "animation", "location", "contact", "poll"].includes(key),
  );
  return `${nameOf(message.from)} sends a ${kind ?? "message"}${message.caption ? ` ${quoteText(message.caption)}` : ""}`;
}

export function describeTurnInput(turn: Turn): string {
  const input = turn.input;
  if (input.kind === "text") return `${input.from.first_name}: ${quoteText(input.text)}`;
  if (input.kind === "press") return `${input.from.first_name} presses button ${input.button}`;
  if (input.update.message) return describeMessage(input.update.message);
  if (input.update.callback_query) return `${nameOf(input.update.callback_query.from)} presses a button`;
  return "an update";
}

/** A replay user as Telegram describes it (without the file's `admin:` flag). */
export function stripAdmin(user: User & { admin?: boolean }): User {
  const { admin: _admin, ...rest } = user;
  return rest;
}
