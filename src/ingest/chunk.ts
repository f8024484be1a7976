/**
 * Chunking: one chunk per paragraph, so a citation is "article X, paragraph n".
 *
 * - A paragraph over MAX_CHUNK_WORDS (120) is split on sentence boundaries into parts of
 *   about equal length, each recording the same paragraph number. 120 words is about six
 *   readout sentences: USE-lite averages over the words, so much longer chunks blur what
 *   they are about, and most readout paragraphs (median about 70 words) stay whole.
 * - A tiny fragment (under MIN_CHUNK_WORDS words, or a lead-in ending with ":") is joined
 *   to the next paragraph (or, at the end, the previous one); the chunk records both
 *   paragraph numbers and its text is the paragraphs joined by JOIN_SEPARATOR.
 * - `embedText` is the chunk text with the article's title and date as context.
 *
 * Every chunk's text is an exact substring of one paragraph, or the exact concatenation
 * of whole paragraphs with JOIN_SEPARATOR.
 */
import { sentenceSpans } from "../text/sentences.js";
import type { Article, Chunk } from "../types/index.js";

/**
 * Chunk ids: the article id, CHUNK_ID_SEPARATOR, then the paragraph part: `p3` (paragraph 3),
 * `p3-4` (paragraphs 3 to 4 joined), `p3.2` (the second part of paragraph 3). An article id keeps
 * `#` for a record of a multi-record file (`feed.jsonl#rec-7`), so a chunk id has at most one
 * `#`: `news/talks.md:p3`, `feed.jsonl#rec-7:p2-3`. Parse ids with `parseChunkId`, from the end.
 */
export const CHUNK_ID_SEPARATOR = ":";

export interface ChunkPosition {
  /** First paragraph (1-based). */
  first: number;
  /** Last paragraph, when several were joined. */
  last?: number;
  /** Part number (1-based), when a long paragraph was split. */
  part?: number;
}

export function chunkId(articleId: string, position: ChunkPosition): string {
  const { first, last, part } = position;
  const range = last !== undefined && last !== first ? `-${last}` : part !== undefined ? `.${part}` : "";
  return `${articleId}${CHUNK_ID_SEPARATOR}p${first}${range}`;
}

const CHUNK_ID = new RegExp(`^([\\s\\S]+)${CHUNK_ID_SEPARATOR}p(\\d+)(?:-(\\d+)|\\.(\\d+))?$`);

/** The article id and paragraph position of a chunk id, or undefined when it is not one. */
export function parseChunkId(id: string): ({ articleId: string } & ChunkPosition) | undefined {
  const match = CHUNK_ID.exec(id);
  if (!match) return undefined;
  return {
    articleId: match[1]!,
    first: Number(match[2]),
    ...(match[3] !== undefined ? { last: Number(match[3]) } : {}),
    ...(match[4] !== undefined ? { part: Number(match[4]) } : {}),
  };
}

export const MAX_CHUNK_WORDS = 120;
export const MIN_CHUNK_WORDS = 8;
export const JOIN_SEPARATOR = "\n\n";

function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

function isFragment(paragraph: string): boolean {
  return countWords(paragraph) < MIN_CHUNK_WORDS || /:\s*$/.test(paragraph);
}

/** Parts of a long paragraph, each an exact substring, split between sentences into about equal lengths. */
export function splitLongParagraph(paragraph: string, maxWords = MAX_CHUNK_WORDS): string[] {
  const total = countWords(paragraph);
  if (total <= maxWords) return [paragraph];
  const spans = sentenceSpans(paragraph).flatMap((span) => splitOverlongSentence(paragraph, span, maxWords));
  if (spans.length < 2) return [paragraph];
  const sentenceWords = spans.map((span) => countWords(span.text));
  // Greedy split towards equal parts; one more part when a part would still be too long.
  for (let parts = Math.ceil(total / maxWords); ; parts++) {
    const target = total / parts;
    const bounds: Array<[number, number]> = [];
    let first = 0;
    let words = 0;
    for (let i = 0; i < spans.length; i++) {
      const w = sentenceWords[i]!;
      if (words > 0 && bounds.length < parts - 1 && words + w / 2 > target) {
        bounds.push([first, i - 1]);
        first = i;
        words = 0;
      }
      words += w;
    }
    bounds.push([first, spans.length - 1]);
    const tooLong = bounds.some(([a, b]) => b > a && sentenceWords.slice(a, b + 1).reduce((sum, w) => sum + w, 0) > maxWords);
    if (!tooLong || parts >= spans.length) {
      return bounds.map(([a, b]) => paragraph.slice(spans[a]!.start, spans[b]!.end));
    }
  }
}

interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * A "sentence" longer than a chunk (a list run together with semicolons, a table row dump)
 * is cut after a semicolon where possible, else between words, into pieces of at most
 * `maxWords` words; each piece is still an exact substring of the paragraph.
 */
function splitOverlongSentence(paragraph: string, span: Span, maxWords: number): Span[] {
  if (countWords(span.text) <= maxWords) return [span];
  const pieces: Span[] = [];
  let start = span.start;
  while (start < span.end) {
    const rest = paragraph.slice(start, span.end);
    if (countWords(rest) <= maxWords) {
      pieces.push({ start, end: span.end, text: rest });
      break;
    }
    // The end of the maxWords-th word.
    const window = new RegExp(`^\\s*(?:\\S+\\s+){${maxWords - 1}}\\S+`).exec(rest)![0];
    const semicolon = Math.max(window.lastIndexOf("; "), window.lastIndexOf(" | "));
    const cut = semicolon > window.length / 2 ? semicolon + 1 : window.length;
    const piece = rest.slice(0, cut).trimEnd();
    pieces.push({ start, end: start + piece.length, text: piece });
    start += cut;
    while (start < span.end && /\s/.test(paragraph[start]!)) start++;
  }
  return pieces;
}

function contextLine(article: Article): string {
  const date = article.meta.eventDate ?? article.meta.publishedDate;
  return date ? `${article.meta.title} (${date})` : article.meta.title;
}

/** Group paragraph numbers (1-based) into chunks: single long or normal paragraphs, or runs joined around fragments. */
function groupParagraphs(paragraphs: readonly string[]): number[][] {
  const groups: number[][] = [];
  const long = paragraphs.map((paragraph) => countWords(paragraph) > MAX_CHUNK_WORDS);
  let pending: number[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const n = i + 1;
    const paragraph = paragraphs[i]!;
    if (long[i]) {
      // A fragment is not glued to a paragraph that will be split: it stays alone (or with other fragments).
      if (pending.length > 0) groups.push(pending);
      pending = [];
      groups.push([n]);
      continue;
    }
    pending.push(n);
    const pendingWords = pending.reduce((sum, m) => sum + countWords(paragraphs[m - 1]!), 0);
    if (!isFragment(paragraph) || pendingWords >= MAX_CHUNK_WORDS) {
      groups.push(pending);
      pending = [];
    }
  }
  if (pending.length > 0) {
    // Trailing fragments join the previous group when it is a plain (unsplit) run with room.
    const previous = groups[groups.length - 1];
    const previousWords = previous ? previous.reduce((sum, m) => sum + countWords(paragraphs[m - 1]!), 0) : 0;
    const pendingWords = pending.reduce((sum, m) => sum + countWords(paragraphs[m - 1]!), 0);
    if (previous && !long[previous[0]! - 1] && previousWords + pendingWords <= MAX_CHUNK_WORDS) previous.push(...pending);
    else groups.push(pending);
  }
  return groups;
}

/** The article's chunks, in order, with paragraph provenance. */
export function chunkArticle(article: Article): Chunk[] {
  const { id: articleId } = article.meta;
  const context = contextLine(article);
  const chunks: Chunk[] = [];
  const make = (id: string, paragraphs: number[], text: string): Chunk => ({
    id,
    articleId,
    paragraphs,
    text,
    embedText: `${context}\n${text}`,
  });
  for (const group of groupParagraphs(article.paragraphs)) {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    if (group.length > 1) {
      const text = group.map((n) => article.paragraphs[n - 1]!).join(JOIN_SEPARATOR);
      chunks.push(make(chunkId(articleId, { first, last }), group, text));
      continue;
    }
    const parts = splitLongParagraph(article.paragraphs[first - 1]!);
    if (parts.length === 1) {
      chunks.push(make(chunkId(articleId, { first }), [first], parts[0]!));
    } else {
      parts.forEach((part, index) => chunks.push(make(chunkId(articleId, { first, part: index + 1 }), [first], part)));
    }
  }
  return chunks;
}
