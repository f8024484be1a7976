import type { ArticleMeta } from "../ingest/types.js";

/** Metadata carried by every chunk Document in the vector store and the lexical index. */
export interface ChunkMetadata {
  chunkId: string;
  articleId: string;
  /** 1-based paragraph numbers in the cleaned article. */
  paragraphs: number[];
  title: string;
  /** The meeting date when known, else the publication date (YYYY-MM-DD). */
  date?: string;
  publishedDate?: string;
  eventDate?: string;
  sourceUrl?: string;
  place?: string;
  /** Participant names, for filtering and boosting. */
  participants: string[];
}

export interface EmbeddingIdentity {
  provider: string;
  model: string;
  dimensions: number;
}

export interface IndexManifest {
  formatVersion: number;
  embedding: EmbeddingIdentity;
  createdAt: string;
  updatedAt: string;
  articleCount: number;
  chunkCount: number;
  /** Earliest and latest article dates (meeting date, else publication date). */
  dateRange?: { from: string; to: string };
}

export interface StoredArticle {
  meta: ArticleMeta;
  paragraphs: string[];
  /** Absolute path of the file it came from. */
  sourcePath: string;
  /** Hash of the cleaned content, for change and duplicate detection. */
  contentHash: string;
  ingestedAt: string;
}

export type ArticleOutcome = "added" | "updated" | "unchanged" | "duplicate" | "skipped" | "removed";

export interface IngestSummary {
  filesRead: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  duplicates: { id: string; duplicateOf: string }[];
  skipped: { path: string; reason: string }[];
  chunks: number;
  chunksEmbedded: number;
  seconds: number;
  /** True when any file failed (bad input), which makes the ingest command exit non-zero. */
  failed: boolean;
}

export interface IngestProgress {
  phase: "scan" | "read" | "embed" | "write";
  done: number;
  total: number;
}

/** The shape `openIndex` returns; retrieval reads nothing else from disk. */
export interface LoadedIndexShape<VectorStore, Lexical> {
  dir: string;
  manifest: IndexManifest;
  articles: Map<string, StoredArticle>;
  vectorStore: VectorStore;
  lexical: Lexical;
}
