import type { IngestConfig } from "../../config.js";
import { chunkArticle } from "../chunk.js";
import { SUPPORTED_EXTENSIONS, readDocument } from "../read.js";
import { ReaderPool } from "./reader-pool.js";
import type { ArticleSource } from "./source.js";

/**
 * The project's loaders, cleaning, metadata extraction and chunker. Files are
 * read in reader threads, each within the time budget, unless
 * `settings.workers` is 0 (then on this thread, with the depth limit only).
 */
export function defaultArticleSource(settings: IngestConfig["read"], signal?: AbortSignal): ArticleSource {
  const readOptions = { maxHtmlDepth: settings.maxHtmlDepth };
  if (settings.workers === 0) {
    return { extensions: SUPPORTED_EXTENSIONS, read: (absPath, id) => readDocument(absPath, id, readOptions), chunk: chunkArticle };
  }
  const pool = new ReaderPool({ workers: settings.workers, timeoutMs: settings.timeoutMs, read: readOptions, signal });
  return {
    extensions: SUPPORTED_EXTENSIONS,
    read: (absPath, id) => pool.read(absPath, id),
    chunk: chunkArticle,
    parallelism: pool.parallelism,
    close: () => pool.close(),
  };
}
