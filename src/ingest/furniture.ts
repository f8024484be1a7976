/**
 * Page furniture at the edges of an article: what a page prints above its first paragraph
 * and below its last that is not part of the article, once the text has been cleaned into
 * paragraphs (whatever the format: a scraped page, Readability's output, a record's body).
 *
 * Above: the headline repeated, labels and kickers ("Press release", "World", "5 min read"),
 * datelines and date lines ("Published 14 March 2024", "World desk · June 22, 2023",
 * "VEYRA, 6 June 2024"), bylines ("By Anna Berg | Reuters"), menus.
 * Below: calls to action ("Subscribe to keep reading", "Get the World Brief", "Sign up for
 * our newsletter"), link lists ("Tags: ...", "Related: ...", "Most read: ..."), menus
 * ("Accessibility | Cookies | Contact"), short headings that introduce nothing, credits.
 *
 * The shared rule: furniture is never a sentence. A paragraph that ends like a sentence
 * (".", "!", "?", possibly inside a quote) is always kept, so a real one-sentence paragraph
 * ("Talks continue.") stays; and only a run of such lines at an edge is removed, never one
 * between two paragraphs of the article. At least one paragraph always stays.
 */
import * as chrono from "chrono-node";
import { findPlaces } from "../text/gazetteer.js";
import { isBreadcrumbLine, isChromeLine, isTrailingChromeLine, type CleanBlock } from "./clean.js";
import { formatDay } from "../text/calendar.js";
import { SENTENCE_END } from "../text/sentences.js";
import { datelinePlace } from "./metadata/index.js";

export type FurnitureKind = "headline" | "label" | "dateline" | "byline" | "menu" | "links" | "call to action" | "heading";

export interface StrippedArticle {
  /** The article's own paragraphs. */
  paragraphs: string[];
  /** What was removed, top first, with why. */
  removed: Array<{ text: string; kind: FurnitureKind; edge: "top" | "bottom" }>;
  /** The day a dateline above the article gives (YYYY-MM-DD), for the publication date. */
  datelineDate?: string;
  /** The place a dateline above the article gives ("Veyra"). */
  datelinePlace?: string;
}

/** How many lines a page puts around an article at most: a longer run is the article. */
const MAX_TOP = 6;
const MAX_BOTTOM = 8;

const LABEL_MAX_WORDS = 3;
const HEADING_MAX_WORDS = 4;
const DATELINE_MAX_OTHER_WORDS = 3;
const CALL_MAX_WORDS = 10;
const BYLINE_MAX_WORDS = 12;

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
}

export function isSentence(paragraph: string): boolean {
  return SENTENCE_END.test(paragraph.trim());
}

/** "By Anna Berg and Tom Ray | Reuters", "Reporting by Anna Berg; Editing by Tom Ray". */
const BYLINE = /^(?:(?:written|words|reporting|story|text|photos?|editing|additional reporting)\s+)?by\s+\p{Lu}/iu;

function isByline(text: string): boolean {
  if (!BYLINE.test(text) || words(text).length > BYLINE_MAX_WORDS) return false;
  // Names, connectors and outlet names: every word after "by" capitalised, or a connector.
  const rest = text.replace(BYLINE, (match) => match.slice(-1));
  return words(rest).every((word) => /^[\p{Lu}\p{N}]/u.test(word) || /^(?:and|in|for|of|the|de|van|von|al|bin|editing|by|reporting)$/i.test(word));
}

/** The words a date line adds to its date: "Published", "Updated", "on", "at", time zones. */
const DATE_LINE_WORDS =
  /^(?:published|posted|updated|last|first|modified|issued|released|filed|date|dated|dateline|on|at|am|pm|a\.m\.|p\.m\.|[A-Z]{1,4}T|GMT|UTC|CET|CEST|BST|IST|JST|KST)$/i;

/** A day (with month and year when it has them) written in a short line, and what is left around it. */
function dateInLine(text: string): { day?: string; otherWords: string[] } | undefined {
  if (!/\d/.test(text) || /https?:|www\./i.test(text)) return undefined;
  const results = chrono
    .parse(text, new Date(Date.UTC(2000, 0, 1)))
    .filter((result) => result.start.isCertain("month") || /\d{4}-\d{2}-\d{2}/.test(result.text));
  if (results.length === 0) return undefined;
  let rest = text;
  let day: string | undefined;
  for (const result of results) {
    rest = rest.replace(result.text, " ");
    const start = result.start;
    if (!day && start.isCertain("day") && start.isCertain("year")) day = formatDay(start.get("year")!, start.get("month")!, start.get("day")!);
  }
  // A byline sharing the line: "By Anna Berg · June 22, 2023".
  const otherWords = words(rest.replace(/\s[·|•/–—-]\s/g, "  ").replace(/^\s*by\s+/i, " "))
    .map((word) => word.replace(/[,:;]+$/, ""))
    .filter((word) => !DATE_LINE_WORDS.test(word) && !/^\d{1,2}(?::\d{2})?$/.test(word));
  return { ...(day ? { day } : {}), otherWords };
}

/** Imperatives that pages put under an article. */
const CALL_TO_ACTION =
  /^(?:subscribe|sign (?:up|in)|log ?in|register|get|download|follow|join|read|listen|watch|share|support|donate|become|try|start|create|give|like|comment|explore|discover|see|view|continue|learn|find out|click|tap|send|contact|email|tell us|never miss|don['’]t miss|stay (?:informed|updated|up to date)|unlock|already a (?:subscriber|member))\b/i;

/**
 * Why a paragraph at an edge of the article is page furniture, or undefined when it is part of the
 * article. A heading the author wrote (`heading`) is structure, never a label.
 */
export function furnitureKind(paragraph: string, edge: "top" | "bottom", options: { title?: string; heading?: boolean } = {}): FurnitureKind | undefined {
  const { title, heading = false } = options;
  const text = paragraph.trim();
  if (!text) return "label";
  if (isSentence(text)) return undefined;
  const count = words(text).length;
  if (edge === "top" && title && count <= 30 && startsWithTitle(text, title)) return "headline";
  if (isByline(text)) return "byline";
  const date = count <= 12 ? dateInLine(text) : undefined;
  if (date && date.otherWords.length <= DATELINE_MAX_OTHER_WORDS) return "dateline";
  if (isChromeLine(text)) return edge === "top" ? "label" : "links";
  if (isBreadcrumbLine(text)) return "menu";
  if (isTrailingChromeLine(text)) return edge === "top" && !/:/.test(text) ? "menu" : "links";
  if (edge === "top") {
    if (isPlaceLine(text)) return "dateline";
    // Labels and kickers ("Press release", "World", "5 min read"); a list ("A; B") and the author's headings are content.
    return count <= LABEL_MAX_WORDS && !text.includes(";") && !heading ? "label" : undefined;
  }
  if (CALL_TO_ACTION.test(text) && count <= CALL_MAX_WORDS) return "call to action";
  // A link with a word or two around it ("here: <https://...>", "More at example.org/news").
  if (/https?:\/\/|www\./i.test(text) && words(text.replace(/<?(?:https?:\/\/|www\.)\S+>?/gi, " ")).length <= 3) return "links";
  // The heading of a block of links to other stories ("Related content", "More on this story").
  return count <= HEADING_MAX_WORDS && LINKS_HEADING.test(text) ? "heading" : undefined;
}

/** How pages head the links they put under an article. */
const LINKS_HEADING =
  /^(?:related|more (?:on|from|about|in|news|stories)|most (?:read|popular|viewed|shared)|latest|top stories|trending|popular|recommended|you (?:may|might) also|also (?:read|see)|see also|further reading|other news|in other news|editor['’]s picks|topics|tags|keywords|share|follow)\b/i;

function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function startsWithTitle(text: string, title: string): boolean {
  const key = fold(title);
  return key.length > 0 && fold(text).startsWith(key);
}

/** A line that only names a place: "Poughkeepsie, NY", "Jeddah, Saudi Arabia" (where a speech or report was given). */
function isPlaceLine(text: string): boolean {
  if (words(text).length > 5) return false;
  const mentions = findPlaces(text, { requireCapital: true }).filter((mention) => mention.kind !== "demonym" && mention.kind !== "organisation");
  if (mentions.length === 0 || mentions[0]!.start !== 0) return false;
  const last = mentions[mentions.length - 1]!;
  const tail = text.slice(last.end).trim();
  // "Los Angeles, CA": a state's postal code after the city.
  return tail === "" || /^,?\s*[A-Z]{2}$/.test(tail);
}

/** The day a dateline above the article gives, and the place it was filed from. */
function datelineFacts(text: string): { day?: string; place?: string } {
  const date = dateInLine(text);
  const place = datelinePlace(text) ?? (isPlaceLine(text) ? text.trim() : undefined);
  return { ...(date?.day ? { day: date.day } : {}), ...(place ? { place } : {}) };
}

/**
 * Remove page furniture from both edges of an article's paragraphs. `paragraphs` are cleaned
 * paragraphs, or blocks that say which ones the author wrote as headings.
 */
export function stripPageFurniture(paragraphs: ReadonlyArray<string | CleanBlock>, title?: string): StrippedArticle {
  const kept = paragraphs.map((paragraph) => (typeof paragraph === "string" ? { text: paragraph, heading: false } : paragraph));
  const removed: StrippedArticle["removed"] = [];
  let datelineDate: string | undefined;
  let filedFrom: string | undefined;
  for (let step = 0; step < MAX_TOP && kept.length > 1; step++) {
    const kind = furnitureKind(kept[0]!.text, "top", { ...(title ? { title } : {}), heading: kept[0]!.heading });
    if (!kind) break;
    const { text } = kept.shift()!;
    removed.push({ text, kind, edge: "top" });
    if (kind === "dateline") {
      const facts = datelineFacts(text);
      datelineDate ??= facts.day;
      filedFrom ??= facts.place;
    }
  }
  const bottom: StrippedArticle["removed"] = [];
  for (let step = 0; step < MAX_BOTTOM && kept.length > 1; step++) {
    const kind = furnitureKind(kept[kept.length - 1]!.text, "bottom", { heading: kept[kept.length - 1]!.heading });
    if (!kind) break;
    bottom.unshift({ text: kept.pop()!.text, kind, edge: "bottom" });
  }
  removed.push(...bottom);
  return {
    paragraphs: kept.map((block) => block.text),
    removed,
    ...(datelineDate ? { datelineDate } : {}),
    ...(filedFrom ? { datelinePlace: filedFrom } : {}),
  };
}
