/**
 * End to end: the real bot process (`node --import tsx src/cli/start.ts`, as `npm start`
 * runs it) with long polling against the loopback Bot API server, over a
 * temporary index of the bundled corpus plus one article with a very long
 * paragraph. Users talk to it in a private chat and in a group.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupChat, makeUser, parseTelegramHtml } from "../../src/telegram/index.js";
import { BotApiServer } from "../helpers/bot-api-server.js";
import { type BotProcess, startBotProcess } from "../helpers/bot-process.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { readyOrExit } from "../helpers/wait.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

const TOKEN = "777000:e2e-Token_value-that-must-never-be-logged";
const BOT_USERNAME = "readout_e2e_bot";
const ADMIN = makeUser(900, "Ada", "ada");
const LONG_PARAGRAPH_WORD = "Brannvik";

/** About 6,000 characters in one paragraph, so that showing it in full needs two messages. */
function longParagraph(): string {
  const sentences = [];
  for (let i = 1; i <= 40; i++) {
    sentences.push(
      `In item ${i} of the ${LONG_PARAGRAPH_WORD} fisheries council, the delegates set the herring quota for zone ${i} at ${1000 + i * 37} tonnes & agreed that inspectors would report back within ${i + 2} weeks.`,
    );
  }
  return sentences.join(" ");
}

const LONG_ARTICLE = `---
title: "${LONG_PARAGRAPH_WORD} fisheries council sets herring quotas in a marathon session"
date: 2024-05-30
source_url: https://sample.readout.example/e2e/brannvik-fisheries-council
participants:
  - name: Ostra Hallen
    title: Fisheries Minister
    country: Caldovia
  - name: Per Ulvang
    title: Fisheries Minister
    country: Lindmark
---

# ${LONG_PARAGRAPH_WORD} fisheries council sets herring quotas in a marathon session

The ${LONG_PARAGRAPH_WORD} fisheries council met on 30 May 2024 in Veyra, chaired by the fisheries ministers Ostra Hallen of Caldovia and Per Ulvang of Lindmark, to set herring quotas.

${longParagraph()}
`;

function buttons(message: Message | undefined): InlineKeyboardButton.CallbackButton[] {
  return ((message?.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard.flat() ?? []) as InlineKeyboardButton.CallbackButton[];
}

describe("the bot process against a Bot API emulator", { timeout: 180_000 }, () => {
  const server = new BotApiServer({ token: TOKEN, username: BOT_USERNAME });
  let bot: BotProcess;
  let tmp: string;
  /** Articles in the index, as /start reports them (the bundled corpus plus the long one). */
  let articleCount = 0;

  beforeAll(async () => {
    tmp = await tempDir("readout-e2e-");
    await mkdir(path.join(tmp, "extra"));
    await writeFile(path.join(tmp, "extra", "brannvik-fisheries-council.md"), LONG_ARTICLE);
    const apiRoot = await server.start();
    bot = startBotProcess({
      token: TOKEN,
      apiRoot,
      workDir: tmp,
      articleDirs: [path.join(REPO_ROOT, "data/articles"), path.join(tmp, "extra")],
      env: { READOUT_ADMIN_IDS: String(ADMIN.id), READOUT_RATE_LIMIT: "50" },
    });
    await readyOrExit(
      server.waitFor((c) => c.method === "setMyCommands", { timeoutMs: 240_000 }),
      bot,
    );
  }, 300_000);

  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.child.kill("SIGKILL");
    await server.stop();
    await removeDir(tmp);
  });

  /** Send and wait for `count` replies in that chat. */
  async function ask(user: ReturnType<typeof makeUser>, text: string, options: { chat?: ReturnType<typeof groupChat>; count?: number; replyTo?: number } = {}) {
    const chatId = options.chat?.id ?? user.id;
    const since = server.calls.length;
    const update = server.sendText(user, text, { chat: options.chat, replyTo: options.replyTo });
    await server.waitFor((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === chatId, { since, count: options.count ?? 1, timeoutMs: 60_000 });
    return { update, replies: server.sentTo(chatId, since), since };
  }

  it("registers the command menu: public by default, admin commands in the admin's scope", async () => {
    await server.waitFor((c) => c.method === "setMyCommands", { count: 4 }); // English and Russian, public and admin
    const publicMenu = server.telegram.commands()?.map((c) => c.command);
    expect(publicMenu).toEqual(["start", "help", "ask", "sources", "source", "reset", "language"]);
    expect(server.telegram.commands({ type: "chat", chat_id: ADMIN.id })?.map((c) => c.command)).toEqual([
      ...publicMenu!,
      "stats",
      "reindex",
      "rollback",
      "add",
      "subscriptions",
    ]);
  });

  it("/start says what the bot knows", async () => {
    const { replies } = await ask(makeUser(601, "Sam"), "/start");
    const known = /I know (\d+) articles dated \w+ \d+, \d{4} to \w+ \d+, \d{4}\./.exec(replies[0]?.text ?? "");
    expect(known).not.toBeNull();
    articleCount = Number(known![1]);
    expect(articleCount).toBeGreaterThanOrEqual(31);
    expect(replies[0]?.text).toContain("Try asking:");
  });

  it("answers a question in a private chat with citations and source buttons that work", async () => {
    const user = makeUser(602, "Kim");
    const { replies } = await ask(user, "What did Biden and Kishida announce in April 2024?");
    const answer = replies.at(-1);
    expect(answer?.text).toMatch(/\[1\]/);
    expect(answer?.text).toContain("Sources\n[1] ");
    expect(answer?.text).toMatch(/Kishida/);
    const sourceButtons = buttons(answer);
    expect(sourceButtons.length).toBeGreaterThan(0);
    expect(sourceButtons[0]?.text).toMatch(/^\[1\] /);

    const since = server.calls.length;
    server.press(user, 1);
    await server.waitFor((c) => c.method === "answerCallbackQuery", { since });
    const [detail] = server.sentTo(user.id, since);
    expect(detail?.text).toMatch(/^\[1\] .+\n.*paragraph \d+/);
    expect(detail?.entities?.some((e) => e.type === "blockquote")).toBe(true);
    expect(detail?.reply_to_message?.message_id).toBe(answer?.message_id);

    // A follow-up uses the conversation so far.
    const followUp = await ask(user, "and what about space?");
    expect(followUp.replies.at(-1)?.text.length).toBeGreaterThan(20);
  });

  it("ignores group messages without a mention and answers a mention as a reply", async () => {
    const group = groupChat(-100900, "Summit watchers");
    const user = makeUser(603, "Lea");
    const since = server.calls.length;
    server.sendText(user, "I think Biden met Kishida in April, right?", { chat: group });
    server.sendText(user, "/ask@some_other_bot when?", { chat: group });
    const { update, replies } = await ask(user, `@${BOT_USERNAME} what did Biden and Kishida announce in April 2024?`, { chat: group });
    // Updates of one chat are handled in order, so the first two were seen before the third was answered.
    expect(server.sentTo(group.id, since)).toHaveLength(1);
    expect(replies[0]?.reply_to_message?.message_id).toBe(update.message?.message_id);
    expect(replies[0]?.text).toMatch(/Kishida/);
  });

  it("refuses admin commands to non-admins and runs them for admins", async () => {
    const user = makeUser(604, "Max");
    expect((await ask(user, "/stats")).replies[0]?.text).toBe("Sorry, /stats is only for this bot's admins.");
    expect((await ask(user, "/reindex")).replies[0]?.text).toBe("Sorry, /reindex is only for this bot's admins.");
    const stats = (await ask(ADMIN, "/stats")).replies[0];
    expect(stats?.text).toMatch(new RegExp(`Index: ${articleCount} articles, \\d+ chunks`));
    expect(stats?.text).toMatch(/questions answered/);

    const { replies } = await ask(ADMIN, "/reindex");
    const status = replies[0]!;
    await server.waitFor(
      (c) => c.method === "editMessageText" && c.payload.message_id === status.message_id && /Reindex (done|finished)/.test(String(c.payload.text)),
      { timeoutMs: 120_000 },
    );
    expect(server.telegram.message(ADMIN.id, status.message_id)?.text).toContain(`unchanged ${articleCount}`);
  });

  it("splits a long source paragraph into several valid messages", async () => {
    const user = makeUser(605, "Noa");
    const { replies } = await ask(user, `What herring quotas did the ${LONG_PARAGRAPH_WORD} fisheries council set?`);
    const answer = replies.at(-1);
    const index = buttons(answer).findIndex((b) => b.text.includes(LONG_PARAGRAPH_WORD) && /quota|herring|fisheries/i.test(b.text));
    expect(index).toBeGreaterThanOrEqual(0);
    // Press each source of that article until one shows the long paragraph.
    let parts: (Message.TextMessage & { html: string })[] = [];
    for (const [i, button] of buttons(answer).entries()) {
      if (!button.text.includes(LONG_PARAGRAPH_WORD)) continue;
      const since = server.calls.length;
      server.press(user, i + 1, { messageId: answer!.message_id });
      await server.waitFor((c) => c.method === "answerCallbackQuery", { since });
      parts = server.sentTo(user.id, since);
      if (parts.length > 1) break;
    }
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.html.length).toBeLessThanOrEqual(4096);
      expect(() => parseTelegramHtml(part.html)).not.toThrow();
    }
    const whole = parts
      .map((p) => p.text)
      .join(" ")
      .replace(/\s+/g, " ");
    expect(whole).toContain(longParagraph());
  });

  it("delivers HTML-hostile text from an article and from a question intact", async () => {
    const user = makeUser(606, "Ida");
    const question = "What did Smith & Sons offer the committee over the <script> flaw? A <b>refund</b>?";
    const { replies } = await ask(user, question);
    const answer = replies.at(-1)!;
    expect(answer.text).toContain("Smith & Sons Digital apologises to committee over <script> flaw and offers refund");
    const button = buttons(answer).findIndex((b) => b.text.includes("Smith & Sons"));
    expect(button).toBeGreaterThanOrEqual(0);

    const since = server.calls.length;
    server.press(user, button + 1, { messageId: answer.message_id });
    await server.waitFor((c) => c.method === "answerCallbackQuery", { since });
    const [detail] = server.sentTo(user.id, since);
    expect(detail?.text).toContain("Smith & Sons Digital apologises to committee over <script> flaw");
    expect(detail?.text).toContain("without escaping characters such as <, > and &");
    // Only the bot's own markup is markup: the heading is bold, nothing from the article is.
    const bold = detail?.entities?.filter((e) => e.type === "bold").map((e) => detail.text.slice(e.offset, e.offset + e.length));
    expect(bold).toEqual([detail?.text.split("\n")[0]]);

    // The question itself comes back intact.
    const sources = (await ask(user, "/sources")).replies[0];
    expect(sources?.text).toContain(`Sources for “${question}”`);

    // And a paragraph with a whole <script> element.
    const venn = (await ask(user, "What did Dario Venn type into the portal's search box?")).replies.at(-1);
    expect(venn?.text).toContain("<script>alert(1)</script>");
  });

  it("sent nothing Telegram would refuse, and never logged the token", () => {
    expect(server.failures().map((c) => `${c.method}: ${(c.response as { description: string }).description}`)).toEqual([]);
    expect(bot.output()).not.toContain(TOKEN.split(":")[1]);
    expect(bot.output()).toContain('"event":"answer"');
  });

  it("shuts down gracefully on SIGTERM, confirming the updates it handled", async () => {
    expect(await bot.stop()).toBe(0);
    expect(server.pending()).toBe(0);
  }, 60_000);
});
