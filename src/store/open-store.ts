/**
 * The store room (floor 1: imports the ground floor and the embeddings): the index that ingest
 * writes and retrieval reads. The local folder (index-store.ts, generations, BM25 in lexical.ts,
 * rollback) and PostgreSQL (postgres/) implement one `SearchIndex` and `IngestTarget` (types.ts).
 *
 * This module is the configured store (READOUT_STORE): the one place that picks the local
 * index folder or PostgreSQL, for answering and for ingest.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Config } from "../config.js";
import { openIndex } from "./index-store.js";
import { localIngestTarget } from "./local-target.js";
import { displayPath, RollbackUnsupportedError } from "./errors.js";
import { currentGeneration } from "./generations.js";
import { inTransaction, leasePool, redactUrl } from "./postgres/connection.js";
import { migrate } from "./postgres/migrations.js";
import { readIndexRow } from "./postgres/snapshot.js";
import { openPostgresIndex } from "./postgres/pg-index.js";
import { postgresIngestTarget } from "./postgres/pg-target.js";
import { rollbackIndex, type RollbackResult } from "./rollback.js";
import type { Logger } from "../log.js";
import type { IngestTarget, SearchIndex, SourceState } from "./types.js";

type StoreSettings = Pick<Config, "store" | "indexDir"> & Partial<Pick<Config, "keepGenerations">>;

export function openSearchIndex(config: StoreSettings, embeddings: EmbeddingsInterface): Promise<SearchIndex> {
  return config.store.kind === "postgres" ? openPostgresIndex(config.store.url, embeddings) : openIndex(config.indexDir, embeddings);
}

export function ingestTargetFor(config: StoreSettings): IngestTarget {
  return config.store.kind === "postgres"
    ? postgresIngestTarget(config.store.url)
    : localIngestTarget(config.indexDir, config.keepGenerations === undefined ? {} : { keepGenerations: config.keepGenerations });
}

/** Where the configured index lives, for messages (no password). */
export function storeLocation(config: StoreSettings): string {
  return config.store.kind === "postgres" ? redactUrl(config.store.url) : config.indexDir;
}

/** The same, as a person would write it: the folder relative to the working directory when inside it. */
export function storeDisplayName(config: StoreSettings): string {
  return config.store.kind === "postgres" ? redactUrl(config.store.url) : displayPath(config.indexDir);
}

/** Whether the configured store holds an index (an ingest has run); PostgreSQL's migrations run first. */
export async function storeHasIndex(config: StoreSettings): Promise<boolean> {
  if (config.store.kind === "local") return (await currentGeneration(config.indexDir)) !== undefined;
  const lease = leasePool(config.store.url);
  try {
    await migrate(lease.pool, redactUrl(config.store.url));
    return (await inTransaction(lease.pool, readIndexRow)) !== undefined;
  } finally {
    await lease.release();
  }
}

/** The state of web sources the last refreshes left (for /subscriptions). */
export async function readStoreSourceState(config: StoreSettings): Promise<Record<string, SourceState>> {
  const target = ingestTargetFor(config);
  try {
    return await target.readSourceState();
  } finally {
    await target.close();
  }
}

/**
 * Make the version before the live one live again. Only the local store keeps
 * earlier versions (its generations); PostgreSQL refuses with RollbackUnsupportedError.
 */
export async function rollbackStore(config: StoreSettings, options: { logger?: Logger; lockStaleMs?: number } = {}): Promise<RollbackResult> {
  if (config.store.kind === "postgres") throw new RollbackUnsupportedError(redactUrl(config.store.url));
  return rollbackIndex(config.indexDir, { ...options, ...(config.keepGenerations === undefined ? {} : { keepGenerations: config.keepGenerations }) });
}
