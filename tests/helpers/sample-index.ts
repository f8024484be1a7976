/**
 * An index of the bundled sample corpus (data/articles/) in a folder of the
 * caller's choosing, built with the project's own ingest, for tests and
 * benchmarks that run the answer chain over it (about 15 s with USE-lite).
 */
import path from "node:path";
import type { Config } from "../../src/config.js";
import type { ReadoutEmbeddings } from "../../src/embeddings/base.js";
import { runIngest } from "../../src/ingest/run.js";
import { createLogger } from "../../src/log.js";
import type { IngestSummary } from "../../src/store/types.js";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const SAMPLE_ARTICLES_DIR = path.join(REPO_ROOT, "data/articles");

/** Ingest data/articles/ into `indexDir` (incremental when it already holds them); throws when any file failed. */
export async function buildSampleIndex(indexDir: string, embeddings: ReadoutEmbeddings, config?: Config): Promise<IngestSummary> {
  const summary = await runIngest({
    paths: [SAMPLE_ARTICLES_DIR],
    indexDir,
    embeddings,
    logger: createLogger("silent"),
    prune: true,
    ...(config ? { config } : {}),
  });
  if (summary.failed) throw new Error(`Ingesting ${SAMPLE_ARTICLES_DIR} into ${indexDir} failed for some files; run npm run ingest -- --index ${indexDir} data/articles to see why`);
  return summary;
}
