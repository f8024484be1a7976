/**
 * The PostgreSQL store against a real throw-away cluster with pgvector:
 * migrations, incremental ingest (unchanged, changed, pruned, duplicates), the
 * embedding model recorded and mixing refused, concurrent ingests taking turns,
 * and dense and full-text search behind the same interface as the local store.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { EmbeddingMismatchError } from "../../../src/embeddings/identity.js";
import { runIngest, type IngestOptions } from "../../../src/ingest/run.js";
import { openPostgresIndex } from "../../../src/store/postgres/pg-index.js";
import { postgresIngestTarget } from "../../../src/store/postgres/pg-target.js";
import { MIGRATIONS, MigrationError, StoreConnectionError, migrate } from "../../../src/store/postgres/migrations.js";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../../helpers/postgres.js";
import { CountingEmbeddings } from "../../helpers/counting-embeddings.js";
import { articleText, makeWorkspace, quietLogger, story, syntheticSource } from "../../helpers/synthetic-articles.js";
import { skipNotice } from "../../helpers/skip.js";
import { freePort } from "../../helpers/wait.js";

const unavailable = skipNotice(import.meta.filename, postgresUnavailable());

describe.skipIf(unavailable !== undefined)("the PostgreSQL store", () => {
  let cluster: PostgresCluster;
  let databases = 0;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  let root: string;
  let articles: string;
  let url: string;
  let embeddings: CountingEmbeddings;
  beforeEach(async () => {
    ({ root, articles } = await makeWorkspace());
    for (let i = 0; i < 4; i++) await fs.writeFile(path.join(articles, `meeting-${i}.art`), articleText(`Meeting ${i}`, `2024-0${i + 1}-10`, story(i)));
    url = await cluster.createDatabase(`store_${++databases}`);
    embeddings = new CountingEmbeddings();
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  const ingest = (extra: Partial<IngestOptions> = {}) =>
    runIngest({ paths: [articles], target: postgresIngestTarget(url), embeddings, source: syntheticSource, logger: quietLogger, batchSize: 4, ...extra });

  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client(url);
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  it("migrates a new database once and refuses one migrated by a newer Readout", async () => {
    const pool = new pg.Pool({ connectionString: url });
    try {
      expect(await migrate(pool, "test")).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(pool, "test")).toEqual([]);
      const indexes = await pool.query("SELECT indexname FROM pg_indexes WHERE tablename = 'readout_chunks'");
      expect(indexes.rows.map((row) => row.indexname)).toContain("readout_chunks_search");
      await pool.query("INSERT INTO readout_migrations (version, name) VALUES (99, 'from the future')");
      await expect(migrate(pool, "test")).rejects.toThrow(MigrationError);
      await expect(migrate(pool, "test")).rejects.toThrow(/schema is at version 99/);
    } finally {
      await pool.end();
    }
  });

  it("names an unreachable database without its password", async () => {
    const port = await freePort();
    const error = await openPostgresIndex(`postgres://readout:s3cret@127.0.0.1:${port}/readout`, embeddings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConnectionError);
    expect(String((error as Error).message)).toContain(`127.0.0.1:${port}`);
    expect(String((error as Error).message)).not.toContain("s3cret");
  });

  it("indexes articles with chunks, pgvector embeddings in an HNSW index and full-text search", async () => {
    const summary = await ingest();
    expect(summary).toMatchObject({ filesRead: 4, added: 4, chunks: 12, chunksEmbedded: 12, failed: false, written: true });
    const index = await openPostgresIndex(url, embeddings);
    try {
      expect(index.manifest).toMatchObject({
        articleCount: 4,
        chunkCount: 12,
        embedding: embeddings.identity,
        dateRange: { from: "2024-01-10", to: "2024-04-10" },
      });
      expect(index.chunksOfArticle("meeting-2.art").map((doc) => doc.metadata.chunkId)).toEqual(["meeting-2.art#p1", "meeting-2.art#p2", "meeting-2.art#p3"]);
      expect(index.chunk("meeting-2.art#p2")!.metadata).toMatchObject({ articleId: "meeting-2.art", paragraphs: [2], title: "Meeting 2", date: "2024-03-10" });
      const vector = (await embeddings.embedQuery(story(2)[1]!)) as number[];
      expect((await index.nearest(vector, 3))[0]!.metadata.chunkId).toBe("meeting-2.art#p2");
      // The date filter runs inside the search: the best chunk of another month is not returned.
      const inJanuary = await index.nearest(vector, 3, { from: "2024-01-01", to: "2024-01-31" });
      expect(inJanuary.length).toBe(3);
      expect(inJanuary.every((doc) => doc.metadata.date === "2024-01-10")).toBe(true);
      const lexical = await index.matching("Scholz", { k: 5, boost: { title: 2, participants: 2 } });
      expect(lexical.map((doc) => doc.metadata.chunkId)).toContain("meeting-2.art#p2");
      expect(lexical.every((doc) => doc.pageContent.includes("Scholz"))).toBe(true);
      // Accents are folded on both sides, and long words match as prefixes.
      expect((await index.matching("SCHÖLZ semiconductor", { k: 5, boost: {} })).length).toBeGreaterThan(0);
      const vectors = await index.vectorsOf(["meeting-2.art#p2"]);
      expect(vectors.get("meeting-2.art#p2")!.length).toBe(32);
      expect(index.terms.mentions("scholz")).toBe(true);
      expect(index.terms.mentions("merkel")).toBe(false);
      expect(index.terms.nearlyMentions("schotz")).toBe(true);
      expect(index.terms.weight("scholz")).toBeGreaterThan(index.terms.weight("biden"));
      const hnsw = await query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'readout_chunks_embedding'");
      expect(hnsw[0]!.indexdef).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
    } finally {
      await index.close();
    }
  });

  it("is incremental: unchanged articles are not rewritten, a changed one re-embeds only its new text, --prune removes", async () => {
    await ingest();
    const index = await openPostgresIndex(url, embeddings);
    try {
      embeddings.embeddedTexts = [];
      expect(await ingest()).toMatchObject({ unchanged: 4, chunksEmbedded: 0, written: false });
      expect(await index.changed()).toBe(false);

      const changed = story(1);
      changed[1] = "Macron and Biden added a new paragraph about wine tariffs and a visit to Lyon.";
      await fs.writeFile(path.join(articles, "meeting-1.art"), articleText("Meeting 1", "2024-02-10", changed));
      expect(await ingest()).toMatchObject({ updated: 1, unchanged: 3, chunks: 12, chunksEmbedded: 1, written: true });
      expect(await index.changed()).toBe(true);

      await fs.rm(path.join(articles, "meeting-0.art"));
      expect(await ingest()).toMatchObject({ removed: 0, missing: ["meeting-0.art"], written: false });
      expect(await ingest({ prune: true })).toMatchObject({ removed: 1, unchanged: 3, chunksEmbedded: 0, written: true });
    } finally {
      await index.close();
    }
    const after = await openPostgresIndex(url, embeddings);
    try {
      expect([...after.articles.keys()].sort()).toEqual(["meeting-1.art", "meeting-2.art", "meeting-3.art"]);
      expect(after.chunk("meeting-0.art#p1")).toBeUndefined();
      expect((await after.matching("wine tariffs Lyon", { k: 3, boost: {} }))[0]!.metadata.chunkId).toBe("meeting-1.art#p2");
      expect(await query("SELECT id FROM readout_chunks WHERE content = $1", [story(1)[1]])).toEqual([]);
      expect(await query("SELECT id FROM readout_chunks WHERE article_id = 'meeting-0.art'")).toEqual([]);
    } finally {
      await after.close();
    }
  });

  it("reports the same story from two files as a duplicate, as the local store does", async () => {
    await ingest();
    await fs.copyFile(path.join(articles, "meeting-2.art"), path.join(articles, "meeting-2-copy.art"));
    const summary = await ingest();
    expect(summary.duplicates).toEqual([{ id: "meeting-2-copy.art", duplicateOf: "meeting-2.art" }]);
    expect(summary).toMatchObject({ added: 0, chunksEmbedded: 0, written: false });
    expect((await query("SELECT count(*)::int AS n FROM readout_articles"))[0]).toEqual({ n: 4 });
  });

  it("records the embedding model and refuses to mix another one in, unless rebuilt", async () => {
    await ingest();
    const other = new CountingEmbeddings("another-model", 64);
    await expect(ingest({ embeddings: other })).rejects.toThrow(EmbeddingMismatchError);
    await expect(openPostgresIndex(url, other)).rejects.toThrow(/was built with test\/fake-words \(32 dimensions\)/);
    expect(await ingest({ embeddings: other, rebuild: true })).toMatchObject({ added: 4, chunksEmbedded: 12, written: true });
    const index = await openPostgresIndex(url, other);
    try {
      expect(index.manifest.embedding).toEqual({ provider: "test", model: "another-model", dimensions: 64 });
      expect((await index.nearest((await other.embedQuery(story(3)[0]!)) as number[], 1))[0]!.metadata.chunkId).toBe("meeting-3.art#p1");
    } finally {
      await index.close();
    }
    const column = await query<{ type: string }>(
      "SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'readout_chunks'::regclass AND attname = 'embedding'",
    );
    expect(column[0]!.type).toBe("vector(64)");
  });

  it("serialises two ingests at once with an advisory lock: the second builds on the first", async () => {
    const more = path.join(root, "more");
    await fs.mkdir(more);
    for (let i = 4; i < 8; i++) await fs.writeFile(path.join(more, `meeting-${i}.art`), articleText(`Meeting ${i}`, `2024-0${i + 1}-10`, story(i)));
    const [first, second] = await Promise.all([ingest(), ingest({ paths: [more] })]);
    expect(first).toMatchObject({ added: 4, failed: false, written: true });
    expect(second).toMatchObject({ added: 4, failed: false, written: true });
    // Whichever ran second kept what the first wrote.
    expect(Math.max(first.articles!, second.articles!)).toBe(8);
    expect((await query("SELECT count(*)::int AS n FROM readout_articles"))[0]).toEqual({ n: 8 });
    expect((await query("SELECT version::int AS v FROM readout_index"))[0]).toEqual({ v: 2 });
  });
});
