/**
 * The PostgreSQL database as an ingest target. Concurrent ingests (several
 * workers, a bot's /reindex) take turns on a session advisory lock, which the
 * server drops by itself when a killed ingest's connection goes. The new
 * version is written in one transaction: a crash before COMMIT leaves the
 * previous version, and readers see either version whole.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import pg from "pg";
import type { Logger } from "../../log.js";
import { checkEmbeddings } from "../index-store.js";
import type { IndexManifest, IngestLock, IngestTarget, NewChunk, PreviousVersion, SourceState, StoredArticle, VersionWriter } from "../types.js";
import type { EmbeddingIdentity } from "../../types/index.js";
import { connectionConfig, inTransaction, leasePool, redactUrl, type PoolLease } from "./connection.js";
import { searchFields, searchVectorSql } from "./full-text.js";
import { migrate } from "./migrations.js";
import { parseVector, readSnapshot, vectorLiteral, type Snapshot } from "./snapshot.js";

/** Any fixed number, the same in every Readout process: the ingest lock. */
const INGEST_LOCK = 7_462_002;
const ROWS_PER_INSERT = 200;

class PostgresPreviousVersion implements PreviousVersion {
  constructor(
    readonly snapshot: Snapshot,
    private readonly pool: pg.Pool,
  ) {}

  get manifest(): IndexManifest {
    return this.snapshot.manifest;
  }

  get articles(): Map<string, StoredArticle> {
    return this.snapshot.articles;
  }

  chunksOf(articleId: string) {
    return this.snapshot.chunks.get(articleId);
  }

  async vectors(keys: string[]): Promise<(number[] | undefined)[]> {
    const { rows } = await this.pool.query<{ key: string; embedding: string }>(
      "SELECT DISTINCT ON (embedding_key) embedding_key AS key, embedding::text AS embedding FROM readout_chunks WHERE embedding_key = ANY($1)",
      [keys],
    );
    const byKey = new Map(rows.map((row) => [row.key, row.embedding]));
    return keys.map((key) => {
      const text = byKey.get(key);
      return text === undefined ? undefined : parseVector(text);
    });
  }
}

class PostgresVersionWriter implements VersionWriter {
  private readonly kept = new Set<string>();
  /** Kept articles whose row changes without their chunks: a moved file's path, a web page's new validators. */
  private readonly relocated: StoredArticle[] = [];
  private readonly added: { article: StoredArticle; chunks: NewChunk[] }[] = [];
  private chunks = 0;
  private active = false;
  private dimensions: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly identity: EmbeddingIdentity,
    private readonly previous: PostgresPreviousVersion | undefined,
  ) {
    this.dimensions = identity.dimensions;
  }

  keep(article: StoredArticle): void {
    this.kept.add(article.meta.id);
    const old = this.previous?.articles.get(article.meta.id);
    if (old && (old.sourcePath !== article.sourcePath || JSON.stringify(old.web ?? null) !== JSON.stringify(article.web ?? null))) {
      this.relocated.push(article);
    }
    this.chunks += this.previous?.chunksOf(article.meta.id)?.length ?? 0;
  }

  add(article: StoredArticle, chunks: NewChunk[]): void {
    for (const chunk of chunks) {
      if (this.dimensions <= 0) this.dimensions = chunk.vector.length;
      if (chunk.vector.length !== this.dimensions) {
        throw new Error(`vector of ${chunk.vector.length} dimensions for chunk ${chunk.doc.metadata.chunkId}; the index has ${this.dimensions}`);
      }
    }
    this.added.push({ article, chunks });
    this.chunks += chunks.length;
  }

  activate(): void {
    this.active = true;
  }

  get isActive(): boolean {
    return this.active;
  }

  get articleCount(): number {
    return this.kept.size + this.added.length;
  }

  get chunkCount(): number {
    return this.chunks;
  }

  async write(): Promise<IndexManifest> {
    await inTransaction(this.pool, async (client) => {
      const row = await client.query<{ version: string; dimensions: number }>("SELECT version, dimensions FROM readout_index FOR UPDATE");
      const version = Number(row.rows[0]?.version ?? 0) + 1;
      if (!this.previous) {
        // First ingest or --rebuild: start empty, with a vector column and HNSW index of this model's size.
        await client.query("TRUNCATE readout_chunks, readout_articles");
        if (row.rows[0]?.dimensions !== this.dimensions || !(await hasEmbeddingIndex(client))) {
          await client.query("DROP INDEX IF EXISTS readout_chunks_embedding");
          await client.query(`ALTER TABLE readout_chunks ALTER COLUMN embedding TYPE vector(${Math.max(1, this.dimensions)})`);
          await client.query("CREATE INDEX readout_chunks_embedding ON readout_chunks USING hnsw (embedding vector_cosine_ops)");
        }
        await client.query(
          `INSERT INTO readout_index (embedding_provider, embedding_model, dimensions, created_at, updated_at, version)
           VALUES ($1, $2, $3, now(), now(), $4)
           ON CONFLICT (singleton) DO UPDATE SET embedding_provider = $1, embedding_model = $2, dimensions = $3, created_at = now(), updated_at = now(), version = $4`,
          [this.identity.provider, this.identity.model, this.dimensions, version],
        );
      } else {
        const replaced = [...this.previous.articles.keys()].filter((id) => !this.kept.has(id));
        if (replaced.length > 0) await client.query("DELETE FROM readout_articles WHERE id = ANY($1)", [replaced]);
        await client.query("UPDATE readout_index SET updated_at = now(), version = $1, dimensions = $2", [version, this.dimensions]);
      }
      for (const article of this.relocated) {
        await client.query("UPDATE readout_articles SET source_path = $2, web = $3 WHERE id = $1", [
          article.meta.id,
          article.sourcePath,
          article.web ? JSON.stringify(article.web) : null,
        ]);
      }
      await insertArticles(client, this.added);
    });
    // The manifest as a reader will see it.
    const snapshot = await inTransaction(this.pool, readSnapshot, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    return snapshot!.manifest;
  }
}

async function hasEmbeddingIndex(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query("SELECT 1 FROM pg_indexes WHERE tablename = 'readout_chunks' AND indexname = 'readout_chunks_embedding'");
  return rows.length > 0;
}

async function insertArticles(client: pg.ClientBase, added: { article: StoredArticle; chunks: NewChunk[] }[]): Promise<void> {
  for (let start = 0; start < added.length; start += ROWS_PER_INSERT) {
    const batch = added.slice(start, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const values = batch.map(({ article }) => {
      const n = params.length;
      params.push(
        article.meta.id,
        JSON.stringify(article.meta),
        JSON.stringify(article.paragraphs),
        article.sourcePath,
        article.web ? JSON.stringify(article.web) : null,
        article.contentHash,
        article.ingestedAt,
        article.meta.eventDate ?? article.meta.publishedDate ?? null,
      );
      return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8})`;
    });
    await client.query(
      `INSERT INTO readout_articles (id, meta, paragraphs, source_path, web, content_hash, ingested_at, day) VALUES ${values.join(", ")}`,
      params,
    );
  }
  const rows = added.flatMap(({ article, chunks }) => chunks.map((chunk, position) => ({ articleId: article.meta.id, position, chunk })));
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const params: unknown[] = [];
    const values = rows.slice(start, start + ROWS_PER_INSERT).map(({ articleId, position, chunk }) => {
      const n = params.length;
      const meta = chunk.doc.metadata;
      params.push(
        meta.chunkId,
        articleId,
        position,
        chunk.doc.pageContent,
        JSON.stringify(meta),
        meta.date ?? null,
        chunk.key,
        vectorLiteral(chunk.vector),
        ...searchFields(chunk.doc),
      );
      return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}::vector, ${searchVectorSql(n + 9)})`;
    });
    await client.query(
      `INSERT INTO readout_chunks (id, article_id, position, content, metadata, day, embedding_key, embedding, search) VALUES ${values.join(", ")}`,
      params,
    );
  }
}

/** Take the ingest lock, waiting for an ingest that holds it. */
async function lockIngests(url: string, logger: Logger | undefined): Promise<IngestLock> {
  const client = new pg.Client(connectionConfig(url));
  const state: { compromised?: Error } = {};
  client.on("error", (error) => {
    state.compromised = error;
    logger?.error({ err: error }, "the connection holding the ingest lock broke");
  });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [INGEST_LOCK]);
    if (!rows[0]?.locked) {
      logger?.info({ database: redactUrl(url) }, "another ingest is writing to this database; waiting for it to finish");
      await client.query("SELECT pg_advisory_lock($1)", [INGEST_LOCK]);
    }
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return {
    get compromised() {
      return state.compromised;
    },
    async release() {
      await client.query("SELECT pg_advisory_unlock($1)", [INGEST_LOCK]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

export function postgresIngestTarget(url: string): IngestTarget {
  const location = redactUrl(url);
  let lease: PoolLease | undefined;
  const pool = async () => {
    if (!lease) {
      lease = leasePool(url);
      await migrate(lease.pool, location);
    }
    return lease.pool;
  };
  return {
    location,
    async lock(options) {
      await pool();
      return lockIngests(url, options.logger);
    },
    // A killed ingest's transaction was rolled back by the server: nothing is left behind.
    removeLeftovers: async () => [],
    async previous(embeddings: EmbeddingsInterface) {
      const connection = await pool();
      const snapshot = await inTransaction(connection, readSnapshot, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      if (!snapshot) return undefined;
      checkEmbeddings(location, snapshot.manifest, embeddings);
      return new PostgresPreviousVersion(snapshot, connection);
    },
    writer(identity, previous) {
      if (!lease) throw new Error("postgresIngestTarget: lock() first");
      return new PostgresVersionWriter(lease.pool, identity, previous as PostgresPreviousVersion | undefined);
    },
    async readSourceState() {
      const { rows } = await (await pool()).query<{ url: string; state: SourceState }>("SELECT url, state FROM readout_sources");
      return Object.fromEntries(rows.map((row) => [row.url, row.state]));
    },
    async writeSourceState(state) {
      await inTransaction(await pool(), async (client) => {
        await client.query("DELETE FROM readout_sources");
        for (const [url, entry] of Object.entries(state)) {
          await client.query("INSERT INTO readout_sources (url, state) VALUES ($1, $2)", [url, JSON.stringify(entry)]);
        }
      });
    },
    async close() {
      await lease?.release();
      lease = undefined;
    },
  };
}
