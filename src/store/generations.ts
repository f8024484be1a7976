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
 * was none before). The last few generations are kept (`keepGenerations`, at
 * least two): a reader that started loading just before a swap still finds its
 * files, and a rollback (`src/store/rollback.ts`) can return to an earlier one.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

export const CURRENT_FILE = "CURRENT";
/** Generations kept by default: the live one and the two before it. */
export const DEFAULT_KEPT_GENERATIONS = 3;
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
 * generation's folder. Only the newest `keep` generations (this one included)
 * stay on disk.
 */
export async function publishGeneration(indexDir: string, stagingDir: string, keep: number = DEFAULT_KEPT_GENERATIONS): Promise<string> {
  await syncTree(stagingDir);
  const generation = path.join(indexDir, `${GENERATION_PREFIX}${uniqueSuffix()}`);
  await fs.rename(stagingDir, generation);
  await fsyncPath(indexDir);
  await writeFileAtomic(path.join(indexDir, CURRENT_FILE), `${path.basename(generation)}\n`);
  await pruneGenerations(indexDir, generation, keep);
  return generation;
}

/** The generation folders' names, oldest first (names start with their creation time). */
export async function listGenerations(indexDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(indexDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isDirectory() && entry.name.startsWith(GENERATION_PREFIX))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Keep the live generation and the `keep - 1` before it; remove older ones and
 * any newer one (renamed into place by an ingest that died before the swap, or
 * left behind by a rollback), which nothing points to.
 */
async function pruneGenerations(indexDir: string, current: string | undefined, keep: number): Promise<void> {
  const live = current === undefined ? undefined : path.basename(current);
  const names = await listGenerations(indexDir);
  const older = live === undefined ? [] : names.filter((name) => name < live);
  const kept = new Set(live === undefined ? [] : [live, ...older.slice(Math.max(0, older.length - (keep - 1)))]);
  for (const name of names) {
    if (!kept.has(name)) await fs.rm(path.join(indexDir, name), { recursive: true, force: true });
  }
}

/** The newest generation older than the live one, or undefined. */
export async function earlierGeneration(indexDir: string, current: string): Promise<string | undefined> {
  const live = path.basename(current);
  const name = (await listGenerations(indexDir)).filter((candidate) => candidate < live).at(-1);
  return name === undefined ? undefined : path.join(indexDir, name);
}

/**
 * Make `target` (a generation before the live one) live, and remove the
 * generations after it, the one that was live included: they would otherwise be
 * taken for the newest. Call only while holding the ingest lock.
 */
export async function switchBackTo(indexDir: string, target: string): Promise<void> {
  const name = path.basename(target);
  await writeFileAtomic(path.join(indexDir, CURRENT_FILE), `${name}\n`);
  for (const newer of (await listGenerations(indexDir)).filter((candidate) => candidate > name)) {
    await fs.rm(path.join(indexDir, newer), { recursive: true, force: true });
  }
}

/**
 * Remove what a killed ingest left behind: staging folders, temporary files,
 * generations nothing points to. Call only while holding the ingest lock.
 */
export async function removeLeftovers(indexDir: string, keep: number = DEFAULT_KEPT_GENERATIONS): Promise<string[]> {
  const removed: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(indexDir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const full = path.join(indexDir, entry.name);
    const staging = entry.name.startsWith(STAGING_PREFIX);
    const temporary = entry.isFile() && entry.name.startsWith(`${CURRENT_FILE}.`) && entry.name.endsWith(".tmp");
    if (staging || temporary) {
      await fs.rm(full, { recursive: true, force: true });
      removed.push(entry.name);
    }
  }
  // With no CURRENT at all, a generation is one whose first swap never happened; with an unreadable one, keep everything.
  let current: string | undefined;
  try {
    current = await currentGeneration(indexDir);
  } catch {
    return removed;
  }
  await pruneGenerations(indexDir, current, keep);
  return removed;
}
