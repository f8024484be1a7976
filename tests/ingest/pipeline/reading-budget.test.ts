/**
 * Reading never blocks answers: files are read in reader threads, each within
 * a time budget; a page nested deeper than the limit is skipped before it is
 * parsed; an article's chunks are capped; a stop ends an ingest at once.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config.js";
import { htmlNestingDepth } from "../../../src/ingest/loaders/html.js";
import { ReaderPool } from "../../../src/ingest/pipeline/reader-pool.js";
import { runIngest } from "../../../src/ingest/run.js";
import { CountingEmbeddings } from "../../helpers/counting-embeddings.js";
import { articleText, quietLogger, syntheticSource } from "../../helpers/synthetic-articles.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { tempDir, removeDir } from "../../helpers/temp-dir.js";

const PARAGRAPH = "<p>The delegates met in Veyra on 6 June 2024 to discuss fisheries and agreed on herring quotas for the coming season.</p>";
/** A page nested `depth` levels deep around one paragraph: 5,000 levels make about 55 KB. */
const nested = (depth: number) => `<html><body>${"<div>".repeat(depth)}${PARAGRAPH}${"</div>".repeat(depth)}</body></html>`;
/** Nesting that Readability needs tens of seconds for (1,200 levels took 25 s on a 2-core VM). */
const SLOW_DEPTH = 2000;
const GOOD_ARTICLE = `---
title: "Fisheries ministers meet in Veyra"
date: 2024-06-06
---

The fisheries ministers of Caldovia and Lindmark met in Veyra today and agreed on herring quotas for the coming season.
`;

let root: string;
beforeAll(async () => {
  root = await tempDir("readout-reading-");
});
afterAll(async () => {
  await removeDir(root);
});

describe("htmlNestingDepth", () => {
  it("counts nesting from the tags, not elements that hold nothing or may be left open", () => {
    expect(htmlNestingDepth("<div><section><p>a<p>b<br><img src=x></section></div>")).toBe(2);
    expect(htmlNestingDepth(nested(5000))).toBe(5002);
    expect(htmlNestingDepth(nested(5000), 512)).toBe(513);
    expect(htmlNestingDepth("no tags at all, 3 < 4 > 2")).toBe(0);
  });
});

describe("a page nested 5,000 levels deep (55 KB)", () => {
  it("is skipped with its reason, quickly, and the other articles are indexed", async () => {
    const articles = path.join(root, "deep");
    await fs.mkdir(articles);
    await fs.writeFile(path.join(articles, "deep.html"), nested(5000));
    await fs.writeFile(path.join(articles, "veyra.md"), GOOD_ARTICLE);
    expect((await fs.stat(path.join(articles, "deep.html"))).size).toBeGreaterThan(50_000);
    const summary = await runIngest({
      paths: [articles],
      indexDir: path.join(root, "deep-index"),
      embeddings: new CountingEmbeddings(),
      config: parseConfig({ LOG_LEVEL: "silent" }),
      logger: quietLogger,
    });
    expect(summary.added).toBe(1);
    expect(summary.skipped).toEqual([
      { path: path.join(articles, "deep.html"), reason: "HTML nested more than 512 levels deep (READOUT_READ_MAX_DEPTH); not parsed" },
    ]);
  }, 60_000);
});

describe("the reader threads", () => {
  it("skip a file over the time budget, keep the main thread free meanwhile, and read the next file", async () => {
    const slow = path.join(root, "slow.html");
    // With the depth limit raised, a page this deep takes Readability far longer than the budget on any machine.
    await fs.writeFile(slow, nested(SLOW_DEPTH));
    const good = path.join(root, "good.md");
    await fs.writeFile(good, GOOD_ARTICLE);
    const pool = new ReaderPool({ workers: 1, timeoutMs: 2000, read: { maxHtmlDepth: SLOW_DEPTH + 10 } });
    try {
      await pool.read(good, "good.md"); // the thread is up
      let ticks = 0;
      const timer = setInterval(() => ticks++, 20);
      const started = performance.now();
      await expect(pool.read(slow, "slow.html")).rejects.toMatchObject({
        name: "SkipError",
        reason: "not read within 2.0 s (READOUT_READ_TIMEOUT_MS); skipped",
      });
      clearInterval(timer);
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(1900);
      // Parsing on this thread would have stopped the timer for the whole time.
      expect(ticks).toBeGreaterThan(20);
      const next = await pool.read(good, "good.md");
      expect(next.articles[0]!.meta.title).toBe("Fisheries ministers meet in Veyra");
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("stop at once when the ingest is stopped, the file being read rejected", async () => {
    const slow = path.join(root, "slow-abort.html");
    await fs.writeFile(slow, nested(SLOW_DEPTH));
    const controller = new AbortController();
    const pool = new ReaderPool({ workers: 1, timeoutMs: 60_000, read: { maxHtmlDepth: SLOW_DEPTH + 10 }, signal: controller.signal });
    const reading = pool.read(slow, "slow-abort.html");
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    await expect(reading).rejects.toThrow("the readers were stopped");
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("the cap on chunks per article", () => {
  it("indexes an article's first chunks up to READOUT_MAX_CHUNKS_PER_ARTICLE and reports the rest", async () => {
    const articles = path.join(root, "long");
    await fs.mkdir(articles);
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `Paragraph ${i + 1} of the long report describes quota number ${i + 1} for zone ${i + 7} in detail.`,
    );
    await fs.writeFile(path.join(articles, "long.art"), articleText("A long report", "2024-05-16", paragraphs));
    const summary = await runIngest({
      paths: [articles],
      indexDir: path.join(root, "long-index"),
      embeddings: new CountingEmbeddings(),
      source: syntheticSource,
      config: parseConfig({ LOG_LEVEL: "silent", READOUT_MAX_CHUNKS_PER_ARTICLE: "5" }),
      logger: quietLogger,
    });
    expect(summary).toMatchObject({ added: 1, chunks: 5, failed: false });
    expect(summary.notices).toEqual([{ id: "long.art", notice: "12 chunks: only the first 5 are indexed (READOUT_MAX_CHUNKS_PER_ARTICLE)" }]);
    expect(parseConfig({}).ingest.maxChunksPerArticle).toBe(500);
  });
});

describe("stopping an ingest", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} while a slow file is read ends the run within a second or two, the index untouched`, async () => {
      const articles = path.join(root, `stop-${signal}`);
      await fs.mkdir(articles);
      for (let i = 0; i < 3; i++) await fs.writeFile(path.join(articles, `slow-${i}.html`), nested(SLOW_DEPTH));
      const indexDir = path.join(root, `stop-index-${signal}`);
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli/ingest.ts", "--index", indexDir, articles], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          LOG_LEVEL: "silent",
          READOUT_EMBEDDINGS: "use-lite",
          READOUT_LLM: "none",
          READOUT_EMBED_WORKERS: "0",
          READOUT_READ_TIMEOUT_MS: "120000",
          READOUT_READ_MAX_DEPTH: String(SLOW_DEPTH + 10),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      const reading = new Promise<void>((resolve) =>
        child.stderr.on("data", (data) => {
          stderr += String(data);
          if (/Reading: 0\/3 files read/.test(stderr)) resolve();
        }),
      );
      await reading;
      // Let the reader thread start and get into the first page.
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const sent = performance.now();
      child.kill(signal);
      const code = await exited;
      const tookMs = performance.now() - sent;
      expect(code, stderr).toBe(130);
      expect(stderr).toMatch(/index was left as it was/);
      expect(tookMs).toBeLessThan(3000);
      await expect(fs.access(path.join(indexDir, "CURRENT"))).rejects.toThrow();
    }, 90_000);
  }
});
