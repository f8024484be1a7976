/**
 * One shared index of the White House readouts (plus the scraped example page)
 * for every test that needs it, so the suite embeds the corpus once.
 *
 * It lives in the system's temporary folder and is brought up to date by an
 * incremental ingest on each call: a no-op (about 5 seconds of reading) when
 * nothing changed, a partial re-embed when the cleaning or chunking changed.
 * Concurrent callers (parallel test files) wait for each other on the ingest lock.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ReadoutEmbeddings } from "../../src/embeddings/base.js";
import { EmbeddingMismatchError, UseLiteEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { createLogger } from "../../src/log.js";
import { IndexCorruptError, IndexLockedError } from "../../src/store/errors.js";
import type { IngestSummary } from "../../src/store/types.js";
import { READOUTS_DIR, SCRAPED_PAGE } from "./paths.js";

/**
 * Override with READOUT_TEST_READOUTS_INDEX to keep the index somewhere else.
 * The default folder is named after the corpus paths: two clones on one machine
 * (a working tree and a CI checkout) read the corpus through different paths,
 * and an index built from one path refuses the same article ids from another.
 */
export const READOUTS_INDEX_DIR =
  process.env.READOUT_TEST_READOUTS_INDEX ??
  path.join(os.tmpdir(), "readout-test-indexes", `readouts-${createHash("sha256").update(`${READOUTS_DIR}\n${SCRAPED_PAGE}`).digest("hex").slice(0, 12)}`);

export function haveReadouts(): boolean {
  return existsSync(READOUTS_DIR) && existsSync(SCRAPED_PAGE);
}

export interface ReadoutsIndex {
  dir: string;
  /** The summary of the ingest that brought it up to date (often: nothing changed). */
  summary: IngestSummary;
}

/**
 * Build or refresh the shared readouts index with USE-lite and return its folder.
 * Call `haveReadouts()` first and skip when it is false.
 */
export async function ensureReadoutsIndex(embeddings?: ReadoutEmbeddings): Promise<ReadoutsIndex> {
  const own = embeddings ?? new UseLiteEmbeddings({ workers: 2, batchSize: 32 });
  const logger = createLogger("silent");
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        const summary = await runIngest({ paths: [READOUTS_DIR, SCRAPED_PAGE], indexDir: READOUTS_INDEX_DIR, embeddings: own, logger, prune: true });
        return { dir: READOUTS_INDEX_DIR, summary };
      } catch (error) {
        if (error instanceof IndexLockedError && attempt < 600) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
        } else if ((error instanceof IndexCorruptError || error instanceof EmbeddingMismatchError) && attempt === 0) {
          // An index left by an older format or another model: start over.
          const summary = await runIngest({ paths: [READOUTS_DIR, SCRAPED_PAGE], indexDir: READOUTS_INDEX_DIR, embeddings: own, logger, rebuild: true });
          return { dir: READOUTS_INDEX_DIR, summary };
        } else {
          throw error;
        }
      }
    }
  } finally {
    if (!embeddings) await own.close();
  }
}
