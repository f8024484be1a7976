/**
 * Opening the persisted index: the live generation's manifest, articles, HNSW
 * vectors (LangChain HNSWLib) and MiniSearch lexical index, checked against the
 * embeddings that will query it.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type MiniSearch from "minisearch";
import { ReadoutEmbeddings } from "../embeddings/base.js";
import { EmbeddingMismatchError, sameIdentity } from "../embeddings/identity.js";
import { IndexCorruptError, IndexNotFoundError } from "./errors.js";
import { INDEX_FILES, currentGeneration } from "./generations.js";
import { loadLexicalIndex, searchLexicalIndex, termsOfLexicalIndex, type LexicalDocument } from "./lexical.js";
import { parseManifest } from "./manifest.js";
import type { IndexManifest, LoadedIndexShape, SearchIndex, StoredArticle } from "./types.js";
import type { ChunkMetadata, EmbeddingIdentity } from "../types/index.js";

/** The local index: a generation folder's HNSW graph and MiniSearch index, in memory. */
export interface LoadedIndex extends LoadedIndexShape<HNSWLib, MiniSearch<LexicalDocument>>, SearchIndex {
  /** The generation folder this was loaded from. */
  generationDir: string;
  /** The stored embedding of a chunk (unit length for the bundled models), without embedding anything. */
  vectorOf(chunkId: string): number[] | undefined;
}

/** Everything a generation holds, as stored; `openIndex` and ingest both read it. */
export interface StoredGeneration {
  dir: string;
  manifest: IndexManifest;
  articles: Map<string, StoredArticle>;
  vectorStore: HNSWLib;
  /** HNSW label → hash of the embedded text. */
  embeddingKeys: string[];
  lexicalJson?: string;
}

function identityOf(embeddings: EmbeddingsInterface): EmbeddingIdentity | undefined {
  return (embeddings as { identity?: EmbeddingIdentity }).identity;
}

/** Throw unless these embeddings are the model that built the index. */
export function checkEmbeddings(dir: string, manifest: IndexManifest, embeddings: EmbeddingsInterface): void {
  const identity = identityOf(embeddings);
  if (identity && !sameIdentity(manifest.embedding, identity)) {
    throw new EmbeddingMismatchError(manifest.embedding, identity, dir);
  }
  if (embeddings instanceof ReadoutEmbeddings && manifest.embedding.dimensions > 0) {
    embeddings.expectDimensions(manifest.embedding.dimensions);
  }
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(file, "utf8")) as T;
}

/**
 * Read the live generation. Returns undefined when there is no index; throws
 * IndexCorruptError when there is one that cannot be read.
 */
export async function readGeneration(
  indexDir: string,
  embeddings: EmbeddingsInterface,
  options: { lexical?: boolean } = {},
): Promise<StoredGeneration | undefined> {
  let dir: string | undefined;
  try {
    dir = await currentGeneration(indexDir);
  } catch (error) {
    throw new IndexCorruptError(indexDir, (error as Error).message);
  }
  if (!dir) return undefined;
  const generationDir = dir;
  const file = (name: string) => path.join(generationDir, name);
  let manifest: IndexManifest;
  try {
    manifest = parseManifest(await fs.readFile(file(INDEX_FILES.manifest), "utf8"));
  } catch (error) {
    throw new IndexCorruptError(indexDir, `manifest: ${describe(error)}`);
  }
  checkEmbeddings(indexDir, manifest, embeddings);
  try {
    const [articleList, embeddingKeys, vectorStore, lexicalJson] = await Promise.all([
      readJson<StoredArticle[]>(file(INDEX_FILES.articles)),
      readJson<string[]>(file(INDEX_FILES.embeddingKeys)),
      HNSWLib.load(file(INDEX_FILES.vectors), embeddings),
      options.lexical === false ? Promise.resolve(undefined) : fs.readFile(file(INDEX_FILES.lexical), "utf8"),
    ]);
    // Source paths are stored relative to the index folder (absolute in indexes written before: resolve keeps those).
    const articles = new Map(
      articleList.map((article) => [article.meta.id, article.web ? article : { ...article, sourcePath: path.resolve(indexDir, article.sourcePath) }]),
    );
    const vectorCount = vectorStore._index?.getCurrentCount() ?? 0;
    if (articles.size !== manifest.articleCount) {
      throw new Error(`${articles.size} articles stored, the manifest says ${manifest.articleCount}`);
    }
    if (vectorCount !== manifest.chunkCount || vectorStore.docstore._docs.size !== manifest.chunkCount || embeddingKeys.length !== manifest.chunkCount) {
      throw new Error(`${vectorCount} vectors and ${vectorStore.docstore._docs.size} chunks stored, the manifest says ${manifest.chunkCount}`);
    }
    return { dir: generationDir, manifest, articles, vectorStore, embeddingKeys, lexicalJson };
  } catch (error) {
    throw new IndexCorruptError(indexDir, describe(error));
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return `missing file ${path.basename((error as NodeJS.ErrnoException).path ?? "")}`;
  return (error as Error).message?.split("\n")[0] ?? String(error);
}

/**
 * Open the index in `dir` for querying with `embeddings`. Throws
 * IndexNotFoundError, IndexCorruptError, or EmbeddingMismatchError when the
 * index was built by another embedding model.
 */
export async function openIndex(dir: string, embeddings: EmbeddingsInterface): Promise<LoadedIndex> {
  const indexDir = path.resolve(dir);
  const stored = await readGeneration(indexDir, embeddings);
  if (!stored) throw new IndexNotFoundError(indexDir);
  let lexical: MiniSearch<LexicalDocument>;
  try {
    lexical = loadLexicalIndex(stored.lexicalJson!);
  } catch (error) {
    throw new IndexCorruptError(indexDir, `lexical index: ${describe(error)}`);
  }
  if (lexical.documentCount !== stored.manifest.chunkCount) {
    throw new IndexCorruptError(indexDir, `lexical index holds ${lexical.documentCount} chunks, the manifest says ${stored.manifest.chunkCount}`);
  }

  const byId = new Map<string, Document<ChunkMetadata>>();
  const labelOf = new Map<string, number>();
  const byArticle = new Map<string, Document<ChunkMetadata>[]>();
  for (const [label, doc] of stored.vectorStore.docstore._docs.entries() as Iterable<[string, Document<ChunkMetadata>]>) {
    byId.set(doc.metadata.chunkId, doc);
    labelOf.set(doc.metadata.chunkId, Number(label));
    const list = byArticle.get(doc.metadata.articleId);
    if (list) list.push(doc);
    else byArticle.set(doc.metadata.articleId, [doc]);
  }
  for (const list of byArticle.values()) list.sort(compareChunks);

  const vectorOf = (chunkId: string) => {
    const label = labelOf.get(chunkId);
    return label === undefined ? undefined : stored.vectorStore.index.getPoint(label);
  };
  const found = (ids: string[]) => ids.map((id) => byId.get(id)).filter((doc): doc is Document<ChunkMetadata> => doc !== undefined);
  return {
    dir: indexDir,
    location: indexDir,
    generationDir: stored.dir,
    manifest: stored.manifest,
    articles: stored.articles,
    vectorStore: stored.vectorStore,
    lexical,
    terms: termsOfLexicalIndex(lexical),
    chunk: (id) => byId.get(id),
    chunksOfArticle: (articleId) => byArticle.get(articleId) ?? [],
    vectorOf,
    async vectorsOf(chunkIds) {
      const vectors = new Map<string, number[]>();
      for (const id of chunkIds) {
        const vector = vectorOf(id);
        if (vector) vectors.set(id, vector);
      }
      return vectors;
    },
    async nearest(vector, k, range) {
      const size = stored.vectorStore._index?.getCurrentCount() ?? 0;
      if (size === 0 || stored.articles.size === 0 || k <= 0) return [];
      const filter = range ? (doc: Document) => inDays((doc as Document<ChunkMetadata>).metadata.date, range) : undefined;
      const results = await stored.vectorStore.similaritySearchVectorWithScore(vector, Math.min(k, size), filter);
      return results.map(([doc]) => doc as Document<ChunkMetadata>);
    },
    async matching(text, query) {
      return found(searchLexicalIndex(lexical, text, query, (id) => byId.get(id)?.metadata.date));
    },
    version: path.basename(stored.dir),
    async liveVersion() {
      const live = await currentGeneration(indexDir);
      return live === undefined ? undefined : path.basename(live);
    },
    async changed() {
      return (await currentGeneration(indexDir).catch(() => undefined)) !== stored.dir;
    },
    async close() {},
  };
}

function inDays(date: string | undefined, range: { from: string; to: string }): boolean {
  return date !== undefined && date >= range.from && date <= range.to;
}

export function compareChunks(a: Document<ChunkMetadata>, b: Document<ChunkMetadata>): number {
  const pa = a.metadata.paragraphs;
  const pb = b.metadata.paragraphs;
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return pa.length - pb.length || a.metadata.chunkId.localeCompare(b.metadata.chunkId, "en", { numeric: true });
}
