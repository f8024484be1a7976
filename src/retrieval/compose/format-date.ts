import { MONTH_NAMES } from "../../text/lexicon/index.js";

const MONTHS = MONTH_NAMES.map((name) => name[0]!.toUpperCase() + name.slice(1));

/** "2023-01-13" → "January 13, 2023"; anything else is returned unchanged. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const month = MONTHS[Number(match[2]) - 1];
  return month ? `${month} ${Number(match[3])}, ${match[1]}` : iso;
}

/** Today's date, YYYY-MM-DD, in UTC. */
export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
