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
 */

// ---- 1. characters ----

const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v\f]/g;
const INVISIBLES = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export function normaliseCharacters(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\u2028\u2029]/g, "\n").replace(INVISIBLES, "").replace(ODD_SPACES, " ");
}

// ---- 2. markup ----

const FORMATTING_TAGS = "a|abbr|b|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var";
const FORMATTING_TAG = new RegExp(`</?(?:${FORMATTING_TAGS})(?:\\s[^<>]{0,3000})?>`, "gi");
const BREAK_TAG = /<br\s*\/?>/gi;
const PARAGRAPH_TAG = /<\/?p(?:\s[^<>]{0,300})?>/gi;

/** Remove inline formatting tags, keeping their text; `<br>` is a line break, `<p>` a paragraph break. */
export function stripInlineTags(text: string): string {
  return text.replace(BREAK_TAG, "\n").replace(PARAGRAPH_TAG, "\n\n").replace(FORMATTING_TAG, "");
}

const ALT_TEXT = /\balt\s*=\s*"([^"]{0,300})"/i;

/**
 * HTML blocks inside Markdown: a table row becomes a line with cells separated by " | ", an
 * image its alt text, block elements paragraph breaks; scripts and styles go with their content.
 */
export function stripHtmlBlocks(text: string): string {
  if (!/<\/?(?:table|colgroup|tr|td|th|thead|tbody|tfoot|figure|figcaption|img|picture|source|div|section|iframe|video|audio|ul|ol|li|h[1-6]|blockquote|script|style|noscript|svg|hr)\b/i.test(text)) {
    return text;
  }
  return text
    .replace(/<(script|style|noscript|svg)\b[^>]*>[\s\S]{0,100000}?<\/\1>/gi, "")
    .replace(/<img\b[^>]{0,20000}>/gi, (tag) => {
      const alt = ALT_TEXT.exec(tag)?.[1]?.trim();
      return alt ? `\n\n${alt}\n\n` : "";
    })
    .replace(/<\/t[dh]>\s*<t[dh]\b[^>]{0,300}>/gi, " | ")
    .replace(/<\/?t[dh]\b[^>]{0,300}>/gi, "")
    .replace(/<\/?(?:colgroup|col|caption)\b[^>]{0,2000}>/gi, " ")
    .replace(/<\/?(?:tr|table|thead|tbody|tfoot|figure|figcaption|picture|div|section|blockquote|ul|ol|h[1-6])\b[^>]{0,2000}>/gi, "\n\n")
    .replace(/<li\b[^>]{0,300}>/gi, "\n- ")
    .replace(/<\/li>/gi, "\n")
    .replace(/<(?:source|iframe|video|audio|embed|object|hr)\b[^>]{0,2000}>(?:<\/(?:iframe|video|audio|object)>)?/gi, "\n\n")
    .replace(/<\/(?:iframe|video|audio|object)>/gi, "");
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ",
  ndash: "–", mdash: "—", hellip: "…", lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", sbquo: "‚", bdquo: "„",
  laquo: "«", raquo: "»", copy: "©", reg: "®", trade: "™", deg: "°", middot: "·", bull: "•", euro: "€",
  pound: "£", yen: "¥", cent: "¢", sect: "§", para: "¶", times: "×", divide: "÷", shy: "", zwj: "", zwnj: "",
  eacute: "é", egrave: "è", aacute: "á", agrave: "à", iacute: "í", oacute: "ó", uacute: "ú", ntilde: "ñ",
  ccedil: "ç", uuml: "ü", ouml: "ö", auml: "ä", Eacute: "É", Uuml: "Ü", Ouml: "Ö", Auml: "Ä", szlig: "ß",
};

/** Decode HTML entities: named ones in common use, and every numeric one. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const value = code[1] === "x" || code[1] === "X" ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff) ? String.fromCodePoint(value) : whole;
    }
    return NAMED_ENTITIES[code] ?? NAMED_ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** `\_`, `\*`, `\#`, `\[` ... become the character itself. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|>~<"'$&%])/g, "$1");
}

const ESCAPED = /\\([\\`*_{}[\]()#+\-.!|>~<"'$&%])/g;

/** Run a Markdown transformation with escaped characters (`\*`) hidden from it, then put them back escaped. */
function protectEscapes(transform: (text: string) => string, text: string): string {
  const hidden: string[] = [];
  const masked = text.replace(ESCAPED, (_, ch: string) => {
    hidden.push(ch);
    return `\uE000${hidden.length - 1}\uE001`;
  });
  return transform(masked).replace(/\uE000(\d+)\uE001/g, (_, n: string) => `\\${hidden[Number(n)]}`);
}

/** Links to their text, images dropped (their alt text kept when it says something), emphasis and code marks removed. */
export function stripMarkdownInline(text: string): string {
  return text
    .replace(/!\[([^\]\n]{0,300})\]\([^)\n]{0,2000}\)/g, (_, alt: string) => (alt.trim() ? alt : ""))
    .replace(/\[([^\]\n]{1,500})\]\((?:[^()\s]|\([^()\s]*\)){1,2000}(?:\s+"[^"\n]*")?\)/g, "$1")
    // A link whose address was hard-wrapped (a space inside it after lines are joined).
    .replace(/\[([^\]\n]{1,500})\]\(\s*(?:https?:|mailto:|\/|#)[^()]{0,2000}\)/g, "$1")
    // An address with an unbalanced parenthesis ("...%20(USW,high%2Dquality)"): up to the ")" that ends it.
    .replace(/\[([^\]\n]{1,500})\]\(https?:\/\/\S{1,2000}?\)(?=[\s:;,.!?”"’]|$)/g, "$1")
    .replace(/\[([^\]\n]{1,500})\]\[[^\]\n]{0,100}\]/g, "$1")
    .replace(/\[\]\((?:[^()\s]|\([^()\s]*\)){1,2000}\)/g, "")
    .replace(/(\*\*\*|___)(?=\S)([^\n]{0,1000}?\S)(\s*)\1/g, "$2$3")
    .replace(/(\*\*|__)(?=\S)([^\n]{0,1000}?\S)(\s*)\1/g, "$2$3")
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]{1,1000}?\S)\*(?![\w*])/g, "$1$2")
    .replace(/(^|[^\w])_(?=\S)([^_\n]{1,1000}?\S)_(?!\w)/g, "$1$2")
    .replace(/`([^`\n]{1,500})`/g, "$1")
    .replace(/~~([^~\n]{1,1000})~~/g, "$1")
    // Emphasis marks left without their pair (a span broken by the page): never prose.
    .replace(/\*{2,}/g, "");
}

// ---- 3. page chrome ----

const CHROME_EXACT = new Set(
  [
    "share", "share this", "share this article", "share this story", "share this page", "share on facebook",
    "share on twitter", "share on x", "share on linkedin", "share on whatsapp", "share via email", "tweet", "email",
    "print", "print this page", "print this article", "subscribe", "subscribe now", "subscribe to our newsletter",
    "sign up", "sign up for our newsletter", "newsletter", "advertisement", "advertising", "sponsored", "ad",
    "sponsored content", "read more", "read more:", "related", "related articles", "related stories", "related news",
    "more from this section", "most read", "most popular", "trending", "skip to content", "skip to main content",
    "back to top", "loading", "loading...", "menu", "search", "home", "comments", "leave a comment", "listen",
    "listen to this article", "follow us", "copy link", "link copied", "accept", "accept all", "accept cookies",
    "accept all cookies", "reject all", "manage cookies", "cookie settings", "close", "×", "font size", "a+ a-",
    "a a a", "text size", "continue reading the main story", "continue reading", "keep reading", "photo", "image",
    "video", "###", "# # #", "-30-", "- 30 -", "end", "***", "* * *", "—", "–",
  ].map((line) => line.toLowerCase()),
);

const CHROME_PATTERNS: RegExp[] = [
  // Font-size widgets: "date 2024-05-16 + ↺ − 16 px", "A- A+ 16px".
  /[↺⟲]|(?:^|\s)[+−\-]\s*\d{1,2}\s*px\b|\b\d{1,2}\s*px\s*[+−\-](?:\s|$)/i,
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
  if (/^(?:read more|related(?: articles| stories| news| content)?|most read|most popular|see also|also read|recommended|trending|more from [\w ]{1,30}|more stories|you may also like|tags|keywords|topics|filed under)\s*:/i.test(trimmed)) return true;
  if (/^comments?\s*\(\d+\)/i.test(trimmed)) return true;
  // A menu of short items: "Opinion: Why it matters | Weather: a mild week ahead".
  const parts = trimmed.split(/\s+[|·•]\s+/);
  return parts.length >= 2 && !/[.!?]$/.test(trimmed) && parts.every((part) => part.split(/\s+/).length <= 8) && !isTableRow(parts);
}

/** The date shown on a chrome line, if any ("date 2024-05-16 + ↺ − 16 px" → 2024-05-16). */
export function chromeLineDate(line: string): string | undefined {
  return /\b(\d{4}-\d{2}-\d{2})\b/.exec(line)?.[1];
}

// ---- 6 and 7. separators and text repairs ----

/** Split a paragraph at `x x x` separators (also glued: "for you.x x xsaid"). */
export function splitAtSeparators(paragraph: string): string[] {
  return paragraph
    .split(/(?<![\p{L}\p{N}])x x x|\s\*\s\*\s\*\s/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

const URLISH = /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|mil|io|co|uk|eu|info|news)\b(?:\/\S*)?/gi;

function outsideUrls(text: string, repair: (segment: string) => string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URLISH)) {
    out += repair(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + repair(text.slice(last));
}

/**
 * Put the missing space back after a sentence end: "matters.The heads" → "matters. The heads",
 * "you?We" → "you? We", `said.”The` → `said.” The`. Leaves "U.S.", "3.5", "e.g." and URLs alone.
 */
export function repairGluedSentences(text: string): string {
  return outsideUrls(text, (segment) =>
    segment
      // A lowercase letter, digit, % or closing bracket, then . ! ? and a capitalised word.
      .replace(/([\p{Ll}\d%)\]])([.!?])(?=\p{Lu}[\p{Ll}'’ ])/gu, "$1$2 ")
      // A closing quote after the sentence end.
      .replace(/([.!?][”"’])(?=\p{Lu})/gu, "$1 ")
      // "U.S.The" → "U.S. The" (a dotted acronym followed by a capitalised word).
      .replace(/\b((?:\p{Lu}\.){2,})(?=\p{Lu}\p{Ll}{2,})/gu, "$1 "),
  );
}

/** "meeting,said" → "meeting, said"; "Grigoryevich,Dear" → "Grigoryevich, Dear". Numbers (1,000) stay. */
export function repairGluedCommas(text: string): string {
  return outsideUrls(text, (segment) => segment.replace(/(\p{L})(?<!&[A-Za-z0-9#]{1,10})([,;])(?=\p{L})/gu, "$1$2 "));
}

/** The lost-speaker artefact of scraped speeches: "said:-" / "said :-" → "said: ". */
export function repairSaidArtefact(text: string): string {
  return text.replace(/\b(said|stated|noted|added|says)\s*:\s*[-–—]+\s*/gi, "$1: ");
}

export function collapseSpaces(text: string): string {
  return text.replace(/ {2,}/g, " ").replace(/ +([,;:])(?=\s|$)/g, "$1").trim();
}

export function repairText(text: string): string {
  return collapseSpaces(repairSaidArtefact(repairGluedCommas(repairGluedSentences(text))));
}

// ---- 4 and 5. paragraphs and lists ----

const BULLET = /^\s*(?:[-*+•·▪◦‣–]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+(?=\S)/;
const HEADING = /^\s{0,3}#{1,6}\s+(?=\S)/;
const QUOTE_MARK = /^\s{0,3}>\s?/;
/** Short list items are joined into one paragraph; longer ones stay separate. */
export const SHORT_ITEM_WORDS = 25;

type Block = { kind: "text"; lines: string[] } | { kind: "list"; items: string[] } | { kind: "heading"; text: string };

function joinWrappedLines(lines: string[]): string {
  let out = "";
  let hardBreak = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) out = line;
    // Markdown hard breaks between short unpunctuated lines separate items ("Governor A  \nGovernor B").
    else if (hardBreak && !/[.!?:;,]$/.test(out.replace(/[*_]+$/, ""))) out += `; ${line}`;
    // A word broken at a hyphen stays one word ("one-on-\none" → "one-on-one").
    else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(line)) out += line;
    else out += ` ${line}`;
    hardBreak = / {2,}$|\\$/.test(raw.replace(/\r$/, ""));
    if (/\\$/.test(out)) out = out.slice(0, -1).trimEnd();
  }
  return out;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Split cleaned lines into blocks: text paragraphs, lists and headings. */
function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let text: string[] = [];
  let list: string[] | undefined;
  const flushText = () => {
    if (text.some((line) => line.trim())) blocks.push({ kind: "text", lines: text });
    text = [];
  };
  const flushList = () => {
    if (list && list.length > 0) blocks.push({ kind: "list", items: list });
    list = undefined;
  };
  for (const rawLine of lines) {
    const line = rawLine.replace(QUOTE_MARK, "");
    if (!line.trim()) {
      flushText();
      // A blank line between items does not end a list; the next non-item line does.
      continue;
    }
    if (HEADING.test(line)) {
      flushText();
      flushList();
      blocks.push({ kind: "heading", text: line.replace(HEADING, "").replace(/\s+#+\s*$/, "").trim() });
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      flushText();
      list ??= [];
      list.push(line.slice(bullet[0].length).trim());
      continue;
    }
    if (list && /^\s{2,}\S/.test(rawLine) && text.length === 0) {
      // An indented continuation line of the last item.
      list[list.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    text.push(line);
  }
  flushText();
  flushList();
  return blocks;
}

function joinItems(leadIn: string | undefined, items: string[]): string {
  const cleaned = items.map((item) => item.replace(/[;,]\s*(?:and|or)?$/i, "").replace(/\.$/, "").trim()).filter(Boolean);
  const lastEndsSentence = /[.!?]$/.test(items[items.length - 1] ?? "");
  const body = cleaned.join("; ") + (lastEndsSentence || leadIn ? "." : "");
  return leadIn ? `${leadIn} ${body}` : body;
}

/** A cleaned paragraph, and whether the author marked it as a heading (`## ...`, `<h2>`, a line all in bold). */
export interface CleanBlock {
  text: string;
  heading: boolean;
}

/** A line wholly in bold or in a heading's emphasis: "**Preamble**", "__Participants__". */
const BOLD_LINE = /^(\*\*|__)(?=\S)[^*_\n]{1,200}\S\1$/;

function linesToBlocks(lines: string[], markdown: boolean): CleanBlock[] {
  const paragraphs: CleanBlock[] = [];
  const blocks = toBlocks(lines);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === "heading") {
      paragraphs.push({ text: block.text, heading: true });
    } else if (block.kind === "text") {
      const text = joinWrappedLines(block.lines);
      paragraphs.push({ text, heading: markdown && block.lines.filter((line) => line.trim()).length === 1 && BOLD_LINE.test(text) && !/:[*_]*$/.test(text) });
    } else {
      const items = block.items.map((item) => item.replace(/\s+/g, " ").trim()).filter(Boolean);
      const short = items.every((item) => wordCount(item) <= SHORT_ITEM_WORDS);
      const previous = paragraphs[paragraphs.length - 1]?.text;
      const previousBlock = blocks[i - 1];
      const leadIn = previous !== undefined && previousBlock?.kind === "text" && /:[*_]*$/.test(previous) ? previous : undefined;
      if (short) {
        if (leadIn !== undefined) paragraphs.pop();
        paragraphs.push({ text: joinItems(leadIn, items), heading: false });
      } else {
        paragraphs.push(...items.map((text) => ({ text, heading: false })));
      }
    }
  }
  return paragraphs;
}

/** Cleaned lines (chrome already removed) to paragraphs, with the list rule applied. */
export function linesToParagraphs(lines: string[]): string[] {
  return linesToBlocks(lines, true).map((block) => block.text);
}

// ---- the whole pipeline ----

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
  const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
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
