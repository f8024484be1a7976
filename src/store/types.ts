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

/** Where a web article was fetched from, and what the server said for the next conditional request. */
export interface WebOrigin {
  /** The address asked for (tracking parameters removed). */
  url: string;
  /** The address after redirects. */
  finalUrl: string;
  etag?: string;
  lastModified?: string;
  fetchedAt: string;
}

export interface StoredArticle {
  meta: ArticleMeta;
  paragraphs: string[];
  /**
   * Absolute path of the file it came from; for a web page, its address (the
   * article id). On disk a file's path is stored relative to the index folder,
   * so an index moved or copied with its articles (a copied checkout) still finds
   * them; indexes written with absolute paths read as they are.
   */
  sourcePath: string;
  /** For an article fetched from the web. */
  web?: WebOrigin;
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
  /**
   * Files (or records) not indexed, with a one-line reason. `ignored` marks files
   * that were never meant to be read (hidden files, unsupported extensions met
   * while walking a folder): they are reported but are not failures.
   */
  skipped: { path: string; reason: string; ignored?: boolean }[];
  chunks: number;
  chunksEmbedded: number;
  /** Articles in the index after the run. */
  articles?: number;
  /** Articles indexed with something left out, each with why (a date outside the plausible window, chunks over the cap). */
  notices?: { id: string; notice: string }[];
  /** Indexed articles whose files under the ingested paths are gone; `--prune` removes them. */
  missing?: string[];
  /** Whether a new index version was written (false when nothing changed). */
  written?: boolean;
  seconds: number;
  /** Web requests made (robots.txt included), how many were conditional, and how many were answered "not modified". */
  requests?: { sent: number; conditional: number; notModified: number };
  /** Ids of the articles added and updated by this run. */
  changed?: { added: string[]; updated: string[] };
  /** Each web source (page, feed, sitemap) of the run: what it listed, or why it failed. */
  sources?: SourceOutcome[];
  /** True when any file failed (bad input), which makes the ingest command exit non-zero. */
  failed: boolean;
}

export interface IngestProgress {
  phase: "scan" | "read" | "embed" | "write";
  done: number;
  /** For "embed", the chunks queued so far: it grows while files are still being read. */
  total: number;
  /** The file being read (phase "read"). */
  path?: string;
}

/** The shape `openIndex` returns; retrieval reads nothing else from disk. */
export interface LoadedIndexShape<VectorStore, Lexical> {
  dir: string;
  manifest: IndexManifest;
  articles: Map<string, StoredArticle>;
  vectorStore: VectorStore;
  lexical: Lexical;
}

/** One web source of an ingest run. */
export interface SourceOutcome {
  url: string;
  kind: "page" | "feed" | "sitemap" | "sitemap-index";
  title?: string;
  /** Addresses it listed (taken: at most the configured number per source). */
  items: number;
  /** The source itself answered "not modified": none of its items was asked for. */
  notModified?: boolean;
  /** Why the source could not be read (one line); its articles already indexed stay. */
  error?: string;
}

/** What the last refreshes of a web source left, kept beside the index (`sources.json`). */
export interface SourceState {
  kind: SourceOutcome["kind"];
  title?: string;
  etag?: string;
  lastModified?: string;
  /** When it was last asked for (ISO), and whether that worked. */
  refreshedAt: string;
  error?: string;
  items?: number;
}
