/**
 * The on-disk layout of an index folder and its atomic updates.
 *
 *   <index>/CURRENT          name of the live generation (replaced by rename)
 *   <index>/gen-<id>/        a complete, never-modified index version
 *   <index>/.staging-<id>/   a version being written (removed if its writer died)
 *   <index>/ingest.lock      held by the running ingest (proper-lockfile)
 *
 * A new version is written into a staging folder, flushed to disk, renamed to
 * `gen-<id>`, and only then does `CURRENT` point at it. A crash at any moment
 * leaves `CURRENT` naming a complete generation (or no index at all, if there
 * was none before). The previous generation is kept so that a reader that
 * started loading just before a swap still finds its files.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

export const CURRENT_FILE = "CURRENT";
const GENERATION_PREFIX = "gen-";
const STAGING_PREFIX = ".staging-";

export const INDEX_FILES = {
  manifest: "manifest.json",
  articles: "articles.json",
  /** HNSWLib.save folder: hnswlib.index, args.json, docstore.json. */
  vectors: "vectors",
  /** Per HNSW label, the hash of the text that was embedded (to reuse vectors). */
  embeddingKeys: "embedding-keys.json",
  lexical: "lexical.json",
} as const;

function uniqueSuffix(): string {
  const time = new Date().toISOString().replace(/[-:.]/g, "");
  return `${time}-${randomBytes(4).toString("hex")}`;
}

/** The live generation's folder, or undefined when the index folder holds no index. */
export async function currentGeneration(indexDir: string): Promise<string | undefined> {
  let name: string;
  try {
    name = (await fs.readFile(path.join(indexDir, CURRENT_FILE), "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return undefined;
    throw error;
  }
  if (!name.startsWith(GENERATION_PREFIX) || name.includes("/") || name.includes("\\")) {
    throw new Error(`${CURRENT_FILE} names "${name.slice(0, 80)}", which is not an index generation`);
  }
  return path.join(indexDir, name);
}

export async function createStagingDir(indexDir: string): Promise<string> {
  const dir = path.join(indexDir, `${STAGING_PREFIX}${uniqueSuffix()}`);
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

async function fsyncPath(target: string): Promise<void> {
  const handle = await fs.open(target, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flush every file under a folder, and the folders themselves, to disk. */
export async function syncTree(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(full);
    else await fsyncPath(full);
  }
  await fsyncPath(dir);
}

/** Write a file so that readers see either the old content or the new, never a part. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(temporary, content);
  await fsyncPath(temporary);
  await fs.rename(temporary, file);
  await fsyncPath(path.dirname(file));
}

/**
 * Make a fully written staging folder the live index. Returns the new
 * generation's folder. Generations older than the previous one are removed.
 */
export async function publishGeneration(indexDir: string, stagingDir: string): Promise<string> {
  const previous = await currentGeneration(indexDir).catch(() => undefined);
  await syncTree(stagingDir);
  const generation = path.join(indexDir, `${GENERATION_PREFIX}${uniqueSuffix()}`);
  await fs.rename(stagingDir, generation);
  await fsyncPath(indexDir);
  await writeFileAtomic(path.join(indexDir, CURRENT_FILE), `${path.basename(generation)}\n`);
  await removeOldGenerations(indexDir, [generation, previous]);
  return generation;
}

async function removeOldGenerations(indexDir: string, keep: (string | undefined)[]): Promise<void> {
  const kept = new Set(keep.filter((dir): dir is string => dir !== undefined).map((dir) => path.basename(dir)));
  for (const entry of await fs.readdir(indexDir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name.startsWith(GENERATION_PREFIX) && !kept.has(entry.name)) {
      await fs.rm(path.join(indexDir, entry.name), { recursive: true, force: true });
    }
  }
}

/**
 * Remove what a killed ingest left behind: staging folders, temporary files,
 * generations nothing points to. Call only while holding the ingest lock.
 */
export async function removeLeftovers(indexDir: string): Promise<string[]> {
  const removed: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(indexDir, { withFileTypes: true });
  } catch {
    return removed;
  }
  const current = await currentGeneration(indexDir).catch(() => undefined);
  for (const entry of entries) {
    const full = path.join(indexDir, entry.name);
    const staging = entry.name.startsWith(STAGING_PREFIX);
    const temporary = entry.isFile() && entry.name.startsWith(`${CURRENT_FILE}.`) && entry.name.endsWith(".tmp");
    if (staging || temporary) {
      await fs.rm(full, { recursive: true, force: true });
      removed.push(entry.name);
    }
  }
  // A generation renamed into place whose CURRENT swap never happened is unreachable.
  await removeOldGenerations(indexDir, current ? [current, await newestOtherGeneration(indexDir, current)] : []);
  return removed;
}

/** The previous generation: kept until the next swap, for readers mid-load. */
async function newestOtherGeneration(indexDir: string, current: string): Promise<string | undefined> {
  const names = (await fs.readdir(indexDir))
    .filter((name) => name.startsWith(GENERATION_PREFIX) && name !== path.basename(current))
    .sort();
  const older = names.filter((name) => name < path.basename(current));
  const pick = older.at(-1);
  return pick ? path.join(indexDir, pick) : undefined;
}
