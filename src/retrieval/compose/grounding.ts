/**
 * Does a cited passage back what the sentence states? The citation checker asks
 * this of the one fact a wrong citation most often betrays: a day. A sentence
 * that says "on June 5, 2024" while citing a paragraph of a March meeting, which
 * names no June 5 in its text and whose article is not dated June 5, cites the
 * wrong passage. Days are compared by month and day, and by year when both
 * sides give one; a month alone ("in May 2024") is not checked.
 */
import { MONTH_PATTERN, MONTH_PREFIX_PATTERN } from "../../text/lexicon/index.js";
import type { Passage } from "../types.js";

interface Day {
  month: number;
  day: number;
  year?: number;
}

const MONTH_PREFIXES = MONTH_PREFIX_PATTERN.split("|");
const MONTH = String.raw`(${MONTH_PATTERN})\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*(\d{1,2})(?:st|nd|rd|th)?)?`;
const YEAR = String.raw`(?:,?\s+(\d{4}))?`;
/** "June 5, 2024", "June 5–6", "5 June 2024", "9-10 January 2023", "2024-06-05". */
const DAY_PATTERNS: Array<{ pattern: RegExp; parts: (match: RegExpMatchArray) => [month: string, first: string, last?: string, year?: string] }> = [
  { pattern: new RegExp(String.raw`\b${MONTH}\s+${DAY}\b${YEAR}`, "gi"), parts: (m) => [m[1]!, m[2]!, m[3], m[4]] },
  { pattern: new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${MONTH}${YEAR}`, "gi"), parts: (m) => [m[3]!, m[1]!, m[2], m[4]] },
];
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

function monthNumber(name: string): number {
  return MONTH_PREFIXES.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** The days a text names, each with the words that name it. */
export function daysIn(text: string): Array<{ text: string; days: Day[] }> {
  const found: Array<{ text: string; days: Day[]; at: number }> = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  for (const match of text.matchAll(ISO_DAY)) {
    const day: Day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    if (day.month >= 1 && day.month <= 12 && day.day >= 1 && day.day <= 31) {
      found.push({ text: match[0], days: [day], at: match.index });
      taken.push([match.index, match.index + match[0].length]);
    }
  }
  for (const { pattern, parts } of DAY_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!free(start, end)) continue;
      const [monthName, first, last, year] = parts(match);
      const month = monthNumber(monthName);
      const from = Number(first);
      const to = last ? Number(last) : from;
      if (month < 1 || from < 1 || from > 31 || to < from || to > 31) continue;
      const days: Day[] = [];
      for (let day = from; day <= to; day++) days.push({ month, day, ...(year ? { year: Number(year) } : {}) });
      found.push({ text: match[0], days, at: start });
      taken.push([start, end]);
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ text: words, days }) => ({ text: words, days }));
}

function sameDay(a: Day, b: Day): boolean {
  return a.month === b.month && a.day === b.day && (a.year === undefined || b.year === undefined || a.year === b.year);
}

/** The days a passage backs: those its text names, and its article's meeting and publication dates. */
function passageDays(passage: Passage): Day[] {
  const metadata = [passage.date, passage.eventDate, passage.publishedDate].filter((date): date is string => date !== undefined).join(" ");
  return [...daysIn(passage.text), ...daysIn(metadata)].flatMap(({ days }) => days);
}

/** The days the sentence states that none of its cited passages backs ("June 5, 2024"). */
export function unbackedDays(sentence: string, cited: readonly Passage[]): string[] {
  const stated = daysIn(sentence);
  if (stated.length === 0) return [];
  const backed = cited.flatMap(passageDays);
  return stated.filter(({ days }) => !days.some((day) => backed.some((other) => sameDay(day, other)))).map(({ text }) => text);
}
