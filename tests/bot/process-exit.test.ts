/**
 * The bot process always exits after a stop: SIGTERM after a /reindex that
 * embedded with worker threads, and the terminal chat at the end of its input.
 */
import { copyFile, cp, mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../src/telegram/index.js";
import { BotApiServer } from "../helpers/bot-api-server.js";
import { type BotProcess, startBotProcess } from "../helpers/bot-process.js";
import { runCliScript } from "../helpers/cli-process.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { readyOrExit } from "../helpers/wait.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

const TOKEN = "555:exit-test-token";
const ADMIN = makeUser(900, "Ada", "ada");
const READOUTS = path.join(REPO_ROOT, "data/articles/readouts");

/** Settles with the exit code, or "still running" after `ms`. */
function exitWithin(bot: BotProcess, ms: number): Promise<number | null | "still running"> {
  return Promise.race([bot.exit, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), ms))]);
}

describe("the process exits after a stop", { timeout: 180_000 }, () => {
  let work: string;
  beforeAll(async () => {
    work = await tempDir("readout-exit-");
    await mkdir(path.join(work, "articles"));
    await copyFile(path.join(READOUTS, "2024-04-10-biden-kishida-state-visit.md"), path.join(work, "articles", "a.md"));
  });
  afterAll(async () => {
    await removeDir(work);
  });

  /** A bot process with the test user as admin, embedding with two worker threads, against a loopback Bot API. */
  async function startAdminBot(env: Record<string, string>) {
    const server = new BotApiServer({ token: TOKEN });
    const apiRoot = await server.start();
    const bot = startBotProcess({
      token: TOKEN,
      apiRoot,
      workDir: work,
      articleDirs: [path.join(work, "articles")],
      env: { READOUT_ADMIN_IDS: String(ADMIN.id), READOUT_EMBED_WORKERS: "2", ...env },
    });
    return { server, bot };
  }

  it("on SIGTERM after a /reindex that embedded with two worker threads", async () => {
    const { server, bot } = await startAdminBot({ READOUT_EMBED_BATCH: "2", LOG_LEVEL: "warn" });
    try {
      await readyOrExit(
        server.waitFor((c) => c.method === "setMyCommands", { timeoutMs: 120_000 }),
        bot,
      );
      await copyFile(path.join(READOUTS, "2023-05-19-biden-kishida-hiroshima.md"), path.join(work, "articles", "b.md"));
      await copyFile(path.join(READOUTS, "2023-01-13-biden-kishida-white-house.md"), path.join(work, "articles", "c.md"));
      const since = server.calls.length;
      server.sendText(ADMIN, "/reindex");
      const [done] = await server.waitFor((c) => c.method === "editMessageText" && /Reindex done/.test(String(c.payload.text)), { since, timeoutMs: 120_000 });
      expect(String(done?.payload.text)).toMatch(/added 2/);
      expect(String(done?.payload.text)).not.toMatch(/\(0 embedded\)/);

      bot.child.kill("SIGTERM");
      expect(await exitWithin(bot, 20_000)).toBe(0);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await server.stop();
    }
  });

  it("on SIGTERM in the middle of a /reindex: the reindex stops, the index stays as it was", async () => {
    const { server, bot } = await startAdminBot({ READOUT_EMBED_BATCH: "1", LOG_LEVEL: "info" });
    try {
      await server.waitFor((c) => c.method === "setMyCommands", { timeoutMs: 120_000 });
      const live = await readFile(path.join(work, "index", "CURRENT"), "utf8");
      await cp(path.join(REPO_ROOT, "data/articles"), path.join(work, "articles", "all"), { recursive: true });
      const since = server.calls.length;
      server.sendText(ADMIN, "/reindex");
      await server.waitFor((c) => c.method === "editMessageText" && /Embedding/.test(String(c.payload.text)), { since, timeoutMs: 60_000 });
      bot.child.kill("SIGTERM");
      expect(await exitWithin(bot, 20_000)).toBe(0);
      expect(bot.output()).toContain('"event":"reindex-stopped"');
      expect(bot.output()).not.toContain('"event":"reindex-done"');
      expect(await readFile(path.join(work, "index", "CURRENT"), "utf8")).toBe(live);
      const [last] = await server.waitFor((c) => c.method === "editMessageText" && /Reindex stopped/.test(String(c.payload.text)), { since, timeoutMs: 1 });
      expect(String(last?.payload.text)).toContain("The previous index is still in use.");
    } finally {
      if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
      await server.stop();
      await rm(path.join(work, "articles", "all"), { recursive: true, force: true });
    }
  });

  it("the terminal chat at the end of its input, after a /reindex with worker threads", async () => {
    await copyFile(path.join(READOUTS, "2023-04-26-biden-yoon-state-visit.md"), path.join(work, "articles", "d.md"));
    const run = await runCliScript("src/cli/start.ts", [], {
      input: "/reindex\nWhen did Biden meet Yoon?\n",
      env: {
        TELEGRAM_BOT_TOKEN: "",
        READOUT_INDEX_DIR: path.join(work, "index"),
        READOUT_ARTICLES_DIRS: path.join(work, "articles"),
        READOUT_SESSION_STORAGE: "memory",
        READOUT_EMBED_WORKERS: "2",
        READOUT_EMBED_BATCH: "2",
      },
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Reindex done[\s\S]*added 1/);
  });
});
