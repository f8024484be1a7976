/** `npm start` takes its settings from the environment: --help prints how, and any other option is refused before anything starts. */
import { cp, mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiServer } from "../helpers/bot-api-server.js";
import { runCliScript } from "../helpers/cli-process.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

const START = "src/cli/start.ts";

describe("npm start (the command line)", () => {
  it("prints its usage with --help and exits 0, without opening the chat", async () => {
    const run = await runCliScript(START, ["--help"], { input: "hello\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: readout start/);
    expect(run.stdout).not.toMatch(/Hello!/);
  });

  it("refuses an unknown option with exit code 2 and the usage", async () => {
    const run = await runCliScript(START, ["--frobnicate"], { input: "hello\n" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^start: unknown option '--frobnicate'\n[\s\S]*Usage: readout start/);
  });
});

describe("npm start with a token, when Telegram cannot be used", { timeout: 180_000 }, () => {
  const TOKEN = "123:abc";
  let work: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    work = await tempDir("readout-start-");
    // One article, so that the index start builds first is quick.
    await mkdir(path.join(work, "articles"));
    await cp(path.join(REPO_ROOT, "data/articles/readouts/2024-04-10-biden-kishida-state-visit.md"), path.join(work, "articles", "a.md"));
    env = {
      TELEGRAM_BOT_TOKEN: TOKEN,
      READOUT_INDEX_DIR: path.join(work, "index"),
      READOUT_ARTICLES_DIRS: path.join(work, "articles"),
      READOUT_SESSION_STORAGE: "memory",
      READOUT_WEBHOOK_URL: "",
      READOUT_METRICS_PORT: "",
      READOUT_STARTUP_TIMEOUT_MS: "2000",
      LOG_LEVEL: "info",
    };
  });
  afterAll(async () => {
    await removeDir(work);
  });

  const startLines = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("start:"));

  it("gives up after READOUT_STARTUP_TIMEOUT_MS when nothing answers, with one line and exit code 2", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const run = await runCliScript("src/cli/start.ts", [], { env: { ...env, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` } });
    expect(run.code).toBe(2);
    expect(startLines(run.stderr)).toEqual([
      expect.stringMatching(/^start: Could not reach the Telegram Bot API within 2 s \(READOUT_STARTUP_TIMEOUT_MS\): .*ECONNREFUSED/),
    ]);
    expect(run.stderr).not.toContain('"api-error"');
    expect(run.stderr + run.stdout).not.toContain(TOKEN);
  });

  it("exits 2 with one line when Telegram refuses the token", async () => {
    const server = new BotApiServer({ token: "999:other" });
    const apiRoot = await server.start();
    try {
      const run = await runCliScript("src/cli/start.ts", [], { env: { ...env, TELEGRAM_API_ROOT: apiRoot } });
      expect(run.code).toBe(2);
      expect(startLines(run.stderr)).toEqual(["start: Telegram refused the bot token (401 Unauthorized). Check TELEGRAM_BOT_TOKEN (from @BotFather)."]);
    } finally {
      await server.stop();
    }
  });
});
