/**
 * Returning the live index to the generation before it: `npm run ingest --
 * --rollback` and the bot's /rollback. Runs under the ingest lock, so it never
 * races an ingest, and checks the earlier generation's manifest before switching.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Logger } from "../log.js";
import { IndexCorruptError, IndexNotFoundError, NoEarlierGenerationError } from "./errors.js";
import { INDEX_FILES, currentGeneration, earlierGeneration, removeLeftovers, switchBackTo } from "./generations.js";
import { acquireIngestLock } from "./lock.js";
import { parseManifest } from "./manifest.js";
import type { IndexManifest } from "./types.js";

export interface RollbackResult {
  /** The generation folder that was live (now removed). */
  from: string;
  /** The generation folder that is live now. */
  to: string;
  /** The manifest of the generation now live. */
  manifest: IndexManifest;
}

export async function rollbackIndex(
  indexDir: string,
  options: { keepGenerations?: number; logger?: Logger; lockStaleMs?: number } = {},
): Promise<RollbackResult> {
  const dir = path.resolve(indexDir);
  if (!(await currentGeneration(dir).catch(() => undefined))) throw new IndexNotFoundError(dir);
  const lock = await acquireIngestLock(dir, { staleMs: options.lockStaleMs, logger: options.logger });
  try {
    await removeLeftovers(dir, options.keepGenerations);
    const from = await currentGeneration(dir);
    if (!from) throw new IndexNotFoundError(dir);
    const to = await earlierGeneration(dir, from);
    if (!to) throw new NoEarlierGenerationError(dir);
    let manifest: IndexManifest;
    try {
      manifest = parseManifest(await fs.readFile(path.join(to, INDEX_FILES.manifest), "utf8"));
    } catch (error) {
      throw new IndexCorruptError(dir, `the earlier generation ${path.basename(to)}: ${(error as Error).message.split("\n")[0]}`);
    }
    await switchBackTo(dir, to);
    options.logger?.info({ event: "rollback", from: path.basename(from), to: path.basename(to) }, "index rolled back");
    return { from, to, manifest };
  } finally {
    await lock.release();
  }
}
