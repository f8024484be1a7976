/**
 * Connections to the PostgreSQL store: one pool per database URL per process,
 * shared by every opened version of the index and released by the last user.
 */
import pg from "pg";

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unreadable PostgreSQL URL)";
  }
}

/**
 * Dense search asks for up to 100 neighbours: HNSW must explore at least that
 * many, and keep exploring when a date filter discards some (pgvector 0.8).
 */
const SEARCH_SETTINGS = "-c hnsw.ef_search=100 -c hnsw.iterative_scan=strict_order";

export function connectionConfig(url: string): pg.ClientConfig {
  return { connectionString: url, options: SEARCH_SETTINGS, application_name: "readout" };
}

interface SharedPool {
  pool: pg.Pool;
  users: number;
}

const pools = new Map<string, SharedPool>();

export interface PoolLease {
  pool: pg.Pool;
  release(): Promise<void>;
}

export function leasePool(url: string): PoolLease {
  let shared = pools.get(url);
  if (!shared) {
    const pool = new pg.Pool({ ...connectionConfig(url), max: 4, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    // An idle client losing its server (a restart) must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    shared = { pool, users: 0 };
    pools.set(url, shared);
  }
  shared.users++;
  const lease = shared;
  let released = false;
  return {
    pool: lease.pool,
    async release() {
      if (released) return;
      released = true;
      lease.users--;
      if (lease.users === 0 && pools.get(url) === lease) {
        pools.delete(url);
        await lease.pool.end();
      }
    },
  };
}

/** Run `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, mode = "BEGIN"): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(mode);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
