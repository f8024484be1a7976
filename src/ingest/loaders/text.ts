/**
 * Plain text, typically a scraped page: page chrome and breadcrumbs may come first,
 * then maybe a title line, maybe a "URL:"/"Date:" line, then the article. A title is
 * taken only when the first content line looks like one (short, no closing full stop,
 * followed by a blank line); otherwise the article has none here and gets one later. A
 * site name or section label above the headline ("WORLD NEWS", "Politics") is not the
 * title: when another title-like line follows it, that line is.
 */
import { chromeLineDate, isBreadcrumbLine, isChromeLine, normaliseCharacters, unescapeMarkdown } from "../clean.js";
import { normaliseDate } from "../../text/calendar.js";
import { furnitureKind } from "../furniture.js";
import type { RawDocument } from "../types.js";

const HEADER_LINES = 12;
const URL_LINE = /^(?:(?:source|url|link|original|canonical)(?:\s+url)?\s*:\s*)?<?(https?:\/\/\S+?)>?$/i;
const DATE_LINE = /^(?:date|published(?:\s+on)?|posted(?:\s+on)?|updated|dateline)\s*:?\s*(.{4,60})$/i;
const TITLE_LINE = /^(?:title|headline)\s*:\s*(.+)$/i;
const TAGS_LINE = /^(?:tags|keywords)\s*:\s*(.+)$/i;
const MAX_TITLE_WORDS = 22;

function looksLikeTitle(line: string, next: string | undefined): boolean {
  const words = line.split(/\s+/).length;
  if (words > MAX_TITLE_WORDS || line.length > 200) return false;
  if (/[.,;:]$/.test(line) && !/\b(?:Jr|Sr|U\.S|Inc|Ltd)\.$/.test(line)) return false;
  return next === undefined || next.trim() === "" || words <= 12;
}

/** A line a page prints above the headline: "WORLD NEWS", "THE VEYRA HERALD", "Politics". */
function isLabel(line: string): boolean {
  const kind = furnitureKind(line, "top");
  if (kind === "label" || kind === "menu") return true;
  return !/\p{Ll}/u.test(line) && line.split(/\s+/).length <= 6;
}

export function loadText(text: string, id: string): RawDocument {
  const lines = normaliseCharacters(text).split("\n");
  let title: string | undefined;
  let publishedDate: string | undefined;
  let sourceUrl: string | undefined;
  let tags: string[] = [];
  const consumed = new Set<number>();

  let index = 0;
  let headerSeen = 0;
  for (; index < lines.length && headerSeen < HEADER_LINES; index++) {
    const line = unescapeMarkdown(lines[index]!.trim());
    if (!line) continue;
    headerSeen++;
    if (isChromeLine(line)) {
      publishedDate ??= normaliseDate(chromeLineDate(line));
      consumed.add(index);
      continue;
    }
    if (!title && isBreadcrumbLine(line)) {
      consumed.add(index);
      continue;
    }
    const url = URL_LINE.exec(line);
    if (url) {
      sourceUrl ??= url[1];
      consumed.add(index);
      continue;
    }
    const dateLine = DATE_LINE.exec(line);
    if (dateLine && normaliseDate(dateLine[1]!.trim())) {
      publishedDate ??= normaliseDate(dateLine[1]!.trim());
      consumed.add(index);
      continue;
    }
    const titleLine = TITLE_LINE.exec(line);
    if (titleLine && !title) {
      title = titleLine[1]!.trim();
      consumed.add(index);
      continue;
    }
    const tagsLine = TAGS_LINE.exec(line);
    if (tagsLine) {
      tags = tagsLine[1]!
        .split(/[,;]/)
        .map((tag) => tag.trim())
        .filter(Boolean);
      consumed.add(index);
      continue;
    }
    // A bare date on its own line ("May 16, 2024").
    if (line.length <= 40 && normaliseDate(line) && !/[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}/i.test(line)) {
      publishedDate ??= normaliseDate(line);
      consumed.add(index);
      continue;
    }
    // A site name or section label above the headline looks like a title too: the headline is the later line.
    if ((!title || isLabel(title)) && looksLikeTitle(line, lines[index + 1])) {
      title = line.replace(/^#+\s*/, "");
      consumed.add(index);
      continue;
    }
    // The article has started.
    break;
  }

  // A "Tags:" line among the last lines of the page.
  for (let i = lines.length - 1, seen = 0; i >= index && seen < 6; i--) {
    const line = lines[i]!.trim();
    if (!line) continue;
    seen++;
    const tagsLine = TAGS_LINE.exec(line);
    if (tagsLine && tags.length === 0) {
      const raw = tagsLine[1]!;
      tags = (raw.includes(",") || raw.includes(";") ? raw.split(/[,;]/) : [raw]).map((tag) => tag.trim()).filter(Boolean);
      consumed.add(i);
    }
  }

  const body = lines.filter((_, i) => !consumed.has(i)).join("\n");
  return {
    id,
    format: "text",
    body,
    tags,
    ...(title ? { title } : {}),
    ...(publishedDate ? { publishedDate } : {}),
    ...(sourceUrl ? { sourceUrl } : {}),
  };
}
