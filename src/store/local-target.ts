/**
 * The local index folder as an ingest target: its lock file, the live
 * generation as the previous version, and a new generation written atomically.
 */
import type { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { removeLeftovers } from "./generations.js";
import { readGeneration, type StoredGeneration } from "./index-store.js";
import { IndexBuilder, type BuiltChunk } from "./index-writer.js";
import { acquireIngestLock } from "./lock.js";
import { readSourceState, writeSourceState } from "./source-state.js";
import type { IndexManifest, IngestTarget, NewChunk, PreviousVersion, StoredArticle, VersionWriter } from "./types.js";
import type { ChunkMetadata, EmbeddingIdentity } from "../types/index.js";

interface PreviousChunk {
  doc: Document<ChunkMetadata>;
  label: number;
  key: string;
}

/** Old chunks by article, and vectors by embedded-text hash, from the live generation. */
class LocalPreviousVersion implements PreviousVersion {
  private readonly chunksByArticle = new Map<string, PreviousChunk[]>();
  private readonly labelByKey = new Map<string, number>();

  constructor(readonly stored: StoredGeneration) {
    for (const [label, doc] of stored.vectorStore.docstore._docs as Map<string, Document<ChunkMetadata>>) {
      const key = stored.embeddingKeys[Number(label)]!;
      const entry = { doc, label: Number(label), key };
      const list = this.chunksByArticle.get(doc.metadata.articleId);
      if (list) list.push(entry);
      else this.chunksByArticle.set(doc.metadata.articleId, [entry]);
      this.labelByKey.set(key, Number(label));
    }
    for (const list of this.chunksByArticle.values()) list.sort((a, b) => a.label - b.label);
  }

  get manifest(): IndexManifest {
    return this.stored.manifest;
  }

  get articles(): Map<string, StoredArticle> {
    return this.stored.articles;
  }

  chunksOf(articleId: string): PreviousChunk[] | undefined {
    return this.chunksByArticle.get(articleId);
  }

  async vectors(keys: string[]): Promise<(number[] | undefined)[]> {
    return keys.map((key) => {
      const label = this.labelByKey.get(key);
      return label === undefined ? undefined : this.stored.vectorStore.index.getPoint(label);
    });
  }

  carriedChunks(articleId: string): BuiltChunk[] {
    return (this.chunksByArticle.get(articleId) ?? []).map(({ doc, label, key }) => ({ doc, key, vector: this.stored.vectorStore.index.getPoint(label) }));
  }
}

class LocalVersionWriter implements VersionWriter {
  private readonly builder: IndexBuilder;

  constructor(
    private readonly indexDir: string,
    identity: EmbeddingIdentity,
    private readonly previous: LocalPreviousVersion | undefined,
    private readonly embeddings: EmbeddingsInterface,
    private readonly keepGenerations: number | undefined,
  ) {
    this.builder = new IndexBuilder(identity);
  }

  keep(article: StoredArticle): void {
    this.builder.addArticle(article, this.previous?.carriedChunks(article.meta.id) ?? []);
  }

  add(article: StoredArticle, chunks: NewChunk[]): void {
    this.builder.addArticle(article, chunks);
  }

  activate(): void {
    this.builder.activate();
  }

  get isActive(): boolean {
    return this.builder.isActive;
  }

  get articleCount(): number {
    return this.builder.articleCount;
  }

  get chunkCount(): number {
    return this.builder.chunkCount;
  }

  write(): Promise<IndexManifest> {
    return this.builder.write(this.indexDir, this.embeddings, { createdAt: this.previous?.manifest.createdAt, keepGenerations: this.keepGenerations });
  }
}

/** `keepGenerations`: how many published generations stay for a rollback (READOUT_KEEP_GENERATIONS). */
export function localIngestTarget(indexDir: string, options: { keepGenerations?: number } = {}): IngestTarget {
  return {
    location: indexDir,
    ownFolder: indexDir,
    lock: (options) => acquireIngestLock(indexDir, options),
    removeLeftovers: () => removeLeftovers(indexDir, options.keepGenerations),
    async previous(embeddings) {
      const stored = await readGeneration(indexDir, embeddings, { lexical: false });
      return stored ? new LocalPreviousVersion(stored) : undefined;
    },
    writer: (identity, previous, embeddings) =>
      new LocalVersionWriter(indexDir, identity, previous as LocalPreviousVersion | undefined, embeddings, options.keepGenerations),
    readSourceState: () => readSourceState(indexDir),
    writeSourceState: (state) => writeSourceState(indexDir, state),
    async close() {},
  };
}
