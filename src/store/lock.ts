/**
 * One ingest at a time per index folder (proper-lockfile). The lock holder also
 * writes its pid next to the lock, so that a lock left by a killed ingest is
 * recognised and recovered instead of blocking the next run.
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";
import type { Logger } from "../log.js";
import { IndexLockedError } from "./errors.js";

const LOCK_NAME = "ingest.lock";
const OWNER_NAME = "ingest.owner.json";

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface IngestLock {
  release(): Promise<void>;
  /** Set when the lock was lost (e.g. the process stalled past the stale time). */
  readonly compromised?: Error;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOwner(indexDir: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(indexDir, OWNER_NAME), "utf8")) as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * Take the ingest lock on an index folder (created if needed). Throws
 * IndexLockedError when another live ingest holds it.
 */
export async function acquireIngestLock(indexDir: string, options: { staleMs?: number; logger?: Logger } = {}): Promise<IngestLock> {
  await fs.mkdir(indexDir, { recursive: true });
  const staleMs = Math.max(2_000, options.staleMs ?? 10_000);
  const state: { compromised?: Error } = {};
  const lockOptions = {
    lockfilePath: path.join(indexDir, LOCK_NAME),
    stale: staleMs,
    realpath: false,
    onCompromised: (error: Error) => {
      state.compromised = error;
      options.logger?.error({ err: error }, "the ingest lock was lost");
    },
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(indexDir, { ...lockOptions, retries: 0 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    const owner = await readOwner(indexDir);
    // No owner file: the holder was killed between taking the lock and naming itself, or while
    // letting go. A live holder keeps the lock fresh, so waiting out the stale time is safe.
    const alive = owner !== undefined && (owner.host !== os.hostname() || owner.pid === process.pid || processAlive(owner.pid));
    if (alive) throw new IndexLockedError(indexDir, owner);
    options.logger?.warn({ pid: owner?.pid }, "recovering the lock of an ingest that stopped without releasing it");
    // proper-lockfile removes the lock once its mtime is older than the stale time.
    const tries = Math.ceil(staleMs / 500) + 4;
    try {
      release = await lockfile.lock(indexDir, { ...lockOptions, retries: { retries: tries, minTimeout: 500, maxTimeout: 500, factor: 1 } });
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code === "ELOCKED") throw new IndexLockedError(indexDir, await readOwner(indexDir));
      throw retryError;
    }
  }
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  await fs.writeFile(path.join(indexDir, OWNER_NAME), JSON.stringify(owner));
  return {
    get compromised() {
      return state.compromised;
    },
    async release() {
      await fs.rm(path.join(indexDir, OWNER_NAME), { force: true });
      await release().catch(() => {});
    },
  };
}
