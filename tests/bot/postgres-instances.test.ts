/**
 * Two bot processes (`npm start`) in webhook mode against one PostgreSQL
 * database and one Redis: the same question to each gets the same cited
 * answer, a follow-up continues across instances (sessions in Redis), and an
 * admin's /reindex through one is answered by the other without a restart.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../src/telegram/index.js";
import { UseLiteEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { createLogger } from "../../src/log.js";
import { postgresIngestTarget } from "../../src/store/postgres/pg-target.js";
import { BotApiServer } from "../helpers/bot-api-server.js";
import { startBotProcess, type BotProcess } from "../helpers/bot-process.js";
import { postgresUnavailable, startPostgres, type PostgresCluster } from "../helpers/postgres.js";
import { redisUnavailable, startRedis } from "../helpers/redis.js";
import { RETRIEVAL_FIXTURES } from "../helpers/paths.js";
import { skipNotice } from "../helpers/skip.js";
import { freePort, waitUntil } from "../helpers/wait.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

const unavailable = skipNotice(import.meta.filename, postgresUnavailable() ?? redisUnavailable());

const TOKEN = "515151:two-instances_test-token";
const SECRET = "hook-secret-value";
const ADMIN = makeUser(7, "Ada", "ada");
const asker = makeUser(601, "Rui", "rui");
const other = makeUser(602, "Lea", "lea");

/** A meeting of our own invention, added while the bots run. */
const NEW_ARTICLE = `---
title: "President Kettering Hosts Chancellor Ilvesmaa for Talks on the Norrvik Canal"
date: 2024-11-04
place: Osterburg, Osterland
participants:
  - name: Tomas Kettering
    title: President
    country: Osterland
  - name: Sanna Ilvesmaa
    title: Chancellor
    country: Kaldmark
---

President Tomas Kettering of Osterland hosted Chancellor Sanna Ilvesmaa of Kaldmark in Osterburg today for talks on reopening the Norrvik Canal to cargo barges.

The two leaders agreed to dredge the canal's northern locks by the spring and to share the cost equally between their governments.
`;

describe.skipIf(unavailable !== undefined)("two webhook instances on one PostgreSQL store and one Redis", () => {
  let cluster: PostgresCluster;
  let redis: { url: string; stop(): void };
  let server: BotApiServer;
  let work: string;
  let articles: string;
  const bots: { process: BotProcess; port: number }[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
    const url = await cluster.createDatabase("instances");
    redis = await startRedis();
    work = await tempDir("readout-instances-");
    articles = path.join(work, "articles");
    await fs.cp(RETRIEVAL_FIXTURES, articles, { recursive: true });
    const embeddings = new UseLiteEmbeddings({ workers: 0, batchSize: 32 });
    try {
      await runIngest({ paths: [articles], target: postgresIngestTarget(url), embeddings, logger: createLogger("silent") });
    } finally {
      await embeddings.close();
    }
    server = new BotApiServer({ token: TOKEN });
    const apiRoot = await server.start();
    for (const name of ["a", "b"]) {
      const port = await freePort();
      const bot = startBotProcess({
        token: TOKEN,
        apiRoot,
        workDir: path.join(work, name),
        articleDirs: [articles],
        env: {
          READOUT_STORE: "postgres",
          READOUT_DATABASE_URL: url,
          READOUT_SESSION_STORAGE: "redis",
          READOUT_REDIS_URL: redis.url,
          READOUT_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
          READOUT_WEBHOOK_PORT: String(port),
          READOUT_WEBHOOK_SECRET: SECRET,
          READOUT_ADMIN_IDS: String(ADMIN.id),
          READOUT_TODAY: "2025-01-15",
          READOUT_EMBED_WORKERS: "0",
        },
      });
      bots.push({ process: bot, port });
    }
    for (const bot of bots) {
      const listening = await waitUntil(() => /listening for webhook updates/.test(bot.process.output()) || bot.process.child.exitCode !== null, {
        timeoutMs: 120_000,
        intervalMs: 200,
      });
      if (!listening || bot.process.child.exitCode !== null) throw new Error(`a bot did not start:\n${bot.process.output()}`);
    }
  }, 240_000);

  afterAll(async () => {
    for (const bot of bots) await bot.process.stop();
    await server?.stop();
    redis?.stop();
    await cluster?.stop();
    await removeDir(work);
  });

  /** Post a message to one instance's webhook, as Telegram (behind a load balancer) would, and wait for its reply. */
  async function ask(instance: number, from: typeof asker, text: string): Promise<string> {
    const since = server.calls.length;
    const update = server.telegram.userMessage({ from, text });
    const response = await fetch(`http://127.0.0.1:${bots[instance]!.port}/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    const [reply] = await server.waitFor((call) => call.method === "sendMessage" && Number(call.payload.chat_id) === from.id, { since, timeoutMs: 60_000 });
    return String(reply!.payload.text);
  }

  it("answers the same question the same way, with the same citation, from either instance", async () => {
    const question = "Where did Varga and Kettering first meet?";
    const fromA = await ask(0, asker, question);
    const fromB = await ask(1, other, question);
    expect(fromA).toMatch(/Osterburg/);
    expect(fromA).toMatch(/\[1\] <a href="https:\/\/fixtures\.readout\.example\/2022-03-10-varga-kettering-osterburg">/);
    expect(fromB).toBe(fromA);
  });

  it("continues a conversation started on one instance on the other (sessions in Redis)", async () => {
    await ask(0, asker, "What did Varga and Kettering agree in Osterburg?");
    const followUp = await ask(1, asker, "When was that?");
    expect(followUp).toMatch(/2022|March/);
  });

  it("answers from an article ingested through the other instance's /reindex, without a restart", async () => {
    const question = "What did Kettering and Ilvesmaa agree about the Norrvik Canal?";
    const before = await ask(1, other, question);
    expect(before).not.toMatch(/dredge/i);

    await fs.writeFile(path.join(articles, "2024-11-04-kettering-ilvesmaa-norrvik.md"), NEW_ARTICLE);
    const since = server.calls.length;
    const update = server.telegram.userMessage({ from: ADMIN, text: "/reindex" });
    await fetch(`http://127.0.0.1:${bots[0]!.port}/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    });
    const [done] = await server.waitFor((call) => call.method === "editMessageText" && /Reindex done/.test(String(call.payload.text)), {
      since,
      timeoutMs: 120_000,
    });
    expect(String(done!.payload.text)).toMatch(/added 1/);

    const after = await ask(1, other, question);
    expect(after).toMatch(/dredge/i);
    expect(after).toMatch(/Norrvik/);
    expect(bots[1]!.process.output()).toMatch(/"event":"index-switched","from":"v1","to":"v2"/);
  });
});
