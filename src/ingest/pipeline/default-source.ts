import { chunkArticle } from "../chunk.js";
import { SUPPORTED_EXTENSIONS, readDocument } from "../read.js";
import type { ArticleSource } from "./source.js";

/** The project's loaders, cleaning, metadata extraction and chunker. */
export function defaultArticleSource(): ArticleSource {
  return {
    extensions: SUPPORTED_EXTENSIONS,
    read: (absPath, id) => readDocument(absPath, id),
    chunk: chunkArticle,
  };
}
