/**
 * Cleaning: from a loader's raw body to the article's own paragraphs, as sentences
 * a person can read. Each rule is a small exported function, applied in order by
 * `cleanBody`:
 *
 * 1. characters: line endings, BOM, zero-width and odd spaces (NBSP, thin, ideographic)
 * 2. markup: inline HTML formatting tags (`<sup>31</sup>st` → `31st`; a tag that is not
 *    formatting, such as a `<script>` the article talks about, stays as text), HTML
 *    entities, Markdown escapes (`\_`, `\*`, `\#`), emphasis, links, images, headings
 * 3. page chrome lines: font-size widgets (`date 2024-05-16 + ↺ − 16 px`), Share / Print /
 *    Subscribe / Advertisement, cookie notices, breadcrumbs at the top, `###` end markers
 * 4. paragraphs: blank lines separate them; hard-wrapped lines inside one are joined
 * 5. bullet lists: a list whose items are all short (≤ 25 words) becomes ONE paragraph,
 *    together with the lead-in line that introduces it ("Participants included: A; B; C."),
 *    items separated by "; "; a list with a long item keeps each item as its own
 *    paragraph (and the lead-in as its own), so no paragraph becomes a wall of text
 * 6. separators: `x x x` (and `* * *`) between two speeches become a paragraph break
 * 7. text repairs: sentences glued after a full stop (`matters.The` → `matters. The`, not
 *    `U.S.`, `3.5`, `e.g.` or URLs), glued commas (`meeting,said`), the lost-speaker
 *    artefact `said:-` → `said: `, runs of spaces.
 *
 * The rules of each step live in clean/ (characters, markup, chrome, paragraphs, repairs);
 * this module runs them in order and re-exports them.
 */
import { isBreadcrumbLine, isChromeLine, isTrailingChromeLine } from "./clean/chrome.js";
import { normaliseCharacters } from "./clean/characters.js";
import { decodeEntities, protectEscapes, stripHtmlBlocks, stripInlineTags, stripMarkdownInline, unescapeMarkdown } from "./clean/markup.js";
import { linesToBlocks, type CleanBlock } from "./clean/paragraphs.js";
import { repairText, splitAtSeparators } from "./clean/repairs.js";

export { normaliseCharacters } from "./clean/characters.js";
export { decodeEntities, stripHtmlBlocks, stripInlineTags, stripMarkdownInline, unescapeMarkdown } from "./clean/markup.js";
export { chromeLineDate, isBreadcrumbLine, isChromeLine, isTrailingChromeLine } from "./clean/chrome.js";
export { SHORT_ITEM_WORDS, linesToParagraphs, type CleanBlock } from "./clean/paragraphs.js";
export { collapseSpaces, repairGluedCommas, repairGluedSentences, repairSaidArtefact, repairText, splitAtSeparators } from "./clean/repairs.js";

export interface CleanOptions {
  /** Markdown syntax is interpreted (escapes are always undone). Default true. */
  markdown?: boolean;
  /**
   * The body may carry raw HTML (Markdown does): formatting tags are removed and HTML blocks
   * (tables, figures, divs) turned into text. Off for plain text and text already taken out of
   * HTML, where "<b>" is something the article says. Default: the value of `markdown`.
   */
  inlineHtml?: boolean;
  /** Decode HTML entities (off for text already taken out of an HTML document). Default true. */
  entities?: boolean;
  /** The article's title: a first paragraph that repeats it is dropped. */
  title?: string;
}

function sameText(a: string, b: string): boolean {
  const fold = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  return fold(a) === fold(b);
}

/** Most lines a page puts after an article (menus, link lists, share and copyright lines). */
const MAX_FOOTER_LINES = 12;

/**
 * Index of the first line of the run of page lines that ends a scraped page: from the bottom,
 * lines that are menus, link lists or chrome, up to the first line of the article, which
 * always stays.
 * Menus after the article are a scraped page's; in Markdown such a line is more likely a table row.
 */
function trailingMenuStart(lines: readonly string[]): number {
  let start = lines.length;
  let content = 0;
  for (const line of lines) if (line.trim()) content++;
  let seen = 0;
  for (let index = lines.length - 1; index >= 0 && seen < MAX_FOOTER_LINES; index--) {
    const trimmed = lines[index]!.trim();
    if (!trimmed) continue;
    if (!(isChromeLine(trimmed) || isTrailingChromeLine(trimmed) || isBreadcrumbLine(trimmed))) break;
    if (content - seen - 1 < 1) break;
    seen++;
    start = index;
  }
  return start;
}

/** Raw body → the article's own paragraphs, cleaned. */
export function cleanBody(body: string, options: CleanOptions = {}): string[] {
  return cleanBlocks(body, options).map((block) => block.text);
}

/** Raw body → the article's own paragraphs, cleaned, each marked when the author wrote it as a heading. */
export function cleanBlocks(body: string, options: CleanOptions = {}): CleanBlock[] {
  const markdown = options.markdown !== false;
  let text = normaliseCharacters(body);
  if (options.inlineHtml ?? markdown) text = stripInlineTags(stripHtmlBlocks(text));
  if (options.entities !== false) text = decodeEntities(text);
  text = normaliseCharacters(text);

  const lines = text.split("\n");
  // Page furniture after the article: the run of menu and link lines that ends the page.
  const footerFrom = markdown ? lines.length : trailingMenuStart(lines);
  let contentLinesSeen = 0;
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const trimmed = line.trim();
    const chrome =
      trimmed.length > 0 &&
      (isChromeLine(trimmed) ||
        (contentLinesSeen < 4 && isBreadcrumbLine(trimmed)) ||
        // Menus after the article are a scraped page's; in Markdown such a line is more likely a table row.
        (index >= footerFrom && (isTrailingChromeLine(trimmed) || isBreadcrumbLine(trimmed))) ||
        /^(?:read more|related|most read|see also|also read)\s*:/i.test(trimmed));
    if (!trimmed || chrome) {
      kept.push("");
      continue;
    }
    contentLinesSeen++;
    kept.push(line);
  }

  // Inline Markdown is undone per paragraph, after hard-wrapped lines are joined (a link may span lines).
  const paragraphs = linesToBlocks(kept, markdown).flatMap(({ text, heading }) =>
    splitAtSeparators(
      unescapeMarkdown(markdown ? protectEscapes(stripMarkdownInline, text) : text)
        .replace(/\s*\\?#{3}\s*$/, "")
        .replace(/\s*\\$/, ""),
    )
      .map(repairText)
      .filter((paragraph) => /[\p{L}\p{N}]/u.test(paragraph))
      .map((paragraph) => ({ text: paragraph, heading })),
  );
  if (options.title && paragraphs.length > 1 && sameText(paragraphs[0]!.text, options.title)) paragraphs.shift();
  return paragraphs;
}
