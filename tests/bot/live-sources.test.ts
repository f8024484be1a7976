/**
 * The bot with live sources. In process: /add and a forwarded link for admins,
 * refused to others; /subscriptions. As a process (`npm start`), started with a
 * sources file pointing at a loopback feed: it answers about an article that
 * appeared in the feed after it started, without a restart.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../src/telegram/index.js";
import type { BotServices } from "../../src/bot/service-types.js";
import { createServices } from "../../src/bot/services.js";
import { parseConfig } from "../../src/config.js";
import { UseLiteEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { createLogger } from "../../src/log.js";
import { BotApiServer } from "../helpers/bot-api-server.js";
import { createHarness, adminUser, alice, sentMessages } from "../helpers/bot-harness.js";
import { type BotProcess, startBotProcess } from "../helpers/bot-process.js";
import { LATE_STORY, NewsSite, STORIES } from "../helpers/news-site.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { readyOrExit, waitUntil } from "../helpers/wait.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

describe("/add, forwarded links and /subscriptions", { timeout: 180_000 }, () => {
  const site = new NewsSite();
  let root: string;
  let services: BotServices;
  let embeddings: UseLiteEmbeddings;
  let harness: ReturnType<typeof createHarness>;
  let sourcesFile: string;

  beforeAll(async () => {
    await site.start();
    for (const story of STORIES) site.publish(story);
    root = await tempDir("readout-bot-add-");
    sourcesFile = path.join(root, "sources.yaml");
    await writeFile(sourcesFile, "# Our sources\nrefresh: 1h\nsources:\n  - folder: articles # the sample corpus\n    refresh: 1d\n");
    const env = {
      READOUT_INDEX_DIR: path.join(root, "index"),
      READOUT_ARTICLES_DIRS: path.join(REPO_ROOT, "data/articles"),
      READOUT_SOURCES_FILE: sourcesFile,
      READOUT_FETCH_ALLOW_PRIVATE: "127.0.0.1",
      READOUT_FETCH_HOST_DELAY_MS: "0",
      READOUT_SESSION_STORAGE: "memory",
      READOUT_ADMIN_IDS: String(adminUser.id),
      READOUT_RATE_LIMIT: "100",
      LOG_LEVEL: "silent",
    };
    const config = parseConfig(env);
    embeddings = new UseLiteEmbeddings({ workers: 0, batchSize: 32 });
    await runIngest({ paths: [path.join(REPO_ROOT, "data/articles")], indexDir: config.indexDir, embeddings, logger: createLogger("silent") });
    services = await createServices(config, { embeddings, logger: createLogger("silent") });
    harness = createHarness({ env, services });
  });
  afterAll(async () => {
    await services?.close();
    await embeddings?.close();
    await site.stop();
    await removeDir(root);
  });

  const texts = (calls: Parameters<typeof sentMessages>[0]) => sentMessages(calls).map((message) => message.text);

  it("refuses /add and /subscriptions to non-admins, and fetches nothing for them", async () => {
    const before = site.server.requests.length;
    expect(texts(await harness.say(alice, `/add ${site.url("/feed.xml")}`))).toEqual(["Sorry, /add is only for this bot's admins."]);
    expect(texts(await harness.say(alice, "/subscriptions"))).toEqual(["Sorry, /subscriptions is only for this bot's admins."]);
    expect(site.server.requests.length).toBe(before);
  });

  it("an admin adds one article: the reply gives its title, date and paragraphs, and the bot answers from it", async () => {
    const replies = texts(await harness.say(adminUser, `/add ${site.url(`/news/${STORIES[2]!.slug}.html?utm_source=tg`)}`));
    expect(replies[0]).toMatch(/^Fetching /);
    expect(replies[1]).toContain("Added:");
    expect(replies[1]).toContain("Regional council holds rail summit in Ostrava Nova · March 6, 2024 · 3 paragraphs");
    const answer = texts(await harness.say(adminUser, "Which route did the regional transport council choose in Ostrava Nova?"));
    expect(answer.at(-1)).toMatch(/coastal route/);
  });

  it("an admin subscribes a feed: added to the sources file, with its comments kept", async () => {
    const replies = texts(await harness.say(adminUser, `/add ${site.url("/feed.xml")}`));
    expect(replies[1]).toMatch(/^Subscribed to the feed Meridian News/);
    expect(replies[1]).toMatch(/3 items: 2 added, 0 updated, 1 unchanged\./);
    const file = await readFile(sourcesFile, "utf8");
    expect(file).toContain("# Our sources");
    expect(file).toContain("# the sample corpus");
    expect(file).toContain(`url: ${site.url("/feed.xml")}`);
    expect(services.sources!.configured().map((source) => (source.kind === "url" ? source.url : "folder"))).toEqual(["folder", site.url("/feed.xml")]);
  });

  it("a forwarded message with a link is an /add for an admin; a bad link gets a one-line reason", async () => {
    const update = harness.telegram.userMessage({
      from: adminUser,
      chat: { id: adminUser.id, type: "private", first_name: adminUser.first_name },
      text: `look at this ${site.url("/missing.html")}`,
    });
    (update.message as unknown as Record<string, unknown>).forward_origin = { type: "user", date: 1, sender_user: alice };
    const before = harness.calls.length;
    await harness.bot.handleUpdate(update);
    const calls = harness.calls.slice(before);
    expect(texts(calls).at(-1)).toBe(`Could not add ${site.url("/missing.html")}: HTTP 404 Not Found from ${site.url("/missing.html")}`);
  });

  it("a link from the chat never reaches a private address or another scheme", async () => {
    const file = texts(await harness.say(adminUser, "/add file:///etc/passwd"));
    expect(file.at(-1)).toBe("Could not add file:///etc/passwd: only http and https addresses can be fetched, not file:");
    // 127.0.0.1 is allowed in this test's settings; every other private address is not.
    const metadata = texts(await harness.say(adminUser, "/add http://169.254.169.254/latest/meta-data/"));
    expect(metadata.at(-1)).toMatch(
      /^Could not add http:\/\/169\.254\.169\.254\/latest\/meta-data\/: 169\.254\.169\.254 is a private, loopback or link-local address/,
    );
    const redirect = texts(await harness.say(adminUser, `/add http://[::1]:${site.server.port}/news/x.html`));
    expect(redirect.at(-1)).toMatch(/is a private, loopback or link-local address/);
  });

  it("/subscriptions lists the sources with their last refresh and error", async () => {
    const [list] = texts(await harness.say(adminUser, "/subscriptions"));
    expect(list).toMatch(/^Sources\n/);
    expect(list).toMatch(/articles — folder, every 1 d; not refreshed yet/);
    expect(list).toMatch(/Meridian News — feed, every 1 h; last refreshed \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC, 3 items/);
  });
});

describe("npm start with a sources file", { timeout: 300_000 }, () => {
  const TOKEN = "777001:live-sources-token";
  const ADMIN = makeUser(950, "Ada", "ada");
  const api = new BotApiServer({ token: TOKEN, username: "readout_live_bot" });
  const site = new NewsSite();
  let bot: BotProcess;
  let tmp: string;

  beforeAll(async () => {
    await site.start();
    for (const story of STORIES) site.publish(story);
    tmp = await tempDir("readout-live-bot-");
    await writeFile(path.join(tmp, "sources.yaml"), `sources:\n  - url: ${site.url("/feed.xml")}\n    refresh: 2s\n`);
    const apiRoot = await api.start();
    bot = startBotProcess({
      token: TOKEN,
      apiRoot,
      workDir: tmp,
      articleDirs: [path.join(REPO_ROOT, "data/articles")],
      env: {
        READOUT_ADMIN_IDS: String(ADMIN.id),
        READOUT_SOURCES_FILE: path.join(tmp, "sources.yaml"),
        READOUT_FETCH_ALLOW_PRIVATE: "127.0.0.1",
        READOUT_FETCH_HOST_DELAY_MS: "0",
        READOUT_RATE_LIMIT: "50",
        READOUT_EMBED_WORKERS: "1",
      },
    });
    await readyOrExit(
      api.waitFor((c) => c.method === "setMyCommands", { timeoutMs: 240_000 }),
      bot,
    );
  }, 300_000);

  afterAll(async () => {
    if (bot) {
      const code = await Promise.race([bot.stop(), new Promise((resolve) => setTimeout(() => resolve("timeout"), 30_000))]);
      if (code === "timeout") bot.child.kill("SIGKILL");
    }
    await api.stop();
    await site.stop();
    await removeDir(tmp);
  });

  async function ask(text: string) {
    const since = api.calls.length;
    api.sendText(ADMIN, text);
    await api.waitFor((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === ADMIN.id, { since, timeoutMs: 60_000 });
    return api.sentTo(ADMIN.id, since);
  }

  /** Ask until the answer matches (the refresh runs in the background), at most `timeoutMs`. */
  async function askUntil(text: string, pattern: RegExp, timeoutMs: number): Promise<string> {
    let last = "";
    await waitUntil(async () => pattern.test((last = (await ask(text)).at(-1)?.text ?? "")), { timeoutMs, intervalMs: 1000 });
    return last;
  }

  it("answers about an article that appeared in the feed after it started, without a restart", async () => {
    const question = "What did Zarenko offer Lindqvist about the grain corridor?";
    // The feed's first refresh has run (or runs) in the background; the late story is not there yet.
    await askUntil("Which route did the regional transport council choose in Ostrava Nova?", /coastal route/, 60_000);
    const before = (await ask(question)).at(-1)?.text ?? "";
    expect(before).not.toMatch(/forty cargo ships/);

    site.publish(LATE_STORY);
    const after = await askUntil(question, /forty cargo ships/, 90_000);
    expect(after).toMatch(/forty cargo ships/);
    expect(bot.child.exitCode).toBeNull();
    expect(bot.output()).not.toContain(TOKEN);
  });
});
