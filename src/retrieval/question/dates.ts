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
 * A date without a year is the most recent one that is not in the future: the
 * bot answers about meetings that happened. A month name counts only as a date
 * when the words around it make it one ("in May", "May 2024", "May 5"), so
 * "Theresa May" and "did they march" are not dates; years must be plausible
 * (1950 to next year) and stand alone, so "G20", "2,000 troops" and "COVID-19"
 * are not.
 */
import { MEETING_NOUN } from "../../text/lexicon/index.js";
import { STOP_WORDS } from "./english.js";
import * as chrono from "chrono-node";
import type { DateRange } from "../types.js";

export interface DateMention {
  /** The words in the question, e.g. "in May 2024". */
  text: string;
  start: number;
  end: number;
  range: DateRange;
}

export interface DateAnalysis {
  /** The span of every date the question names (one envelope), if any. */
  range?: DateRange;
  mentions: DateMention[];
}

/** The earliest day an open range ("before 2022") starts at. */
export const OPEN_START = "1900-01-01";

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, april: 4, apr: 4, may: 5, june: 6, july: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|apr\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)`;
const YEAR = String.raw`((?:19[5-9]|20\d)\d)`;
// A year must stand alone: not "2,000", "$2023", "2023rd", "2023%", "2022-23".
const YEAR_ALONE = String.raw`(?<![\d,.$£€#/\w])${YEAR}(?![\d%\w]|[.,]\d|-\d{2}\b|/\d)`;
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, few: 3, couple: 2, several: 3 };
const COUNT = String.raw`(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple(?: of)?|several)`;
const PART = String.raw`(early|mid|middle of|late|the beginning of|beginning of|the start of|start of|the end of|end of)`;
// Words that make a bare month a date: "in May", "since March", "early June".
const MONTH_CUE = /(?:\b(?:in|during|since|until|till|before|after|by|from|between|of|early|mid|late|throughout|around)\s+(?:the\s+)?(?:month\s+of\s+)?|mid-)$/iu;
// "may" is also a verb: lowercase "may" needs one of these right before it.
const MAY_CUE = /\b(?:in|during|since|until|before|after|from|between|early|mid|late)\s+(?:the\s+)?(?:month\s+of\s+)?$/iu;
const SEASON_CUE = /\b(?:in|during|since|until|before|after|from|between|over|throughout|this|last|next|past)\s+(?:the\s+)?$/iu;
const AFTER_DATE = new RegExp(String.raw`(?:\b${MONTH}|\b\d{1,4})\s*(?:and|or|to|until|through|-|–)\s+$`, "iu");

type Modifier = "since" | "after" | "before" | "until";

/** A date the question names before ranges and modifiers are applied. */
interface Mention {
  start: number;
  end: number;
  /** The range for a given year (for dates written without one). */
  forYear: (year: number) => DateRange;
  /** The year the question states, if any. */
  year?: number;
  /** Fixed range (relative periods and full dates). */
  fixed?: DateRange;
  /** A range with its own end ("3 to 5 March 2023"): "from" before it does not open it. */
  closed?: boolean;
}

// ---- day arithmetic on YYYY-MM-DD, in UTC ----

function ymd(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
function monthRange(year: number, month: number): DateRange {
  return { from: ymd(year, month, 1), to: ymd(year, month, lastDay(year, month)) };
}
/** Months may run past December ("winter": December to February). */
function monthsRange(year: number, firstMonth: number, lastMonth: number): DateRange {
  const start = new Date(Date.UTC(year, firstMonth - 1, 1));
  const end = new Date(Date.UTC(year, lastMonth, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
function addMonths(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  const wanted = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  date.setUTCDate(Math.min(wanted, lastDay(date.getUTCFullYear(), date.getUTCMonth() + 1)));
  return date.toISOString().slice(0, 10);
}
function parts(day: string): { year: number; month: number; day: number } {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}
/** Monday of the week a day falls in. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

function count(word: string): number {
  const clean = word.toLowerCase().replace(/ of$/u, "");
  return NUMBER_WORDS[clean] ?? Number(clean);
}

function monthNumber(word: string): number {
  return MONTHS[word.toLowerCase().replace(/\.$/u, "")] ?? 0;
}

/**
 * The early, middle or late third of a range: of a month, days 1-10, 11-20 and
 * 21 to the end; of a longer period, its months in thirds (early 2022 is January
 * to April, late 2022 September to December).
 */
function partOf(range: DateRange, part: string | undefined): DateRange {
  if (!part) return range;
  const p = part.toLowerCase();
  const which = /early|beginning|start/u.test(p) ? 0 : /mid|middle/u.test(p) ? 1 : 2;
  const from = parts(range.from);
  const to = parts(range.to);
  const months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
  if (months <= 1) {
    const bounds: [number, number][] = [[1, 10], [11, 20], [21, to.day]];
    const [first, last] = bounds[which]!;
    return { from: ymd(from.year, from.month, first), to: ymd(from.year, from.month, last) };
  }
  const size = months / 3;
  const firstMonth = from.month + Math.round(size * which);
  const lastMonth = from.month + Math.round(size * (which + 1)) - 1;
  return monthsRange(from.year, firstMonth, lastMonth);
}

const SEASONS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 14] };
const QUARTERS: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, final: 4, last: 4 };

/** Blank out matched text so later passes do not read it again (offsets stay). */
function mask(text: string, start: number, end: number): string {
  return text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
}

interface PatternRule {
  pattern: RegExp;
  build: (match: RegExpExecArray, today: string) => Omit<Mention, "start" | "end"> | undefined;
}

function yearMention(forYear: (year: number) => DateRange, yearText: string | undefined): Omit<Mention, "start" | "end"> {
  return yearText ? { forYear, year: Number(yearText) } : { forYear };
}

function fixedMention(fixed: DateRange): Omit<Mention, "start" | "end"> {
  return { forYear: () => fixed, fixed };
}

/**
 * Periods counted from today, and parts of months. chrono reads these as single
 * days ("last week", "the end of June"), so they run before it.
 */
function relativeRules(): PatternRule[] {
  return [
    // "early May 2024", "mid-March", "the end of June 2022"
    {
      pattern: new RegExp(String.raw`\b${PART}[\s-]+${MONTH}(?:,?\s+(?:of\s+)?${YEAR_ALONE})?(?![\w])`, "giu"),
      build: (m) => {
        const month = monthNumber(m[2]!);
        return yearMention((year) => partOf(monthRange(year, month), m[1]), m[3]);
      },
    },
    // "yesterday", "today", "the day before yesterday"
    {
      pattern: /\b(the day before yesterday|yesterday|today|tonight|this morning)\b/giu,
      build: (m, today) => {
        const day = /before/iu.test(m[1]!) ? addDays(today, -2) : /yesterday/iu.test(m[1]!) ? addDays(today, -1) : today;
        return fixedMention({ from: day, to: day });
      },
    },
    // "past two weeks", "last 3 months", "in the last few days"
    {
      pattern: new RegExp(String.raw`\b(?:the\s+)?(?:past|last|previous|recent)\s+${COUNT}\s+(days?|weeks?|months?|years?)\b`, "giu"),
      build: (m, today) => {
        const n = count(m[1]!);
        const unit = m[2]!.toLowerCase();
        const from = unit.startsWith("day") ? addDays(today, -n) : unit.startsWith("week") ? addDays(today, -7 * n) : unit.startsWith("month") ? addMonths(today, -n) : addMonths(today, -12 * n);
        return fixedMention({ from, to: today });
      },
    },
    // "three weeks ago", "a month ago", "2 years ago"
    {
      pattern: new RegExp(String.raw`\b${COUNT}\s+(days?|weeks?|months?|years?)\s+ago\b`, "giu"),
      build: (m, today) => {
        const n = count(m[1]!);
        const unit = m[2]!.toLowerCase();
        if (unit.startsWith("day")) return fixedMention({ from: addDays(today, -n), to: addDays(today, -n) });
        if (unit.startsWith("week")) {
          const monday = mondayOf(addDays(today, -7 * n));
          return fixedMention({ from: monday, to: addDays(monday, 6) });
        }
        if (unit.startsWith("month")) {
          const p = parts(addMonths(today, -n));
          return fixedMention(monthRange(p.year, p.month));
        }
        return fixedMention(monthsRange(parts(today).year - n, 1, 12));
      },
    },
    // "early last year", "late this year"
    {
      pattern: new RegExp(String.raw`\b${PART}[\s-]+(last|this|previous|next|past)\s+year\b`, "giu"),
      build: (m, today) => {
        const which = m[2]!.toLowerCase();
        const year = parts(today).year + (which === "this" ? 0 : which === "next" ? 1 : -1);
        return fixedMention(partOf(monthsRange(year, 1, 12), m[1]));
      },
    },
    // "last week", "this month", "the past year", "last weekend", "last quarter"
    {
      pattern: /\b(?:the\s+)?(last|this|previous|past|next|current)\s+(weekend|week|month|year|quarter)\b/giu,
      build: (m, today) => {
        const which = m[1]!.toLowerCase();
        const unit = m[2]!.toLowerCase();
        const offset = which === "this" || which === "current" ? 0 : which === "next" ? 1 : -1;
        let fixed: DateRange;
        if (which === "past" && unit !== "weekend") {
          // "the past week/month/year" counts back from today.
          const from = unit === "week" ? addDays(today, -7) : unit === "month" ? addMonths(today, -1) : unit === "quarter" ? addMonths(today, -3) : addMonths(today, -12);
          fixed = { from, to: today };
        } else if (unit === "week" || unit === "weekend") {
          const monday = addDays(mondayOf(today), 7 * offset);
          fixed = unit === "weekend" ? { from: addDays(monday, 5), to: addDays(monday, 6) } : { from: monday, to: addDays(monday, 6) };
        } else if (unit === "month") {
          const p = parts(addMonths(`${today.slice(0, 8)}01`, offset));
          fixed = monthRange(p.year, p.month);
        } else if (unit === "quarter") {
          const p = parts(today);
          const quarter = Math.floor((p.month - 1) / 3) + offset;
          fixed = monthsRange(p.year, quarter * 3 + 1, quarter * 3 + 3);
        } else {
          fixed = monthsRange(parts(today).year + offset, 1, 12);
        }
        if (offset === 0 && fixed.to > today) fixed = { from: fixed.from, to: today };
        return fixedMention(fixed);
      },
    },
    // "last May", "this March"
    {
      pattern: new RegExp(String.raw`\b(last|this|next)\s+${MONTH}(?![\w.]|\s+\d)`, "giu"),
      build: (m, today) => {
        const month = monthNumber(m[2]!);
        const now = parts(today);
        const which = m[1]!.toLowerCase();
        const year = which === "this" ? now.year : which === "next" ? (month > now.month ? now.year : now.year + 1) : month < now.month ? now.year : now.year - 1;
        return fixedMention(monthRange(year, month));
      },
    },
  ];
}

/** Calendar periods that may or may not state their year. */
function calendarRules(): PatternRule[] {
  return [
    // "the spring of 2023", "summer 2022", "early autumn", "in the spring"
    {
      pattern: new RegExp(String.raw`\b(?:${PART}[\s-]+)?(?:the\s+)?(spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?${YEAR_ALONE})?`, "giu"),
      build: (m) => {
        const season = m[2]!.toLowerCase();
        const [first, last] = SEASONS[season]!;
        // "Arab Spring", "the fall of Kabul": a season is a date only with a year, a part or a cue word.
        if (!m[3] && !m[1] && (season === "fall" || !SEASON_CUE.test(m.input.slice(0, m.index)))) return undefined;
        // The winter of a year runs from its December into the next February.
        return yearMention((year) => partOf(monthsRange(year, first, last), m[1]), m[3]);
      },
    },
    // "Q1 2024", "the first quarter of 2023", "H2 2022", "the second half of 2021"
    {
      pattern: new RegExp(String.raw`\b(?:(q[1-4])|(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s+quarter|(h[12])|(?:the\s+)?(first|second|1st|2nd)\s+half)(?:\s+(?:of\s+)?${YEAR_ALONE})?`, "giu"),
      build: (m) => {
        const year = m[5];
        if (m[1] || m[2]) {
          // "last quarter" without a year is relative (handled earlier); "final quarter" needs a year.
          if (!m[1] && !year && /last|final/iu.test(m[2]!)) return undefined;
          const quarter = m[1] ? Number(m[1].slice(1)) : QUARTERS[m[2]!.toLowerCase()]!;
          return yearMention((y) => monthsRange(y, quarter * 3 - 2, quarter * 3), year);
        }
        // Halves only with a year: "the second half of the meeting" is not a date.
        if (!year) return undefined;
        const half = m[3] ? Number(m[3].slice(1)) : /first|1st/iu.test(m[4]!) ? 1 : 2;
        return yearMention((y) => monthsRange(y, half * 6 - 5, half * 6), year);
      },
    },
    // "early 2022", "the end of 2021"
    {
      pattern: new RegExp(String.raw`\b${PART}[\s-]+${YEAR_ALONE}`, "giu"),
      build: (m) => yearMention((year) => partOf(monthsRange(year, 1, 12), m[1]), m[2]),
    },
    // "May 2024", "May of 2024", "May, 2024"
    {
      pattern: new RegExp(String.raw`\b${MONTH},?\s+(?:of\s+)?${YEAR_ALONE}`, "giu"),
      build: (m) => yearMention((year) => monthRange(year, monthNumber(m[1]!)), m[2]),
    },
    // "the 1990s", "the 2010s"
    {
      pattern: /\b(?:the\s+)?((?:19[5-9]|20[0-2])0)'?s\b/giu,
      build: (m) => {
        const decade = Number(m[1]);
        return fixedMention({ from: ymd(decade, 1, 1), to: ymd(decade + 9, 12, 31) });
      },
    },
  ];
}

const RELATIVE_RULES = relativeRules();
const CALENDAR_RULES = calendarRules();

/** A year that is plausible for a question asked today. */
function plausibleYear(year: number, today: string): boolean {
  return year >= 1950 && year <= parts(today).year + 1;
}

function resolveMention(mention: Mention, today: string, year?: number): DateRange {
  if (mention.fixed) return mention.fixed;
  const stated = year ?? mention.year;
  if (stated !== undefined) return mention.forYear(stated);
  // No year: the most recent one that has started by today.
  const current = parts(today).year;
  const range = mention.forYear(current);
  return range.from > today ? mention.forYear(current - 1) : range;
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
      found.push({ ...position, forYear: (year) => ({ from: ymd(year, month, day), to: ymd(year, endMonth, endDay) < ymd(year, month, day) ? ymd(year, month, day) : ymd(year, endMonth, endDay) }) });
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
  for (const m of text.matchAll(new RegExp(String.raw`\b${MONTH}(?=[\s,.?!;:)]|$)`, "giu"))) {
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
export function parseDates(question: string, today: string): DateAnalysis {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(today)) throw new Error(`today must be a date written YYYY-MM-DD, not ${JSON.stringify(today)}`);
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
  for (const mention of chronoMentions(text, today)) {
    raw.push(mention);
    text = mask(text, mention.start, mention.end);
  }
  applyRules(CALENDAR_RULES);
  raw.push(...bareMentions(text, original, today));
  raw.sort((a, b) => a.start - b.start);

  const mentions: DateMention[] = [];
  for (let i = 0; i < raw.length; i++) {
    const current = raw[i]!;
    const next = raw[i + 1];
    const before = original.slice(0, current.start);
    const join = next ? original.slice(current.end, next.start) : "";
    // "between March and May 2022", "from 2021 to 2023", "2021-2023" (but not "in 2022 and 2023").
    if (next && RANGE_JOIN.test(join) && (RANGE_OPEN.test(before) || !/^\s*and\s*$/iu.test(join))) {
      const year = current.year ?? (current.fixed ? undefined : next.year);
      let first = resolveMention(current, today, year);
      const second = resolveMention(next, today);
      if (first.from > second.to && current.year === undefined && !current.fixed) first = resolveMention(current, today, parts(second.from).year - 1);
      const startAt = RANGE_OPEN.exec(before)?.index ?? current.start;
      mentions.push({ text: original.slice(startAt, next.end).trim(), start: startAt, end: next.end, range: { from: first.from, to: second.to } });
      i++;
      continue;
    }
    let range = resolveMention(current, today);
    let start = current.start;
    const modifier = current.closed ? undefined : MODIFIERS.find(([pattern]) => pattern.test(before));
    if (modifier) {
      start = modifier[0].exec(before)!.index;
      if (modifier[1] === "since") range = { from: range.from, to: today };
      else if (modifier[1] === "after") range = { from: addDays(range.to, 1), to: today };
      else if (modifier[1] === "before") range = { from: OPEN_START, to: addDays(range.from, -1) };
      else range = { from: OPEN_START, to: range.to };
    }
    mentions.push({ text: original.slice(start, current.end).trim(), start, end: current.end, range });
  }

  if (mentions.length === 0) return { mentions };
  let from = mentions[0]!.range.from;
  let to = mentions[0]!.range.to;
  for (const mention of mentions) {
    if (mention.range.from < from) from = mention.range.from;
    if (mention.range.to > to) to = mention.range.to;
  }
  return { range: { from, to }, mentions };
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
