/** Shapes shared by the ingest pipeline, the index store and retrieval. */

export type SourceFormat = "markdown" | "text" | "html" | "json" | "jsonl";

export interface Participant {
  /** The person's name as the text gives it, e.g. "Fumio Kishida". */
  name: string;
  /** Office or title, e.g. "Prime Minister". */
  title?: string;
  /** Country or organisation the person represents, e.g. "Japan". */
  country?: string;
}

export interface ArticleMeta {
  /** Path relative to the ingested folder (or the file name); `file.jsonl#<record id>` for records. */
  id: string;
  title: string;
  /** Publication date, YYYY-MM-DD. */
  publishedDate?: string;
  sourceUrl?: string;
  /** Who wrote it, as the page says (HTML pages). */
  byline?: string;
  /** The page's language (`lang`), e.g. "en", "fr" (HTML pages). */
  language?: string;
  tags: string[];
  /** Date the meeting took place, YYYY-MM-DD, resolved against the publication date. */
  eventDate?: string;
  place?: string;
  participants: Participant[];
  format: SourceFormat;
}

/** A cleaned article: its own paragraphs, in order. Paragraph n is `paragraphs[n - 1]`. */
export interface Article {
  meta: ArticleMeta;
  paragraphs: string[];
}

/** What a loader returns before cleaning: the raw body plus whatever metadata the file states. */
export interface RawDocument {
  id: string;
  format: SourceFormat;
  body: string;
  title?: string;
  publishedDate?: string;
  sourceUrl?: string;
  byline?: string;
  language?: string;
  tags: string[];
  /** Meeting facts a file may state itself (front matter, JSON fields); they win over extraction. */
  eventDate?: string;
  place?: string;
  participants?: Participant[];
}

/** A unit of retrieval: one paragraph, a sentence range of a long one, or a few tiny ones joined. */
export interface Chunk {
  /**
   * Unique and stable: `${articleId}:p${first}` (`-${last}` when joined, `.${part}` when split), e.g.
   * `news/talks.md:p3`, `feed.jsonl#rec-7:p2-3`, `a.md:p4.2`. `#` belongs to the article id only (a
   * record of a multi-record file); `chunkId` and `parseChunkId` in `chunk.ts` write and read ids.
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
