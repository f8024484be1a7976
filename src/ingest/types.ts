/** Shapes of the ingest room alone; those it shares with other rooms are in `src/types/`. */
import type { ArticleMeta } from "../types/index.js";

/**
 * What a loader returns before cleaning: the raw body plus whatever metadata the file states.
 * Meeting facts a file states itself (front matter, JSON fields: `eventDate`, `place`,
 * `participants`) win over extraction.
 */
export interface RawDocument
  extends Pick<ArticleMeta, "id" | "format" | "tags">,
    Partial<Pick<ArticleMeta, "title" | "publishedDate" | "sourceUrl" | "byline" | "language" | "eventDate" | "place" | "participants">> {
  body: string;
}
