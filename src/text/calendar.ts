/**
 * Calendar days written YYYY-MM-DD: checking them, normalising what files state, and the small
 * amount of day arithmetic that date resolution needs. Dates are calendar days, never instants,
 * so no time zone can shift them.
 */
import * as chrono from "chrono-node";

/** Whether the text is a real day written YYYY-MM-DD ("2024-02-29" is, "2024-13-45" and "2023-02-29" are not). */
export function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?=$|[T\s])/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

export function formatDay(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * A publication date from whatever a file holds: "2024-05-16", "2022-11-13 10:29:07-05:00"
 * (the day as written, in the publisher's zone), a YAML date (midnight UTC), epoch
 * seconds or milliseconds, or prose such as "May 16, 2024" / "16 May 2024".
 */
export function normaliseDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return formatDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    const ms = value < 1e11 ? value * 1000 : value;
    return normaliseDate(new Date(ms));
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 100) return undefined;
  const iso = ISO_DAY.exec(text);
  if (iso) return formatDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return formatDay(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  const parsed = chrono.strict.parse(text, new Date(Date.UTC(2000, 0, 1)))[0];
  if (!parsed?.start.isCertain("day") || !parsed.start.isCertain("month") || !parsed.start.isCertain("year")) return undefined;
  return formatDay(parsed.start.get("year")!, parsed.start.get("month")!, parsed.start.get("day")!);
}

function toUtc(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

function fromUtc(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** `day` plus `n` days (n may be negative). */
export function addDays(day: string, n: number): string {
  const date = toUtc(day);
  date.setUTCDate(date.getUTCDate() + n);
  return fromUtc(date);
}

/** The same day `n` years later (earlier when negative); February 29 becomes the 28th in other years. */
export function addYears(day: string, n: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return formatDay(year + n, month, date) ?? `${pad(year + n, 4)}-${pad(month)}-${pad(date - 1)}`;
}

/** A range of days `n` years later (earlier when negative): a range that ends a month ends that month then ("February" keeps its 29th). */
export function addYearsToRange<Range extends { from: string; to: string }>(range: Range, n: number): Range {
  const [year, month, day] = range.to.split("-").map(Number) as [number, number, number];
  const endsMonth = formatDay(year, month, day + 1) === undefined;
  const lastDay = new Date(Date.UTC(year + n, month, 0)).getUTCDate();
  const to = endsMonth ? `${pad(year + n, 4)}-${pad(month)}-${pad(lastDay)}` : addYears(range.to, n);
  return { ...range, from: addYears(range.from, n), to };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return toUtc(day).getUTCDay();
}

/** The most recent day on or before `day` that falls on `weekday` (0 = Sunday). */
export function latestWeekdayOnOrBefore(day: string, weekday: number): string {
  const back = (weekdayOf(day) - weekday + 7) % 7;
  return addDays(day, -back);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

/** A Date at noon UTC of the day, as a reference instant for chrono. */
export function noonOf(day: string): Date {
  const date = toUtc(day);
  date.setUTCHours(12);
  return date;
}
