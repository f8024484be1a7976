/**
 * Where a meeting on the margins of a summit took place when its readout names
 * only the summit: "met … on the margins of the G20 Summit" (no city) took place
 * where the readouts of the same summit, within a few days, say it was ("the G20
 * Summit in Bali"). Worked out once over the index's articles.
 */
import { foldWord } from "../../text/fold.js";
import type { StoredArticle } from "../../store/types.js";

/** A summit's readouts fall within this many days of each other. */
const SUMMIT_DAYS = 3;

const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}\p{N}’'-]*|\p{N}+\p{L}*|\(\p{Lu}+\))`;
const NAME_RUN = String.raw`${NAME_WORD}(?:\s+(?:${NAME_WORD}|of|the|and|for|on))*`;

/** "on the margins of the Asia-Pacific Economic Cooperation (APEC) Leaders Meeting", "on the sidelines of the G20". */
const SIDE_MEETING = new RegExp(String.raw`\b(?:margins|sidelines|side)\s+of\s+(?:the\s+)?(${NAME_RUN})`, "gu");

/** A summit named anywhere: "the G20 Summit", "the NATO Leaders Meeting". */
const EVENT_NAME = new RegExp(String.raw`(${NAME_RUN}\s+(?:Summit|Meeting|Assembly|Conference|Forum|Retreat|Dialogue))\b`, "gu");

/** Words every summit's name has; the rest of the name tells summits apart. */
const GENERIC_EVENT_WORDS = new Set(["summit", "leaders", "leader", "meeting", "meetings", "the", "of", "and", "for", "on", "s"]);

/** The words that name one summit: its acronym when the text gives one ("APEC"), else its distinctive words ("g20"). */
function eventKey(name: string): string | undefined {
  const acronym = /\((\p{Lu}{2,})\)/u.exec(name)?.[1];
  if (acronym) return foldWord(acronym);
  const words = name
    .split(/[\s’']+/u)
    .map((word) => foldWord(word))
    .filter((word) => word.length > 0 && !GENERIC_EVENT_WORDS.has(word));
  return words.length > 0 ? words.join(" ") : undefined;
}

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

function articleDate(article: StoredArticle): string | undefined {
  return article.meta.eventDate ?? article.meta.publishedDate;
}

function keysOf(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].flatMap((match) => {
    const key = eventKey(match[1]!.replace(/\s+(?:of|the|and|for|on)$/u, ""));
    return key ? [key] : [];
  });
}

/** The summits an article's opening says its meeting was held beside. */
function sideEvents(article: StoredArticle): string[] {
  return keysOf(article.paragraphs.slice(0, 2).join("\n"), SIDE_MEETING);
}

/** Every summit an article's title and opening name. */
function namedEvents(article: StoredArticle): Set<string> {
  const text = `${article.meta.title}\n${article.paragraphs.slice(0, 2).join("\n")}`;
  return new Set([...keysOf(text, SIDE_MEETING), ...keysOf(text, EVENT_NAME)]);
}

/** Article id → the place of its summit, for the articles without a place of their own that sat beside a summit. */
export function inferEventPlaces(articles: Iterable<StoredArticle>): Map<string, string> {
  const placedByDay = new Map<number, StoredArticle[]>();
  const unplaced: Array<{ article: StoredArticle; day: number }> = [];
  for (const article of articles) {
    const date = articleDate(article);
    if (!date) continue;
    const day = dayNumber(date);
    if (!article.meta.place) unplaced.push({ article, day });
    else if (placedByDay.has(day)) placedByDay.get(day)!.push(article);
    else placedByDay.set(day, [article]);
  }
  // A placed readout is looked at by every side meeting within days of it: read its summits once.
  const eventsOf = new Map<StoredArticle, Set<string>>();
  const eventsNamedBy = (article: StoredArticle) => eventsOf.get(article) ?? eventsOf.set(article, namedEvents(article)).get(article)!;
  const inferred = new Map<string, string>();
  for (const { article, day } of unplaced) {
    for (const key of sideEvents(article)) {
      const votes = new Map<string, number>();
      for (let other = day - SUMMIT_DAYS; other <= day + SUMMIT_DAYS; other++) {
        for (const candidate of placedByDay.get(other) ?? []) {
          if (!eventsNamedBy(candidate).has(key)) continue;
          votes.set(candidate.meta.place!, (votes.get(candidate.meta.place!) ?? 0) + 1);
        }
      }
      const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
      if (best) {
        inferred.set(article.meta.id, best[0]);
        break;
      }
    }
  }
  return inferred;
}
