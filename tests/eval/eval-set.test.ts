/**
 * Validates every evaluation set in tests/eval/*.jsonl (the format is described
 * in tests/eval/README.md): the shape of each line, and that every gold quote
 * really lies within one paragraph of its source article.
 *
 * Sources of `readouts*.jsonl` are relative to ../shared/corpora/whitehouse-readouts
 * (skipped with a warning where that folder is absent); sources of every other set
 * are relative to data/articles/.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { READOUTS_DIR, REPO_ROOT, SAMPLE_ARTICLES_DIR } from "../helpers/paths.js";

const evalDir = path.join(REPO_ROOT, "tests", "eval");
const readoutsRoot = READOUTS_DIR;
const sampleRoot = SAMPLE_ARTICLES_DIR;

const KINDS = ["when", "who", "where", "what", "first", "last", "aggregation", "relative", "range", "followup", "typo", "html", "unanswerable"] as const;

const FIELDS = new Set(["id", "question", "conversation", "today", "kind", "answerable", "gold", "keywords"]);
const MIN_QUOTE_WORDS = 6;
const MAX_QUOTE_WORDS = 15;

/** The form quotes and paragraphs are compared in: NBSP as space, Markdown escapes dropped, whitespace collapsed. */
function normalizeText(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~'"])/g, "$1")
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function splitBlankLines(text: string): string[] {
  return text
    .split(/\r?\n[ \t\u00a0]*\r?\n/)
    .map(normalizeText)
    .filter((paragraph) => paragraph.length > 0);
}

const HTML_BLOCKS = new Set([
  "P",
  "DIV",
  "SECTION",
  "ARTICLE",
  "MAIN",
  "BLOCKQUOTE",
  "PRE",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "LI",
  "UL",
  "OL",
  "DL",
  "DT",
  "DD",
  "TABLE",
  "TR",
  "TD",
  "TH",
  "FIGURE",
  "FIGCAPTION",
  "HEADER",
  "FOOTER",
  "ASIDE",
  "NAV",
  "ADDRESS",
  "HR",
  "BR",
  "BODY",
]);

interface HtmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<HtmlNode>;
}

/** Paragraphs of an HTML document: runs of inline text between block-level boundaries. */
function htmlParagraphs(html: string): string[] {
  const { document } = parseHTML(html.includes("<html") ? html : `<!doctype html><html><body>${html}</body></html>`);
  const paragraphs: string[] = [];
  let current = "";
  const flush = () => {
    const text = normalizeText(current);
    if (text) paragraphs.push(text);
    current = "";
  };
  const walk = (node: HtmlNode) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? "";
      return;
    }
    if (node.nodeType !== 1) return;
    if (["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(node.nodeName)) return;
    const block = HTML_BLOCKS.has(node.nodeName);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(document.documentElement as unknown as HtmlNode);
  flush();
  return paragraphs;
}

// The rule the ingest uses: record text is HTML when it closes block elements or opens p, br or div,
// so plain text that merely mentions "<b>" stays text.
const LOOKS_LIKE_HTML = /<\/(?:p|div|li|h[1-6]|article|section|span|a)>|<(?:p|br|div)(?:\s[^>]*)?\/?>/i;

function stringParagraphs(value: string): string[] {
  return LOOKS_LIKE_HTML.test(value) ? htmlParagraphs(value) : splitBlankLines(value);
}

function recordStrings(record: unknown): string[] {
  if (typeof record === "string") return [record];
  if (Array.isArray(record)) return record.flatMap(recordStrings);
  if (record && typeof record === "object") return Object.values(record).flatMap(recordStrings);
  return [];
}

/** Keys under which a .json file may hold its list of records (as the ingest reads them). */
const RECORD_ARRAY_KEYS = ["articles", "records", "items", "data", "documents", "results", "entries"];

/** The records of a .json or .jsonl file, each with the keys it can be addressed by after `#`. */
function readRecords(text: string, extension: string): Array<{ keys: string[]; record: unknown }> {
  if (extension === ".jsonl") {
    return text.split("\n").flatMap((line, index) => {
      if (!line.trim()) return [];
      const record: unknown = JSON.parse(line);
      return [{ keys: [String(index + 1), ...ownIds(record)], record }];
    });
  }
  const parsed: unknown = JSON.parse(text);
  const container =
    parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? RECORD_ARRAY_KEYS.map((key) => (parsed as Record<string, unknown>)[key]).find(Array.isArray)
      : undefined;
  const list: unknown[] = Array.isArray(parsed) ? parsed : Array.isArray(container) ? container : [parsed];
  return list.map((record, index) => ({ keys: [String(index + 1), ...ownIds(record)], record }));
}

function ownIds(record: unknown): string[] {
  if (!record || typeof record !== "object") return [];
  const fields = record as Record<string, unknown>;
  return ["id", "slug", "guid", "key", "uid"].flatMap((name) => {
    const value = fields[name];
    return typeof value === "string" || typeof value === "number" ? [String(value), String(value).replace(/\s+/g, "-").replace(/#/g, "")] : [];
  });
}

/** The paragraphs of the article a gold `source` names (path relative to `root`, optionally `#record`). */
function sourceParagraphs(root: string, source: string): string[] {
  const [relative = "", recordKey] = source.split("#", 2);
  const absolute = path.resolve(root, relative);
  if (!absolute.startsWith(root + path.sep)) throw new Error(`source ${source} lies outside ${root}`);
  if (!fs.existsSync(absolute)) throw new Error(`source ${source} does not exist under ${root}`);
  const text = fs.readFileSync(absolute, "utf8");
  const extension = path.extname(absolute).toLowerCase();
  if (extension === ".json" || extension === ".jsonl") {
    const records = readRecords(text, extension);
    const chosen = recordKey === undefined ? records : records.filter((entry) => entry.keys.includes(recordKey));
    if (recordKey === undefined && records.length !== 1) throw new Error(`source ${source} holds ${records.length} records: name one with #id`);
    if (chosen.length !== 1) throw new Error(`source ${source}: ${chosen.length} records match #${recordKey}`);
    return recordStrings(chosen[0]?.record).flatMap(stringParagraphs);
  }
  if (extension === ".html" || extension === ".htm") return htmlParagraphs(text);
  const body = extension === ".md" || extension === ".markdown" ? text.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n?/, "") : text;
  return splitBlankLines(body);
}

interface Gold {
  source: string;
  quote: string;
}

interface Item {
  id: string;
  question: string;
  conversation?: string;
  today?: string;
  kind: string;
  answerable: boolean;
  gold: Gold[];
  keywords: string[];
}

function isValidDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Problems with the shape of one line; an empty list when the line is a valid item. */
function lineProblems(json: unknown): string[] {
  if (!json || typeof json !== "object" || Array.isArray(json)) return ["not a JSON object"];
  const item = json as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(item)) if (!FIELDS.has(key)) problems.push(`unknown field "${key}"`);
  if (typeof item.id !== "string" || !item.id.trim()) problems.push("id must be a non-empty string");
  if (typeof item.question !== "string" || !item.question.trim()) problems.push("question must be a non-empty string");
  if ("conversation" in item && (typeof item.conversation !== "string" || !item.conversation.trim())) problems.push("conversation must be a non-empty string");
  if ("today" in item && (typeof item.today !== "string" || !isValidDate(item.today))) problems.push("today must be a YYYY-MM-DD date");
  if (typeof item.kind !== "string" || !(KINDS as readonly string[]).includes(item.kind)) problems.push(`kind must be one of ${KINDS.join(", ")}`);
  if (typeof item.answerable !== "boolean") problems.push("answerable must be true or false");
  if (!Array.isArray(item.gold)) problems.push("gold must be an array");
  if (!Array.isArray(item.keywords)) problems.push("keywords must be an array");
  if (problems.length > 0) return problems;

  const gold = item.gold as unknown[];
  const keywords = item.keywords as unknown[];
  if (item.answerable) {
    if (item.kind === "unanswerable") problems.push('an answerable question cannot have kind "unanswerable"');
    if (gold.length === 0) problems.push("an answerable question needs at least one gold paragraph");
    if (keywords.length === 0) problems.push("an answerable question needs at least one keyword");
  } else {
    if (item.kind !== "unanswerable") problems.push('an unanswerable question must have kind "unanswerable"');
    if (gold.length > 0) problems.push("an unanswerable question has no gold paragraphs");
    if (keywords.length > 0) problems.push("an unanswerable question has no keywords");
  }
  if (item.kind === "followup" && item.conversation === undefined) problems.push("a follow-up needs a conversation");
  gold.forEach((entry, index) => {
    const where = `gold[${index}]`;
    if (!entry || typeof entry !== "object") return problems.push(`${where} must be an object`);
    const { source, quote, ...rest } = entry as Record<string, unknown>;
    if (Object.keys(rest).length > 0) problems.push(`${where} has unknown fields ${Object.keys(rest).join(", ")}`);
    if (typeof source !== "string" || !source.trim()) problems.push(`${where}.source must be a non-empty string`);
    if (typeof quote !== "string" || !quote.trim()) return problems.push(`${where}.quote must be a non-empty string`);
    const words = normalizeText(quote).split(" ").length;
    if (words < MIN_QUOTE_WORDS || words > MAX_QUOTE_WORDS) problems.push(`${where}.quote has ${words} words, not ${MIN_QUOTE_WORDS}-${MAX_QUOTE_WORDS}`);
    if (/\\[\\`*_{}[\]()#+\-.!|<>~]/.test(quote)) problems.push(`${where}.quote contains a Markdown escape`);
    if (/<\/?sup\b/i.test(quote)) problems.push(`${where}.quote contains <sup> markup`);
    return undefined;
  });
  keywords.forEach((keyword, index) => {
    if (typeof keyword !== "string" || keyword.split("|").some((alternative) => !alternative.trim()))
      problems.push(`keywords[${index}] must be a string of non-empty alternatives separated by "|"`);
  });
  return problems;
}

interface ParsedSet {
  items: Item[];
  problems: string[];
}

function parseSet(text: string, fileName: string): ParsedSet {
  const items: Item[] = [];
  const problems: string[] = [];
  const ids = new Map<string, number>();
  const seenConversations = new Set<string>();
  text.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${fileName}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push(`${where}: invalid JSON (${(error as Error).message})`);
      return;
    }
    const lineIssues = lineProblems(json);
    if (lineIssues.length > 0) {
      problems.push(...lineIssues.map((issue) => `${where}: ${issue}`));
      return;
    }
    const item = json as Item;
    const earlier = ids.get(item.id);
    if (earlier !== undefined) problems.push(`${where}: id ${item.id} already used on line ${earlier}`);
    ids.set(item.id, index + 1);
    if (item.kind === "followup" && item.conversation !== undefined && !seenConversations.has(item.conversation))
      problems.push(`${where}: follow-up ${item.id} opens conversation ${item.conversation}; it needs an earlier turn`);
    if (item.conversation !== undefined) seenConversations.add(item.conversation);
    items.push(item);
  });
  return { items, problems };
}

/** Gold entries whose source is missing or whose quote lies within no single paragraph of it. */
function goldProblems(items: Item[], root: string): string[] {
  const cache = new Map<string, string[] | Error>();
  const problems: string[] = [];
  for (const item of items) {
    for (const gold of item.gold) {
      let paragraphs = cache.get(gold.source);
      if (paragraphs === undefined) {
        try {
          paragraphs = sourceParagraphs(root, gold.source);
        } catch (error) {
          paragraphs = error as Error;
        }
        cache.set(gold.source, paragraphs);
      }
      if (paragraphs instanceof Error) {
        problems.push(`${item.id}: ${paragraphs.message}`);
        continue;
      }
      const quote = normalizeText(gold.quote);
      if (!paragraphs.some((paragraph) => paragraph.includes(quote))) {
        const whole = paragraphs.join(" ");
        problems.push(
          whole.includes(quote)
            ? `${item.id}: quote spans two paragraphs of ${gold.source}: "${gold.quote}"`
            : `${item.id}: quote not found in ${gold.source}: "${gold.quote}"`,
        );
      }
    }
  }
  return problems;
}

const setFiles = fs.existsSync(evalDir)
  ? fs
      .readdirSync(evalDir)
      .filter((name) => name.endsWith(".jsonl"))
      .sort()
  : [];

describe("evaluation set checker", () => {
  const root = path.join(REPO_ROOT, "tests", "fixtures", "eval-checker-does-not-exist");
  it("accepts a well-formed line and reports each kind of malformed one", () => {
    const good = {
      id: "x1",
      question: "When?",
      kind: "when",
      answerable: true,
      gold: [{ source: "a.md", quote: "one two three four five six" }],
      keywords: ["May 1, 2024"],
    };
    expect(lineProblems(good)).toEqual([]);
    expect(lineProblems({ ...good, kind: "sometimes" })).toEqual([expect.stringContaining("kind must be one of")]);
    expect(lineProblems({ ...good, keywords: [] })).toEqual(["an answerable question needs at least one keyword"]);
    expect(lineProblems({ ...good, answerable: false, kind: "unanswerable" })).toEqual([
      "an unanswerable question has no gold paragraphs",
      "an unanswerable question has no keywords",
    ]);
    expect(lineProblems({ ...good, gold: [{ source: "a.md", quote: "too short" }] })).toEqual([expect.stringContaining("has 2 words")]);
    expect(lineProblems({ ...good, gold: [{ source: "a.md", quote: "the Prime\\_Minister met the King today" }] })).toEqual([
      expect.stringContaining("Markdown escape"),
    ]);
    expect(lineProblems({ ...good, today: "2024-02-30" })).toEqual(["today must be a YYYY-MM-DD date"]);
    expect(lineProblems({ ...good, keywords: ["May 1|"] })).toEqual([expect.stringContaining("non-empty alternatives")]);
    const set = parseSet(
      `${JSON.stringify(good)}\n${JSON.stringify({ ...good, id: "x2", conversation: "c9", kind: "followup" })}\n{oops\n${JSON.stringify(good)}`,
      "t.jsonl",
    );
    expect(set.problems).toEqual([
      "t.jsonl:2: follow-up x2 opens conversation c9; it needs an earlier turn",
      expect.stringContaining("t.jsonl:3: invalid JSON"),
      "t.jsonl:4: id x1 already used on line 1",
    ]);
    expect(goldProblems(set.items.slice(0, 1), root)).toEqual([expect.stringContaining("does not exist")]);
  });

  it("finds quotes within one paragraph after normalising, and only there", () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), "eval-set-"));
    try {
      fs.writeFileSync(
        path.join(dir, "a.md"),
        "---\ntitle: T\n---\nThe Prime\\_Minister met\u00a0the King\ntoday in the capital.\n\nA second paragraph starts here and goes on.\n",
      );
      fs.writeFileSync(
        path.join(dir, "b.html"),
        "<html><body><nav>Home</nav><p>Leaders met in <b>Veyra</b> &amp; agreed on a plan.</p><p>Next paragraph.</p></body></html>",
      );
      fs.writeFileSync(path.join(dir, "c.jsonl"), `${JSON.stringify({ id: "r-1", text: "First record text here.\n\nIts second paragraph is this." })}\n`);
      const item = (source: string, quote: string): Item => ({
        id: "t",
        question: "q",
        kind: "what",
        answerable: true,
        gold: [{ source, quote }],
        keywords: ["k"],
      });
      expect(goldProblems([item("a.md", "Prime_Minister met the King today in")], dir)).toEqual([]);
      expect(goldProblems([item("a.md", "in the capital. A second paragraph")], dir)).toEqual([expect.stringContaining("spans two paragraphs")]);
      expect(goldProblems([item("b.html", "met in Veyra & agreed on")], dir)).toEqual([]);
      expect(goldProblems([item("b.html", "a plan. Next paragraph.")], dir)).toEqual([expect.stringContaining("spans two paragraphs")]);
      expect(goldProblems([item("c.jsonl#r-1", "Its second paragraph is this.")], dir)).toEqual([]);
      expect(goldProblems([item("c.jsonl#r-2", "Its second paragraph is this.")], dir)).toEqual([expect.stringContaining("0 records match")]);
      expect(goldProblems([item("../a.md", "anything at all goes here")], dir)).toEqual([expect.stringContaining("outside")]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(setFiles)("evaluation set %s", (fileName) => {
  const text = fs.readFileSync(path.join(evalDir, fileName), "utf8");
  const { items, problems } = parseSet(text, fileName);
  const isReadouts = fileName.startsWith("readouts");
  const root = isReadouts ? readoutsRoot : sampleRoot;
  const rootExists = fs.existsSync(root);

  it("has well-formed lines with unique ids", () => {
    expect(problems).toEqual([]);
    expect(items.length).toBeGreaterThan(0);
  });

  if (!rootExists) console.warn(`[eval-set] ${root} is absent: skipping the gold-quote check of ${fileName}`);
  it.skipIf(!rootExists)("has gold quotes that lie within one paragraph of an existing source", () => {
    expect(goldProblems(items, root)).toEqual([]);
  });
});

describe("the readouts evaluation set", () => {
  const file = path.join(evalDir, "readouts.jsonl");
  const items = fs.existsSync(file) ? parseSet(fs.readFileSync(file, "utf8"), "readouts.jsonl").items : [];
  it("is large and varied enough to tune the answer chain on", () => {
    expect(items.length).toBeGreaterThanOrEqual(90);
    const count = (kind: string) => items.filter((item) => item.kind === kind).length;
    expect(count("unanswerable")).toBeGreaterThanOrEqual(12);
    expect(count("followup")).toBeGreaterThanOrEqual(10);
    for (const kind of ["when", "who", "where", "what", "aggregation", "typo"]) expect(count(kind)).toBeGreaterThan(0);
    expect(items.some((item) => item.today !== undefined)).toBe(true);
  });
});
