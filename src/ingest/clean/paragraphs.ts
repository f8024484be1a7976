/**
 * Cleaning, steps 4 and 5: paragraphs and lists. Blank lines separate paragraphs; hard-wrapped lines
 * inside one are joined. A bullet list whose items are all short (≤ 25 words) becomes ONE paragraph,
 * together with the lead-in line that introduces it ("Participants included: A; B; C."), items
 * separated by "; "; a list with a long item keeps each item as its own paragraph (and the lead-in as
 * its own), so no paragraph becomes a wall of text.
 */

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
      blocks.push({
        kind: "heading",
        text: line
          .replace(HEADING, "")
          .replace(/\s+#+\s*$/, "")
          .trim(),
      });
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
  const cleaned = items
    .map((item) =>
      item
        .replace(/[;,]\s*(?:and|or)?$/i, "")
        .replace(/\.$/, "")
        .trim(),
    )
    .filter(Boolean);
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

export function linesToBlocks(lines: string[], markdown: boolean): CleanBlock[] {
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
