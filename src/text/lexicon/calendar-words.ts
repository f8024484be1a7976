/** Month and weekday names, and the words that name a day or a span of days. */

/** The twelve month names, January first. */
export const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"] as const;

/** Month names and their usual abbreviations, for building patterns. */
export const MONTH_PATTERN = `${MONTH_NAMES.join("|")}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec`;

export const WEEKDAY_PATTERN = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

/** The first three letters of every month, for patterns that take any word starting so ("Jan", "January", "Sept."). */
export const MONTH_PREFIX_PATTERN = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";

/** The number of each month name and abbreviation. */
export const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/**
 * One folded word that is a month or a weekday, as the participant reader tests it ("May" ends a name).
 * Its optional parts also take "sepember", which MONTH_PATTERN does not: kept as written so no name reads otherwise.
 */
export const MONTH_OR_WEEKDAY_WORD =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/** Any word that may name a day: a digit, a relative day, a part of the day, a weekday or a month (chrono runs only where one is). */
export const DATE_HINT = new RegExp(
  String.raw`\d|\b(?:today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|week|weekend|month|mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:${MONTH_PREFIX_PATTERN})[a-z]*\b`,
  "i",
);

/** A date written out: with a digit or a month's name (not "today" or "Tuesday"). */
export const EXPLICIT_DATE = new RegExp(String.raw`\d|\b(?:${MONTH_PREFIX_PATTERN})[a-z]*\b`, "i");

/** A day named relative to the report: "today", "yesterday", "this morning". */
export const CASUAL_DAY = /\b(?:today|tonight|yesterday|last night|this (?:morning|afternoon|evening))\b/i;

/** Vague references that place a meeting in a span, not on a day. */
export const VAGUE_WHEN = /\b(?:last|this|past|previous|earlier this) (?:week|weekend)\b|\bearlier this month\b|\b(?:recently|days ago)\b/i;
