/**
 * The calendar day a date written in an article names: a full date in the opening, and a chrono-node
 * result resolved against the publication date ("Thursday", "May 16", "yesterday").
 */
import * as chrono from "chrono-node";
import { addDays, daysBetween, formatDay, latestWeekdayOnOrBefore } from "../../text/calendar.js";
import { EXPLICIT_DATE } from "../../text/lexicon/calendar-words.js";

/** A date with day, month and year stated in the first lines of the text ("WASHINGTON, May 16, 2024 —"). */
export function dateInOpening(paragraphs: readonly string[]): string | undefined {
  const opening = paragraphs.slice(0, 3).join("\n").slice(0, 600);
  for (const result of chrono.strict.parse(opening, new Date(Date.UTC(2000, 0, 1)))) {
    const start = result.start;
    if (start.isCertain("day") && start.isCertain("month") && start.isCertain("year")) {
      return formatDay(start.get("year")!, start.get("month")!, start.get("day")!);
    }
  }
  return undefined;
}

function nearestYear(month: number, day: number, published: string): string | undefined {
  const year = Number(published.slice(0, 4));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidateYear of [year - 1, year, year + 1]) {
    const candidate = formatDay(candidateYear, month, day);
    if (!candidate) continue;
    const distance = Math.abs(daysBetween(published, candidate));
    // On a tie, the past wins: reports are mostly about what happened.
    if (distance < bestDistance || (distance === bestDistance && candidate < published)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The calendar day a chrono result names, resolved against the publication date; undefined when vague. */
export function resolveResult(result: chrono.ParsedResult, published: string | undefined): string | undefined {
  const text = result.text.toLowerCase();
  // "9/11", "7/4": a day written with slashes and no year is usually a name, not a date.
  if (/^\d{1,2}\/\d{1,2}$/.test(text.trim())) return undefined;
  if (published) {
    if (/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/.test(text)) return published;
    if (/\b(?:yesterday|last night)\b/.test(text)) return addDays(published, -1);
    if (/\btomorrow\b/.test(text)) return addDays(published, 1);
  }
  if (!published && (!result.start.isCertain("year") || /\b(?:today|tonight|yesterday|tomorrow|this|last|next)\b/.test(text))) return undefined;
  const tags = [...(result.start.tags?.() ?? [])];
  if (tags.some((tag) => tag.startsWith("result/relativeDate"))) return undefined; // "last week", "two days ago"
  const start = result.start;
  if (start.isCertain("day") && start.isCertain("month")) {
    if (start.isCertain("year")) return formatDay(start.get("year")!, start.get("month")!, start.get("day")!);
    return published ? nearestYear(start.get("month")!, start.get("day")!, published) : undefined;
  }
  if (start.isCertain("weekday") && published) {
    const weekday = start.get("weekday")!;
    if (/\bnext\b/.test(text)) return addDays(latestWeekdayOnOrBefore(published, weekday), 7);
    return latestWeekdayOnOrBefore(published, weekday);
  }
  return undefined;
}

/**
 * A written date that qualifies a noun names another event: "Venezuela’s deeply flawed July 28
 * presidential election", "the November 13, 2022 Phnom Penh Summit", "the planned January 9 protests".
 * It follows a determiner or a possessive (with up to two modifiers) and a noun follows it; "on July 28
 * the leaders met" and "the meeting on July 28" are the meeting's day.
 */
export function isAttributiveDate(sentence: string, result: chrono.ParsedResult): boolean {
  if (!EXPLICIT_DATE.test(result.text)) return false;
  const before = sentence.slice(Math.max(0, result.index - 60), result.index);
  if (!/(?:\b(?:the|a|an|this|that|these|those|its|their|his|her|our)|\p{L}['’]s?)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(before)) return false;
  if (/\b(?:on|in|at|of|for|since|from|until|by|during)\s+(?:the\s+)?$/i.test(before)) return false;
  const after = sentence.slice(result.index + result.text.length);
  return /^,?\s+(?!(?:in|at|on|with|to|for|and|or|but|as|by|from|of|when|while|after|before|during|where|which|who|that|the|a|an|this|his|her|their|its|is|was|were|are)\b)\p{L}/iu.test(
    after,
  );
}
