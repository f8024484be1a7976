/** A chunk, the unit of retrieval: as ingest cuts it, and as the store keeps it beside its text. */

export interface Chunk {
  /**
   * Unique and stable: `${articleId}:p${first}` (`-${last}` when joined, `.${part}` when split), e.g.
   * `news/talks.md:p3`, `feed.jsonl#rec-7:p2-3`, `a.md:p4.2`. `#` belongs to the article id only (a
   * record of a multi-record file); `chunkId` and `parseChunkId` in `ingest/chunk.ts` write and read ids.
   */
  id: string;
  articleId: string;
  /** 1-based paragraph numbers in the cleaned article that this chunk comes from. */
  paragraphs: number[];
  /** The exact text of the chunk (a paragraph, part of one, or joined paragraphs). */
  text: string;
  /** What gets embedded: the text with the article's title and date as context. */
  embedText: string;
}

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
