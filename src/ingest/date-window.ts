/**
 * Plausible dates: an article dated 3024 or 1800 is a typo or a parsing
 * accident, and would answer every "last meeting" question. Dates outside the
 * configured window are dropped from the article (it is still indexed, its
 * date unknown) and reported.
 */
import type { IngestConfig } from "../config.js";
import { addDays } from "../text/calendar.js";
import type { ArticleMeta } from "../types/index.js";

export type DateWindow = IngestConfig["dates"];

/** A day after `now` (UTC), YYYY-MM-DD: the latest date an article can carry when nothing else is set (a day's margin for time zones). */
export function defaultLatestDate(now: Date = new Date()): string {
  return addDays(now.toISOString().slice(0, 10), 1);
}

const FIELDS = [
  ["publishedDate", "publication date"],
  ["eventDate", "meeting date"],
] as const;

/** The metadata with implausible dates removed, and one line for each date removed. */
export function withPlausibleDates(meta: ArticleMeta, window: DateWindow, now?: Date): { meta: ArticleMeta; notices: string[] } {
  const until = window.until ?? defaultLatestDate(now);
  const notices: string[] = [];
  let checked = meta;
  for (const [field, name] of FIELDS) {
    const date = meta[field];
    // Dates are written YYYY-MM-DD, so they compare as text.
    if (date === undefined || (date >= window.from && date <= until)) continue;
    notices.push(`${name} ${date} is outside the plausible dates ${window.from} to ${until} (READOUT_DATES_FROM, READOUT_DATES_UNTIL); not used`);
    checked = { ...checked };
    delete checked[field];
  }
  return { meta: checked, notices };
}
