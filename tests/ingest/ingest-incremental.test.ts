import { promises as fs } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runIngest, type IngestOptions } from "../../src/ingest/run.js";
import { openIndex } from "../../src/store/index-store.js";
import { CountingEmbeddings } from "../helpers/counting-embeddings.js";
import { articleText, useWorkspace, quietLogger, story, syntheticSource } from "../helpers/synthetic-articles.js";

describe("incremental, idempotent ingest", () => {
  const workspace = useWorkspace({ each: true });
  let embeddings: CountingEmbeddings;

  beforeEach(async () => {
    await fs.mkdir(path.join(workspace.articles, "calls"), { recursive: true });
    for (let i = 0; i < 4; i++) {
      await fs.writeFile(path.join(workspace.articles, `meeting-${i}.art`), articleText(`Meeting ${i}`, `2024-0${i + 1}-10`, story(i)));
    }
    await fs.writeFile(path.join(workspace.articles, "calls", "call-9.art"), articleText("Call 9", "2023-12-01", story(9)));
    embeddings = new CountingEmbeddings();
  });

  const ingest = (extra: Partial<IngestOptions> = {}) =>
    runIngest({ paths: [workspace.articles], indexDir: workspace.indexDir, embeddings, source: syntheticSource, logger: quietLogger, batchSize: 4, ...extra });

  it("indexes every article with its chunks, vectors, lexical entries and manifest", async () => {
    const summary = await ingest();
    expect(summary).toMatchObject({
      filesRead: 5,
      added: 5,
      updated: 0,
      unchanged: 0,
      removed: 0,
      chunks: 15,
      chunksEmbedded: 15,
      failed: false,
      written: true,
    });
    const index = await openIndex(workspace.indexDir, embeddings);
    expect([...index.articles.keys()].sort()).toEqual(["calls/call-9.art", "meeting-0.art", "meeting-1.art", "meeting-2.art", "meeting-3.art"]);
    expect(index.manifest).toMatchObject({
      formatVersion: 1,
      articleCount: 5,
      chunkCount: 15,
      embedding: embeddings.identity,
      dateRange: { from: "2023-12-01", to: "2024-04-10" },
    });
    const chunk = index.chunk("meeting-2.art#p2")!;
    expect(chunk.pageContent).toContain("Scholz raised concerns");
    expect(chunk.metadata).toMatchObject({
      articleId: "meeting-2.art",
      paragraphs: [2],
      title: "Meeting 2",
      date: "2024-03-10",
      participants: ["Test Person"],
    });
    expect(index.chunksOfArticle("meeting-2.art").map((doc) => doc.metadata.chunkId)).toEqual(["meeting-2.art#p1", "meeting-2.art#p2", "meeting-2.art#p3"]);
    expect(index.articles.get("calls/call-9.art")!.sourcePath).toBe(path.join(workspace.articles, "calls", "call-9.art"));
    const dense = await index.vectorStore.similaritySearch(story(2)[1]!, 1);
    expect(dense[0]!.metadata.chunkId).toBe("meeting-2.art#p2");
    const lexical = index.lexical.search("Scholz");
    expect(lexical.map((hit) => hit.id)).toContain("meeting-2.art#p2");
  });

  it("adds and embeds nothing when run again on the same files", async () => {
    await ingest();
    const before = await fs.readFile(path.join(workspace.indexDir, "CURRENT"), "utf8");
    embeddings.embeddedTexts = [];
    const second = await ingest();
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 5, removed: 0, chunksEmbedded: 0, chunks: 15, written: false });
    expect(embeddings.embeddedTexts).toEqual([]);
    expect(await fs.readFile(path.join(workspace.indexDir, "CURRENT"), "utf8")).toBe(before);
  });

  it("replaces a changed article's chunks and embeds only the new text", async () => {
    await ingest();
    const changed = story(1);
    changed[1] = "Macron and Biden added a new paragraph about wine tariffs and a visit to Lyon.";
    await fs.writeFile(
      path.join(workspace.articles, "meeting-1.art"),
      articleText("Meeting 1", "2024-02-10", [...changed, "A fourth paragraph on fusion research."]),
    );
    embeddings.embeddedTexts = [];
    const summary = await ingest();
    expect(summary).toMatchObject({ added: 0, updated: 1, unchanged: 4, chunks: 16, chunksEmbedded: 2, written: true });
    const index = await openIndex(workspace.indexDir, embeddings);
    const chunks = index.chunksOfArticle("meeting-1.art");
    expect(chunks.map((doc) => doc.pageContent)).toEqual([...changed, "A fourth paragraph on fusion research."]);
    expect(index.lexical.search("wine tariffs").map((hit) => hit.id)).toContain("meeting-1.art#p2");
    // The old paragraph is gone from both indexes.
    const oldText = story(1)[1]!;
    expect([...index.vectorStore.docstore._docs.values()].some((doc) => doc.pageContent === oldText)).toBe(false);
    expect(index.lexical.search(oldText, { combineWith: "AND" })).toHaveLength(0);
    expect(index.vectorStore.index.getCurrentCount()).toBe(16);
  });

  it("keeps articles whose files are gone unless --prune, and prunes only under the paths given", async () => {
    const elsewhere = path.join(workspace.root, "elsewhere");
    await fs.mkdir(elsewhere);
    await fs.writeFile(path.join(elsewhere, "other.art"), articleText("Other", "2022-05-05", story(11)));
    await ingest();
    await ingest({ paths: [elsewhere] });
    await fs.rm(path.join(workspace.articles, "meeting-0.art"));
    await fs.rm(path.join(elsewhere, "other.art"));

    const kept = await ingest();
    expect(kept).toMatchObject({ removed: 0, unchanged: 4, missing: ["meeting-0.art"], written: false });
    expect((await openIndex(workspace.indexDir, embeddings)).articles.has("meeting-0.art")).toBe(true);

    const pruned = await ingest({ prune: true });
    expect(pruned).toMatchObject({ removed: 1, unchanged: 4, missing: [], chunksEmbedded: 0, written: true });
    const index = await openIndex(workspace.indexDir, embeddings);
    expect(index.articles.has("meeting-0.art")).toBe(false);
    expect(index.chunk("meeting-0.art#p1")).toBeUndefined();
    expect(index.lexical.search("day 0").some((hit) => String(hit.id).startsWith("meeting-0.art"))).toBe(false);
    // other.art is gone too, but it lives outside the paths of this run.
    expect(index.articles.has("other.art")).toBe(true);
    expect(index.manifest).toMatchObject({ articleCount: 5, chunkCount: 15 });
  });

  it("reports the same story from two files as a duplicate of the first", async () => {
    await ingest();
    // Exact copy under another name, and a near-identical copy (different spacing, one word changed).
    await fs.copyFile(path.join(workspace.articles, "meeting-2.art"), path.join(workspace.articles, "meeting-2-copy.art"));
    const near = story(3).map((paragraph) => paragraph.replace(/ /g, "  ").replace("restating", "reaffirming"));
    await fs.writeFile(path.join(workspace.articles, "z-near.art"), articleText("Meeting three, scraped", "2024-04-10", near));
    const summary = await ingest();
    expect(summary.duplicates).toEqual([
      { id: "meeting-2-copy.art", duplicateOf: "meeting-2.art" },
      { id: "z-near.art", duplicateOf: "meeting-3.art" },
    ]);
    expect(summary).toMatchObject({ added: 0, chunksEmbedded: 0, failed: false });
    const again = await ingest();
    expect(again.duplicates).toHaveLength(2);
    expect(again.added).toBe(0);
    expect((await openIndex(workspace.indexDir, embeddings)).articles.size).toBe(5);
  });

  it("does not take a different story for a duplicate", async () => {
    await fs.writeFile(
      path.join(workspace.articles, "similar.art"),
      articleText("Meeting 2 follow-up", "2024-03-11", [
        ...story(2).slice(0, 2),
        "An entirely new closing paragraph about a later state visit to Berlin in the autumn, with new agreements on hydrogen and on shipbuilding.",
      ]),
    );
    const summary = await ingest();
    expect(summary.duplicates).toEqual([]);
    expect(summary.added).toBe(6);
  });

  it("refuses an id already indexed from another file that still exists", async () => {
    await ingest();
    const other = path.join(workspace.root, "other-root");
    await fs.mkdir(other);
    await fs.writeFile(path.join(other, "meeting-0.art"), articleText("A different meeting 0", "2021-01-01", story(7)));
    const summary = await ingest({ paths: [other] });
    expect(summary.failed).toBe(true);
    expect(summary.skipped).toEqual([
      { path: path.join(other, "meeting-0.art"), reason: expect.stringMatching(/already indexed from .*articles\/meeting-0\.art/) },
    ]);
    const index = await openIndex(workspace.indexDir, embeddings);
    expect(index.articles.get("meeting-0.art")!.meta.title).toBe("Meeting 0");
    // Once the original file is gone, the same id from the new place is an update (the file moved).
    await fs.rm(path.join(workspace.articles, "meeting-0.art"));
    const moved = await ingest({ paths: [other] });
    expect(moved).toMatchObject({ updated: 1, failed: false });
    expect((await openIndex(workspace.indexDir, embeddings)).articles.get("meeting-0.art")!.meta.title).toBe("A different meeting 0");
  });

  it("gives a file named directly its file name as id, and records get file#n", async () => {
    const single = path.join(workspace.root, "single.art");
    await fs.writeFile(single, articleText("Single", "2020-02-02", story(5)));
    const records = path.join(workspace.articles, "calls", "records.artl");
    await fs.writeFile(records, `${articleText("Rec A", "2020-03-03", story(6))}===\n${articleText("Rec B", "2020-03-04", story(8))}`);
    const summary = await ingest({ paths: [workspace.articles, single] });
    expect(summary.added).toBe(8);
    const index = await openIndex(workspace.indexDir, embeddings);
    expect(index.articles.has("single.art")).toBe(true);
    expect(index.articles.has("calls/records.artl#1")).toBe(true);
    expect(index.articles.has("calls/records.artl#2")).toBe(true);
    // A record removed from a file that is still there is pruned too.
    await fs.writeFile(records, articleText("Rec A", "2020-03-03", story(6)));
    const pruned = await ingest({ paths: [workspace.articles], prune: true });
    expect(pruned).toMatchObject({ removed: 1 });
    expect((await openIndex(workspace.indexDir, embeddings)).articles.has("calls/records.artl#2")).toBe(false);
    expect((await openIndex(workspace.indexDir, embeddings)).articles.has("single.art")).toBe(true);
  });
});
