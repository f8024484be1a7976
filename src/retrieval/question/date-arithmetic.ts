/** Day arithmetic on YYYY-MM-DD strings, in UTC: month and multi-month ranges, adding days and months, weeks, thirds of a period. */
import { addDays } from "../../text/calendar.js";
import type { DayRange } from "../../types/index.js";

export function ymd(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthRange(year: number, month: number): DayRange {
  return { from: ymd(year, month, 1), to: ymd(year, month, lastDay(year, month)) };
}

/** Months may run past December ("winter": December to February). */
export function monthsRange(year: number, firstMonth: number, lastMonth: number): DayRange {
  const start = new Date(Date.UTC(year, firstMonth - 1, 1));
  const end = new Date(Date.UTC(year, lastMonth, 0));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

export function addMonths(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  const wanted = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  date.setUTCDate(Math.min(wanted, lastDay(date.getUTCFullYear(), date.getUTCMonth() + 1)));
  return date.toISOString().slice(0, 10);
}

export function parts(day: string): { year: number; month: number; day: number } {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

/** Monday of the week a day falls in. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The early, middle or late third of a range: of a month, days 1-10, 11-20 and
 * 21 to the end; of a longer period, its months in thirds (early 2022 is January
 * to April, late 2022 September to December).
 */
export function partOf(range: DayRange, part: string | undefined): DayRange {
  if (!part) return range;
  const p = part.toLowerCase();
  const which = /early|beginning|start/u.test(p) ? 0 : /mid|middle/u.test(p) ? 1 : 2;
  const from = parts(range.from);
  const to = parts(range.to);
  const months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
  if (months <= 1) {
    const bounds: [number, number][] = [
      [1, 10],
      [11, 20],
      [21, to.day],
    ];
    const [first, last] = bounds[which]!;
    return { from: ymd(from.year, from.month, first), to: ymd(from.year, from.month, last) };
  }
  const size = months / 3;
  const firstMonth = from.month + Math.round(size * which);
  const lastMonth = from.month + Math.round(size * (which + 1)) - 1;
  return monthsRange(from.year, firstMonth, lastMonth);
}
