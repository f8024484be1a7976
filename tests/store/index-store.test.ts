import { promises as fs } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { EmbeddingMismatchError } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { IndexCorruptError, IndexLockedError, IndexNotFoundError } from "../../src/store/errors.js";
import { openIndex } from "../../src/store/index-store.js";
import { LEXICAL_FIELDS, createLexicalIndex, dateTerms, loadLexicalIndex } from "../../src/store/lexical.js";
import { acquireIngestLock } from "../../src/store/lock.js";
import { CountingEmbeddings } from "../helpers/counting-embeddings.js";
import { useWorkspace, quietLogger, syntheticSource, writeArticles } from "../helpers/synthetic-articles.js";

describe("the index store", () => {
  const workspace = useWorkspace({ each: true });

  beforeEach(async () => {
    await writeArticles(workspace.articles, 0, 3);
  });

  const ingest = (embeddings = new CountingEmbeddings(), extra = {}) =>
    runIngest({ paths: [workspace.articles], indexDir: workspace.indexDir, embeddings, source: syntheticSource, logger: quietLogger, ...extra });

  it("says how to build an index when there is none", async () => {
    const error = await openIndex(workspace.indexDir, new CountingEmbeddings()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexNotFoundError);
    expect((error as Error).message).toMatch(/^No index in (.*index)\. Build one with: npm run ingest -- --index \1 data\/articles$/);
    // The default folder needs no --index.
    expect(new IndexNotFoundError(path.resolve("data/index")).message).toBe("No index in data/index. Build one with: npm run ingest -- data/articles");
  });

  it("refuses to query an index with another model, naming both", async () => {
    await ingest();
    const other = new CountingEmbeddings("other-model", 16);
    const error = await openIndex(workspace.indexDir, other).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbeddingMismatchError);
    expect((error as Error).message).toContain("test/fake-words (32 dimensions)");
    expect((error as Error).message).toContain("test/other-model (16 dimensions)");
  });

  it("refuses to ingest into an index built by another model, unless rebuilding", async () => {
    await ingest();
    const other = new CountingEmbeddings("other-model", 16);
    await expect(ingest(other)).rejects.toBeInstanceOf(EmbeddingMismatchError);
    expect(other.embeddedTexts).toEqual([]);
    expect((await openIndex(workspace.indexDir, new CountingEmbeddings())).manifest.embedding.model).toBe("fake-words");

    const rebuilt = await ingest(other, { rebuild: true });
    expect(rebuilt).toMatchObject({ added: 3, chunksEmbedded: 9 });
    const index = await openIndex(workspace.indexDir, other);
    expect(index.manifest.embedding).toEqual({ provider: "test", model: "other-model", dimensions: 16 });
    expect(index.manifest.chunkCount).toBe(9);
  });

  it("reports a damaged index clearly", async () => {
    await ingest();
    const generation = (await fs.readFile(path.join(workspace.indexDir, "CURRENT"), "utf8")).trim();
    const manifestFile = path.join(workspace.indexDir, generation, "manifest.json");
    const manifest = await fs.readFile(manifestFile, "utf8");

    await fs.writeFile(manifestFile, "{ not json");
    await expect(openIndex(workspace.indexDir, new CountingEmbeddings())).rejects.toThrow(IndexCorruptError);
    await expect(openIndex(workspace.indexDir, new CountingEmbeddings())).rejects.toThrow(/cannot be read \(manifest: .*--rebuild/);
    // Ingest refuses too, rather than overwriting what it cannot read.
    await expect(ingest()).rejects.toThrow(IndexCorruptError);

    await fs.writeFile(manifestFile, manifest);
    await fs.rm(path.join(workspace.indexDir, generation, "articles.json"));
    await expect(openIndex(workspace.indexDir, new CountingEmbeddings())).rejects.toThrow(/missing file articles\.json/);

    await fs.writeFile(path.join(workspace.indexDir, "CURRENT"), "gen-nonexistent\n");
    await expect(openIndex(workspace.indexDir, new CountingEmbeddings())).rejects.toThrow(IndexCorruptError);

    // --rebuild recovers from any of these.
    const rebuilt = await ingest(new CountingEmbeddings(), { rebuild: true });
    expect(rebuilt.added).toBe(3);
    expect((await openIndex(workspace.indexDir, new CountingEmbeddings())).articles.size).toBe(3);
  });

  it("refuses a second concurrent ingest with a clear message", async () => {
    const slow = new (class extends CountingEmbeddings {
      override async embedDocuments(texts: string[]) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return super.embedDocuments(texts);
      }
    })();
    const first = ingest(slow, { batchSize: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await ingest().catch((caught: unknown) => caught);
    expect(second).toBeInstanceOf(IndexLockedError);
    expect((second as Error).message).toMatch(/Another ingest \(process \d+, started .*\) is updating the index in .*index\. Wait for it to finish/);
    expect((await first).added).toBe(3);
    // The lock is released afterwards.
    expect((await ingest()).unchanged).toBe(3);
  });

  it("recovers a lock left by a process that no longer exists", async () => {
    await fs.mkdir(path.join(workspace.indexDir, "ingest.lock"), { recursive: true });
    await fs.writeFile(
      path.join(workspace.indexDir, "ingest.owner.json"),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import("node:os")).hostname(), startedAt: "then" }),
    );
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(path.join(workspace.indexDir, "ingest.lock"), old, old);
    const lock = await acquireIngestLock(workspace.indexDir, { staleMs: 2000 });
    await lock.release();
    expect((await ingest(new CountingEmbeddings(), { lockStaleMs: 2000 })).added).toBe(3);
  });

  it("recovers a lock whose holder was killed before it wrote, or after it removed, its owner file", async () => {
    // A fresh lock nobody keeps fresh: its holder died before naming itself. It is taken once it goes stale.
    await fs.mkdir(path.join(workspace.indexDir, "ingest.lock"), { recursive: true });
    expect((await ingest(new CountingEmbeddings(), { lockStaleMs: 2000 })).added).toBe(3);
  }, 30_000);

  it("keeps refusing a fresh lock without an owner file: its holder may be alive", async () => {
    const holder = await acquireIngestLock(workspace.indexDir, { staleMs: 2000 });
    await fs.rm(path.join(workspace.indexDir, "ingest.owner.json"));
    const refused = await acquireIngestLock(workspace.indexDir, { staleMs: 2000 }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(IndexLockedError);
    await holder.release();
  }, 30_000);

  it("serialises the lexical index with the same options it is loaded with", () => {
    const lexical = createLexicalIndex();
    lexical.add({
      id: "x#p1",
      articleId: "x",
      text: "Lukašenka met Aliyev in Baku",
      title: "Talks",
      participants: "Alexander Lukashenko",
      place: "Baku",
      date: dateTerms("2024-05-16"),
    });
    const loaded = loadLexicalIndex(JSON.stringify(lexical));
    expect(loaded.search("lukasenka").map((hit) => hit.id)).toEqual(["x#p1"]);
    expect(loaded.search("May 2024", { fields: ["date"], combineWith: "AND" }).map((hit) => hit.id)).toEqual(["x#p1"]);
    expect(loaded.search("Aliyev")[0]!.articleId).toBe("x");
    expect([...LEXICAL_FIELDS]).toEqual(["text", "title", "participants", "place", "date"]);
  });
});
