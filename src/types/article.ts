/** An article as every room sees it: its metadata and its cleaned paragraphs. */

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
