import { describe, expect, it } from "vitest";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { STALE_BUTTON_TEXT } from "../../src/bot/sources.js";
import { parseTelegramHtml } from "../../src/telegram/index.js";
import { ABSTENTION } from "../../src/retrieval/types.js";
import { alice, bob, createHarness, failedCalls, group, sentMessages, testServices } from "../helpers/bot-harness.js";
import { createFixtureChain } from "../helpers/fixture-chain.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

describe("answers in a private chat", () => {
  it("answers with [n] markers, a sources list and a button per source", async () => {
    const h = createHarness();
    const calls = await h.say(alice, "When did Biden meet Kishida?");
    expect(failedCalls(calls)).toEqual([]);
    const [answer, ...rest] = sentMessages(calls);
    expect(rest).toEqual([]);
    expect(answer?.text).toContain("President Biden met Prime Minister Kishida");
    expect(answer?.text).toMatch(/\[1\]/);
    expect(answer?.text).toContain("Sources\n[1] Biden & Kishida meet at the White House · April 10, 2024 · ¶ 1");
    const link = answer?.entities?.find((e) => e.type === "text_link");
    expect(link).toMatchObject({ url: "https://example.org/news/biden-kishida?a=1&b=2" });
    const buttons = (answer!.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat();
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons[0]?.text).toMatch(/^\[1\] (¶\d )?Biden & Kishida/);
    for (const button of buttons as InlineKeyboardButton.CallbackButton[]) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
  });

  it("shows the typing indicator while answering", async () => {
    const h = createHarness();
    const calls = await h.say(alice, "What did Lukashenko offer?");
    const typing = calls.findIndex((c) => c.method === "sendChatAction" && c.payload.action === "typing");
    const reply = calls.findIndex((c) => c.method === "sendMessage");
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(typing).toBeLessThan(reply);
  });

  it("delivers HTML-hostile article text intact and parseable", async () => {
    const h = createHarness();
    const calls = await h.say(alice, "What did Lukashenko offer Azerbaijan? <script>alert('x')</script> & <b>");
    expect(failedCalls(calls)).toEqual([]);
    const [answer] = sentMessages(calls);
    expect(answer?.text).toContain("tractors, buses & agricultural machinery");
    expect(answer?.text).toContain("Lukashenko offers Azerbaijan <script>alert(1)</script> tractors");
    expect(answer?.text).toContain(`trade grew by 30% < 2022's record > expectations, citing "strong demand"`);
    // Only our own markup is markup: no bold from the article's <b>.
    expect(answer?.entities?.filter((e) => e.type === "bold").map((e) => answer.text.slice(e.offset, e.offset + e.length))).toEqual(["Sources"]);
  });

  it("passes a hostile question to the chain unchanged and answers it", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }) });
    const question = "Tell me about <b>defence</b> & <script>x</script> 😀 < partnership";
    await h.say(alice, question);
    expect(inputs[0]?.question).toBe(question);
  });

  it("abstains politely without sources or buttons", async () => {
    const h = createHarness();
    const [reply] = sentMessages(await h.say(alice, "Who won the football cup?"));
    expect(reply?.text).toBe(ABSTENTION);
    expect(reply?.reply_markup).toBeUndefined();
  });

  it("tells a user sending a sticker that it reads text", async () => {
    const h = createHarness();
    const update = h.telegram.userMessage({ from: alice, text: "x" });
    const message = update.message as unknown as Record<string, unknown>;
    delete message.text;
    delete message.entities;
    message.sticker = { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false };
    const before = h.calls.length;
    await h.bot.handleUpdate(update);
    expect(sentMessages(h.calls.slice(before))[0]?.text).toMatch(/only read text/);
  });
});

describe("long answers", () => {
  it("splits a long answer at paragraph boundaries, every part valid, buttons under the last", async () => {
    const paragraph = (i: number) => `Paragraph ${i} of the answer with <b>tags</b> & entities 😀 𝔘 [1]. ${"More detail here. ".repeat(40)}`;
    const { chain } = createFixtureChain({ answerText: () => Array.from({ length: 12 }, (_, i) => paragraph(i)).join("\n\n") });
    const h = createHarness({ services: testServices({ chain }) });
    const calls = await h.say(alice, "Biden Kishida defence");
    expect(failedCalls(calls)).toEqual([]);
    const parts = sentMessages(calls);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.html.length).toBeLessThanOrEqual(4096);
      expect(() => parseTelegramHtml(part.html)).not.toThrow();
    }
    expect(parts.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
    expect(parts.at(-1)?.reply_markup).toBeDefined();
    expect(parts.at(-1)?.text).toContain("Sources");
    const text = parts.map((p) => p.text).join("\n\n");
    for (let i = 0; i < 12; i++) expect(text).toContain(`Paragraph ${i} of the answer with <b>tags</b> & entities 😀 𝔘 [1].`);
  });
});

describe("source buttons", () => {
  it("shows the source paragraph in full, quoted, with title, date, paragraph number and link", async () => {
    const h = createHarness();
    const answerCalls = await h.say(alice, "Biden Kishida defence partnership announced");
    const answer = sentMessages(answerCalls)[0];
    const calls = await h.press(alice, 1);
    expect(failedCalls(calls)).toEqual([]);
    const ack = calls.find((c) => c.method === "answerCallbackQuery");
    expect(ack?.response.ok).toBe(true);
    const [detail] = sentMessages(calls);
    expect(detail?.reply_to_message?.message_id).toBe(answer?.message_id);
    expect(detail?.text).toContain("[1] Biden & Kishida meet at the White House");
    expect(detail?.text).toContain("April 10, 2024 · paragraph 2");
    expect(detail?.text).toContain("The leaders announced a <b>new</b> defence partnership & a plan");
    expect(detail?.entities?.some((e) => e.type === "blockquote")).toBe(true);
    expect(detail?.entities?.find((e) => e.type === "text_link")?.url).toBe("https://example.org/news/biden-kishida?a=1&b=2");
  });

  it("answers a stale or unknown button politely instead of failing", async () => {
    const h = createHarness();
    const [answer] = sentMessages(await h.say(alice, "Biden Kishida"));
    const calls = await h.pressData(alice, "src:gone123:1", answer!.message_id);
    expect(failedCalls(calls)).toEqual([]);
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]?.payload.text).toBe(STALE_BUTTON_TEXT);
    const other = await h.pressData(alice, "something-else", answer!.message_id);
    expect(other[0]?.payload.text).toMatch(/no longer does anything/);
  });

  it("keeps working for an older answer while it is among the saved ones", async () => {
    const h = createHarness();
    const [first] = sentMessages(await h.say(alice, "Biden Kishida"));
    await h.say(alice, "Lukashenko tractors");
    const [detail] = sentMessages(await h.press(alice, 1, { messageId: first!.message_id }));
    expect(detail?.text).toContain("Biden");
  });

  it("/sources repeats the sources of the last answer with its buttons; /source N shows one", async () => {
    const h = createHarness();
    expect(sentMessages(await h.say(alice, "/sources"))[0]?.text).toMatch(/no sources to show yet/);
    await h.say(alice, "Lukashenko tractors Azerbaijan");
    const [list] = sentMessages(await h.say(alice, "/sources"));
    expect(list?.text).toContain("Sources for “Lukashenko tractors Azerbaijan”");
    expect(list?.text).toContain("[1] Lukashenko offers Azerbaijan <script>alert(1)</script> tractors");
    expect(list?.reply_markup).toBeDefined();
    const [one] = sentMessages(await h.say(alice, "/source 1"));
    expect(one?.text).toContain("offered Azerbaijan tractors");
    expect(sentMessages(await h.say(alice, "/source 9"))[0]?.text).toMatch(/My last answer has sources 1/);
  });
});

describe("follow-ups and /reset", () => {
  it("passes the chat's recent turns to the chain and keeps at most historyTurns", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }), env: { READOUT_HISTORY_TURNS: "2" } });
    await h.say(alice, "When did Biden meet Kishida?");
    const [followUp] = sentMessages(await h.say(alice, "and what did they announce?"));
    expect(inputs[1]?.history).toEqual([expect.objectContaining({ question: "When did Biden meet Kishida?", sources: ["kishida-biden-2024.md"] })]);
    expect(followUp?.text).toContain("Kishida");
    await h.say(alice, "Lukashenko tractors");
    await h.say(alice, "Senate committee steel");
    expect(inputs[3]?.history?.map((t) => t.question)).toEqual(["and what did they announce?", "Lukashenko tractors"]);
  });

  it("keeps each chat's history apart", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }) });
    await h.say(alice, "Biden Kishida");
    await h.say(bob, "Lukashenko");
    expect(inputs[1]?.history).toEqual([]);
  });

  it("/reset forgets the conversation", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }) });
    await h.say(alice, "Biden Kishida");
    const [done] = sentMessages(await h.say(alice, "/reset"));
    expect(done?.text).toMatch(/forgotten this conversation/);
    await h.say(alice, "and what did they announce?");
    expect(inputs[1]?.history).toEqual([]);
  });

  it("keeps sessions in files across a restart with file storage", async () => {
    const dir = await tempDir("readout-sessions-");
    try {
      const env = { READOUT_SESSION_STORAGE: "file", READOUT_SESSION_DIR: dir };
      const first = createHarness({ env });
      const [answer] = sentMessages(await first.say(alice, "Biden Kishida"));
      const { chain, inputs } = createFixtureChain();
      const second = createHarness({ env, services: testServices({ chain }) });
      await second.say(alice, "and what did they announce?");
      expect(inputs[0]?.history?.map((t) => t.question)).toEqual(["Biden Kishida"]);
      // The source button of the answer given before the restart still works.
      const key = ((answer!.reply_markup as InlineKeyboardMarkup).inline_keyboard[0]![0] as InlineKeyboardButton.CallbackButton).callback_data;
      second.telegram.userMessage({ from: alice, text: "placeholder" });
      const bot = second.telegram.botMessages(alice.id);
      const [detail] = sentMessages(await second.pressData(alice, key, bot[0]!.message_id));
      expect(detail?.text).toContain("President Biden met Prime Minister Kishida");
    } finally {
      await removeDir(dir);
    }
  });
});

describe("groups", () => {
  it("ignores chatter that does not address the bot", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }) });
    const calls = await h.say(alice, "Biden met Kishida yesterday, right?", { chat: group });
    expect(calls).toEqual([]);
    expect(inputs).toEqual([]);
  });

  it("answers a mention, with the mention removed from the question, as a reply", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }) });
    const calls = await h.say(alice, "@readout_bot, when did Biden meet Kishida?", { chat: group });
    expect(inputs[0]?.question).toBe("when did Biden meet Kishida?");
    const [answer] = sentMessages(calls);
    expect(answer?.chat.id).toBe(group.id);
    expect(answer?.reply_to_message?.text).toBe("@readout_bot, when did Biden meet Kishida?");
  });

  it("answers a reply to one of its messages, and /ask and /ask@botname", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }) });
    const [answer] = sentMessages(await h.say(alice, "/ask Biden Kishida", { chat: group }));
    expect(inputs[0]?.question).toBe("Biden Kishida");
    await h.say(bob, "and what did they announce?", { chat: group, replyTo: answer!.message_id });
    expect(inputs[1]?.question).toBe("and what did they announce?");
    expect(inputs[1]?.history?.length).toBe(1);
    await h.say(bob, "/ask@readout_bot Lukashenko", { chat: group });
    expect(inputs[2]?.question).toBe("Lukashenko");
  });

  it("ignores commands meant for another bot and replies to other users' messages", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }) });
    const own = h.telegram.userMessage({ from: bob, chat: group, text: "I think they met in April" });
    await h.bot.handleUpdate(own);
    expect(await h.say(alice, "/ask@other_bot Biden", { chat: group })).toEqual([]);
    expect(await h.say(alice, "no, in May", { chat: group, replyTo: own.message!.message_id })).toEqual([]);
    expect(inputs).toEqual([]);
  });

  it("asks what to ask on an empty /ask or bare mention", async () => {
    const h = createHarness();
    expect(sentMessages(await h.say(alice, "/ask", { chat: group }))[0]?.text).toMatch(/What would you like to know\?/);
    expect(sentMessages(await h.say(alice, "@readout_bot", { chat: group }))[0]?.text).toMatch(/What would you like to know\?/);
  });
});

describe("/start and /help", () => {
  it("/start tells what the bot knows, with example questions", async () => {
    const h = createHarness();
    const [start] = sentMessages(await h.say(alice, "/start"));
    expect(start?.text).toContain("I know 3 articles dated November 2, 2023 to April 10, 2024.");
    expect(start?.text).toContain("• When did Biden last meet Kishida?");
  });

  it("/help lists the commands, and the admin ones only for admins", async () => {
    const h = createHarness({ env: { READOUT_ADMIN_IDS: "99" } });
    const [help] = sentMessages(await h.say(alice, "/help"));
    expect(help?.text).toContain("/sources");
    expect(help?.text).not.toContain("/reindex");
    const [adminHelp] = sentMessages(await h.say({ id: 99, is_bot: false, first_name: "Ada" }, "/help"));
    expect(adminHelp?.text).toContain("/reindex");
  });

  it("says so for an unknown command in private", async () => {
    const h = createHarness();
    expect(sentMessages(await h.say(alice, "/frobnicate"))[0]?.text).toMatch(/don't know that command/);
  });
});

describe("source button labels and keys", () => {
  it("tells apart two paragraphs of one article and uses the key generator it is given", async () => {
    let n = 0;
    const { chain } = createFixtureChain({
      articles: [{ id: "a.md", title: "One article", paragraphs: ["Kishida first paragraph.", "Kishida second paragraph."] }],
    });
    const h = createHarness({ services: testServices({ chain }), bot: { newKey: () => `k${++n}` } });
    const [answer] = sentMessages(await h.say(alice, "Kishida paragraph"));
    const buttons = (answer!.reply_markup as InlineKeyboardMarkup).inline_keyboard.flat() as InlineKeyboardButton.CallbackButton[];
    expect(buttons.map((b) => [b.text, b.callback_data])).toEqual([
      ["[1] ¶1 One article", "src:k1:1"],
      ["[2] ¶2 One article", "src:k1:2"],
    ]);
  });
});
