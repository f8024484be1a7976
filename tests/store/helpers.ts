/** Test helpers for the index store and ingest: a synthetic article reader and fast fake embeddings. */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { ReadoutEmbeddings } from "../../src/embeddings/base.js";
import { SkipError } from "../../src/ingest/errors.js";
import type { ArticleSource, SourceFile } from "../../src/ingest/run.js";
import type { Article, Chunk } from "../../src/types/index.js";
import { createLogger } from "../../src/log.js";
import type { IngestProgress } from "../../src/store/types.js";
import type { EmbeddingIdentity } from "../../src/types/index.js";

/** Deterministic bag-of-words vectors; counts the texts it embeds. */
export class CountingEmbeddings extends ReadoutEmbeddings {
  embeddedTexts: string[] = [];
  constructor(
    private readonly model = "fake-words",
    private readonly dims = 32,
  ) {
    super({});
  }
  get identity(): EmbeddingIdentity {
    return { provider: "test", model: this.model, dimensions: this.dims };
  }
  get parallelism(): number {
    return 2;
  }
  private vector(text: string): number[] {
    const vector = new Array<number>(this.dims).fill(0);
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? ["empty"]) {
      const digest = createHash("md5").update(word).digest();
      vector[digest[0]! % this.dims]! += 1;
    }
    vector[0]! += 0.01;
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embeddedTexts.push(...texts);
    return texts.map((text) => this.vector(text));
  }
  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }
}

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
  const date = lines[0]?.startsWith("date:") ? lines.shift()!.replace(/^date:\s*/, "").trim() : undefined;
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

export async function tempDir(prefix = "readout-store-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
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

export const quietLogger = createLogger("silent");

/** Distinct, realistic-looking paragraphs so that articles are not near-duplicates of one another. */
export function story(n: number, extra = ""): string[] {
  const leaders = ["Kishida", "Macron", "Scholz", "Lula", "Modi", "Albanese", "Trudeau", "Meloni", "Yoon", "Ruto", "Sanchez", "Tusk"];
  const topics = ["semiconductors", "fisheries", "climate finance", "rail links", "vaccine supply", "grain exports", "cyber defence", "ocean mining", "wildfire response", "student exchanges", "rare earths", "port security"];
  const leader = leaders[n % leaders.length]!;
  const topic = topics[(n * 5) % topics.length]!;
  return [
    `President Biden met ${leader} on day ${n} to discuss ${topic}, and the two agreed to set up a working group on ${topic} that reports within ${n + 2} months.`,
    `${leader} raised concerns about ${topics[(n + 3) % topics.length]} and asked for a joint review by officials from both governments before the next summit number ${n}.`,
    `The leaders closed meeting ${n} by restating support for ${topics[(n + 7) % topics.length]}.${extra}`,
  ];
}

/** Where a crash test kills the child ingest: at the first progress event `when` accepts, after `delayMs`. */
export interface KillPoint {
  name: string;
  when: (event: IngestProgress) => boolean;
  delayMs: number;
}

/**
 * Run `crash-child.ts` on the articles into `target` (an index folder or a database URL) and
 * SIGKILL it at the kill point. Resolves with whether it was killed before finishing.
 */
export function ingestAndKill(articles: string, target: string, point: KillPoint): Promise<{ killed: boolean }> {
  const child = path.join(import.meta.dirname, "crash-child.ts");
  const repoRoot = path.resolve(import.meta.dirname, "../..");
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", child, articles, target], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let finished = false;
    let stderr = "";
    proc.stderr.on("data", (data) => (stderr += String(data)));
    createInterface({ input: proc.stdout }).on("line", (line) => {
      const event = JSON.parse(line) as IngestProgress & { done: unknown };
      if ((event as { done: unknown }).done === true) finished = true;
      else if (point.when(event)) setTimeout(() => proc.kill("SIGKILL"), point.delayMs);
    });
    proc.on("error", reject);
    proc.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ killed: !finished });
      else if (code === 0) resolve({ killed: false });
      else reject(new Error(`child ingest failed (${code}): ${stderr}`));
    });
  });
}
