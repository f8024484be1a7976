/**
 * An index belongs to its articles, not to absolute paths: a checkout copied
 * or moved with its index re-ingests as "unchanged", and an index written
 * with absolute source paths (before they were stored relative) stays readable
 * and updatable from a copy.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runIngest } from "../../src/ingest/run.js";
import { currentGeneration } from "../../src/store/generations.js";
import { openIndex } from "../../src/store/index-store.js";
import { CountingEmbeddings } from "../helpers/counting-embeddings.js";
import { quietLogger, syntheticSource, writeArticles } from "../helpers/synthetic-articles.js";
import { tempDir } from "../helpers/temp-dir.js";

let root: string;
const embeddings = new CountingEmbeddings();
const ingest = (articles: string, indexDir: string) => runIngest({ paths: [articles], indexDir, embeddings, source: syntheticSource, logger: quietLogger });

beforeEach(async () => {
  root = await tempDir("readout-moved-");
  await fs.mkdir(path.join(root, "checkout/data/articles/news"), { recursive: true });
  await writeArticles(path.join(root, "checkout/data/articles"), 0, 2);
  await writeArticles(path.join(root, "checkout/data/articles/news"), 2, 3);
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe("a copied or moved checkout", () => {
  it("re-ingests its own articles as unchanged, the original still in place", async () => {
    const original = path.join(root, "checkout");
    expect(await ingest(path.join(original, "data/articles"), path.join(original, "data/index"))).toMatchObject({ added: 3, failed: false });
    const stored = JSON.parse(await fs.readFile(path.join((await currentGeneration(path.join(original, "data/index")))!, "articles.json"), "utf8"));
    expect(stored.map((article: { sourcePath: string }) => article.sourcePath).sort()).toEqual([
      "../articles/a0.art",
      "../articles/a1.art",
      "../articles/news/a2.art",
    ]);

    const copy = path.join(root, "copy of checkout");
    await fs.cp(original, copy, { recursive: true });
    const again = await ingest(path.join(copy, "data/articles"), path.join(copy, "data/index"));
    expect(again.skipped).toEqual([]);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, failed: false, written: false });
    const index = await openIndex(path.join(copy, "data/index"), embeddings);
    expect(index.articles.get("news/a2.art")!.sourcePath).toBe(path.join(copy, "data/articles/news/a2.art"));
  });

  it("reads an index that stored absolute paths, and a copy of its articles updates it as unchanged", async () => {
    const articles = path.join(root, "checkout/data/articles");
    const indexDir = path.join(root, "index");
    await ingest(articles, indexDir);
    // Rewrite the generation as older versions wrote it: absolute source paths.
    const file = path.join((await currentGeneration(indexDir))!, "articles.json");
    const stored = JSON.parse(await fs.readFile(file, "utf8")) as { sourcePath: string }[];
    await fs.writeFile(file, JSON.stringify(stored.map((article) => ({ ...article, sourcePath: path.resolve(indexDir, article.sourcePath) }))));
    expect((await openIndex(indexDir, embeddings)).articles.get("a0.art")!.sourcePath).toBe(path.join(articles, "a0.art"));

    const moved = path.join(root, "elsewhere/articles");
    await fs.cp(articles, moved, { recursive: true });
    const again = await ingest(moved, indexDir);
    expect(again.skipped).toEqual([]);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, failed: false });
    expect((await openIndex(indexDir, embeddings)).articles.get("a0.art")!.sourcePath).toBe(path.join(moved, "a0.art"));
  });

  it("still refuses the same id from another existing file that says something else", async () => {
    const articles = path.join(root, "checkout/data/articles");
    const indexDir = path.join(root, "index");
    await ingest(articles, indexDir);
    const other = path.join(root, "other");
    await fs.mkdir(other);
    await writeArticles(other, 7, 8);
    await fs.rename(path.join(other, "a7.art"), path.join(other, "a0.art"));
    const run = await ingest(other, indexDir);
    expect(run.skipped).toEqual([
      {
        path: path.join(other, "a0.art"),
        reason: `article id "a0.art" is already indexed from ${path.join(articles, "a0.art")}, which still exists; rename one of them`,
      },
    ]);
  });
});
