/**
 * End to end over real documents: the 1,412 White House readouts plus a scraped
 * news page, through the real readers, USE-lite and the worker pool, into the
 * index that the suite shares (built once, then brought up to date
 * incrementally); then the bundled sample corpus. Skips when ../shared is absent.
 */
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UseLiteEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { INDEX_FILES, currentGeneration } from "../../src/store/generations.js";
import { openIndex } from "../../src/store/index-store.js";
import type { IngestSummary } from "../../src/store/types.js";
import { ensureReadoutsIndex, haveReadouts } from "../helpers/readouts-index.js";
import { quietLogger } from "../helpers/synthetic-articles.js";
import { tempDir } from "../helpers/temp-dir.js";
import { READOUTS_DIR, SAMPLE_ARTICLES_DIR, SCRAPED_PAGE } from "../helpers/paths.js";

const readouts = READOUTS_DIR;
const scraped = SCRAPED_PAGE;
const sample = SAMPLE_ARTICLES_DIR;
const haveShared = haveReadouts();
if (!haveShared) console.warn(`skipping the readouts end-to-end ingest: ${readouts} or ${scraped} is absent`);

describe.skipIf(!haveShared)("end-to-end ingest of the White House readouts and a scraped page", () => {
  let indexDir: string;
  let embeddings: UseLiteEmbeddings;
  let first: IngestSummary;

  beforeAll(async () => {
    embeddings = new UseLiteEmbeddings({ workers: 2, batchSize: 32 });
    const shared = await ensureReadoutsIndex(embeddings);
    indexDir = shared.dir;
    first = shared.summary;
  }, 900_000);
  afterAll(async () => {
    await embeddings?.close();
  });

  it("reads every file, skips only the licence, and reports the repeated readouts as duplicates", async () => {
    expect(first.filesRead).toBe(1413);
    expect(first.failed).toBe(false);
    expect(first.skipped).toEqual([{ path: path.join(readouts, "LICENSE"), reason: "no file extension", ignored: true }]);
    expect(first.added + first.updated + first.unchanged + first.duplicates.length).toBe(1413);
    expect(first.articles).toBe(1413 - first.duplicates.length);
    expect(first.duplicates.length).toBeGreaterThan(0);
    expect(first.duplicates.length).toBeLessThan(10);
    // A fresh build embeds every distinct chunk text once (a few chunks repeat
    // word for word across readouts); a refresh only what changed.
    if (first.unchanged === 0) {
      const generation = (await currentGeneration(indexDir))!;
      const keys = JSON.parse(await fs.readFile(path.join(generation, INDEX_FILES.embeddingKeys), "utf8")) as string[];
      expect(keys).toHaveLength(first.chunks);
      expect(first.chunksEmbedded).toBe(new Set(keys).size);
    }
    expect(first.chunksEmbedded).toBeLessThanOrEqual(first.chunks);
  });

  it("opens quickly and answers dense and lexical searches", async () => {
    const started = performance.now();
    const index = await openIndex(indexDir, embeddings);
    const loadMs = performance.now() - started;
    console.info(`readouts index: ${index.manifest.articleCount} articles, ${index.manifest.chunkCount} chunks, opened in ${loadMs.toFixed(0)} ms`);
    expect(index.manifest.articleCount).toBe(first.articles);
    expect(index.manifest.embedding).toEqual({ provider: "use-lite", model: "universal-sentence-encoder-lite", dimensions: 512 });
    expect(index.manifest.dateRange!.from < index.manifest.dateRange!.to).toBe(true);
    for (const duplicate of first.duplicates) {
      expect(index.articles.has(duplicate.duplicateOf)).toBe(true);
      expect(index.articles.has(duplicate.id)).toBe(false);
    }

    const lexical = index.lexical.search("Kishida", { boost: { title: 2 } });
    expect(lexical.length).toBeGreaterThan(5);
    expect(index.chunk(String(lexical[0]!.id))!.metadata.title).toMatch(/Kishida/);

    const dense = await index.vectorStore.similaritySearch("President Biden met Prime Minister Kishida of Japan", 5);
    expect(dense).toHaveLength(5);
    expect(dense.some((doc) => /Kishida|Japan/.test(doc.pageContent + doc.metadata.title))).toBe(true);

    const page = index.articles.get("scraped-news-page.txt")!;
    expect(page).toBeDefined();
    expect(page.paragraphs.length).toBeGreaterThan(2);
    expect(page.paragraphs.join("\n")).not.toMatch(/↺|16 px/);
    const pageChunks = index.chunksOfArticle("scraped-news-page.txt");
    expect(pageChunks.length).toBeGreaterThan(0);
    for (const doc of pageChunks) {
      for (const n of doc.metadata.paragraphs) expect(page.paragraphs[n - 1]).toBeDefined();
    }
  });

  it("adds and embeds nothing on a second run", async () => {
    const second = await runIngest({ paths: [readouts, scraped], indexDir, embeddings, logger: quietLogger });
    expect(second).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: first.articles, chunksEmbedded: 0, written: false, failed: false });
    expect(second.duplicates).toEqual(first.duplicates);
  }, 300_000);
});

describe.skipIf(!existsSync(sample))("ingest of the bundled sample corpus", () => {
  it("reads every sample article without a failure", async () => {
    const root = await tempDir("readout-sample-");
    const embeddings = new UseLiteEmbeddings({ workers: 1, batchSize: 32 });
    try {
      const summary = await runIngest({ paths: [sample], indexDir: path.join(root, "index"), embeddings, logger: quietLogger });
      expect(summary.skipped.filter((skip) => !skip.ignored)).toEqual([]);
      expect(summary.added).toBeGreaterThanOrEqual(25);
      const index = await openIndex(path.join(root, "index"), embeddings);
      expect(index.manifest.articleCount).toBe(summary.added);
    } finally {
      await embeddings.close();
      await fs.rm(root, { recursive: true, force: true });
    }
  }, 300_000);
});
