import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngest } from "../../src/ingest/run.js";
import { openIndex } from "../../src/store/index-store.js";
import { CountingEmbeddings, articleText, quietLogger, story, syntheticSource, tempDir, ingestAndKill, type KillPoint } from "./helpers.js";

const ARTICLES = 120;

/** Version 1: ARTICLES articles. Version 2: every third one changed, 30 new ones. */
async function writeVersion(dir: string, version: 1 | 2): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const count = version === 1 ? ARTICLES : ARTICLES + 30;
  for (let i = 0; i < count; i++) {
    const changed = version === 2 && i % 3 === 0;
    const title = changed ? `Meeting ${i} (revised)` : `Meeting ${i}`;
    await fs.writeFile(path.join(dir, `m${String(i).padStart(3, "0")}.art`), articleText(title, "2024-01-01", story(i, changed ? " Revised." : "")));
  }
}


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
  let root: string;
  beforeAll(async () => {
    root = await tempDir("readout-crash-");
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it(
    "survives SIGKILL while reading, embedding and writing, and the next ingest recovers",
    async () => {
      const embeddings = new CountingEmbeddings("fake-words", 256);
      const outcomes: string[] = [];
      for (const [n, point] of KILL_POINTS.entries()) {
        const articles = path.join(root, `articles-${n}`);
        const indexDir = path.join(root, `index-${n}`);
        await writeVersion(articles, 1);
        await runIngest({ paths: [articles], indexDir, embeddings, source: syntheticSource, logger: quietLogger });
        await writeVersion(articles, 2);

        const { killed } = await ingestAndKill(articles, indexDir, point);

        // Whatever happened, the index opens and is one whole version: old or new, never a mix.
        const index = await openIndex(indexDir, embeddings);
        const titles = [...index.articles.values()].map((article) => article.meta.title);
        const isOld = index.articles.size === ARTICLES && titles.every((title) => !title.includes("revised"));
        const isNew = index.articles.size === ARTICLES + 30 && titles.filter((title) => title.includes("revised")).length === (ARTICLES + 30) / 3;
        expect(isOld || isNew, `${point.name}: ${index.articles.size} articles`).toBe(true);
        expect(index.vectorStore.index.getCurrentCount()).toBe(index.manifest.chunkCount);
        expect(index.lexical.documentCount).toBe(index.manifest.chunkCount);
        expect(index.manifest.chunkCount).toBe(index.articles.size * 3);
        outcomes.push(`${point.name}: ${killed ? "killed" : "finished"}, ${isOld ? "previous" : "new"} index`);
        if (point.name === "while reading" || point.name === "while embedding") expect(isOld).toBe(true);

        // The next ingest takes over the dead process's lock, cleans up, and completes the update.
        const after = await runIngest({ paths: [articles], indexDir, embeddings, source: syntheticSource, logger: quietLogger, lockStaleMs: 2000 });
        expect(after.failed).toBe(false);
        const final = await openIndex(indexDir, embeddings);
        expect(final.articles.size).toBe(ARTICLES + 30);
        const leftovers = (await fs.readdir(indexDir)).filter((name) => name.startsWith(".staging") || name.endsWith(".tmp") || name.startsWith("ingest."));
        expect(leftovers).toEqual([]);
      }
      console.info(`crash-safety outcomes:\n  ${outcomes.join("\n  ")}`);
    },
    180_000,
  );
});
