import { promises as fs } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { runIngest } from "../../src/ingest/run.js";
import { NoEarlierGenerationError } from "../../src/store/errors.js";
import { listGenerations } from "../../src/store/generations.js";
import { openIndex } from "../../src/store/index-store.js";
import { rollbackIndex } from "../../src/store/rollback.js";
import { runCliScript } from "../helpers/cli-process.js";
import { CountingEmbeddings } from "../helpers/counting-embeddings.js";
import { useWorkspace, quietLogger, syntheticSource, writeArticles } from "../helpers/synthetic-articles.js";

const workspace = useWorkspace({ each: true });
let embeddings: CountingEmbeddings;
beforeEach(() => {
  embeddings = new CountingEmbeddings();
});

/** Ingest `count` articles (a0 … a<count-1>): each call with a new count writes a new generation. */
async function ingestArticles(count: number, keep?: number) {
  await writeArticles(workspace.articles, 0, count);
  const config = parseConfig({ LOG_LEVEL: "silent", ...(keep ? { READOUT_KEEP_GENERATIONS: String(keep) } : {}) });
  return runIngest({ paths: [workspace.articles], indexDir: workspace.indexDir, embeddings, config, source: syntheticSource, logger: quietLogger });
}

const articleCount = async () => (await openIndex(workspace.indexDir, embeddings)).manifest.articleCount;

describe("kept generations and rollback", () => {
  it("keeps the live generation and the two before it by default, and READOUT_KEEP_GENERATIONS changes that", async () => {
    for (const count of [1, 2, 3, 4, 5]) await ingestArticles(count);
    expect(await listGenerations(workspace.indexDir)).toHaveLength(3);
    await ingestArticles(6, 4);
    await ingestArticles(7, 4);
    expect(await listGenerations(workspace.indexDir)).toHaveLength(4);
    expect(() => parseConfig({ READOUT_KEEP_GENERATIONS: "1" })).toThrow(/READOUT_KEEP_GENERATIONS.*at least 2/);
  });

  it("returns the live index to the generation before it, one step at a time, until there is none", async () => {
    for (const count of [1, 2, 3]) await ingestArticles(count);
    expect(await articleCount()).toBe(3);
    const first = await rollbackIndex(workspace.indexDir);
    expect(first.manifest.articleCount).toBe(2);
    expect(await articleCount()).toBe(2);
    await expect(fs.stat(first.from)).rejects.toThrow(/ENOENT/);
    await rollbackIndex(workspace.indexDir);
    expect(await articleCount()).toBe(1);
    await expect(rollbackIndex(workspace.indexDir)).rejects.toBeInstanceOf(NoEarlierGenerationError);
    expect(await articleCount()).toBe(1);
    // The next ingest builds on the live generation and can itself be rolled back.
    await ingestArticles(4);
    expect(await articleCount()).toBe(4);
    await rollbackIndex(workspace.indexDir);
    expect(await articleCount()).toBe(1);
  });

  it("npm run ingest -- --rollback switches back and says to what; with nothing earlier it exits 2", async () => {
    await ingestArticles(1);
    await ingestArticles(2);
    const run = (args: string[]) => runCliScript("src/cli/ingest.ts", args, { env: { LOG_LEVEL: "warn" } });
    const rolled = await run(["--index", workspace.indexDir, "--json", "--rollback"]);
    expect(rolled.stderr).toBe("");
    expect(rolled.code).toBe(0);
    expect(JSON.parse(rolled.stdout)).toMatchObject({ articles: 1, generation: expect.stringMatching(/^gen-/) });
    expect(await articleCount()).toBe(1);
    const again = await run(["--index", workspace.indexDir, "--rollback"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/has no earlier generation to return to/);
    expect((await run(["--index", workspace.indexDir, "--rollback", workspace.articles])).code).toBe(2);
  });
});
