/** The bot and the index's generations: /rollback, and switching to a generation any ingest wrote. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BotServices } from "../../src/bot/service-types.js";
import { createServices, type ChainOpener } from "../../src/bot/services.js";
import { parseConfig, type Config } from "../../src/config.js";
import { runIngest } from "../../src/ingest/run.js";
import { openIndex } from "../../src/store/index-store.js";
import { adminUser, alice, createHarness, sentMessages } from "../helpers/bot-harness.js";
import { createFixtureChain } from "../helpers/fixture-chain.js";
import { CountingEmbeddings } from "../helpers/counting-embeddings.js";
import { useWorkspace, quietLogger, syntheticSource, writeArticles } from "../helpers/synthetic-articles.js";

/** The fixture chain over the articles of the live generation, so an answer shows which generation answered. */
const openFixtureChain: ChainOpener = async (config, { embeddings }) => {
  const index = await openIndex(config.indexDir, embeddings);
  const articles = [...index.articles.values()].map((article) => ({ id: article.meta.id, title: article.meta.title, paragraphs: article.paragraphs }));
  return { chain: createFixtureChain({ articles }).chain, index };
};

const workspace = useWorkspace({ each: true });
let embeddings: CountingEmbeddings;
let config: Config;
let services: BotServices | undefined;

beforeEach(async () => {
  embeddings = new CountingEmbeddings();
  config = parseConfig({
    LOG_LEVEL: "silent",
    READOUT_SESSION_STORAGE: "memory",
    READOUT_ADMIN_IDS: String(adminUser.id),
    READOUT_INDEX_DIR: workspace.indexDir,
    READOUT_ARTICLES_DIRS: workspace.articles,
  });
});
afterEach(async () => {
  await services?.close();
  services = undefined;
});

async function ingest(count: number) {
  await writeArticles(workspace.articles, 0, count);
  return runIngest({ paths: [workspace.articles], indexDir: workspace.indexDir, embeddings, config, source: syntheticSource, logger: quietLogger });
}

async function botOverIndex() {
  services = await createServices(config, { embeddings, openChain: openFixtureChain, logger: quietLogger });
  return createHarness({ services, env: { READOUT_ADMIN_IDS: String(adminUser.id) } });
}

const text = async (h: Awaited<ReturnType<typeof botOverIndex>>, user: typeof alice, message: string) =>
  sentMessages(await h.say(user, message))
    .map((m) => m.text)
    .join("\n");

describe("/rollback", () => {
  it("returns the live index to the generation before the last ingest and answers from it", async () => {
    await ingest(1);
    await ingest(2);
    const h = await botOverIndex();
    // a1.art, about Macron, is only in the second generation.
    expect(await text(h, alice, "Macron fisheries")).toContain("Macron");
    expect(await text(h, adminUser, "/stats")).toContain("Index: 2 articles");

    expect(await text(h, alice, "/rollback")).toBe("Sorry, /rollback is only for this bot's admins.");
    expect(await text(h, adminUser, "/rollback")).toMatch(/^Rolled back\. The index written .* is live again: 1 articles, 3 chunks\.$/);
    expect(await text(h, adminUser, "/stats")).toContain("Index: 1 articles");
    expect(await text(h, alice, "Macron fisheries")).toMatch(/^I couldn't find this/);

    expect(await text(h, adminUser, "/rollback")).toMatch(
      /^Rollback failed: The index in .* has no earlier generation to return to\.\nThe index in use is unchanged\.$/,
    );
    expect(await text(h, adminUser, "/stats")).toContain("Index: 1 articles");
  });
});

describe("a generation written by another ingest", () => {
  it("is picked up before the next answer and by /stats, without /reindex or a restart", async () => {
    await ingest(1);
    const h = await botOverIndex();
    expect(await text(h, alice, "Macron")).toMatch(/^I couldn't find this/);
    expect(await text(h, adminUser, "/stats")).toContain("Index: 1 articles, 3 chunks");

    await ingest(2); // `npm run ingest` in another shell
    const live = path.basename((await openIndex(workspace.indexDir, embeddings)).generationDir);
    expect(await text(h, adminUser, "/stats")).toMatch(new RegExp(`Index: 2 articles, 6 chunks[\\s\\S]*Generation: ${live}\\.`));
    await ingest(3);
    expect(await text(h, alice, "Macron")).toContain("President Biden met Macron");
    expect(await text(h, adminUser, "/stats")).toContain("Index: 3 articles, 9 chunks");
  });

  it("switches when the loaded generation was deleted by later ingests", async () => {
    await ingest(1);
    const h = await botOverIndex();
    const loaded = (await openIndex(workspace.indexDir, embeddings)).generationDir;
    for (const count of [2, 3, 4]) await ingest(count);
    await expect(fs.stat(loaded)).rejects.toThrow(/ENOENT/);
    expect(await text(h, adminUser, "/stats")).toContain("Index: 4 articles, 12 chunks");
    expect(await text(h, alice, "Macron")).toContain("President Biden met Macron");
  });

  it("keeps answering from memory when the live generation is removed by hand, and switches after a --rebuild", async () => {
    await ingest(2);
    const h = await botOverIndex();
    await fs.rm((await openIndex(workspace.indexDir, embeddings)).generationDir, { recursive: true });
    expect(await text(h, alice, "Macron")).toContain("President Biden met Macron");
    expect(await text(h, adminUser, "/stats")).toContain("Index: 2 articles, 6 chunks");

    await writeArticles(workspace.articles, 0, 3);
    await runIngest({
      paths: [workspace.articles],
      indexDir: workspace.indexDir,
      embeddings,
      config,
      source: syntheticSource,
      logger: quietLogger,
      rebuild: true,
    });
    expect(await text(h, adminUser, "/stats")).toContain("Index: 3 articles, 9 chunks");
  });
});
