/**
 * The conversation file: one YAML document, written by the recorder or by hand.
 *
 *   title: Biden and Kishida, with a follow-up      # optional
 *   today: 2024-07-01                               # "today" for the answer chain
 *   chat: private                                   # or group / supergroup / {type, id, title}
 *   from: { id: 101, name: Tester, admin: false }   # who speaks (default user)
 *   users: { bob: { id: 102 } }                     # more speakers, for groups: `from: bob`
 *   bot: { id: 1000, username: readout_bot }        # the bot's identity (mentions use it)
 *   settings: { rate_limit: 5, rate_window_ms: 10000, admins: [], allowed: [], history_turns: 6 }
 *   turns:
 *     - user: When did Biden last meet Kishida?     # a message (hand-written)
 *       expect: { contains: April 2024, cites: biden-kishida-state-visit }
 *     - press: 1                                    # a button, by index or label
 *     - update: {...}                               # an update as Telegram sent it (recorded)
 *       at: 2026-11-27T19:10:00.000Z
 *       replies: [ { method, payload, message_id, at } ]   # what the bot sent (compared exactly)
 *
 * `loadConversation` validates a file (against the schema in format-schema.ts)
 * and reports problems with their line.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Chat, Update, User } from "grammy/types";
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import { DEFAULT_BOT_INFO } from "../telegram/index.js";
import { conversationSchema, type Expectation, hintFor, type RawConversation, type RawTurn, type RecordedCall, type UserSpec } from "./format-schema.js";

/** "Today" of a conversation that does not set one: a fixed date after the bundled corpus, so replays are stable. */
export const DEFAULT_TODAY = "2024-07-01";
/** Time between two hand-written turns that say nothing else (`after:`), long enough for the default rate limit. */
export const DEFAULT_GAP_MS = 60_000;
export const DEFAULT_USER_ID = 101;
export const DEFAULT_GROUP_ID = -1001000000001;

export class ConversationFileError extends Error {
  override name = "ConversationFileError";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n${problems.map((p) => `  - ${p}`).join("\n")}`}`);
  }
}

export interface ReplayUser extends User {
  admin: boolean;
}

export type TurnInput =
  | { kind: "text"; text: string; from: ReplayUser; replyTo?: "bot" | number }
  | { kind: "press"; button: number | string; from: ReplayUser }
  | { kind: "update"; update: Update };

export interface Turn {
  /** 1-based, counting the turns that send something to the bot. */
  number: number;
  /** Line of the turn in the file. */
  line: number;
  /** Positions in the file's `turns` list: the turn itself, then entries that continue it (late replies). */
  entries: number[];
  input: TurnInput;
  /** Recorded time (milliseconds). */
  at?: number;
  /** Time since the previous turn (milliseconds), for hand-written turns. */
  afterMs?: number;
  /** Expectations: one for the whole turn, or one per message the bot sends. */
  expect?: { perMessage: boolean; items: Expectation[] };
  /** What the bot sent, compared exactly; undefined when the turn has no `replies:`. */
  replies?: RecordedCall[];
  note?: string;
}

export interface Conversation {
  path: string;
  title: string;
  today: string;
  chat: Chat;
  defaultUser: ReplayUser;
  bot: { id: number; username: string };
  settings: {
    admins: number[];
    allowed: number[];
    rateLimit?: { limit: number; windowMs: number };
    historyTurns?: number;
  };
  turns: Turn[];
  /** Why this conversation is expected to fail for now (`known_issue:`). */
  knownIssue?: string;
  /** The parsed file, kept so that `--update` can rewrite replies and keep comments and layout. */
  document: Document;
}

function positionOf(document: Document, lineCounter: LineCounter, issuePath: PropertyKey[]): string {
  for (let length = issuePath.length; length >= 0; length--) {
    const node = document.getIn(issuePath.slice(0, length) as (string | number)[], true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return `line ${line}:${col}`;
    }
  }
  return "line 1";
}

function lineOf(document: Document, lineCounter: LineCounter, issuePath: (string | number)[]): number {
  const node = document.getIn(issuePath, true);
  return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : 0;
}

function titleCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function makeReplayUser(spec: UserSpec | null | undefined, fallbackId: number, fallbackName: string): ReplayUser {
  const s = spec ?? {};
  const user: ReplayUser = { id: s.id ?? fallbackId, is_bot: false, first_name: s.name ?? fallbackName, admin: s.admin ?? false };
  if (s.last_name) user.last_name = s.last_name;
  if (s.username) user.username = s.username;
  if (s.language_code) user.language_code = s.language_code;
  return user;
}

function makeChat(spec: RawConversation["chat"], user: ReplayUser): Chat {
  const type = typeof spec === "string" ? spec : (spec?.type ?? "private");
  const id = typeof spec === "object" ? spec.id : undefined;
  const title = typeof spec === "object" ? spec.title : undefined;
  if (type === "private") {
    const chat: Chat.PrivateChat = { id: id ?? user.id, type, first_name: user.first_name };
    if (user.last_name) chat.last_name = user.last_name;
    if (user.username) chat.username = user.username;
    return chat;
  }
  return { id: id ?? DEFAULT_GROUP_ID, type, title: title ?? "Replay group" } as Chat;
}

/** Parse and validate conversation text; `file` names it in error messages. */
export function parseConversation(text: string, file: string): Conversation {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ConversationFileError(
      file,
      document.errors.map((error) => `line ${error.linePos?.[0].line ?? "?"}:${error.linePos?.[0].col ?? "?"}: ${error.message.split("\n")[0]}`),
    );
  }
  const data = document.toJS({ maxAliasCount: 100 }) ?? {};
  const parsed = conversationSchema.safeParse(data);
  if (!parsed.success) {
    throw new ConversationFileError(
      file,
      parsed.error.issues.map((issue) => {
        const where = positionOf(document, lineCounter, issue.path);
        const name = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
        return `${where}: ${name}${issue.message}${hintFor(issue)}`;
      }),
    );
  }
  const raw = parsed.data;
  const problems: string[] = [];

  const users = new Map<string, ReplayUser>();
  let nextId = DEFAULT_USER_ID + 1;
  for (const [name, spec] of Object.entries(raw.users ?? {})) {
    users.set(name, makeReplayUser(spec, spec?.id ?? nextId++, titleCase(name)));
  }
  const defaultUser = raw.from
    ? makeReplayUser(raw.from, DEFAULT_USER_ID, "Tester")
    : (users.values().next().value ?? makeReplayUser(undefined, DEFAULT_USER_ID, "Tester"));
  const chat = makeChat(raw.chat, defaultUser);

  const resolveUser = (from: RawTurn["from"], turnIndex: number): ReplayUser => {
    if (from === undefined) return defaultUser;
    if (typeof from === "string") {
      const user = users.get(from);
      if (!user) {
        const known = [...users.keys()];
        problems.push(
          `${positionOf(document, lineCounter, ["turns", turnIndex, "from"])}: turns.${turnIndex}.from: no user "${from}"${known.length > 0 ? ` (the file's users are ${known.join(", ")})` : " (declare it under users:)"}`,
        );
        return defaultUser;
      }
      return user;
    }
    return makeReplayUser(from, nextId++, "User");
  };

  const turns: Turn[] = [];
  raw.turns.forEach((rawTurn, index) => {
    const line = lineOf(document, lineCounter, ["turns", index]);
    const hasInput = rawTurn.user !== undefined || rawTurn.press !== undefined || rawTurn.update !== undefined;
    if (!hasInput) {
      // Late replies (sent after the turn was written, e.g. reindex progress) continue the previous turn.
      const previous = turns.at(-1);
      if (!previous) {
        problems.push(`${positionOf(document, lineCounter, ["turns", index])}: turns.${index}: replies without a turn before them`);
        return;
      }
      previous.entries.push(index);
      previous.replies = [...(previous.replies ?? []), ...(rawTurn.replies ?? [])];
      return;
    }
    let input: TurnInput;
    if (rawTurn.update !== undefined) {
      const update = rawTurn.update as unknown as Update;
      if (typeof update.update_id !== "number")
        problems.push(`${positionOf(document, lineCounter, ["turns", index, "update"])}: turns.${index}.update: an update needs its update_id`);
      input = { kind: "update", update };
    } else if (rawTurn.press !== undefined) {
      input = { kind: "press", button: rawTurn.press, from: resolveUser(rawTurn.from, index) };
    } else {
      const from = resolveUser(rawTurn.from, index);
      if (chat.type === "private" && from.id !== chat.id) {
        problems.push(
          `${positionOf(document, lineCounter, ["turns", index])}: turns.${index}.from: only the chat's own user (id ${chat.id}) writes in a private chat`,
        );
      }
      input = { kind: "text", text: rawTurn.user as string, from, ...(rawTurn.reply_to !== undefined ? { replyTo: rawTurn.reply_to } : {}) };
    }
    const turn: Turn = { number: turns.length + 1, line, entries: [index], input };
    if (rawTurn.at !== undefined) turn.at = Date.parse(rawTurn.at);
    if (rawTurn.after !== undefined) turn.afterMs = rawTurn.after;
    if (rawTurn.expect !== undefined) {
      turn.expect = Array.isArray(rawTurn.expect) ? { perMessage: true, items: rawTurn.expect } : { perMessage: false, items: [rawTurn.expect] };
    }
    if (rawTurn.replies !== undefined) turn.replies = rawTurn.replies ?? [];
    if (rawTurn.note !== undefined) turn.note = rawTurn.note;
    turns.push(turn);
  });
  if (problems.length > 0) throw new ConversationFileError(file, problems);

  const settings = raw.settings ?? {};
  const admins = new Set(settings.admins ?? []);
  for (const user of [defaultUser, ...users.values()]) if (user.admin) admins.add(user.id);
  return {
    path: file,
    title: raw.title ?? path.basename(file).replace(/\.ya?ml$/, ""),
    today: raw.today ?? DEFAULT_TODAY,
    chat,
    defaultUser,
    bot: { id: raw.bot?.id ?? DEFAULT_BOT_INFO.id, username: raw.bot?.username ?? DEFAULT_BOT_INFO.username },
    settings: {
      admins: [...admins],
      allowed: settings.allowed ?? [],
      ...(settings.rate_limit !== undefined || settings.rate_window_ms !== undefined
        ? { rateLimit: { limit: settings.rate_limit ?? 5, windowMs: settings.rate_window_ms ?? 10_000 } }
        : {}),
      ...(settings.history_turns !== undefined ? { historyTurns: settings.history_turns } : {}),
    },
    turns,
    ...(raw.known_issue ? { knownIssue: raw.known_issue } : {}),
    document,
  };
}

export async function loadConversation(file: string): Promise<Conversation> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (error) {
    throw new ConversationFileError(file, [`cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  return parseConversation(text, file);
}
