import { promises as fs } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { EmbeddingServiceError } from "../../src/embeddings/index.js";
import { IngestAbortedError, runIngest } from "../../src/ingest/run.js";
import { openIndex } from "../../src/store/index-store.js";
import { CountingEmbeddings } from "../helpers/counting-embeddings.js";
import { ingestSynthetic, quietLogger, syntheticSource, useWorkspace, writeArticles } from "../helpers/synthetic-articles.js";

describe("ingest that cannot finish", () => {
  const workspace = useWorkspace({ each: true });

  beforeEach(async () => {
    await writeArticles(workspace.articles, 0, 6);
    await ingestSynthetic({ paths: [workspace.articles], indexDir: workspace.indexDir });
    await writeArticles(workspace.articles, 6, 30, () => "2024-05-17");
  });

  it("reports a failing embedding service and leaves the index as it was", async () => {
    const broken = new (class extends CountingEmbeddings {
      calls = 0;
      override async embedDocuments(texts: string[]) {
        if (++this.calls === 3) throw new Error("connect ECONNREFUSED 127.0.0.1:11434");
        return super.embedDocuments(texts);
      }
    })();
    const error = await runIngest({
      paths: [workspace.articles],
      indexDir: workspace.indexDir,
      embeddings: broken,
      source: syntheticSource,
      logger: quietLogger,
      batchSize: 4,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbeddingServiceError);
    expect((error as Error).message).toBe("Embedding with test/fake-words failed: connect ECONNREFUSED 127.0.0.1:11434");
    const index = await openIndex(workspace.indexDir, new CountingEmbeddings());
    expect(index.articles.size).toBe(6);
    // Nothing half-done is left, and the lock is free.
    expect((await fs.readdir(workspace.indexDir)).filter((name) => name.startsWith(".staging") || name.startsWith("ingest."))).toEqual([]);
    expect((await ingestSynthetic({ paths: [workspace.articles], indexDir: workspace.indexDir })).added).toBe(24);
  });

  it("stops when aborted, even in the middle of embedding, and leaves the index as it was", async () => {
    const controller = new AbortController();
    const slow = new (class extends CountingEmbeddings {
      override async embedDocuments(texts: string[]) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return super.embedDocuments(texts);
      }
    })();
    const started = performance.now();
    const run = runIngest({
      paths: [workspace.articles],
      indexDir: workspace.indexDir,
      embeddings: slow,
      source: syntheticSource,
      logger: quietLogger,
      batchSize: 2,
      signal: controller.signal,
      onProgress: (event) => {
        if (event.phase === "embed" && event.done >= 4) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(IngestAbortedError);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(slow.embeddedTexts.length).toBeLessThan(72);
    expect((await openIndex(workspace.indexDir, new CountingEmbeddings())).articles.size).toBe(6);
    expect((await ingestSynthetic({ paths: [workspace.articles], indexDir: workspace.indexDir })).added).toBe(24);
  });

  it("writes and opens an index with no articles", async () => {
    const emptyDir = path.join(workspace.root, "empty");
    const emptyIndex = path.join(workspace.root, "empty-index");
    await fs.mkdir(emptyDir);
    const summary = await ingestSynthetic({ paths: [emptyDir], indexDir: emptyIndex });
    expect(summary).toMatchObject({ filesRead: 0, added: 0, chunks: 0, failed: false });
    const index = await openIndex(emptyIndex, new CountingEmbeddings());
    expect(index.manifest).toMatchObject({ articleCount: 0, chunkCount: 0 });
    expect(index.lexical.search("anything")).toEqual([]);
  });
});
