/**
 * Reading the live version of the PostgreSQL index: the recorded embedding
 * model and version, the articles, and the chunks (without their vectors,
 * which stay in the database), all from one consistent snapshot.
 */
import { Document } from "@langchain/core/documents";
import type pg from "pg";
import { INDEX_FORMAT_VERSION } from "../manifest.js";
import type { IndexManifest, StoredArticle, WebOrigin } from "../types.js";
import type { ChunkMetadata } from "../../types/index.js";

export interface Snapshot {
  version: number;
  manifest: IndexManifest;
  articles: Map<string, StoredArticle>;
  /** Chunks by article, in order, with the hash of their embedded text. */
  chunks: Map<string, { doc: Document<ChunkMetadata>; key: string }[]>;
}

interface IndexRow {
  embedding_provider: string;
  embedding_model: string;
  dimensions: number;
  created_at: Date;
  updated_at: Date;
  version: string;
}

/** The index's recorded state, or undefined when nothing was ever ingested. */
export async function readIndexRow(client: pg.ClientBase): Promise<IndexRow | undefined> {
  const { rows } = await client.query<IndexRow>("SELECT embedding_provider, embedding_model, dimensions, created_at, updated_at, version FROM readout_index");
  return rows[0];
}

/** Read everything but the vectors; call inside a REPEATABLE READ transaction. */
export async function readSnapshot(client: pg.ClientBase): Promise<Snapshot | undefined> {
  const row = await readIndexRow(client);
  if (!row) return undefined;
  const articleRows = await client.query<{
    meta: StoredArticle["meta"];
    paragraphs: string[];
    source_path: string;
    web: WebOrigin | null;
    content_hash: string;
    ingested_at: string;
    day: string | null;
  }>("SELECT meta, paragraphs, source_path, web, content_hash, ingested_at, day FROM readout_articles ORDER BY id");
  const articles = new Map<string, StoredArticle>();
  const days: string[] = [];
  for (const a of articleRows.rows) {
    articles.set(a.meta.id, {
      meta: a.meta,
      paragraphs: a.paragraphs,
      sourcePath: a.source_path,
      ...(a.web ? { web: a.web } : {}),
      contentHash: a.content_hash,
      ingestedAt: a.ingested_at,
    });
    if (a.day) days.push(a.day);
  }
  days.sort();
  const chunkRows = await client.query<{ id: string; article_id: string; content: string; metadata: ChunkMetadata; embedding_key: string }>(
    "SELECT id, article_id, content, metadata, embedding_key FROM readout_chunks ORDER BY article_id, position",
  );
  const chunks = new Map<string, { doc: Document<ChunkMetadata>; key: string }[]>();
  for (const c of chunkRows.rows) {
    const entry = { doc: new Document<ChunkMetadata>({ pageContent: c.content, metadata: c.metadata }), key: c.embedding_key };
    const list = chunks.get(c.article_id);
    if (list) list.push(entry);
    else chunks.set(c.article_id, [entry]);
  }
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    embedding: { provider: row.embedding_provider, model: row.embedding_model, dimensions: row.dimensions },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    articleCount: articles.size,
    chunkCount: chunkRows.rowCount ?? chunkRows.rows.length,
    ...(days.length > 0 ? { dateRange: { from: days[0]!, to: days.at(-1)! } } : {}),
  };
  return { version: Number(row.version), manifest, articles, chunks };
}

/** pgvector's text form "[0.1,0.2]" → numbers. */
export function parseVector(text: string): number[] {
  return JSON.parse(text) as number[];
}

/** Numbers → pgvector's text form. */
export function vectorLiteral(vector: ArrayLike<number>): string {
  return `[${Array.from(vector).join(",")}]`;
}
