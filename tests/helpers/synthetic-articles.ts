/**
 * Synthetic articles for the ingest and store tests: a reader for tiny `.art`
 * files (so a test controls every title, date and paragraph), distinct stories
 * to fill them with, and a workspace folder to ingest them from.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { SkipError } from "../../src/ingest/errors.js";
import { type ArticleSource, type IngestOptions, runIngest, type SourceFile } from "../../src/ingest/run.js";
import type { IngestSummary } from "../../src/store/types.js";
import type { Article, Chunk } from "../../src/types/index.js";
import { createLogger } from "../../src/log.js";
import { CountingEmbeddings } from "./counting-embeddings.js";
import { removeDir, tempDir } from "./temp-dir.js";

/**
 * A tiny reader for `.art` test files: a "title:" line, a "date:" line, then
 * paragraphs separated by blank lines. Empty files and files containing NUL
 * bytes are bad input; "records.artl" holds one article per "==="-separated record.
 */
export const syntheticSource: ArticleSource = {
  extensions: [".art", ".artl"],
  async read(absPath: string, id: string): Promise<SourceFile> {
    const raw = await fs.readFile(absPath);
    if (raw.length === 0) throw new SkipError("empty file");
    if (raw.includes(0)) throw new SkipError("binary file");
    const text = raw.toString("utf8");
    const records = absPath.endsWith(".artl") ? text.split(/^===$/m) : [text];
    const articles = records.map((record, i) => parseArticle(record, absPath.endsWith(".artl") ? `${id}#${i + 1}` : id));
    return { articles, problems: [] };
  },
  chunk(article: Article): Chunk[] {
    return article.paragraphs.map((paragraph, i) => ({
      id: `${article.meta.id}#p${i + 1}`,
      articleId: article.meta.id,
      paragraphs: [i + 1],
      text: paragraph,
      embedText: `${article.meta.title} (${article.meta.publishedDate ?? ""})\n${paragraph}`,
    }));
  },
};

function parseArticle(text: string, id: string): Article {
  const lines = text.trim().split("\n");
  const title = lines.shift()?.replace(/^title:\s*/, "") ?? "";
  const date = lines[0]?.startsWith("date:")
    ? lines
        .shift()!
        .replace(/^date:\s*/, "")
        .trim()
    : undefined;
  if (!title) throw new SkipError("no title");
  const paragraphs = lines
    .join("\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter((paragraph) => paragraph.length > 0);
  return {
    meta: { id, title, publishedDate: date, tags: [], participants: [{ name: "Test Person" }], format: "text" },
    paragraphs,
  };
}

export function articleText(title: string, date: string, paragraphs: string[]): string {
  return `title: ${title}\ndate: ${date}\n\n${paragraphs.join("\n\n")}\n`;
}

/** Write synthetic articles `a<from>.art` … `a<to - 1>.art` into a folder, each a distinct story. */
export async function writeArticles(dir: string, from: number, to: number, date: (i: number) => string = () => "2024-05-16"): Promise<void> {
  for (let i = from; i < to; i++) await fs.writeFile(path.join(dir, `a${i}.art`), articleText(`Article ${i}`, date(i), story(i)));
}

/** A test's own folder: `articles/` (created, empty) to ingest from, and `index/` (not created) to ingest into. */
export interface Workspace {
  root: string;
  articles: string;
  indexDir: string;
}

export async function makeWorkspace(): Promise<Workspace> {
  const root = await tempDir();
  const workspace = { root, articles: path.join(root, "articles"), indexDir: path.join(root, "index") };
  await fs.mkdir(workspace.articles);
  return workspace;
}

/** A workspace for the calling test file or `describe` block (`each`: for each test), made before and removed after. Read it inside hooks and tests. */
export function useWorkspace(options: { each?: boolean } = {}): Workspace {
  let workspace: Workspace | undefined;
  (options.each ? beforeEach : beforeAll)(async () => {
    workspace = await makeWorkspace();
  });
  (options.each ? afterEach : afterAll)(async () => {
    await removeDir(workspace?.root);
    workspace = undefined;
  });
  const current = (): Workspace => {
    if (!workspace) throw new Error("the workspace exists only inside hooks and tests");
    return workspace;
  };
  return {
    get root() {
      return current().root;
    },
    get articles() {
      return current().articles;
    },
    get indexDir() {
      return current().indexDir;
    },
  };
}

export const quietLogger = createLogger("silent");

/** Distinct, realistic-looking paragraphs so that articles are not near-duplicates of one another. */
export function story(n: number, extra = ""): string[] {
  const leaders = ["Kishida", "Macron", "Scholz", "Lula", "Modi", "Albanese", "Trudeau", "Meloni", "Yoon", "Ruto", "Sanchez", "Tusk"];
  const topics = [
    "semiconductors",
    "fisheries",
    "climate finance",
    "rail links",
    "vaccine supply",
    "grain exports",
    "cyber defence",
    "ocean mining",
    "wildfire response",
    "student exchanges",
    "rare earths",
    "port security",
  ];
  const leader = leaders[n % leaders.length]!;
  const topic = topics[(n * 5) % topics.length]!;
  return [
    `President Biden met ${leader} on day ${n} to discuss ${topic}, and the two agreed to set up a working group on ${topic} that reports within ${n + 2} months.`,
    `${leader} raised concerns about ${topics[(n + 3) % topics.length]} and asked for a joint review by officials from both governments before the next summit number ${n}.`,
    `The leaders closed meeting ${n} by restating support for ${topics[(n + 7) % topics.length]}.${extra}`,
  ];
}

/** Ingest synthetic articles with fake embeddings and a quiet log; `options` adds to or overrides those defaults. */
export function ingestSynthetic(options: Pick<IngestOptions, "paths"> & Partial<IngestOptions>): Promise<IngestSummary> {
  return runIngest({ embeddings: new CountingEmbeddings(), source: syntheticSource, logger: quietLogger, ...options });
}
