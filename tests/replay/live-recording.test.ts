/**
 * Record a live session and replay it: the real bot process (`tsx
 * src/cli/start.ts`, what `npm start` runs) with long polling against the
 * loopback Bot API server and READOUT_RECORD_DIR set; users talk to it in a
 * private chat and a group, pressing a source button. The recordings replay
 * with a pass against the index the bot used; after one article of the bot's
 * (temporary) copy of the corpus changes and is re-ingested into a copy of
 * that index, `npm run replay` fails with a diff that names the changed answer.
 */
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupChat, makeUser } from "../../src/telegram/index.js";
import { createServices } from "../../src/bot/services.js";
import { parseConfig } from "../../src/config.js";
import type { ReadoutEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { createLogger } from "../../src/log.js";
import { formatOutcome, replayPaths } from "../../src/replay/replay.js";
import { BotApiServer } from "../helpers/bot-api-server.js";
import { type BotProcess, startBotProcess } from "../helpers/bot-process.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { readyOrExit } from "../helpers/wait.js";
import { runCliScript } from "../helpers/cli-process.js";
import { embeddingsFromEnv } from "../helpers/configured.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

const TOKEN = "777001:live-Recording_token-that-must-never-be-written";
const BOT_USERNAME = "readout_live_bot";
const CHANGED_ARTICLE = "news/2024-05-16-aliyev-lukashenko-baku.txt";
const KIM = makeUser(701, "Kim", "kim_live");
const LEE = makeUser(702, "Lee");
const GROUP = groupChat(-1007000000001, "Live desk");

async function listRecordings(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const chat of await readdir(dir)) for (const file of await readdir(path.join(dir, chat))) files.push(path.join(dir, chat, file));
  return files.sort();
}

/** `npm run replay -- ARGS` as a process; resolves with its exit code and output. */
const runReplayCli = (args: string[]) => runCliScript("src/cli/replay.ts", args, { env: { LOG_LEVEL: "warn", READOUT_RECORD_DIR: "" }, timeoutMs: 240_000 });

describe("a live session recorded against the Bot API emulator", () => {
  const server = new BotApiServer({ token: TOKEN, username: BOT_USERNAME });
  let bot: BotProcess;
  let tmp: string;
  let recordings: string;
  let embeddings: ReadoutEmbeddings;

  beforeAll(async () => {
    tmp = await tempDir("readout-live-record-");
    recordings = path.join(tmp, "recordings");
    await cp(path.join(REPO_ROOT, "data/articles"), path.join(tmp, "corpus"), { recursive: true });
    const apiRoot = await server.start();
    bot = startBotProcess({
      token: TOKEN,
      apiRoot,
      workDir: tmp,
      articleDirs: [path.join(tmp, "corpus")],
      env: { READOUT_RECORD_DIR: recordings, READOUT_TODAY: "2024-07-01", READOUT_RATE_LIMIT: "50" },
    });
    await readyOrExit(
      server.waitFor((c) => c.method === "setMyCommands", { timeoutMs: 240_000 }),
      bot,
    );

    const ask = async (user: typeof KIM, text: string, chat?: typeof GROUP) => {
      const since = server.calls.length;
      server.sendText(user, text, { chat });
      await server.waitFor((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === (chat?.id ?? user.id), { since, timeoutMs: 60_000 });
    };
    await ask(KIM, "/start");
    await ask(KIM, "What did Lukashenko offer Azerbaijan?");
    let since = server.calls.length;
    server.press(KIM, 1);
    await server.waitFor((c) => c.method === "answerCallbackQuery", { since, timeoutMs: 60_000 });
    await ask(KIM, "When did Biden and Xi last speak?");
    server.sendText(LEE, "lunch anyone?", { chat: GROUP });
    await ask(LEE, `@${BOT_USERNAME} what did Lukashenko offer Azerbaijan?`, GROUP);
    since = server.calls.length;
    server.press(LEE, 1, { chat: GROUP });
    await server.waitFor((c) => c.method === "answerCallbackQuery", { since, timeoutMs: 60_000 });
    // SIGTERM: the bot finishes, confirms the updates and closes the recorder, which writes what is pending.
    expect(await bot.stop()).toBe(0);
    embeddings = embeddingsFromEnv();
  }, 400_000);

  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.child.kill("SIGKILL");
    await server.stop();
    await embeddings?.close();
    await removeDir(tmp);
  });

  it("wrote one file per chat, with every turn and no secret", async () => {
    const files = await listRecordings(recordings);
    expect(files.map((file) => path.relative(recordings, path.dirname(file)))).toEqual([String(GROUP.id), String(KIM.id)]);
    for (const file of files) {
      expect(path.basename(file)).toMatch(/^\d{4}-\d{2}-\d{2}\.yaml$/);
      const text = await readFile(file, "utf8");
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(TOKEN.split(":")[1]);
      expect(text).toContain("today: 2024-07-01");
    }
    const privateText = await readFile(files[1] as string, "utf8");
    expect(privateText.match(/^- at: /gm)).toHaveLength(4);
    expect(privateText).toContain("callback_query:");
    expect(await readFile(files[0] as string, "utf8")).toContain("lunch anyone?");
  });

  it("replays the recording with a pass; after an article changes, the replay fails with a diff naming the changed answer", async () => {
    const logger = createLogger("silent");
    const config = parseConfig({ READOUT_INDEX_DIR: path.join(tmp, "index"), READOUT_SESSION_STORAGE: "memory" }, REPO_ROOT);
    const services = await createServices(config, { embeddings, logger });
    const passing = await replayPaths([recordings], { services });
    expect(passing.conversations.map((outcome) => formatOutcome(outcome)).join("\n")).not.toContain("✗");
    expect(passing).toMatchObject({ passed: 2, failed: 0 });

    // One paragraph reworded, re-ingested into a copy of the bot's index (only that article is re-embedded).
    const corpus = path.join(tmp, "corpus");
    const articleFile = path.join(corpus, CHANGED_ARTICLE);
    const original = await readFile(articleFile, "utf8");
    const changedText = original.replace("the construction of agro-towns modelled on", "the construction of model farms inspired by");
    expect(changedText).not.toBe(original);
    await writeFile(articleFile, changedText);
    const changedIndex = path.join(tmp, "index-changed");
    await cp(path.join(tmp, "index"), changedIndex, { recursive: true });
    const summary = await runIngest({ paths: [corpus], indexDir: changedIndex, config: { ...config, indexDir: changedIndex }, embeddings, logger });
    expect(summary, JSON.stringify(summary)).toMatchObject({ updated: 1, added: 0, failed: false });

    const result = await runReplayCli(["--index", changedIndex, recordings]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain("0 passed, 2 failed");
    expect(result.stdout).toContain("Kim: “What did Lukashenko offer Azerbaijan?”");
    expect(result.stdout).toMatch(/^ +- .*the construction of agro-towns modelled on/m);
    expect(result.stdout).toMatch(/^ +\+ .*the construction of model farms inspired by/m);
    // The unchanged answer is not reported.
    expect(result.stdout).not.toContain("Biden and Xi last speak");

    const json = await runReplayCli(["--json", "--index", changedIndex, recordings]);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ passed: 0, failed: 2 });
    const kim = report.conversations.find((c: { file: string }) => c.file.includes(String(KIM.id)));
    const failedTurn = kim.turns.find((t: { passed: boolean }) => !t.passed);
    expect(failedTurn.input).toBe("Kim: “What did Lukashenko offer Azerbaijan?”");
    expect(failedTurn.problems[0]).toMatchObject({ kind: "diff" });
    expect(failedTurn.problems[0].diff).toContain("+ ");
  }, 300_000);
});
