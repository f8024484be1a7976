/**
 * Copying an index between stores (local folder ⇄ PostgreSQL) with its stored
 * vectors: nothing is embedded again. The destination is replaced as a whole,
 * under its ingest lock, in one atomic write (a new generation, or one transaction).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
import type { Logger } from "../log.js";
import { readGeneration } from "./index-store.js";
import { IndexCorruptError, IndexNotFoundError } from "./errors.js";
import { INDEX_FILES, currentGeneration } from "./generations.js";
import { parseManifest } from "./manifest.js";
import { inTransaction, leasePool, redactUrl } from "./postgres/connection.js";
import { PostgresIndexNotFoundError } from "./postgres/errors.js";
import { migrate } from "./postgres/migrations.js";
import { parseVector, readSnapshot } from "./postgres/snapshot.js";
import { readSourceState } from "./source-state.js";
import type { IndexManifest, IngestTarget, NewChunk, SourceState, StoredArticle } from "./types.js";
import type { EmbeddingIdentity } from "../types/index.js";

/** One whole version of an index with its vectors. */
export interface IndexDump {
  manifest: IndexManifest;
  articles: { article: StoredArticle; chunks: NewChunk[] }[];
  /** The web sources' state beside it, so the copy's next refresh still asks conditionally. */
  sources: Record<string, SourceState>;
}

/**
 * Stands in for the embedding model during a copy: it carries the recorded
 * model's identity for the checks, and refuses to embed, since a copy never does.
 */
class RecordedModel extends Embeddings {
  constructor(readonly identity: EmbeddingIdentity) {
    super({});
  }
  async embedDocuments(): Promise<number[][]> {
    throw new Error("copying an index never embeds text");
  }
  async embedQuery(): Promise<number[]> {
    throw new Error("copying an index never embeds text");
  }
}

/** The model recorded in the live generation's manifest, or undefined when the folder holds no index. */
async function recordedIdentity(indexDir: string): Promise<EmbeddingIdentity | undefined> {
  const generation = await currentGeneration(indexDir).catch((error: Error) => {
    throw new IndexCorruptError(indexDir, error.message);
  });
  if (!generation) return undefined;
  try {
    return parseManifest(await fs.readFile(path.join(generation, INDEX_FILES.manifest), "utf8")).embedding;
  } catch (error) {
    throw new IndexCorruptError(indexDir, `manifest: ${(error as Error).message.split("\n")[0]}`);
  }
}

export async function dumpLocalIndex(indexDir: string): Promise<IndexDump> {
  const identity = await recordedIdentity(indexDir);
  if (!identity) throw new IndexNotFoundError(indexDir);
  const stored = await readGeneration(indexDir, new RecordedModel(identity), { lexical: false });
  if (!stored) throw new IndexNotFoundError(indexDir);
  const byArticle = new Map<string, { label: number; chunk: NewChunk }[]>();
  for (const [label, doc] of stored.vectorStore.docstore._docs.entries()) {
    const articleId = (doc.metadata as { articleId: string }).articleId;
    const chunk = { doc: doc as NewChunk["doc"], key: stored.embeddingKeys[Number(label)]!, vector: stored.vectorStore.index.getPoint(Number(label)) };
    const list = byArticle.get(articleId) ?? [];
    list.push({ label: Number(label), chunk });
    byArticle.set(articleId, list);
  }
  const articles = [...stored.articles.values()].map((article) => ({
    article,
    chunks: (byArticle.get(article.meta.id) ?? []).sort((a, b) => a.label - b.label).map((entry) => entry.chunk),
  }));
  return { manifest: stored.manifest, articles, sources: await readSourceState(indexDir) };
}

export async function dumpPostgresIndex(url: string): Promise<IndexDump> {
  const location = redactUrl(url);
  const lease = leasePool(url);
  try {
    await migrate(lease.pool, location);
    const dump = await inTransaction(
      lease.pool,
      async (client) => {
        const snapshot = await readSnapshot(client);
        if (!snapshot) return undefined;
        const { rows } = await client.query<{ id: string; embedding: string }>("SELECT id, embedding::text AS embedding FROM readout_chunks");
        const vectors = new Map(rows.map((row) => [row.id, row.embedding]));
        const articles = [...snapshot.articles.values()].map((article) => ({
          article,
          chunks: (snapshot.chunks.get(article.meta.id) ?? []).map(({ doc, key }) => ({ doc, key, vector: parseVector(vectors.get(doc.metadata.chunkId)!) })),
        }));
        const sources = await client.query<{ url: string; state: SourceState }>("SELECT url, state FROM readout_sources");
        return { manifest: snapshot.manifest, articles, sources: Object.fromEntries(sources.rows.map((row) => [row.url, row.state])) };
      },
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
    if (!dump) throw new PostgresIndexNotFoundError(location);
    return dump;
  } finally {
    await lease.release();
  }
}

export class CopyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CopyRefusedError";
  }
}

/** Write `dump` as the destination's whole index. Refuses to replace an index there unless `replace`. */
export async function writeDump(dump: IndexDump, target: IngestTarget, options: { replace?: boolean; logger?: Logger } = {}): Promise<IndexManifest> {
  const model = new RecordedModel(dump.manifest.embedding);
  const lock = await target.lock({ ...(options.logger ? { logger: options.logger } : {}) });
  try {
    await target.removeLeftovers();
    const existing = await target.previous(model).catch((error: unknown) => {
      if ((error as Error).name === "EmbeddingMismatchError") return "another model" as const;
      throw error;
    });
    if (existing && !options.replace) {
      const what = existing === "another model" ? "an index built with another embedding model" : `an index of ${existing.manifest.articleCount} articles`;
      throw new CopyRefusedError(`${target.location} already holds ${what}; add --replace to overwrite it with the copy.`);
    }
    const writer = target.writer(dump.manifest.embedding, undefined, model);
    writer.activate();
    for (const { article, chunks } of dump.articles) writer.add(article, chunks);
    if (lock.compromised) throw new Error(`the ingest lock was lost (${lock.compromised.message}); nothing was written`);
    const manifest = await writer.write();
    await target.writeSourceState(dump.sources);
    return manifest;
  } finally {
    await lock.release();
    await target.close();
  }
}
