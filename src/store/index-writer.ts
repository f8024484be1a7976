/**
 * Builds a new index generation in memory (HNSW vectors, chunk Documents,
 * lexical index, articles) and writes it atomically.
 *
 * Vectors are added to the HNSW graph as they arrive, so the graph is built
 * while the embedding workers are busy. Until `activate()` is called, additions
 * are only remembered: a run that changes nothing builds nothing.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import hnswlib from "hnswlib-node";
import { INDEX_FILES, createStagingDir, publishGeneration } from "./generations.js";
import { createLexicalIndex, lexicalDocument } from "./lexical.js";
import { INDEX_FORMAT_VERSION } from "./manifest.js";
import type { IndexManifest, StoredArticle } from "./types.js";
import type { ChunkMetadata, EmbeddingIdentity } from "../types/index.js";

export interface BuiltChunk {
  doc: Document<ChunkMetadata>;
  vector: ArrayLike<number>;
  /** Hash of the text that was embedded. */
  key: string;
}

const INITIAL_CAPACITY = 1024;

export class IndexBuilder {
  private readonly articles = new Map<string, StoredArticle>();
  private readonly pending: BuiltChunk[] = [];
  private readonly docs = new Map<string, Document<ChunkMetadata>>();
  private readonly keys: string[] = [];
  private readonly lexical = createLexicalIndex();
  private hnsw?: hnswlib.HierarchicalNSW;
  private dimensions: number;
  private active = false;

  constructor(private readonly identity: EmbeddingIdentity) {
    this.dimensions = identity.dimensions;
  }

  get articleCount(): number {
    return this.articles.size;
  }

  get chunkCount(): number {
    return this.keys.length + this.pending.length;
  }

  get isActive(): boolean {
    return this.active;
  }

  addArticle(article: StoredArticle, chunks: BuiltChunk[]): void {
    if (this.articles.has(article.meta.id)) throw new Error(`article ${article.meta.id} added twice`);
    this.articles.set(article.meta.id, article);
    for (const chunk of chunks) {
      if (this.active) this.insert(chunk);
      else this.pending.push(chunk);
    }
  }

  /** Start building for real: something changed, a new generation will be written. */
  activate(): void {
    if (this.active) return;
    this.active = true;
    for (const chunk of this.pending.splice(0)) this.insert(chunk);
  }

  private insert(chunk: BuiltChunk): void {
    if (chunk.vector.length === 0) throw new Error(`empty vector for chunk ${chunk.doc.metadata.chunkId}`);
    if (!this.hnsw) {
      if (this.dimensions <= 0) this.dimensions = chunk.vector.length;
      this.hnsw = new hnswlib.HierarchicalNSW("cosine", this.dimensions);
      this.hnsw.initIndex(INITIAL_CAPACITY);
    }
    if (chunk.vector.length !== this.dimensions) {
      throw new Error(`vector of ${chunk.vector.length} dimensions for chunk ${chunk.doc.metadata.chunkId}; the index has ${this.dimensions}`);
    }
    const label = this.keys.length;
    if (label >= this.hnsw.getMaxElements()) this.hnsw.resizeIndex(this.hnsw.getMaxElements() * 2);
    this.hnsw.addPoint(Array.from(chunk.vector), label);
    this.docs.set(String(label), chunk.doc);
    this.keys.push(chunk.key);
    this.lexical.add(lexicalDocument(chunk.doc));
  }

  private manifest(createdAt: string | undefined): IndexManifest {
    const dates: string[] = [];
    for (const { meta } of this.articles.values()) {
      const date = meta.eventDate ?? meta.publishedDate;
      if (date) dates.push(date);
    }
    dates.sort();
    const now = new Date().toISOString();
    return {
      formatVersion: INDEX_FORMAT_VERSION,
      embedding: { ...this.identity, dimensions: this.dimensions },
      createdAt: createdAt ?? now,
      updatedAt: now,
      articleCount: this.articles.size,
      chunkCount: this.keys.length,
      dateRange: dates.length > 0 ? { from: dates[0]!, to: dates.at(-1)! } : undefined,
    };
  }

  /**
   * Write everything into a staging folder next to the live index, then swap it
   * in atomically. Returns the manifest written.
   */
  async write(indexDir: string, embeddings: EmbeddingsInterface, options: { createdAt?: string; keepGenerations?: number } = {}): Promise<IndexManifest> {
    this.activate();
    const manifest = this.manifest(options.createdAt);
    if (!this.hnsw) {
      // An empty index still needs a readable graph file; with a model whose size
      // is not known yet, the manifest keeps dimensions 0 so the first vectors set it.
      this.hnsw = new hnswlib.HierarchicalNSW("cosine", Math.max(1, this.dimensions));
      this.hnsw.initIndex(1);
    }
    const staging = await createStagingDir(indexDir);
    try {
      const vectorStore = new HNSWLib(embeddings, { space: "cosine", numDimensions: this.hnsw.getNumDimensions() });
      vectorStore._index = this.hnsw;
      vectorStore.docstore = new SynchronousInMemoryDocstore(this.docs);
      await vectorStore.save(path.join(staging, INDEX_FILES.vectors));
      const articles = [...this.articles.values()]
        .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
        .map((article) => (article.web ? article : { ...article, sourcePath: path.relative(indexDir, article.sourcePath) }));
      await fs.writeFile(path.join(staging, INDEX_FILES.articles), JSON.stringify(articles));
      await fs.writeFile(path.join(staging, INDEX_FILES.embeddingKeys), JSON.stringify(this.keys));
      await fs.writeFile(path.join(staging, INDEX_FILES.lexical), JSON.stringify(this.lexical));
      // The manifest goes last: a generation without one is never published.
      await fs.writeFile(path.join(staging, INDEX_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
      await publishGeneration(indexDir, staging, options.keepGenerations);
    } catch (error) {
      await fs.rm(staging, { recursive: true, force: true }).catch(() => {});
      throw error;
    }
    return manifest;
  }
}
