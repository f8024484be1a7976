/**
 * Cleaning, step 3: page chrome lines. Font-size widgets (`date 2024-05-16 + ↺ − 16 px`), Share /
 * Print / Subscribe / Advertisement, cookie notices, breadcrumbs and menus, `###` end markers, and
 * the link lists pages put after an article.
 */
import { unescapeMarkdown } from "./markup.js";

const CHROME_EXACT = new Set(
  [
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this page",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share on linkedin",
    "share on whatsapp",
    "share via email",
    "tweet",
    "email",
    "print",
    "print this page",
    "print this article",
    "subscribe",
    "subscribe now",
    "subscribe to our newsletter",
    "sign up",
    "sign up for our newsletter",
    "newsletter",
    "advertisement",
    "advertising",
    "sponsored",
    "ad",
    "sponsored content",
    "read more",
    "read more:",
    "related",
    "related articles",
    "related stories",
    "related news",
    "more from this section",
    "most read",
    "most popular",
    "trending",
    "skip to content",
    "skip to main content",
    "back to top",
    "loading",
    "loading...",
    "menu",
    "search",
    "home",
    "comments",
    "leave a comment",
    "listen",
    "listen to this article",
    "follow us",
    "copy link",
    "link copied",
    "accept",
    "accept all",
    "accept cookies",
    "accept all cookies",
    "reject all",
    "manage cookies",
    "cookie settings",
    "close",
    "×",
    "font size",
    "a+ a-",
    "a a a",
    "text size",
    "continue reading the main story",
    "continue reading",
    "keep reading",
    "photo",
    "image",
    "video",
    "###",
    "# # #",
    "-30-",
    "- 30 -",
    "end",
    "***",
    "* * *",
    "—",
    "–",
  ].map((line) => line.toLowerCase()),
);

const CHROME_PATTERNS: RegExp[] = [
  // Font-size widgets: "date 2024-05-16 + ↺ − 16 px", "A- A+ 16px".
  /[↺⟲]|(?:^|\s)[+−-]\s*\d{1,2}\s*px\b|\b\d{1,2}\s*px\s*[+−-](?:\s|$)/i,
  /^(?:\S+\s+){0,6}\d{1,2}\s?px(?:\s+\S+){0,3}$/i,
  /^share (?:on|via|this)\b.{0,40}$/i,
  /^(?:follow|like) us on\b.{0,60}$/i,
  /^(?:share|print|email|tweet)(?:\s*[|•·/]\s*(?:share|print|email|tweet|facebook|twitter|linkedin|whatsapp|x|copy link))+$/i,
  /\bcookies?\b.{0,200}\b(?:accept|consent|agree|privacy|policy|settings|preferences)\b/i,
  /^(?:©|copyright\b|\(c\)\s*\d{4}).{0,150}$/i,
  /^all rights reserved\.?$/i,
  /^(?:photo|image|video)(?: credit)?:.{0,120}$/i,
  /^(?:click|tap) here\b.{0,80}$/i,
  /^(?:advertisement|sponsored)\b.{0,40}$/i,
];

/** Does this whole line belong to the page around the article rather than the article? */
export function isChromeLine(line: string): boolean {
  const trimmed = unescapeMarkdown(line.trim());
  if (trimmed.length === 0) return false;
  if (CHROME_EXACT.has(trimmed.toLowerCase())) return true;
  if (/^\\?#{3,}$/.test(trimmed) || /^(?:[-_*=]\s*){3,}$/.test(trimmed)) return true;
  if (trimmed.length > 300) return false;
  return CHROME_PATTERNS.some((pattern) => pattern.test(trimmed));
}

/**
 * A breadcrumb, site-section or menu line: "Site - News - Politics", "World News > Asia-Pacific",
 * "THE HERALD · Politics · Europe", "Accessibility | Cookies | Contact".
 */
export function isBreadcrumbLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 160 || /[.!?]$/.test(trimmed)) return false;
  const shortParts = (parts: string[]) => parts.every((part) => part.trim().length > 0 && part.trim().split(/\s+/).length <= 6);
  const arrows = trimmed.split(/\s+[>»›]\s+/);
  if (arrows.length >= 2 && shortParts(arrows)) return true;
  for (const separator of [/\s+[|/·•]\s+/, /\s+[-–—]\s+/]) {
    const parts = trimmed.split(separator);
    if (parts.length >= 3 && shortParts(parts) && !isTableRow(parts)) return true;
  }
  return false;
}

/** Cells of a table row, not a menu: one of them is a figure ("Texas | 4,720 | 1,264"). */
function isTableRow(parts: readonly string[]): boolean {
  return parts.some((part) => /^(?:[-+$€£¥]?\s*\d[\d.,:/-]*\s*%?|n\/a)$/i.test(part.trim()));
}

/** Links to other stories and menus that pages put after the article: "Read more: A | B", "Tags: ...", "Comments (14)". */
export function isTrailingChromeLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length > 240) return false;
  if (
    /^(?:read more|related(?: articles| stories| news| content)?|most read|most popular|see also|also read|recommended|trending|more from [\w ]{1,30}|more stories|you may also like|tags|keywords|topics|filed under)\s*:/i.test(
      trimmed,
    )
  )
    return true;
  if (/^comments?\s*\(\d+\)/i.test(trimmed)) return true;
  // A menu of short items: "Opinion: Why it matters | Weather: a mild week ahead".
  const parts = trimmed.split(/\s+[|·•]\s+/);
  return parts.length >= 2 && !/[.!?]$/.test(trimmed) && parts.every((part) => part.split(/\s+/).length <= 8) && !isTableRow(parts);
}

/** The date shown on a chrome line, if any ("date 2024-05-16 + ↺ − 16 px" → 2024-05-16). */
export function chromeLineDate(line: string): string | undefined {
  return /\b(\d{4}-\d{2}-\d{2})\b/.exec(line)?.[1];
}
