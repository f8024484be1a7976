/**
 * Dates and date ranges in a question, resolved against "today" into an
 * inclusive range of days.
 *
 * chrono-node reads explicit days ("on 13 January 2023", "January 13",
 * "2023-05-03", "on Thursday"); the periods people ask about but chrono does not
 * return as ranges are handled here: relative periods ("last week", "this
 * year", "past two months"), bare years and decades, months, seasons, quarters,
 * halves, "early/mid/late ...", ranges ("between March and May 2022",
 * "2021-2023") and open ranges ("since March 2023", "before 2022").
 *
 * A date without a year is the most recent one that is not in the future, nor
 * newer than the newest article when the caller gives its date: the bot answers
 * about meetings that happened and that it has articles for. A month name counts only as a date
 * when the words around it make it one ("in May", "May 2024", "May 5"), so
 * "Theresa May" and "did they march" are not dates; years must be plausible
 * (1950 to next year) and stand alone, so "G20", "2,000 troops" and "COVID-19"
 * are not.
 */
import * as chrono from "chrono-node";
import { MEETING_NOUN } from "../../text/lexicon/index.js";
import type { DayRange } from "../../types/index.js";
import { addDays } from "../../text/calendar.js";
import { monthRange, monthsRange, parts, ymd } from "./date-arithmetic.js";
import { MONTH, monthNumber, YEAR_ALONE } from "./date-patterns.js";
import { CALENDAR_RULES, fixedMention, RELATIVE_RULES, type Mention, type PatternRule } from "./date-rules.js";
import { STOP_WORDS } from "./english.js";

export interface DateMention {
  /** The words in the question, e.g. "in May 2024". */
  text: string;
  start: number;
  end: number;
  range: DayRange;
}

export interface DateAnalysis {
  /** The span of every date the question names (one envelope), if any. */
  range?: DayRange;
  mentions: DateMention[];
  /** Every date the question names lacks a year ("on October 7"): the year of `range` is a guess. */
  yearGuessed?: boolean;
}

/** The earliest day an open range ("before 2022") starts at. */
export const OPEN_START = "1900-01-01";

/** Blank out matched text so later passes do not read it again (offsets stay). */
function mask(text: string, start: number, end: number): string {
  return text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
}

/** A year that is plausible for a question asked today. */
function plausibleYear(year: number, today: string): boolean {
  return year >= 1950 && year <= parts(today).year + 1;
}

function resolveMention(mention: Mention, latest: string, year?: number): DayRange {
  if (mention.fixed) return mention.fixed;
  const stated = year ?? mention.year;
  if (stated !== undefined) return mention.forYear(stated);
  // No year: the most recent one that has started by the latest day asked about.
  const current = parts(latest).year;
  const range = mention.forYear(current);
  return range.from > latest ? mention.forYear(current - 1) : range;
}

/** Explicit days and weekdays, read by chrono-node. */
function chronoMentions(text: string, today: string): Mention[] {
  const reference = new Date(`${today}T12:00:00Z`);
  const found: Mention[] = [];
  for (const result of chrono.parse(text, { instant: reference, timezone: 0 }, { forwardDate: false })) {
    const start = result.start;
    if (!start.isCertain("day") && !start.isCertain("weekday")) continue; // times, bare months: not here
    const weekdayOnly = !start.isCertain("day");
    const before = text.slice(0, result.index);
    if (weekdayOnly && !/^(?:on|last|this|past)\b/iu.test(result.text) && !/\b(?:on|last|this|past)\s+$/iu.test(before)) continue;
    const iso = (value: Date) => value.toISOString().slice(0, 10);
    const leading = /^(?:on|in|at|by|from|since)\s+/iu.exec(result.text)?.[0].length ?? 0;
    const position = { start: result.index + leading, end: result.index + result.text.length, closed: result.end !== undefined };
    if (!weekdayOnly && !start.isCertain("year")) {
      // "January 13", "between October 14 and October 16, 2023": the year comes from the context or today.
      const month = start.get("month")!;
      const day = start.get("day")!;
      const endMonth = result.end?.get("month") ?? month;
      const endDay = result.end?.get("day") ?? day;
      found.push({
        ...position,
        forYear: (year) => ({
          from: ymd(year, month, day),
          to: ymd(year, endMonth, endDay) < ymd(year, month, day) ? ymd(year, month, day) : ymd(year, endMonth, endDay),
        }),
      });
      continue;
    }
    let from = iso(start.date());
    let to = result.end ? iso(result.end.date()) : from;
    if (weekdayOnly && from > today) {
      // A weekday that lands in the future means the last one.
      from = addDays(from, -7);
      to = addDays(to, -7);
    }
    if (start.isCertain("year") && !plausibleYear(parts(from).year, today)) continue;
    found.push({ ...position, ...fixedMention({ from, to: to < from ? from : to }), ...(start.isCertain("year") ? { year: parts(from).year } : {}) });
  }
  return found;
}

/** Words that may follow a year that dates the question's meeting: "in 2023 and 2024", "2022 or later", "2021 when". */
const YEAR_FOLLOWER = /^(?:through|till|last|first|regarding|concerning|related|relating)$/u;

// Words that make a bare month a date: "in May", "since March", "early June".
const MONTH_CUE =
  /(?:\b(?:in|during|since|until|till|before|after|by|from|between|of|early|mid|late|throughout|around)\s+(?:the\s+)?(?:month\s+of\s+)?|mid-)$/iu;
// "may" is also a verb: lowercase "may" needs one of these right before it.
const MAY_CUE = /\b(?:in|during|since|until|before|after|from|between|early|mid|late)\s+(?:the\s+)?(?:month\s+of\s+)?$/iu;
const AFTER_DATE = new RegExp(String.raw`(?:\b${MONTH}|\b\d{1,4})\s*(?:(?:and|or|to|until|through)\s+|[-–—]\s*)$`, "iu");

/** Bare years ("in 2023", "the 2022 summit") and bare months with a cue ("in May"). */
function bareMentions(text: string, original: string, today: string): Mention[] {
  const found: Mention[] = [];
  for (const m of text.matchAll(new RegExp(YEAR_ALONE, "gu"))) {
    const year = Number(m[1]);
    if (!plausibleYear(year, today)) continue;
    // "the 2022 summit" dates a meeting; "the 2023 earthquake", "2025 anniversaries", "Chile's 2024 vote" date something else.
    const noun = /^\s+([a-z][a-z-]+)/u.exec(original.slice(m.index + m[0].length))?.[1];
    if (noun && !MEETING_NOUN.test(noun) && !YEAR_FOLLOWER.test(noun) && !STOP_WORDS.has(noun)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, forYear: (y) => monthsRange(y, 1, 12), year });
  }
  // "August–September 2021": a dash joins two months.
  for (const m of text.matchAll(new RegExp(String.raw`\b${MONTH}(?=[\s,.?!;:)\-–—]|$)`, "giu"))) {
    const word = m[1]!;
    const before = original.slice(0, m.index);
    // "in May"; or the second month of "March and May", "March to May".
    const cued = word === "may" ? MAY_CUE.test(before) : MONTH_CUE.test(before) || AFTER_DATE.test(before);
    if (!cued) continue;
    // Abbreviations ("Sept.", "Oct") only when capitalised.
    if (word.replace(/\.$/u, "").length <= 4 && !/^(?:may|june|july)$/iu.test(word) && !/^\p{Lu}/u.test(word)) continue;
    const month = monthNumber(word);
    found.push({ start: m.index, end: m.index + word.length, forYear: (y) => monthRange(y, month) });
  }
  return found;
}

type Modifier = "since" | "after" | "before" | "until";

const RANGE_JOIN = /^\s*(?:and|to|until|till|through|thru|-|–|—)\s*$/iu;
const RANGE_OPEN = /\b(?:between|from)\s+(?:the\s+)?$/iu;
const MODIFIERS: [RegExp, Modifier][] = [
  [/\b(?:since|starting|from|beginning)\s+(?:the\s+)?(?:start\s+of\s+)?$/iu, "since"],
  [/\b(?:after|later than)\s+(?:the\s+)?$/iu, "after"],
  [/\b(?:before|prior to|earlier than)\s+(?:the\s+)?$/iu, "before"],
  [/\b(?:until|till|up to|through|by)\s+(?:the\s+)?(?:end\s+of\s+)?$/iu, "until"],
];

/**
 * The dates a question names, resolved against `today` (YYYY-MM-DD), and the
 * envelope of them all as one inclusive range.
 */
export function parseDates(question: string, today: string, options: { newestDate?: string } = {}): DateAnalysis {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(today)) throw new Error(`today must be a date written YYYY-MM-DD, not ${JSON.stringify(today)}`);
  // "On October 7" asked of an archive that ends before this year's October 7 means the archive's last one.
  const latest = options.newestDate && options.newestDate < today ? options.newestDate : today;
  const original = question.replace(/[’‘]/gu, "'");
  let text = original;
  const raw: Mention[] = [];

  const applyRules = (list: PatternRule[]) => {
    for (const rule of list) {
      const before = raw.length;
      for (const m of text.matchAll(rule.pattern)) {
        const built = rule.build(m as RegExpExecArray, today);
        if (!built) continue;
        if (built.year !== undefined && !plausibleYear(built.year, today)) continue;
        raw.push({ ...built, start: m.index, end: m.index + m[0].length });
      }
      for (const mention of raw.slice(before)) text = mask(text, mention.start, mention.end);
    }
  };
  applyRules(RELATIVE_RULES);
  // "the week of March 4": chrono would read "the week" as a date of its own.
  text = text.replace(/\bthe\s+week(?:end)?\s+of\b/giu, (words) => " ".repeat(words.length));
  for (const mention of chronoMentions(text, today)) {
    raw.push(mention);
    text = mask(text, mention.start, mention.end);
  }
  applyRules(CALENDAR_RULES);
  raw.push(...bareMentions(text, original, today));
  raw.sort((a, b) => a.start - b.start);

  const mentions: DateMention[] = [];
  let openEnded = false;
  for (let i = 0; i < raw.length; i++) {
    const current = raw[i]!;
    const next = raw[i + 1];
    const before = original.slice(0, current.start);
    const join = next ? original.slice(current.end, next.start) : "";
    // "between March and May 2022", "from 2021 to 2023", "2021-2023" (but not "in 2022 and 2023").
    if (next && RANGE_JOIN.test(join) && (RANGE_OPEN.test(before) || !/^\s*and\s*$/iu.test(join))) {
      const year = current.year ?? (current.fixed ? undefined : next.year);
      let first = resolveMention(current, latest, year);
      const second = resolveMention(next, latest);
      if (first.from > second.to && current.year === undefined && !current.fixed) first = resolveMention(current, latest, parts(second.from).year - 1);
      const startAt = RANGE_OPEN.exec(before)?.index ?? current.start;
      mentions.push({ text: original.slice(startAt, next.end).trim(), start: startAt, end: next.end, range: { from: first.from, to: second.to } });
      i++;
      continue;
    }
    // "in January or February 2024", "on May 3 and May 5, 2022": the year written once is the year of both.
    const sharesYear = next && current.year === undefined && !current.fixed && next.year !== undefined && /^\s*(?:,|or|and|,\s*(?:or|and))\s*$/iu.test(join);
    let range = resolveMention(current, latest, sharesYear ? next.year : undefined);
    let start = current.start;
    // "the week of March 4, 2024": the seven days from that day; "the weekend of May 20": the days around it.
    if (current.fixed && current.fixed.from === current.fixed.to) {
      if (/\bthe\s+week\s+of\s+$/iu.test(before)) range = { from: range.from, to: addDays(range.from, 6) };
      else if (/\bthe\s+weekend\s+of\s+$/iu.test(before)) range = { from: addDays(range.from, -1), to: addDays(range.from, 1) };
    }
    const modifier = current.closed ? undefined : MODIFIERS.find(([pattern]) => pattern.test(before));
    if (modifier) {
      openEnded = true;
      start = modifier[0].exec(before)!.index;
      if (modifier[1] === "since") range = { from: range.from, to: today };
      else if (modifier[1] === "after") range = { from: addDays(range.to, 1), to: today };
      else if (modifier[1] === "before") range = { from: OPEN_START, to: addDays(range.from, -1) };
      else range = { from: OPEN_START, to: range.to };
    }
    mentions.push({ text: original.slice(start, current.end).trim(), start, end: current.end, range });
  }

  if (mentions.length === 0) return { mentions };
  // "since May" runs to today, "before March" from long ago: only a range of the asked days alone moves with the year.
  const yearGuessed = !openEnded && raw.every((mention) => mention.fixed === undefined && mention.year === undefined);
  let from = mentions[0]!.range.from;
  let to = mentions[0]!.range.to;
  for (const mention of mentions) {
    if (mention.range.from < from) from = mention.range.from;
    if (mention.range.to > to) to = mention.range.to;
  }
  return { range: { from, to }, mentions, ...(yearGuessed ? { yearGuessed } : {}) };
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
