/**
 * What main brought, on the PostgreSQL store: web sources (their articles keep
 * their address, the sources' validators live in the database, a refresh of an
 * unchanged feed makes only conditional requests), a moved checkout, the bot's
 * version switch and /stats naming the version, and rollback refused.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../../src/bot/services.js";
import { parseConfig } from "../../../src/config.js";
import { runIngest } from "../../../src/ingest/run.js";
import { WebFetcher } from "../../../src/ingest/web/fetcher.js";
import { dumpLocalIndex, dumpPostgresIndex, writeDump } from "../../../src/store/copy.js";
import { RollbackUnsupportedError } from "../../../src/store/errors.js";
import { openIndex } from "../../../src/store/index-store.js";
import { localIngestTarget } from "../../../src/store/local-target.js";
import { readSourceState } from "../../../src/store/source-state.js";
import { openPostgresIndex } from "../../../src/store/postgres/pg-index.js";
import { postgresIngestTarget } from "../../../src/store/postgres/pg-target.js";
import { runCliScript } from "../../helpers/cli-process.js";
import { NewsSite, STORIES } from "../../helpers/news-site.js";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../../helpers/postgres.js";
import { CountingEmbeddings } from "../../helpers/counting-embeddings.js";
import { useWorkspace, quietLogger, syntheticSource, writeArticles } from "../../helpers/synthetic-articles.js";
import { skipNotice } from "../../helpers/skip.js";

const unavailable = skipNotice(import.meta.filename, postgresUnavailable());

describe.skipIf(unavailable !== undefined)("main's features on the PostgreSQL store", () => {
  let cluster: PostgresCluster;
  let databases = 0;
  const workspace = useWorkspace();
  const embeddings = new CountingEmbeddings();
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it("a feed: articles keep their address and validators, the sources' state is in the database, a folder's --prune leaves them", async () => {
    const url = await cluster.createDatabase(`live_${++databases}`);
    const site = new NewsSite();
    await site.start();
    for (const story of [...STORIES].reverse()) site.publish(story);
    const fetcher = new WebFetcher({ allowPrivate: ["127.0.0.1"], hostDelayMs: 0 });
    try {
      const refresh = () =>
        runIngest({ paths: [], urls: [site.url("/feed.xml")], target: postgresIngestTarget(url), embeddings, fetcher, logger: quietLogger });
      const first = await refresh();
      expect(first.skipped).toEqual([]);
      expect(first).toMatchObject({ added: 3, written: true });

      const index = await openPostgresIndex(url, embeddings);
      try {
        const id = site.url("/news/halvarsen-okafor-port-talks.html");
        const article = index.articles.get(id)!;
        expect(article.sourcePath).toBe(id);
        expect(article.web).toMatchObject({ url: id, finalUrl: id });
        expect(article.web!.etag).toBeTruthy();
      } finally {
        await index.close();
      }
      const target = postgresIngestTarget(url);
      try {
        const state = await target.readSourceState();
        expect(state[site.url("/feed.xml")]).toMatchObject({ kind: "feed", items: 3 });
        expect(state[site.url("/feed.xml")]!.etag).toBeTruthy();
      } finally {
        await target.close();
      }

      const before = site.server.requests.length;
      embeddings.embeddedTexts = [];
      const second = await refresh();
      const requests = site.server.requests.slice(before).filter((request) => request.path !== "/robots.txt");
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) expect(request.headers["if-none-match"], request.path).toBeDefined();
      expect(second).toMatchObject({ added: 0, updated: 0, written: false });
      expect(embeddings.embeddedTexts).toEqual([]);

      // copy-index takes the web origin and the sources' state along, both ways.
      const copied = path.join(workspace.root, "copied-index");
      await writeDump(await dumpPostgresIndex(url), localIngestTarget(copied));
      const local = await openIndex(copied, embeddings);
      expect(local.articles.get(site.url("/news/halvarsen-okafor-port-talks.html"))!.web?.etag).toBeTruthy();
      expect((await readSourceState(copied))[site.url("/feed.xml")]).toMatchObject({ kind: "feed", items: 3 });
      const back = await cluster.createDatabase(`live_${++databases}`);
      await writeDump(await dumpLocalIndex(copied), postgresIngestTarget(back));
      const backTarget = postgresIngestTarget(back);
      try {
        expect((await backTarget.readSourceState())[site.url("/feed.xml")]).toMatchObject({ kind: "feed", items: 3 });
      } finally {
        await backTarget.close();
      }

      // A folder ingested with --prune into the same database never removes web articles.
      const folder = path.join(workspace.root, "feed-and-folder");
      await fs.mkdir(folder, { recursive: true });
      await writeArticles(folder, 0, 2);
      const pruned = await runIngest({
        paths: [folder],
        prune: true,
        target: postgresIngestTarget(url),
        embeddings,
        source: syntheticSource,
        logger: quietLogger,
      });
      expect(pruned).toMatchObject({ added: 2, removed: 0, articles: 5 });
    } finally {
      fetcher.close();
      await site.stop();
    }
  });

  it("a moved checkout re-ingests as unchanged, and the database learns where the files are now", async () => {
    const url = await cluster.createDatabase(`live_${++databases}`);
    const original = path.join(workspace.root, "checkout/articles");
    await fs.mkdir(original, { recursive: true });
    await writeArticles(original, 0, 3);
    const ingest = (folder: string) =>
      runIngest({ paths: [folder], target: postgresIngestTarget(url), embeddings, source: syntheticSource, logger: quietLogger });
    expect(await ingest(original)).toMatchObject({ added: 3 });
    const moved = path.join(workspace.root, "moved checkout/articles");
    await fs.cp(original, moved, { recursive: true });
    await fs.rm(original, { recursive: true });
    embeddings.embeddedTexts = [];
    const again = await ingest(moved);
    expect(again.skipped).toEqual([]);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, chunksEmbedded: 0 });
    const index = await openPostgresIndex(url, embeddings);
    try {
      expect(index.articles.get("a0.art")!.sourcePath).toBe(path.join(moved, "a0.art"));
    } finally {
      await index.close();
    }
  });

  it("a running bot switches to the version another process wrote, /stats names it, and rollback is refused", async () => {
    const url = await cluster.createDatabase(`live_${++databases}`);
    const folder = path.join(workspace.root, "bot-articles");
    await fs.mkdir(folder, { recursive: true });
    await writeArticles(folder, 0, 2);
    const ingest = () => runIngest({ paths: [folder], target: postgresIngestTarget(url), embeddings, source: syntheticSource, logger: quietLogger });
    await ingest();
    const config = parseConfig({
      LOG_LEVEL: "silent",
      READOUT_STORE: "postgres",
      READOUT_DATABASE_URL: url,
      READOUT_ARTICLES_DIRS: folder,
      READOUT_SESSION_STORAGE: "memory",
    });
    const services = await createServices(config, { embeddings, logger: quietLogger });
    try {
      expect(await services.describeIndex()).toMatchObject({ articles: 2, generation: "v1" });
      await writeArticles(folder, 2, 3);
      await ingest();
      expect(await services.describeIndex()).toMatchObject({ articles: 3, generation: "v2" });
      await expect(services.rollback()).rejects.toThrow(RollbackUnsupportedError);
      expect(await services.describeIndex()).toMatchObject({ articles: 3, generation: "v2" });
    } finally {
      await services.close();
    }

    const cli = await runCliScript("src/cli/ingest.ts", ["--rollback"], { env: { READOUT_STORE: "postgres", READOUT_DATABASE_URL: url }, timeoutMs: 60_000 });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/Rollback is not available on the PostgreSQL store/);
  });
});
