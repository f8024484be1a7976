import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runIngest } from "../../src/ingest/run.js";
import { openIndex } from "../../src/store/index-store.js";
import { CountingEmbeddings } from "../helpers/counting-embeddings.js";
import { CRASH_ARTICLES, crashVersionOf, ingestAndKill, writeCrashVersion, type KillPoint } from "../helpers/crash.js";
import { quietLogger, syntheticSource } from "../helpers/synthetic-articles.js";
import { useTempDir } from "../helpers/temp-dir.js";

const KILL_POINTS: KillPoint[] = [
  { name: "while reading", when: (e) => e.phase === "read" && e.done === 20, delayMs: 0 },
  { name: "while embedding", when: (e) => e.phase === "embed" && e.done >= 16, delayMs: 0 },
  { name: "as writing starts", when: (e) => e.phase === "write" && e.done === 0, delayMs: 0 },
  { name: "2 ms into writing", when: (e) => e.phase === "write" && e.done === 0, delayMs: 2 },
  { name: "8 ms into writing", when: (e) => e.phase === "write" && e.done === 0, delayMs: 8 },
  { name: "20 ms into writing", when: (e) => e.phase === "write" && e.done === 0, delayMs: 20 },
  { name: "40 ms into writing", when: (e) => e.phase === "write" && e.done === 0, delayMs: 40 },
];

describe("crash safety: an ingest killed at any point leaves a loadable index", () => {
  const temp = useTempDir("readout-crash-");

  it("survives SIGKILL while reading, embedding and writing, and the next ingest recovers", async () => {
    const embeddings = new CountingEmbeddings("fake-words", 256);
    const outcomes: string[] = [];
    for (const [n, point] of KILL_POINTS.entries()) {
      const articles = path.join(temp.path, `articles-${n}`);
      const indexDir = path.join(temp.path, `index-${n}`);
      await writeCrashVersion(articles, 1);
      await runIngest({ paths: [articles], indexDir, embeddings, source: syntheticSource, logger: quietLogger });
      await writeCrashVersion(articles, 2);

      const { killed } = await ingestAndKill(articles, indexDir, point);

      // Whatever happened, the index opens and is one whole version: old or new, never a mix.
      const index = await openIndex(indexDir, embeddings);
      const titles = [...index.articles.values()].map((article) => article.meta.title);
      const version = crashVersionOf(titles);
      const isOld = version === "old";
      expect(version !== undefined, `${point.name}: ${index.articles.size} articles`).toBe(true);
      expect(index.vectorStore.index.getCurrentCount()).toBe(index.manifest.chunkCount);
      expect(index.lexical.documentCount).toBe(index.manifest.chunkCount);
      expect(index.manifest.chunkCount).toBe(index.articles.size * 3);
      outcomes.push(`${point.name}: ${killed ? "killed" : "finished"}, ${isOld ? "previous" : "new"} index`);
      if (point.name === "while reading" || point.name === "while embedding") expect(isOld).toBe(true);

      // The next ingest takes over the dead process's lock, cleans up, and completes the update.
      const after = await runIngest({ paths: [articles], indexDir, embeddings, source: syntheticSource, logger: quietLogger, lockStaleMs: 2000 });
      expect(after.failed).toBe(false);
      const final = await openIndex(indexDir, embeddings);
      expect(final.articles.size).toBe(CRASH_ARTICLES + 30);
      const leftovers = (await fs.readdir(indexDir)).filter((name) => name.startsWith(".staging") || name.endsWith(".tmp") || name.startsWith("ingest."));
      expect(leftovers).toEqual([]);
    }
    console.info(`crash-safety outcomes:\n  ${outcomes.join("\n  ")}`);
  }, 180_000);
});
