/**
 * Crash safety of the PostgreSQL store: an ingest SIGKILLed while embedding or
 * at any moment of its write transaction leaves the database answering from
 * the previous version (never a mix), releases its advisory lock with its
 * connection, and the next ingest completes the update.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../../src/ingest/run.js";
import { openPostgresIndex } from "../../../src/store/postgres/pg-index.js";
import { postgresIngestTarget } from "../../../src/store/postgres/pg-target.js";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../../helpers/postgres.js";
import { CountingEmbeddings } from "../../helpers/counting-embeddings.js";
import { CRASH_ARTICLES, crashVersionOf, ingestAndKill, writeCrashVersion, type KillPoint } from "../../helpers/crash.js";
import { quietLogger, story, syntheticSource } from "../../helpers/synthetic-articles.js";
import { useTempDir } from "../../helpers/temp-dir.js";
import { skipNotice } from "../../helpers/skip.js";

const unavailable = skipNotice(import.meta.filename, postgresUnavailable());

const KILL_POINTS: KillPoint[] = [
  { name: "while embedding", when: (e) => e.phase === "embed" && e.done >= 16, delayMs: 0 },
  { name: "as writing starts", when: (e) => e.phase === "write" && e.done === 0, delayMs: 0 },
  { name: "5 ms into writing", when: (e) => e.phase === "write" && e.done === 0, delayMs: 5 },
  { name: "20 ms into writing", when: (e) => e.phase === "write" && e.done === 0, delayMs: 20 },
  { name: "60 ms into writing", when: (e) => e.phase === "write" && e.done === 0, delayMs: 60 },
];

describe.skipIf(unavailable !== undefined)("crash safety of the PostgreSQL store", () => {
  const temp = useTempDir("readout-pg-crash-");
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it("a killed ingest leaves the previous version answering; the next one completes", async () => {
    const embeddings = new CountingEmbeddings("fake-words", 256);
    const outcomes: string[] = [];
    for (const [n, point] of KILL_POINTS.entries()) {
      const articles = path.join(temp.path, `articles-${n}`);
      const url = await cluster.createDatabase(`crash_${n}`);
      await writeCrashVersion(articles, 1);
      await runIngest({ paths: [articles], target: postgresIngestTarget(url), embeddings, source: syntheticSource, logger: quietLogger });
      await writeCrashVersion(articles, 2);

      const { killed } = await ingestAndKill(articles, url, point);

      const index = await openPostgresIndex(url, embeddings);
      try {
        const titles = [...index.articles.values()].map((article) => article.meta.title);
        const version = crashVersionOf(titles);
        const isOld = version === "old";
        expect(version !== undefined, `${point.name}: ${index.articles.size} articles`).toBe(true);
        expect(index.manifest.chunkCount).toBe(index.articles.size * 3);
        if (killed) expect(isOld, `${point.name}: killed, yet the new version is live`).toBe(true);
        // It answers: dense and full-text search over the version it holds.
        const hits = await index.nearest((await embeddings.embedQuery(story(7)[1]!)) as number[], 1);
        expect(hits[0]!.metadata.chunkId).toBe("m007.art#p2");
        expect((await index.matching("semiconductors", { k: 3, boost: {} })).length).toBeGreaterThan(0);
        outcomes.push(`${point.name}: ${killed ? "killed" : "finished"}, ${isOld ? "previous" : "new"} version`);
      } finally {
        await index.close();
      }

      // The dead ingest's lock went with its connection: the next ingest does not wait, and completes.
      const after = await runIngest({ paths: [articles], target: postgresIngestTarget(url), embeddings, source: syntheticSource, logger: quietLogger });
      expect(after.failed).toBe(false);
      const final = await openPostgresIndex(url, embeddings);
      try {
        expect(final.articles.size).toBe(CRASH_ARTICLES + 30);
        expect(final.manifest.chunkCount).toBe((CRASH_ARTICLES + 30) * 3);
      } finally {
        await final.close();
      }
    }
    expect(outcomes.some((outcome) => outcome.includes("killed"))).toBe(true);
    console.info(`postgres crash-safety outcomes:\n  ${outcomes.join("\n  ")}`);
  }, 180_000);
});
