/** Shapes of the store room: the index, its versions, ingest targets and what an ingest reports. Shared shapes are in `src/types/`. */
import type { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { ArticleMeta, ChunkMetadata, DayRange, EmbeddingIdentity } from "../types/index.js";
import type { Logger } from "../log.js";

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

/** What the whole index says about a word (see `termsOfLexicalIndex` and the PostgreSQL store). */
export interface CorpusTerms {
  /** Inverse document frequency of a folded term over chunk texts: rare names weigh more than "leaders". */
  weight(term: string): number;
  /** Whether any chunk's text, title or participants has the word (case and accents folded). */
  mentions(word: string): boolean;
  /** Whether they have it or a word one or two edits away ("anounce" → "announce"). */
  nearlyMentions(word: string): boolean;
}

export interface LexicalQuery {
  /** How many chunks at most. */
  k: number;
  /** Field boosts (title, participants, …) relative to the text. */
  boost: Record<string, number>;
  range?: DayRange;
}

/**
 * One version of an index opened for answering, whatever stores it: articles and
 * chunks in memory, dense and lexical search in the store. Retrieval reads nothing else.
 */
export interface SearchIndex {
  /** Where it lives, for messages: the index folder, or the database without its password. */
  location: string;
  manifest: IndexManifest;
  articles: Map<string, StoredArticle>;
  /** The chunk Document with this id (`pageContent` is the chunk text). */
  chunk(id: string): Document<ChunkMetadata> | undefined;
  /** An article's chunks in paragraph order. */
  chunksOfArticle(articleId: string): Document<ChunkMetadata>[];
  /** The k chunks nearest to a unit-length vector (cosine), best first, dated within the range when one is given. */
  nearest(vector: number[], k: number, range?: DayRange): Promise<Document<ChunkMetadata>[]>;
  /** Chunks ranked by full-text relevance to the words of `text`. */
  matching(text: string, query: LexicalQuery): Promise<Document<ChunkMetadata>[]>;
  /** The stored embeddings of these chunks (unit length for the bundled models), without embedding anything. */
  vectorsOf(chunkIds: string[]): Promise<Map<string, number[]>>;
  terms: CorpusTerms;
  /** The name of this version: the generation folder (`gen-…`) or, in PostgreSQL, `v` and the version number. */
  version: string;
  /** The name of the version live now (written by any process since this one was opened), undefined when none; throws when it cannot be read. */
  liveVersion(): Promise<string | undefined>;
  /** Whether another process has made another version live since this one was opened. */
  changed(): Promise<boolean>;
  close(): Promise<void>;
}

/** The live version as an ingest sees it: what it compares new files with, and vectors it may reuse. */
export interface PreviousVersion {
  manifest: IndexManifest;
  articles: Map<string, StoredArticle>;
  /** The article's chunks as stored, in order, with the hash of the text that was embedded. */
  chunksOf(articleId: string): { doc: Document<ChunkMetadata>; key: string }[] | undefined;
  /** Stored vectors of these embedded-text hashes (undefined where none), to reuse instead of embedding again. */
  vectors(keys: string[]): Promise<(number[] | undefined)[]>;
}

export interface NewChunk {
  doc: Document<ChunkMetadata>;
  vector: ArrayLike<number>;
  /** Hash of the text that was embedded. */
  key: string;
}

/**
 * The next version being assembled by an ingest. Until `activate()`, nothing
 * changed and `write()` is not called: a run that changes nothing writes nothing.
 */
export interface VersionWriter {
  /** An article of the previous version with its chunks unchanged (its source path or web validators may be new). */
  keep(article: StoredArticle): void;
  /** A new or changed article with all its chunks. */
  add(article: StoredArticle, chunks: NewChunk[]): void;
  activate(): void;
  readonly isActive: boolean;
  readonly articleCount: number;
  readonly chunkCount: number;
  /** Make the new version the live one, all at once; a crash before it returns leaves the previous one. */
  write(): Promise<IndexManifest>;
}

export interface IngestLock {
  release(): Promise<void>;
  /** Set when the lock was lost (e.g. the process stalled past the stale time, or the database connection broke). */
  readonly compromised?: Error;
}

/** Where an ingest writes: the local index folder or the PostgreSQL database. */
export interface IngestTarget {
  location: string;
  /** Files under this folder are never read as articles (the local index folder). */
  ownFolder?: string;
  lock(options: { staleMs?: number; logger?: Logger }): Promise<IngestLock>;
  /** Remove what a killed ingest left behind; returns what was removed. */
  removeLeftovers(): Promise<string[]>;
  /** The live version, or undefined when there is none; throws when it was built by other embeddings. */
  previous(embeddings: EmbeddingsInterface): Promise<PreviousVersion | undefined>;
  /** `previous` undefined starts from empty (a first ingest or --rebuild). */
  writer(identity: EmbeddingIdentity, previous: PreviousVersion | undefined, embeddings: EmbeddingsInterface): VersionWriter;
  /** What the last refreshes of web sources left (validators, errors), by source address; empty when none. */
  readSourceState(): Promise<Record<string, SourceState>>;
  /** Replace it; called after the version it describes is written. */
  writeSourceState(state: Record<string, SourceState>): Promise<void>;
  close(): Promise<void>;
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
