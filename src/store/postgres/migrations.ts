/**
 * The PostgreSQL schema, as numbered migrations applied in order when Readout
 * connects. Each applied migration is recorded in `readout_migrations`; a
 * database migrated by a newer Readout is refused rather than misread. Never
 * edit a released migration: add the next one.
 */
import type pg from "pg";
import { inTransaction } from "./connection.js";

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "articles, chunks with pgvector embeddings and full-text search",
    sql: `
      CREATE EXTENSION IF NOT EXISTS vector;
      -- One row: the embedding model that built the index, and a version bumped by every ingest.
      CREATE TABLE readout_index (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        embedding_provider text NOT NULL,
        embedding_model text NOT NULL,
        dimensions integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version bigint NOT NULL
      );
      -- json, not jsonb: the stored text keeps its key order, so an unchanged article compares equal on the next ingest.
      CREATE TABLE readout_articles (
        id text PRIMARY KEY,
        meta json NOT NULL,
        paragraphs json NOT NULL,
        source_path text NOT NULL,
        content_hash text NOT NULL,
        ingested_at text NOT NULL,
        day text
      );
      -- The embedding column gets its dimensions and HNSW index from the first ingest (see schema.ts).
      CREATE TABLE readout_chunks (
        id text PRIMARY KEY,
        article_id text NOT NULL REFERENCES readout_articles (id) ON DELETE CASCADE,
        position integer NOT NULL,
        content text NOT NULL,
        metadata json NOT NULL,
        day text,
        embedding_key text NOT NULL,
        embedding vector NOT NULL,
        search tsvector NOT NULL
      );
      CREATE INDEX readout_chunks_article ON readout_chunks (article_id, position);
      CREATE INDEX readout_chunks_embedding_key ON readout_chunks (embedding_key);
      CREATE INDEX readout_chunks_day ON readout_chunks (day);
      CREATE INDEX readout_chunks_search ON readout_chunks USING gin (search);
    `,
  },
  {
    version: 2,
    name: "web articles' origin, and the state of web sources",
    sql: `
      -- Where a web article was fetched from and the server's validators (null for a file).
      ALTER TABLE readout_articles ADD COLUMN web json;
      -- What the last refresh of each web source left, for the next conditional request.
      CREATE TABLE readout_sources (
        url text PRIMARY KEY,
        state json NOT NULL
      );
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Any fixed number: the transaction-level advisory lock that makes concurrent starts migrate once. */
const MIGRATION_LOCK = 7_462_001;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/** The database cannot be reached or refuses us (the message names it without the password). */
export class StoreConnectionError extends Error {
  constructor(location: string, problem: string) {
    super(`Cannot use the PostgreSQL database ${location}: ${problem}. Check READOUT_DATABASE_URL and that the server is running.`);
    this.name = "StoreConnectionError";
  }
}

/** Apply the migrations this database lacks; returns the versions applied. */
export async function migrate(pool: pg.Pool, location: string): Promise<number[]> {
  try {
    return await applyMigrations(pool);
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    const code = (error as { code?: string }).code ?? "";
    // Connection refused or unknown host, bad password, unknown database or role.
    if (/^(E[A-Z]+|28P01|28000|3D000)$/.test(code) || /connect|terminat/i.test((error as Error).message)) {
      throw new StoreConnectionError(location, (error as Error).message || code);
    }
    throw error;
  }
}

async function applyMigrations(pool: pg.Pool): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS readout_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number | null }>("SELECT max(version) AS version FROM readout_migrations");
    const current = rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new MigrationError(`the database schema is at version ${current}, this version of Readout knows up to ${SCHEMA_VERSION}: upgrade Readout`);
    }
    const applied: number[] = [];
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      try {
        await client.query(migration.sql);
      } catch (error) {
        const message = (error as Error).message;
        const hint = /extension "vector"|permission denied to create extension/i.test(message)
          ? " (pgvector must be installed on the server, and CREATE EXTENSION vector needs a superuser once per database)"
          : "";
        throw new MigrationError(`migration ${migration.version} (${migration.name}) failed: ${message}${hint}`);
      }
      await client.query("INSERT INTO readout_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
