/**
 * The single entry point of ingest's text side: one file in, its cleaned articles out.
 *
 * `readArticles` checks the file (size before reading, binary, UTF-8, empty), loads it
 * with the loader for its extension, cleans each document into paragraphs and
 * extracts its metadata. Bad input throws `SkipError` with a one-line reason. In a
 * multi-record file (JSON array, JSON lines) a bad record is reported through
 * `onProblem` and the good ones still load.
 */
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { cleanBlocks, cleanBody, type CleanOptions } from "./clean.js";
import { normaliseDate } from "../text/calendar.js";
import { SkipError, type RecordProblem } from "./errors.js";
import { htmlNestingDepth, loadHtml } from "./loaders/html.js";
import { loadMarkdown } from "./loaders/markdown.js";
import { loadJson, loadJsonl } from "./loaders/records.js";
import { loadText } from "./loaders/text.js";
import { stripPageFurniture } from "./furniture.js";
import { dateInOpening, extractParticipants, extractPlace, publisherCountry, resolveEventDate } from "./metadata/index.js";
import type { RawDocument } from "./types.js";
import type { Article } from "../types/index.js";
import { splitSentences } from "../text/sentences.js";

export const SUPPORTED_EXTENSIONS: readonly string[] = [".md", ".markdown", ".txt", ".html", ".htm", ".json", ".jsonl"];

/** Files larger than this are refused without being read. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** HTML nested deeper than this is skipped (the HTML parser of browsers stops nesting at 512 too). */
export const DEFAULT_MAX_HTML_DEPTH = 512;

export interface ReadOptions {
  /** Size limit in bytes (default 10 MB). */
  maxBytes?: number;
  /** Deepest nesting of HTML elements read; a page nested deeper is skipped (default DEFAULT_MAX_HTML_DEPTH). */
  maxHtmlDepth?: number;
  /** Called for each record of a JSON/JSONL file that could not be read while the others load. */
  onProblem?: (problem: RecordProblem) => void;
}

export interface ReadResult {
  articles: Article[];
  problems: RecordProblem[];
}

export function isSupportedFile(filePath: string): boolean {
  return SUPPORTED_EXTENSIONS.includes(path.extname(filePath).toLowerCase());
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "file not found";
    case "EACCES":
    case "EPERM":
      return "permission denied: the file cannot be read";
    case "EISDIR":
      return "is a directory, not a file";
    case "ELOOP":
      return "symbolic link loop";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    default:
      return `cannot read the file (${code ?? (error as Error).message})`;
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

async function readChecked(absPath: string, maxBytes: number): Promise<Buffer> {
  let info;
  try {
    info = await stat(absPath);
  } catch (error) {
    throw new SkipError(describeFsError(error), { cause: error });
  }
  if (info.isDirectory()) throw new SkipError("is a directory, not a file");
  if (!info.isFile()) throw new SkipError("not a regular file");
  if (info.size > maxBytes) throw new SkipError(`file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit`);
  if (info.size === 0) throw new SkipError("empty file");
  try {
    const handle = await open(absPath, "r");
    try {
      // Read at most one byte past the limit, in case the file grew since stat.
      const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled > maxBytes) throw new SkipError(`file is over the ${formatBytes(maxBytes)} limit`);
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof SkipError) throw error;
    throw new SkipError(describeFsError(error), { cause: error });
  }
}

/** Windows-1252 characters for bytes 0x80-0x9F (undefined bytes keep their C1 code point). */
const WINDOWS_1252_HIGH = [
  "€",
  undefined,
  "‚",
  "ƒ",
  "„",
  "…",
  "†",
  "‡",
  "ˆ",
  "‰",
  "Š",
  "‹",
  "Œ",
  undefined,
  "Ž",
  undefined,
  undefined,
  "‘",
  "’",
  "“",
  "”",
  "•",
  "–",
  "—",
  "˜",
  "™",
  "š",
  "›",
  "œ",
  undefined,
  "ž",
  "Ÿ",
];

/** The character set an HTML page declares in its first bytes (`<meta charset>` or `http-equiv`), lowercased. */
export function declaredCharset(buffer: Buffer): string | undefined {
  const head = buffer.subarray(0, 4096).toString("latin1");
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}

/**
 * Bytes to text: UTF-16 with a byte-order mark is decoded; an HTML page that declares another
 * character set (windows-1252, iso-8859-1, ...) is decoded with it; otherwise the bytes must be UTF-8.
 */
export function decodeText(buffer: Buffer, options: { html?: boolean } = {}): string {
  if (options.html) {
    const charset = declaredCharset(buffer);
    if (charset && !/^utf-?8$/.test(charset) && !/^utf-?16/.test(charset)) {
      try {
        const decoder = new TextDecoder(charset, { fatal: false });
        if (!buffer.subarray(0, 8192).includes(0)) {
          const text = decoder.decode(buffer);
          // Node 20 decodes windows-1252 (and the labels mapped to it) as ISO-8859-1: fix 0x80-0x9F.
          return decoder.encoding === "windows-1252" ? text.replace(/[\u0080-\u009f]/g, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch) : text;
        }
      } catch {
        throw new SkipError(`the page declares the character set '${charset}', which cannot be decoded`);
      }
    }
  }
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder("utf-16le").decode(buffer.subarray(2));
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder("utf-16be").decode(buffer.subarray(2));
  const sample = buffer.subarray(0, 8192);
  if (sample.includes(0)) throw new SkipError("binary file (it contains NUL bytes)");
  let control = 0;
  for (const byte of sample) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  if (sample.length > 0 && control / sample.length > 0.05) throw new SkipError("binary file (mostly non-text bytes)");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    const lossy = new TextDecoder("utf-8").decode(buffer);
    const at = lossy.indexOf("\uFFFD");
    const line = at >= 0 ? lossy.slice(0, at).split("\n").length : undefined;
    throw new SkipError(`invalid UTF-8${line ? ` (first bad byte on line ${line})` : ""}: save the file as UTF-8`);
  }
}

/** Raw documents of a file's text, by extension. */
export function loadDocuments(text: string, extension: string, id: string): { documents: RawDocument[]; problems: RecordProblem[] } {
  switch (extension.toLowerCase()) {
    case ".md":
    case ".markdown":
      return { documents: [loadMarkdown(text, id)], problems: [] };
    case ".txt":
      return { documents: [loadText(text, id)], problems: [] };
    case ".html":
    case ".htm":
      return { documents: [loadHtml(text, id)], problems: [] };
    case ".json":
      return loadJson(text, id);
    case ".jsonl":
      return loadJsonl(text, id);
    default:
      throw new SkipError(`unsupported file type '${extension || "(none)"}' (supported: ${SUPPORTED_EXTENSIONS.join(" ")})`);
  }
}

/**
 * How each format is cleaned. Markdown may carry raw HTML; plain text and JSON text are taken
 * literally ("<b>" in them is something the article says); HTML arrives already as text.
 */
const CLEANING: Record<RawDocument["format"], CleanOptions> = {
  markdown: { markdown: true, inlineHtml: true, entities: true },
  text: { markdown: false, inlineHtml: false, entities: true },
  json: { markdown: true, inlineHtml: false, entities: true },
  jsonl: { markdown: true, inlineHtml: false, entities: true },
  html: { markdown: false, inlineHtml: false, entities: false },
};

const MAX_DERIVED_TITLE = 150;

function titleFromSentence(paragraphs: readonly string[]): string | undefined {
  const first = paragraphs[0];
  if (!first) return undefined;
  const sentence = (splitSentences(first)[0] ?? first).replace(/[.!?:;,]+$/, "").trim();
  if (sentence.length <= MAX_DERIVED_TITLE) return sentence;
  const cut = sentence.slice(0, MAX_DERIVED_TITLE);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 40)).trim()}…`;
}

function titleFromFileName(id: string): string {
  const base = path.basename(id.split("#")[0] ?? id).replace(/\.[^.]+$/, "");
  const words = base
    .replace(/^\d{4}-\d{2}-\d{2}[-_ ]*/, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : base;
}

function dateFromFileName(id: string): string | undefined {
  const match = /(?:^|[^\d])(\d{4}-\d{2}-\d{2})(?:[^\d]|$)/.exec(path.basename(id.split("#")[0] ?? id));
  return match ? normaliseDate(match[1]) : undefined;
}

/** Clean a raw document and extract its metadata. Throws SkipError when no text is left. */
export function buildArticle(raw: RawDocument): Article {
  // Page furniture around the article (labels, datelines, bylines, calls to subscribe, link lists) is not a paragraph.
  const {
    paragraphs,
    datelineDate,
    datelinePlace: filedFrom,
  } = stripPageFurniture(cleanBlocks(raw.body, { ...CLEANING[raw.format], ...(raw.title ? { title: raw.title } : {}) }), raw.title);
  if (paragraphs.length === 0) {
    if (!raw.body.trim()) throw new SkipError("no article text");
    const media = /<(?:img|figure|video|iframe|picture)\b/i.test(raw.body);
    throw new SkipError(media ? "no article text: the page holds only images or embedded media" : "no article text left after cleaning");
  }
  const statedTitle = raw.title?.trim() ? cleanBody(raw.title, { markdown: true }).join(" ") || raw.title.trim() : undefined;
  const title = statedTitle ?? titleFromSentence(paragraphs) ?? titleFromFileName(raw.id);
  const publishedDate = raw.publishedDate ?? datelineDate ?? dateInOpening(paragraphs) ?? dateFromFileName(raw.id);
  const eventDate = raw.eventDate ?? resolveEventDate({ title: statedTitle ?? "", paragraphs, ...(publishedDate ? { publishedDate } : {}) });
  const place = raw.place ?? extractPlace(statedTitle ?? "", paragraphs) ?? filedFrom;
  const publisher = publisherCountry(raw.sourceUrl);
  const participants = raw.participants ?? extractParticipants({ title: statedTitle ?? "", paragraphs, ...(publisher ? { publisherCountry: publisher } : {}) });
  return {
    meta: {
      id: raw.id,
      title,
      ...(publishedDate ? { publishedDate } : {}),
      ...(raw.sourceUrl ? { sourceUrl: raw.sourceUrl } : {}),
      ...(raw.byline ? { byline: raw.byline } : {}),
      ...(raw.language ? { language: raw.language } : {}),
      tags: raw.tags,
      ...(eventDate ? { eventDate } : {}),
      ...(place ? { place } : {}),
      participants,
      format: raw.format,
    },
    paragraphs,
  };
}

/** Articles of a file's text (already decoded), with the problems of records that failed. */
export function articlesFromText(text: string, extension: string, id: string, options: Pick<ReadOptions, "maxHtmlDepth"> = {}): ReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim().length === 0) throw new SkipError("file holds only whitespace");
  // A scraped .txt page is taken literally; every other format may hold HTML that gets parsed.
  const maxDepth = options.maxHtmlDepth ?? DEFAULT_MAX_HTML_DEPTH;
  if (extension.toLowerCase() !== ".txt" && htmlNestingDepth(body, maxDepth) > maxDepth) {
    throw new SkipError(`HTML nested more than ${maxDepth} levels deep (READOUT_READ_MAX_DEPTH); not parsed`);
  }
  const { documents, problems } = loadDocuments(body, extension, id);
  const articles: Article[] = [];
  const multi = extension.toLowerCase() === ".jsonl" || documents.length > 1 || problems.length > 0;
  for (const document of documents) {
    try {
      articles.push(buildArticle(document));
    } catch (error) {
      if (!(error instanceof SkipError) || !multi) throw error;
      problems.push({ id: document.id, reason: error.reason });
    }
  }
  if (articles.length === 0) {
    const first = problems[0];
    if (!first) throw new SkipError("no records with text");
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    throw new SkipError(`no readable records: ${first.reason}${more}`);
  }
  return { articles, problems };
}

/** Read one file into articles and record problems. */
export async function readDocument(absPath: string, id: string, options: ReadOptions = {}): Promise<ReadResult> {
  const extension = path.extname(absPath).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(extension)) {
    throw new SkipError(`unsupported file type '${extension || "(none)"}' (supported: ${SUPPORTED_EXTENSIONS.join(" ")})`);
  }
  const buffer = await readChecked(absPath, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const text = decodeText(buffer, { html: extension === ".html" || extension === ".htm" });
  return articlesFromText(text, extension, id, options);
}

/** Read one file into cleaned, dated articles with metadata. Throws SkipError for bad input. */
export async function readArticles(absPath: string, id: string, options: ReadOptions = {}): Promise<Article[]> {
  const { articles, problems } = await readDocument(absPath, id, options);
  for (const problem of problems) options.onProblem?.(problem);
  return articles;
}
