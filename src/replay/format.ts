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
 * `loadConversation` validates a file and reports problems with their line.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Chat, Update, User } from "grammy/types";
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { DEFAULT_BOT_INFO } from "../telegram/index.js";
import { didYouMean } from "../text/did-you-mean.js";

/** "Today" of a conversation that does not set one: a fixed date after the bundled corpus, so replays are stable. */
export const DEFAULT_TODAY = "2024-07-01";
/** Time between two hand-written turns that say nothing else (`after:`), long enough for the default rate limit. */
export const DEFAULT_GAP_MS = 60_000;
export const DEFAULT_USER_ID = 101;
export const DEFAULT_GROUP_ID = -1001000000001;
export const CONVERSATION_EXTENSIONS = [".yaml", ".yml"];

export class ConversationFileError extends Error {
  override name = "ConversationFileError";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `\n${problems.map((p) => `  - ${p}`).join("\n")}`}`);
  }
}

// ---- the schema ---------------------------------------------------------------

const stringList = z
  .union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])
  .transform((value) => (Array.isArray(value) ? value : [value]).map(String));

/** A regular expression written plainly (`Kishida|Biden`) or as `/…/flags`. */
export function parsePattern(source: string): RegExp {
  const literal = /^\/(.*)\/([dgimsuvy]*)$/s.exec(source);
  return literal ? new RegExp(literal[1] as string, literal[2]) : new RegExp(source, "u");
}

const patternList = stringList.superRefine((patterns, ctx) => {
  for (const pattern of patterns) {
    try {
      parsePattern(pattern);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `not a valid regular expression: ${(error as Error).message}` });
    }
  }
});

const expectationSchema = z.strictObject({
  /** Each must appear in what the bot says (case and spacing ignored). */
  contains: stringList.optional(),
  not_contains: stringList.optional(),
  /** Each regular expression must match what the bot says. */
  matches: patternList.optional(),
  /** Each must be among the answer's sources: an article id (or its end, e.g. the file name) or a URL. */
  cites: stringList.optional(),
  /** The answer abstains ("I couldn't find this…") or answers. */
  abstains: z.boolean().optional(),
  /** How many buttons, or their labels in order (each label a part of the button's text). */
  buttons: z.union([z.number().int().min(0), z.array(z.union([z.string(), z.number()]).transform(String))]).optional(),
  /** How many messages the bot sends (0: it ignores the message). */
  messages: z.number().int().min(0).optional(),
  /** The bot shows nothing at all: no message, no notice on a button. */
  silent: z.boolean().optional(),
});
export type Expectation = z.infer<typeof expectationSchema>;

const userSpecSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  name: z.string().min(1).optional(),
  last_name: z.string().optional(),
  username: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, "must be a Telegram username without @").optional(),
  admin: z.boolean().optional(),
  language_code: z.string().optional(),
});
type UserSpec = z.infer<typeof userSpecSchema>;

const recordedCallSchema = z.looseObject({
  at: z.string().optional(),
  method: z.string().min(1),
  payload: z.record(z.string(), z.unknown()).nullish().transform((p) => p ?? {}),
  message_id: z.number().int().optional(),
  error: z.string().optional(),
});
export type RecordedCall = z.infer<typeof recordedCallSchema>;

/** "90s", "2m", "1.5 s", "500ms", or a number of seconds. */
const durationSchema = z.union([z.number().min(0).transform((s) => s * 1000), z.string()]).transform((value, ctx) => {
  if (typeof value === "number") return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?\s*$/.exec(value);
  if (!match) {
    ctx.addIssue({ code: "custom", message: 'must be a duration such as "30s", "2m", "500ms" or a number of seconds' });
    return z.NEVER;
  }
  const unit = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[match[2] ?? "s"] as number;
  return Number(match[1]) * unit;
});

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "must be a time such as 2024-07-01T12:00:00Z");

const turnSchema = z
  .strictObject({
    user: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
    press: z.union([z.number().int().positive(), z.string().min(1)]).optional(),
    update: z.record(z.string(), z.unknown()).optional(),
    from: z.union([z.string(), userSpecSchema]).optional(),
    reply_to: z.union([z.literal("bot"), z.number().int().positive()]).optional(),
    after: durationSchema.optional(),
    at: isoTime.optional(),
    expect: z.union([expectationSchema, z.array(expectationSchema).min(1)]).optional(),
    replies: z.array(recordedCallSchema).nullable().optional(),
    note: z.string().optional(),
  })
  .superRefine((turn, ctx) => {
    const inputs = (["user", "press", "update"] as const).filter((key) => turn[key] !== undefined);
    if (inputs.length > 1) ctx.addIssue({ code: "custom", message: `a turn has one of user, press or update, not ${inputs.join(" and ")}` });
    if (inputs.length === 0 && turn.replies === undefined) {
      ctx.addIssue({ code: "custom", message: "a turn needs `user:` (a message), `press:` (a button) or `update:` (a recorded update)" });
    }
    if (inputs.length === 0 && (turn.expect !== undefined || turn.from !== undefined)) {
      ctx.addIssue({ code: "custom", message: "a turn with only `replies:` continues the previous turn and takes no expect or from" });
    }
    if (turn.reply_to !== undefined && turn.user === undefined) ctx.addIssue({ code: "custom", message: "reply_to goes with `user:`" });
  });

const chatSchema = z.union([
  z.enum(["private", "group", "supergroup"]),
  z.strictObject({ type: z.enum(["private", "group", "supergroup"]), id: z.number().int().optional(), title: z.string().optional() }),
]);

const conversationSchema = z.strictObject({
  title: z.string().optional(),
  description: z.string().optional(),
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
    .optional(),
  chat: chatSchema.optional(),
  from: userSpecSchema.optional(),
  users: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, "user names are letters, digits, _ and -"), userSpecSchema.nullable()).optional(),
  bot: z.strictObject({ id: z.number().int().positive().optional(), username: z.string().optional() }).optional(),
  settings: z
    .strictObject({
      rate_limit: z.number().int().positive().optional(),
      rate_window_ms: z.number().int().positive().optional(),
      admins: z.array(z.number().int()).optional(),
      allowed: z.array(z.number().int()).optional(),
      history_turns: z.number().int().positive().optional(),
    })
    .optional(),
  /** Set by the recorder (free-form facts about the recording). */
  recorded: z.unknown().optional(),
  /** A known bug this conversation shows: it is expected to fail (reported, not counted), and fails the run once it passes. */
  known_issue: z.string().min(1).optional(),
  turns: z.array(turnSchema).nullish().transform((turns) => turns ?? []),
});
type RawConversation = z.infer<typeof conversationSchema>;
type RawTurn = RawConversation["turns"][number];

// ---- the loaded conversation --------------------------------------------------

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

/** Every key the format knows, for "did you mean" on a mistyped one. */
const KNOWN_KEYS = [
  ...new Set(
    [conversationSchema, turnSchema, expectationSchema, userSpecSchema, conversationSchema.shape.settings.unwrap()].flatMap((schema) => Object.keys(schema.shape)),
  ),
];

/** A mistyped key gets the key it is close to; the usual cause of a strange key is a comma inside `{ … }` splitting the text it belongs to. */
function hintFor(issue: z.core.$ZodIssue): string {
  if (issue.code !== "unrecognized_keys") return "";
  const odd = issue.keys.filter((key) => !/^[a-z_]+$/.test(key));
  if (odd.length > 0) return ` (inside { … } a comma separates entries: put text that has a comma in quotes, e.g. contains: "April 10, 2024")`;
  const suggestions = issue.keys.flatMap((key) => {
    const known = didYouMean(key, KNOWN_KEYS);
    return known ? [{ key, known }] : [];
  });
  if (suggestions.length === 0) return "";
  if (issue.keys.length === 1) return ` (did you mean "${suggestions[0]!.known}"?)`;
  return ` (did you mean ${suggestions.map(({ key, known }) => `${key} → ${known}`).join(", ")}?)`;
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
  const defaultUser = raw.from ? makeReplayUser(raw.from, DEFAULT_USER_ID, "Tester") : (users.values().next().value ?? makeReplayUser(undefined, DEFAULT_USER_ID, "Tester"));
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
      if (typeof update.update_id !== "number") problems.push(`${positionOf(document, lineCounter, ["turns", index, "update"])}: turns.${index}.update: an update needs its update_id`);
      input = { kind: "update", update };
    } else if (rawTurn.press !== undefined) {
      input = { kind: "press", button: rawTurn.press, from: resolveUser(rawTurn.from, index) };
    } else {
      const from = resolveUser(rawTurn.from, index);
      if (chat.type === "private" && from.id !== chat.id) {
        problems.push(`${positionOf(document, lineCounter, ["turns", index])}: turns.${index}.from: only the chat's own user (id ${chat.id}) writes in a private chat`);
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

/** The conversation files under the given files and folders (recursively), sorted, each once. */
export async function findConversationFiles(paths: string[]): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (target: string, explicit: boolean): Promise<void> => {
    let stat;
    try {
      stat = await fs.stat(target);
    } catch {
      throw new ConversationFileError(target, ["no such file or folder"]);
    }
    if (stat.isDirectory()) {
      const entries = (await fs.readdir(target)).sort();
      for (const entry of entries) {
        if (entry.startsWith(".")) continue;
        await visit(path.join(target, entry), false);
      }
    } else if (explicit || CONVERSATION_EXTENSIONS.includes(path.extname(target).toLowerCase())) {
      found.add(path.resolve(target));
    }
  };
  for (const target of paths) await visit(target, true);
  return [...found].sort();
}
