/**
 * Opening the PostgreSQL index for answering: articles and chunk texts are
 * read into memory (entity search and citations need them), dense search runs
 * in pgvector's HNSW index and lexical search in PostgreSQL's full-text index.
 * `changed()` tells when another process's ingest made a newer version live.
 */
import type { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import MiniSearch from "minisearch";
import { cachedTerms, inverseDocumentFrequency } from "../corpus-terms.js";
import { compareChunks, checkEmbeddings } from "../index-store.js";
import type { CorpusTerms, SearchIndex } from "../types.js";
import type { ChunkMetadata } from "../../types/index.js";
import { inTransaction, leasePool, redactUrl } from "./connection.js";
import { queryWords, rankWeights, wordQuery } from "./full-text.js";
import { migrate } from "./migrations.js";
import { parseVector, readSnapshot, vectorLiteral } from "./snapshot.js";
import { PostgresIndexNotFoundError } from "./errors.js";
import type pg from "pg";

/** Word statistics from the full-text index, read once per opened version. */
async function readTerms(client: pg.ClientBase, chunkCount: number): Promise<CorpusTerms> {
  const stats = "SELECT search FROM readout_chunks";
  // ts_stat's second argument keeps only the lexemes of those weights: D is the chunk text; A, B and D are text, title and participants.
  const inText = await client.query<{ word: string; ndoc: number }>("SELECT word, ndoc FROM ts_stat($1, 'd')", [stats]);
  const mentioned = await client.query<{ word: string }>("SELECT word FROM ts_stat($1, 'abd')", [stats]);
  const documentFrequency = new Map(inText.rows.map((row) => [row.word, row.ndoc]));
  const words = new Set(mentioned.rows.map((row) => row.word));
  let fuzzy: MiniSearch<{ id: number; word: string }> | undefined;
  return cachedTerms({
    weight: (term) => inverseDocumentFrequency(chunkCount, documentFrequency.get(term) ?? 0),
    mentions: (word) => words.has(word),
    nearlyMentions(word) {
      if (words.has(word)) return true;
      if (!fuzzy) {
        fuzzy = new MiniSearch({ fields: ["word"], idField: "id" });
        fuzzy.addAll([...words].map((w, id) => ({ id, word: w })));
      }
      return fuzzy.search(word, { prefix: word.length >= 6, fuzzy: word.length >= 8 ? 2 : 1, combineWith: "AND" }).length > 0;
    },
  });
}

/**
 * Connect (running pending migrations) and open the live version. Throws
 * PostgresIndexNotFoundError when nothing was ingested yet, and
 * EmbeddingMismatchError when another embedding model built the index.
 */
/** How a version is named for people and compared: `v12`. */
export function versionName(version: number): string {
  return `v${version}`;
}

export async function openPostgresIndex(url: string, embeddings: EmbeddingsInterface): Promise<SearchIndex> {
  const location = redactUrl(url);
  const lease = leasePool(url);
  try {
    const { pool } = lease;
    await migrate(pool, location);
    const loaded = await inTransaction(
      pool,
      async (client) => {
        const snapshot = await readSnapshot(client);
        return snapshot && { snapshot, terms: await readTerms(client, snapshot.manifest.chunkCount) };
      },
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
    if (!loaded) throw new PostgresIndexNotFoundError(location);
    const { snapshot, terms } = loaded;
    const liveVersion = async () => {
      const { rows } = await pool.query<{ version: string }>("SELECT version FROM readout_index");
      return rows[0] ? versionName(Number(rows[0].version)) : undefined;
    };
    checkEmbeddings(location, snapshot.manifest, embeddings);

    const byId = new Map<string, Document<ChunkMetadata>>();
    const byArticle = new Map<string, Document<ChunkMetadata>[]>();
    for (const [articleId, list] of snapshot.chunks) {
      const docs = list.map((entry) => entry.doc).sort(compareChunks);
      byArticle.set(articleId, docs);
      for (const doc of docs) byId.set(doc.metadata.chunkId, doc);
    }
    const found = (ids: string[]) => ids.map((id) => byId.get(id)).filter((doc): doc is Document<ChunkMetadata> => doc !== undefined);
    const dayFilter = (range: { from: string; to: string } | undefined, first: number) =>
      range ? { sql: `WHERE day BETWEEN $${first} AND $${first + 1}`, params: [range.from, range.to] } : { sql: "", params: [] };

    return {
      location,
      manifest: snapshot.manifest,
      articles: snapshot.articles,
      terms,
      chunk: (id) => byId.get(id),
      chunksOfArticle: (articleId) => byArticle.get(articleId) ?? [],
      async nearest(vector, k, range) {
        if (byId.size === 0 || k <= 0) return [];
        const filter = dayFilter(range, 3);
        const { rows } = await pool.query<{ id: string }>(`SELECT id FROM readout_chunks ${filter.sql} ORDER BY embedding <=> $1::vector LIMIT $2`, [
          vectorLiteral(vector),
          k,
          ...filter.params,
        ]);
        return found(rows.map((row) => row.id));
      },
      async matching(text, query) {
        const words = queryWords(text);
        if (words.length === 0 || byId.size === 0 || query.k <= 0) return [];
        // BM25's idea in PostgreSQL's terms: each word's ts_rank (field-weighted, length-normalised) times its rarity.
        const filter = dayFilter(query.range, 5);
        const { rows } = await pool.query<{ id: string }>(
          `SELECT c.id, sum(q.idf * ts_rank($3::float4[], c.search, q.query, 1)) AS score
             FROM (SELECT to_tsquery('simple', w) AS query, idf FROM unnest($1::text[], $2::float8[]) AS u(w, idf)) AS q
             JOIN readout_chunks AS c ON c.search @@ q.query
             ${filter.sql.replace("day", "c.day")}
            GROUP BY c.id
            ORDER BY score DESC, c.id
            LIMIT $4`,
          [words.map(wordQuery), words.map((word) => terms.weight(word)), rankWeights(query.boost), query.k, ...filter.params],
        );
        return found(rows.map((row) => row.id));
      },
      async vectorsOf(chunkIds) {
        if (chunkIds.length === 0) return new Map();
        const { rows } = await pool.query<{ id: string; embedding: string }>("SELECT id, embedding::text AS embedding FROM readout_chunks WHERE id = ANY($1)", [
          chunkIds,
        ]);
        return new Map(rows.map((row) => [row.id, parseVector(row.embedding)]));
      },
      version: versionName(snapshot.version),
      liveVersion,
      async changed() {
        return (await liveVersion()) !== versionName(snapshot.version);
      },
      close: () => lease.release(),
    };
  } catch (error) {
    await lease.release();
    throw error;
  }
}
