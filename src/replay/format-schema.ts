/**
 * The conversation file's schema (zod): what each key may hold, and the hint a
 * mistyped key gets. `format.ts` reads files with it; the comparison reads
 * expectations and recorded calls in the shapes defined here.
 */
import { z } from "zod";
import { didYouMean } from "../text/did-you-mean.js";

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

export const expectationSchema = z.strictObject({
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

export const userSpecSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  name: z.string().min(1).optional(),
  last_name: z.string().optional(),
  username: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, "must be a Telegram username without @")
    .optional(),
  admin: z.boolean().optional(),
  language_code: z.string().optional(),
});
export type UserSpec = z.infer<typeof userSpecSchema>;

const recordedCallSchema = z.looseObject({
  at: z.string().optional(),
  method: z.string().min(1),
  payload: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((p) => p ?? {}),
  message_id: z.number().int().optional(),
  error: z.string().optional(),
});
export type RecordedCall = z.infer<typeof recordedCallSchema>;

/** "90s", "2m", "1.5 s", "500ms", or a number of seconds. */
const durationSchema = z
  .union([
    z
      .number()
      .min(0)
      .transform((s) => s * 1000),
    z.string(),
  ])
  .transform((value, ctx) => {
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

export const turnSchema = z
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

export const conversationSchema = z.strictObject({
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
  turns: z
    .array(turnSchema)
    .nullish()
    .transform((turns) => turns ?? []),
});
export type RawConversation = z.infer<typeof conversationSchema>;
export type RawTurn = RawConversation["turns"][number];

/** Every key the format knows, for "did you mean" on a mistyped one. */
const KNOWN_KEYS = [
  ...new Set(
    [conversationSchema, turnSchema, expectationSchema, userSpecSchema, conversationSchema.shape.settings.unwrap()].flatMap((schema) =>
      Object.keys(schema.shape),
    ),
  ),
];

/** A mistyped key gets the key it is close to; the usual cause of a strange key is a comma inside `{ … }` splitting the text it belongs to. */
export function hintFor(issue: z.core.$ZodIssue): string {
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
