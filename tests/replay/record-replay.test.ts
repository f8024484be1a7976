/**
 * Recording through the bot factory and replaying the recordings, in process,
 * with the fixture answer chain (no index needed): the file format, secrets,
 * anonymisation, concurrent chats, late replies, and that a replay of a
 * recording passes while a changed answer fails with a diff.
 */
import { readdir, readFile } from "node:fs/promises";
import { PassThrough, Readable } from "node:stream";
import path from "node:path";
import type { Chat } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createBot } from "../../src/bot/bot.js";
import { InProcessTelegram, makeUser, privateChat } from "../../src/telegram/index.js";
import { runTerminalChat } from "../../src/bot/terminal-chat.js";
import { createLogger } from "../../src/log.js";
import { loadConversation } from "../../src/replay/format.js";
import { createRecorder } from "../../src/replay/recorder.js";
import { formatOutcome, replayPaths } from "../../src/replay/replay.js";
import { alice, bob, group, testConfig, testServices } from "../helpers/bot-harness.js";
import { createFixtureChain, FIXTURE_ARTICLES } from "../helpers/fixture-chain.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

const TOKEN = "4242424:AAH-recording-token-that-must-not-leak_x";
const ADMIN = makeUser(99, "Ada", "ada_admin");

let dir: string;
beforeEach(async () => {
  dir = await tempDir("readout-record-");
});
afterEach(async () => {
  await removeDir(dir);
});

/** A bot created the way `npm start` creates it, but answering the Bot API in process, recording into `dir`. */
function recordingBot(env: Record<string, string> = {}, services = testServices()) {
  const telegram = new InProcessTelegram({ botInfo: { username: "readout_bot" } });
  const config = testConfig({ READOUT_RECORD_DIR: dir, READOUT_ADMIN_IDS: String(ADMIN.id), ...env });
  const bot = createBot(services, config, {
    token: TOKEN,
    transport: telegram.transformer,
    botInfo: telegram.botInfo,
    logger: createLogger("silent"),
    recorder: createRecorder,
  });
  return { bot, telegram };
}

async function recordedFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const chat of await readdir(dir)) for (const file of await readdir(path.join(dir, chat))) files.push(path.join(dir, chat, file));
  return files.sort();
}

describe("recording", () => {
  it("writes each chat's turns to <dir>/<chat id>/<day>.yaml: updates as sent, calls with payload, message id and time", async () => {
    const { bot, telegram } = recordingBot();
    await bot.handleUpdate(telegram.userMessage({ from: alice, text: "When did Biden meet Kishida?" }));
    await bot.handleUpdate(telegram.pressButton({ from: alice, chatId: alice.id, index: 1 }));
    await bot.readout.close();

    const day = new Date().toISOString().slice(0, 10);
    expect(await recordedFiles()).toEqual([path.join(dir, String(alice.id), `${day}.yaml`)]);
    const text = await readFile(path.join(dir, String(alice.id), `${day}.yaml`), "utf8");
    expect(text).toMatch(/^# A conversation with Readout, recorded by the bot/);
    const data = parse(text);
    expect(data.chat).toEqual({ id: alice.id, type: "private" });
    expect(data.bot).toEqual({ id: telegram.botInfo.id, username: "readout_bot" });
    expect(data.settings).toMatchObject({ admins: [ADMIN.id], rate_limit: 5, rate_window_ms: 10_000 });
    expect(data.turns).toHaveLength(2);
    const [question, press] = data.turns;
    expect(question.update.message).toMatchObject({ text: "When did Biden meet Kishida?", from: { id: alice.id, first_name: "Alice" } });
    expect(Date.parse(question.at)).not.toBeNaN();
    const sent = question.replies.find((call: { method: string }) => call.method === "sendMessage");
    expect(sent.payload.text).toContain("President Biden met Prime Minister Kishida");
    expect(sent.payload.reply_markup.inline_keyboard.flat().length).toBeGreaterThan(0);
    expect(sent.message_id).toBe(2);
    expect(press.update.callback_query.data).toMatch(/^src:/);
    expect(press.replies.map((call: { method: string }) => call.method)).toEqual(["sendMessage", "answerCallbackQuery"]);
    // Typing indicators are not recorded.
    expect(text).not.toContain("sendChatAction");
  });

  it("never writes the bot token, even when a user pastes it", async () => {
    const { bot, telegram } = recordingBot();
    await bot.handleUpdate(telegram.userMessage({ from: alice, text: `my token is ${TOKEN}, what did Lukashenko offer?` }));
    await bot.readout.close();
    const [file] = await recordedFiles();
    const text = await readFile(file as string, "utf8");
    expect(text).toContain("my token is [redacted]");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.split(":")[1]);
  });

  it("anonymises names and usernames consistently, keeps ids, and moves mention offsets", async () => {
    const { bot, telegram } = recordingBot({ READOUT_RECORD_ANONYMIZE: "true" });
    const carol = { ...makeUser(33, "Carol", "carol_the_longname"), last_name: "Smith" };
    await bot.handleUpdate(telegram.userMessage({ from: carol, chat: group, text: "@readout_bot what did Lukashenko offer? cc @bob and @carol_the_longname" }));
    await bot.handleUpdate(telegram.userMessage({ from: bob, chat: group, text: "@readout_bot and Kishida?" }));
    await bot.readout.close();
    const [file] = await recordedFiles();
    const text = await readFile(file as string, "utf8");
    for (const secret of ["Carol", "Smith", "carol_the_longname", "Summit watchers", "Bob"]) expect(text).not.toContain(secret);
    const data = parse(text);
    const first = data.turns[0].update.message;
    expect(first.from).toEqual({ id: 33, is_bot: false, first_name: "User 1", username: "user1" });
    expect(first.chat).toEqual({ id: group.id, type: "supergroup", title: "Group 1" });
    expect(first.text).toBe("@readout_bot what did Lukashenko offer? cc @bob and @user1");
    const mentions = first.entities.map((e: { offset: number; length: number }) => first.text.slice(e.offset, e.offset + e.length));
    // "@bob" is too short to be a Telegram username: no entity (and he had not appeared yet).
    expect(mentions).toEqual(["@readout_bot", "@user1"]);
    expect(data.turns[1].update.message.from).toMatchObject({ id: bob.id, first_name: "User 2", username: "user2" });
    // The bot itself is not anonymised, so mentions of it still address it in a replay.
    expect(data.bot.username).toBe("readout_bot");
  });

  it("keeps concurrent chats apart, each file whole", async () => {
    const { bot, telegram } = recordingBot({ READOUT_RATE_LIMIT: "100" });
    const users = Array.from({ length: 6 }, (_, i) => makeUser(200 + i, `U${i}`));
    await Promise.all(
      users.flatMap((user) => [
        bot.handleUpdate(telegram.userMessage({ from: user, text: "When did Biden meet Kishida?" })),
        bot.handleUpdate(telegram.userMessage({ from: user, text: "and what did they announce?" })),
      ]),
    );
    await bot.readout.close();
    const files = await recordedFiles();
    expect(files).toHaveLength(users.length);
    for (const file of files) {
      const conversation = await loadConversation(file);
      expect(conversation.turns.map((t) => (t.input.kind === "update" ? t.input.update.message?.text : undefined))).toEqual([
        "When did Biden meet Kishida?",
        "and what did they announce?",
      ]);
      for (const turn of conversation.turns) expect(turn.replies?.filter((c) => c.method === "sendMessage")).toHaveLength(1);
    }
  });

  it("appends calls made after a turn (reindex progress) as its continuation", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const services = testServices({
      reindex: async (onProgress) => {
        await gate;
        onProgress({ phase: "scan", done: 1, total: 3 });
        return (await import("../helpers/bot-harness.js")).EMPTY_SUMMARY;
      },
    });
    const { bot, telegram } = recordingBot({}, services);
    await bot.handleUpdate(telegram.userMessage({ from: ADMIN, text: "/reindex" }));
    release();
    await bot.readout.idle();
    await bot.readout.close();
    const [file] = await recordedFiles();
    const data = parse(await readFile(file as string, "utf8"));
    expect(data.turns.length).toBeGreaterThan(1);
    expect(data.turns.at(-1).update).toBeUndefined();
    expect(data.turns.at(-1).replies[0].method).toBe("editMessageText");
    const conversation = await loadConversation(file as string);
    expect(conversation.turns).toHaveLength(1);
    expect(conversation.turns[0]?.replies?.map((c) => c.method)).toContain("editMessageText");
  });
});

describe("recording in the terminal chat", () => {
  it("records the terminal chat through the same bot factory, and the recording replays", async () => {
    await runTerminalChat(testServices(), testConfig({ READOUT_RECORD_DIR: dir }), {
      input: Readable.from(["When did Biden meet Kishida?\n", ":1\n", "/help\n"]),
      output: new PassThrough(),
      interactive: false,
      logger: createLogger("silent"),
      recorder: createRecorder,
    });
    const files = await recordedFiles();
    expect(files).toHaveLength(1);
    const conversation = await loadConversation(files[0] as string);
    expect(conversation.turns).toHaveLength(3);
    expect(conversation.settings.admins).toContain(1);
    expect(await replayPaths([dir], { services: testServices() })).toMatchObject({ passed: 1, failed: 0 });
  });
});

describe("replaying recordings", () => {
  it("replays a message that is not text (a sticker) with its content", async () => {
    const { bot, telegram } = recordingBot();
    const update = telegram.userMessage({ from: alice, text: "x" });
    const message = update.message as unknown as Record<string, unknown>;
    delete message.text;
    delete message.entities;
    message.sticker = { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false };
    await bot.handleUpdate(update);
    await bot.readout.close();
    const report = await replayPaths([dir], { services: testServices() });
    expect(report.conversations[0]?.turns[0]?.input).toBe("Alice sends a sticker");
    expect(report).toMatchObject({ passed: 1, failed: 0 });
  });

  it("replays a recording with the same bot and passes; a changed article makes it fail with a diff of that answer", async () => {
    const { bot, telegram } = recordingBot();
    const say = (text: string, from = alice, chat: Chat = privateChat(alice)) => bot.handleUpdate(telegram.userMessage({ from, chat, text }));
    await say("/start");
    await say("When did Biden meet Kishida?");
    await bot.handleUpdate(telegram.pressButton({ from: alice, chatId: alice.id, index: 1 }));
    await say("and what did they announce?");
    await say("What did Lukashenko offer?");
    await say("@readout_bot what did Lukashenko offer?", bob, group);
    await say("unrelated group chatter", bob, group);
    await bot.handleUpdate(telegram.userMessage({ from: bob, chat: group, text: "and Kishida?", replyTo: telegram.botMessages(group.id).at(-1)?.message_id }));
    await bot.readout.close();

    const passing = await replayPaths([dir], { services: testServices() });
    for (const outcome of passing.conversations) expect(formatOutcome(outcome)).toMatch(/^✓/);
    expect(passing).toMatchObject({ passed: 2, failed: 0 });
    expect(passing.conversations.flatMap((c) => c.turns)).toHaveLength(8);

    // The announcement paragraph changes: the follow-up's answer and the shown source differ.
    const articles = structuredClone(FIXTURE_ARTICLES);
    articles[0]!.paragraphs[1] = "The leaders announced a <b>new</b> space partnership & a lunar rover plan.";
    const changed = await replayPaths([dir], { services: testServices({ chain: createFixtureChain({ articles }).chain }) });
    expect(changed).toMatchObject({ passed: 1, failed: 1 });
    const failedOutcome = changed.conversations.find((c) => !c.passed)!;
    const report = formatOutcome(failedOutcome);
    expect(report).toContain("“and what did they announce?”");
    expect(report).toContain(
      "- President Biden met Prime Minister Kishida of Japan at the White House on April 10, 2024. [1] The leaders announced a &lt;b&gt;new&lt;/b&gt; defence partnership",
    );
    expect(report).toContain(
      "+ President Biden met Prime Minister Kishida of Japan at the White House on April 10, 2024. [1] The leaders announced a &lt;b&gt;new&lt;/b&gt; space partnership",
    );
    const failedInputs = failedOutcome.turns.filter((t) => t.problems.length > 0).map((t) => t.input);
    expect(failedInputs).toEqual(["Alice: “When did Biden meet Kishida?”", "Alice: “and what did they announce?”"]);
  });

  it("--update accepts the change: rewritten replies pass on the next replay, comments and other turns kept", async () => {
    const { bot, telegram } = recordingBot();
    await bot.handleUpdate(telegram.userMessage({ from: alice, text: "and what did they announce? When did Biden meet Kishida" }));
    await bot.handleUpdate(telegram.pressButton({ from: alice, chatId: alice.id, index: 1 }));
    await bot.readout.close();
    const articles = structuredClone(FIXTURE_ARTICLES);
    articles[0]!.paragraphs[0] = "President Biden met Prime Minister Kishida of Japan in Tokyo on April 10, 2024.";
    const services = testServices({ chain: createFixtureChain({ articles }).chain });

    expect((await replayPaths([dir], { services })).failed).toBe(1);
    const updated = await replayPaths([dir], { services, update: true });
    expect(updated).toMatchObject({ passed: 1, failed: 0, updated: 1 });
    const [file] = await recordedFiles();
    const text = await readFile(file as string, "utf8");
    expect(text).toMatch(/^# A conversation with Readout, recorded by the bot/);
    expect(text).toContain("in Tokyo on April 10");
    expect(await replayPaths([dir], { services })).toMatchObject({ passed: 1, failed: 0, updated: 0 });
  });
});
