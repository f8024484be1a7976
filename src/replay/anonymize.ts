/**
 * Anonymising recorded updates (READOUT_RECORD_ANONYMIZE): people's first and
 * last names and usernames, and group titles, are replaced consistently
 * ("User 1", "user1", "Group 1") for as long as the bot runs; ids are kept, so
 * a replay still knows who is an admin and whom the rate limit counts. An
 * @username that a message mentions is replaced in its text too, with the
 * message's entity offsets moved to match.
 */
import type { MessageEntity } from "grammy/types";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

export class Anonymizer {
  private readonly people = new Map<number, number>();
  private readonly groups = new Map<number, number>();
  /** Lowercased original username → replacement. */
  private readonly usernames = new Map<string, string>();

  constructor(private readonly botId?: number) {}

  /** A deep copy of an update (or any Bot API object) with people and groups made anonymous. */
  update<T>(value: T): T {
    const copy = structuredClone(value);
    this.collect(copy);
    this.rewrite(copy);
    return copy;
  }

  private personNumber(id: number): number {
    let n = this.people.get(id);
    if (n === undefined) {
      n = this.people.size + 1;
      this.people.set(id, n);
    }
    return n;
  }

  /** First pass: learn every username in the object, so mentions of someone who appears later are replaced too. */
  private collect(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item);
      return;
    }
    if (!isObject(value)) return;
    if (this.isPerson(value) && typeof value.username === "string") {
      this.usernames.set(value.username.toLowerCase(), `user${this.personNumber(value.id as number)}`);
    }
    for (const child of Object.values(value)) this.collect(child);
  }

  private isPerson(value: Json): boolean {
    if (typeof value.id !== "number" || value.is_bot === true || value.id === this.botId) return false;
    // A user (`is_bot: false`) or a private chat, which carries the user's names.
    return value.is_bot === false || value.type === "private";
  }

  private rewrite(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.rewrite(item);
      return;
    }
    if (!isObject(value)) return;
    if (this.isPerson(value)) {
      const n = this.personNumber(value.id as number);
      if ("first_name" in value) value.first_name = `User ${n}`;
      delete value.last_name;
      if ("username" in value) value.username = `user${n}`;
    } else if (typeof value.id === "number" && (value.type === "group" || value.type === "supergroup" || value.type === "channel") && "title" in value) {
      let n = this.groups.get(value.id);
      if (n === undefined) {
        n = this.groups.size + 1;
        this.groups.set(value.id, n);
      }
      value.title = `Group ${n}`;
      if ("username" in value) delete value.username;
    }
    for (const [textKey, entitiesKey] of [
      ["text", "entities"],
      ["caption", "caption_entities"],
    ] as const) {
      if (typeof value[textKey] === "string") {
        const entities = Array.isArray(value[entitiesKey]) ? (value[entitiesKey] as MessageEntity[]) : [];
        value[textKey] = this.replaceMentions(value[textKey] as string, entities);
      }
    }
    for (const child of Object.values(value)) this.rewrite(child);
  }

  /** Replace known @usernames in text, shifting the offsets and lengths of entities after and around each one. */
  private replaceMentions(text: string, entities: MessageEntity[]): string {
    if (this.usernames.size === 0) return text;
    let result = "";
    let last = 0;
    for (const match of text.matchAll(/@([A-Za-z0-9_]{2,32})(?![A-Za-z0-9_])/g)) {
      const replacement = this.usernames.get((match[1] as string).toLowerCase());
      if (!replacement) continue;
      const start = match.index ?? 0;
      const oldLength = match[0].length;
      const newText = `@${replacement}`;
      const delta = newText.length - oldLength;
      const position = result.length + (start - last);
      result += text.slice(last, start) + newText;
      last = start + oldLength;
      if (delta !== 0) {
        for (const entity of entities) {
          if (entity.offset >= position + oldLength) entity.offset += delta;
          else if (entity.offset <= position && entity.offset + entity.length >= position + oldLength) entity.length += delta;
        }
      }
    }
    return result + text.slice(last);
  }
}
