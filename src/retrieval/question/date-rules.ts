/**
 * The periods chrono-node does not return as ranges, as pattern rules: periods
 * counted from today ("last week", "three weeks ago", "early last year") and
 * calendar periods that may or may not state their year (seasons, quarters,
 * halves, "May 2024", decades).
 */
import type { DayRange } from "../../types/index.js";
import { addDays } from "../../text/calendar.js";
import { addMonths, mondayOf, monthRange, monthsRange, partOf, parts, ymd } from "./date-arithmetic.js";
import { count, COUNT, MONTH, monthNumber, PART, YEAR_ALONE } from "./date-patterns.js";

/** A date the question names before ranges and modifiers are applied. */
export interface Mention {
  start: number;
  end: number;
  /** The range for a given year (for dates written without one). */
  forYear: (year: number) => DayRange;
  /** The year the question states, if any. */
  year?: number;
  /** Fixed range (relative periods and full dates). */
  fixed?: DayRange;
  /** A range with its own end ("3 to 5 March 2023"): "from" before it does not open it. */
  closed?: boolean;
}

export interface PatternRule {
  pattern: RegExp;
  build: (match: RegExpExecArray, today: string) => Omit<Mention, "start" | "end"> | undefined;
}

function yearMention(forYear: (year: number) => DayRange, yearText: string | undefined): Omit<Mention, "start" | "end"> {
  return yearText ? { forYear, year: Number(yearText) } : { forYear };
}

export function fixedMention(fixed: DayRange): Omit<Mention, "start" | "end"> {
  return { forYear: () => fixed, fixed };
}

/**
 * Periods counted from today, and parts of months. chrono reads these as single
 * days ("last week", "the end of June"), so they run before it.
 */
function relativeRules(): PatternRule[] {
  return [
    // "the first week of May 2023", "the last week of June": seven days of a month, not a week counted from today.
    {
      pattern: new RegExp(
        String.raw`\b(?:the\s+)?(first|second|third|fourth|last|final)\s+week\s+of\s+${MONTH}(?:,?\s+(?:of\s+)?${YEAR_ALONE})?(?![\w])`,
        "giu",
      ),
      build: (m) => {
        const which = m[1]!.toLowerCase();
        const month = monthNumber(m[2]!);
        const week = (year: number): DayRange => {
          const days = monthRange(year, month);
          if (which === "last" || which === "final") return { from: addDays(days.to, -6), to: days.to };
          const start = addDays(days.from, 7 * ["first", "second", "third", "fourth"].indexOf(which));
          return { from: start, to: addDays(start, 6) };
        };
        return yearMention(week, m[3]);
      },
    },
    // "the last three months of 2023", "the first two weeks of 2022": a stretch of a year, not counted from today.
    {
      pattern: new RegExp(String.raw`\b(?:the\s+)?(first|last|final)\s+${COUNT}\s+(days?|weeks?|months?)\s+of\s+${YEAR_ALONE}`, "giu"),
      build: (m) => {
        const fromStart = m[1]!.toLowerCase() === "first";
        const n = count(m[2]!);
        const unit = m[3]!.toLowerCase();
        const year = Number(m[4]);
        if (unit.startsWith("month")) {
          if (n < 1 || n > 12) return undefined;
          return fixedMention(fromStart ? monthsRange(year, 1, n) : monthsRange(year, 13 - n, 12));
        }
        const days = unit.startsWith("week") ? 7 * n : n;
        if (days < 1 || days > 366) return undefined;
        return fixedMention(
          fromStart ? { from: ymd(year, 1, 1), to: addDays(ymd(year, 1, 1), days - 1) } : { from: addDays(ymd(year, 12, 31), 1 - days), to: ymd(year, 12, 31) },
        );
      },
    },
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
        const from = unit.startsWith("day")
          ? addDays(today, -n)
          : unit.startsWith("week")
            ? addDays(today, -7 * n)
            : unit.startsWith("month")
              ? addMonths(today, -n)
              : addMonths(today, -12 * n);
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
    // "early last year", "late this year", "since the start of the year"
    {
      pattern: new RegExp(String.raw`\b${PART}[\s-]+(last|this|previous|next|past|the)\s+year\b`, "giu"),
      build: (m, today) => {
        const which = m[2]!.toLowerCase();
        const year = parts(today).year + (which === "this" || which === "the" ? 0 : which === "next" ? 1 : -1);
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
        let fixed: DayRange;
        if (which === "past" && unit !== "weekend") {
          // "the past week/month/year" counts back from today.
          const from =
            unit === "week" ? addDays(today, -7) : unit === "month" ? addMonths(today, -1) : unit === "quarter" ? addMonths(today, -3) : addMonths(today, -12);
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
    // "last summer" (the last one over by today), "this winter", "next spring"
    {
      pattern: /\b(last|this|next|past)\s+(spring|summer|autumn|fall|winter)\b/giu,
      build: (m, today) => {
        const which = m[1]!.toLowerCase();
        const [first, last] = SEASONS[m[2]!.toLowerCase()]!;
        const season = (year: number) => monthsRange(year, first, last);
        let year = parts(today).year;
        if (which === "this") {
          // In January, "this winter" began last December.
          if (first === 12 && parts(today).month <= 2) year -= 1;
        } else if (which === "next") {
          while (season(year).from <= today) year += 1;
        } else {
          while (season(year).to >= today) year -= 1;
        }
        return fixedMention(season(year));
      },
    },
    // "last May", "this March"
    {
      pattern: new RegExp(String.raw`\b(last|this|next)\s+${MONTH}(?![\w.]|\s+\d)`, "giu"),
      build: (m, today) => {
        const month = monthNumber(m[2]!);
        const now = parts(today);
        const which = m[1]!.toLowerCase();
        const year =
          which === "this" ? now.year : which === "next" ? (month > now.month ? now.year : now.year + 1) : month < now.month ? now.year : now.year - 1;
        return fixedMention(monthRange(year, month));
      },
    },
  ];
}

const SEASONS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 14] };
const QUARTERS: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, final: 4, last: 4 };
const SEASON_CUE = /\b(?:in|during|since|until|before|after|from|between|over|throughout|this|last|next|past)\s+(?:the\s+)?$/iu;

/** Calendar periods that may or may not state their year. */
function calendarRules(): PatternRule[] {
  return [
    // "in 2022-23", "the 2022/23 season": both years.
    {
      pattern: /(?<![\d,.$£€#/\w])((?:19[5-9]|20\d)\d)[-–/](\d{2})(?![\d%\w])/gu,
      build: (m) => {
        const first = Number(m[1]);
        if (Number(m[2]) !== (first + 1) % 100) return undefined;
        return fixedMention(monthsRange(first, 1, 24));
      },
    },
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
      pattern: new RegExp(
        String.raw`\b(?:(q[1-4])|(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s+quarter|(h[12])|(?:the\s+)?(first|second|1st|2nd)\s+half)(?:\s+(?:of\s+)?${YEAR_ALONE})?`,
        "giu",
      ),
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

export const RELATIVE_RULES = relativeRules();
export const CALENDAR_RULES = calendarRules();
