/**
 * An index of the bundled sample corpus (data/articles/) in a folder of the
 * caller's choosing, built with the project's own ingest, for tests and
 * benchmarks that run the answer chain over it (about 15 s with USE-lite).
 */
import path from "node:path";
import { parseConfig, type Config } from "../../src/config.js";
import type { ReadoutEmbeddings } from "../../src/embeddings/base.js";
import { createEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { createLogger } from "../../src/log.js";
import type { IngestSummary } from "../../src/store/types.js";
import { REPO_ROOT, SAMPLE_ARTICLES_DIR } from "./paths.js";
import { removeDir, tempDir } from "./temp-dir.js";

/** bench/llm-eval.ts reads REPO_ROOT from here. */
export { REPO_ROOT } from "./paths.js";

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
  if (summary.failed)
    throw new Error(
      `Ingesting ${SAMPLE_ARTICLES_DIR} into ${indexDir} failed for some files; run npm run ingest -- --index ${indexDir} data/articles to see why`,
    );
  return summary;
}

/** A temporary folder with an index of data/articles/ in `index/`, the configuration that reads it, and the embeddings that built it. */
export interface SampleSetup {
  root: string;
  config: Config;
  embeddings: ReadoutEmbeddings;
  summary: IngestSummary;
  /** Close the embeddings and remove the folder. */
  close(): Promise<void>;
}

/** Build a SampleSetup; `env` is read on top of READOUT_INDEX_DIR (the new index) and LOG_LEVEL=silent. */
export async function createSampleSetup(prefix: string, env: Record<string, string> = {}): Promise<SampleSetup> {
  const root = await tempDir(prefix);
  const config = parseConfig({ READOUT_INDEX_DIR: path.join(root, "index"), LOG_LEVEL: "silent", ...env }, REPO_ROOT);
  const embeddings = createEmbeddings(config.embeddings);
  const close = async () => {
    await embeddings.close();
    await removeDir(root);
  };
  try {
    const summary = await buildSampleIndex(config.indexDir, embeddings, config);
    return { root, config, embeddings, summary, close };
  } catch (error) {
    await close();
    throw error;
  }
}
