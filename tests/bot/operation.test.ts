import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { PROGRESS_EDIT_INTERVAL_MS } from "../../src/bot/admin.js";
import { ADMIN_COMMANDS, PUBLIC_COMMANDS, registerCommandMenu } from "../../src/bot/commands.js";
import { ERROR_TEXT } from "../../src/bot/errors.js";
import { createLogger } from "../../src/log.js";
import type { IngestProgress } from "../../src/store/types.js";
import { adminUser, alice, bob, createHarness, EMPTY_SUMMARY, failedCalls, group, sentMessages, testServices } from "../helpers/bot-harness.js";
import { createFixtureChain } from "../helpers/fixture-chain.js";

function logSink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger("debug", stream) };
}

describe("rate limit", () => {
  it("answers up to the limit, then sends one friendly notice per window and drops the rest", async () => {
    const { chain, inputs } = createFixtureChain();
    const h = createHarness({ services: testServices({ chain }), env: { READOUT_RATE_LIMIT: "3", READOUT_RATE_WINDOW_MS: "60000" } });
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(sentMessages(await h.say(alice, `Biden Kishida ${i}`)));
    expect(inputs.length).toBe(3);
    expect(replies.slice(0, 3).every((r) => r.length === 1 && r[0]?.text.includes("Kishida"))).toBe(true);
    expect(replies[3]?.[0]?.text).toMatch(/faster than I can keep up with \(at most 3 messages every 60 seconds\)/);
    expect(replies[4]).toEqual([]);
    expect(replies[5]).toEqual([]);
    // Another user is not affected, and button presses are not limited.
    expect(sentMessages(await h.say(bob, "Lukashenko"))).toHaveLength(1);
    expect(sentMessages(await h.press(alice, 1))).toHaveLength(1);
  });

  it("does not count group chatter", async () => {
    const h = createHarness({ env: { READOUT_RATE_LIMIT: "1", READOUT_RATE_WINDOW_MS: "60000" } });
    for (let i = 0; i < 5; i++) await h.say(alice, `chatter ${i}`, { chat: group });
    expect(sentMessages(await h.say(alice, "@readout_bot Biden Kishida", { chat: group }))[0]?.text).toContain("Kishida");
  });
});

describe("allow-list", () => {
  it("refuses others politely and answers allowed users, allowed chats and admins", async () => {
    const h = createHarness({ env: { READOUT_ALLOWED_IDS: `${alice.id},${group.id}`, READOUT_ADMIN_IDS: String(adminUser.id) } });
    const [refusal] = sentMessages(await h.say(bob, "Biden Kishida"));
    expect(refusal?.text).toBe(
      "Sorry, this bot only answers people and chats its admins have allowed. Your Telegram id is 22; an admin can add it to the allow-list.",
    );
    expect(sentMessages(await h.say(alice, "Biden Kishida"))[0]?.text).toContain("Kishida");
    expect(sentMessages(await h.say(adminUser, "Biden Kishida"))[0]?.text).toContain("Kishida");
    expect(sentMessages(await h.say(bob, "@readout_bot Biden Kishida", { chat: group }))[0]?.text).toContain("Kishida");
  });

  it("stays silent for unaddressed chatter in a group that is not allowed", async () => {
    const h = createHarness({ env: { READOUT_ALLOWED_IDS: String(alice.id) } });
    const other = { id: -100777, type: "supergroup" as const, title: "Other" };
    expect(await h.say(bob, "just chatting", { chat: other })).toEqual([]);
    expect(sentMessages(await h.say(bob, "@readout_bot hi", { chat: other }))[0]?.text).toMatch(/^Sorry, this bot only answers/);
  });

  it("refuses button presses from users not allowed", async () => {
    const h = createHarness({ env: { READOUT_ALLOWED_IDS: String(alice.id) } });
    const [answer] = sentMessages(await h.say(alice, "@readout_bot Biden Kishida", { chat: group }));
    const data = (answer!.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
    const calls = await h.pressData(bob, data, answer!.message_id, group);
    expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
    expect(calls[0]?.payload.text).toMatch(/^Sorry, this bot only answers/);
  });
});

describe("admin commands", () => {
  it("refuses /stats and /reindex to non-admins politely", async () => {
    let reindexed = 0;
    const services = testServices({
      reindex: async () => {
        reindexed++;
        return EMPTY_SUMMARY;
      },
    });
    const h = createHarness({ services, env: { READOUT_ADMIN_IDS: String(adminUser.id) } });
    expect(sentMessages(await h.say(alice, "/stats"))[0]?.text).toBe("Sorry, /stats is only for this bot's admins.");
    expect(sentMessages(await h.say(alice, "/reindex", { chat: group }))[0]?.text).toBe("Sorry, /reindex is only for this bot's admins.");
    expect(reindexed).toBe(0);
  });

  it("/stats reports index size, last ingest, questions answered and latency", async () => {
    let clock = 1_000_000;
    const { chain } = createFixtureChain();
    const h = createHarness({
      services: testServices({ chain }),
      env: { READOUT_ADMIN_IDS: String(adminUser.id) },
      bot: { now: () => (clock += 100) },
    });
    await h.say(alice, "Biden Kishida");
    await h.say(alice, "football");
    const [stats] = sentMessages(await h.say(adminUser, "/stats"));
    expect(stats?.text).toContain("Index: 3 articles, 6 chunks, November 2, 2023 – April 10, 2024.");
    expect(stats?.text).toContain("Last ingest: 2024-05-01T10:00:00.000Z.");
    expect(stats?.text).toMatch(/2 questions answered \(1 without an answer\), 0 errors/);
    expect(stats?.text).toMatch(/Reply time: p50 0\.\d s, p95 0\.\d s over 2 answers/);
  });

  it("/reindex reports progress by editing one message, refuses a second run meanwhile, and sums up", async () => {
    let clock = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const services = testServices({
      reindex: async (onProgress: (p: IngestProgress) => void) => {
        for (let done = 0; done <= 50; done++) {
          clock += 100;
          onProgress({ phase: "embed", done, total: 50 });
        }
        await gate;
        return { ...EMPTY_SUMMARY, skipped: [{ path: "bad <file>.html", reason: "no text & no title" }] };
      },
    });
    const h = createHarness({ services, env: { READOUT_ADMIN_IDS: String(adminUser.id) }, bot: { now: () => clock } });
    const [status] = sentMessages(await h.say(adminUser, "/reindex"));
    expect(status?.text).toBe("Reindexing… starting.");
    // The chat stays responsive while the reindex runs, and a second one is refused.
    const [second] = sentMessages(await h.say(adminUser, "/reindex"));
    expect(second?.text).toMatch(/^A reindex is already running/);
    expect(sentMessages(await h.say(adminUser, "Biden Kishida"))[0]?.text).toContain("Kishida");
    release();
    expect(await h.bot.readout.idle(5000)).toBe(true);
    const edits = h.calls.filter((c) => c.method === "editMessageText");
    expect(edits.every((e) => e.payload.message_id === status?.message_id && e.response.ok)).toBe(true);
    // 5 s of progress at one edit per 2 s, plus the summary.
    expect(edits.length).toBeLessThanOrEqual(Math.ceil(5100 / PROGRESS_EDIT_INTERVAL_MS) + 2);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(String(edits[0]?.payload.text)).toMatch(/^Reindexing… Embedding paragraphs: \d+\/50$/);
    const final = h.telegram.message(adminUser.id, status!.message_id);
    expect(final?.text).toContain("Reindex done in 0.5 s.");
    expect(final?.text).toContain("• bad <file>.html: no text & no title");
    expect(sentMessages(await h.say(adminUser, "/reindex"))[0]?.text).toBe("Reindexing… starting.");
    expect(await h.bot.readout.idle(5000)).toBe(true);
  });

  it("/reindex reports a failure and frees the lock", async () => {
    const services = testServices({
      reindex: async () => {
        throw new Error("disk full <oops> & more");
      },
    });
    const h = createHarness({ services, env: { READOUT_ADMIN_IDS: String(adminUser.id) } });
    const [status] = sentMessages(await h.say(adminUser, "/reindex"));
    await h.bot.readout.idle(5000);
    expect(h.telegram.message(adminUser.id, status!.message_id)?.text).toBe("Reindex failed: disk full <oops> & more\nThe previous index is still in use.");
  });

  it("registers public commands by default and admin commands in each admin's chat scope", async () => {
    const h = createHarness();
    const { logger, lines } = logSink();
    await registerCommandMenu(h.bot.api, [99, 98], logger);
    expect(h.telegram.commands()).toEqual(PUBLIC_COMMANDS);
    expect(h.telegram.commands({ type: "chat", chat_id: 99 })).toEqual([...PUBLIC_COMMANDS, ...ADMIN_COMMANDS]);
    expect(h.telegram.commands({ type: "chat", chat_id: 98 })).toEqual([...PUBLIC_COMMANDS, ...ADMIN_COMMANDS]);
    expect(lines).toEqual([]);
  });
});

describe("errors", () => {
  it("tells the user something went wrong and logs the error without the token", async () => {
    const token = "123456:AAH-secret_token_value_abcdefghij";
    const { chain } = createFixtureChain({ fail: new Error(`Call to https://api.telegram.org/bot${token}/sendMessage failed`) });
    const { logger, lines } = logSink();
    const h = createHarness({ services: testServices({ chain }), env: { TELEGRAM_BOT_TOKEN: token }, bot: { logger } });
    const calls = await h.say(alice, "Biden Kishida");
    expect(sentMessages(calls).map((m) => m.text)).toEqual([ERROR_TEXT]);
    const log = lines.join("\n");
    expect(log).toContain('"event":"error"');
    expect(log).not.toContain("AAH-secret_token_value");
    expect(log).toContain("bot[redacted]");
    // The bot goes on working after an error.
    const ok = createHarness({ bot: { logger } });
    expect(sentMessages(await ok.say(alice, "Biden Kishida"))[0]?.text).toContain("Kishida");
  });

  it("answers a failing button press through answerCallbackQuery", async () => {
    const h = createHarness();
    const [answer] = sentMessages(await h.say(alice, "Biden Kishida"));
    // Make the next sendMessage fail as Telegram would refuse it.
    const original = h.telegram.call.bind(h.telegram);
    let once = true;
    h.telegram.call = (method, payload) => {
      if (method === "sendMessage" && once) {
        once = false;
        return { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" };
      }
      return original(method, payload);
    };
    const calls = await h.press(alice, 1, { messageId: answer!.message_id });
    const acks = calls.filter((c) => c.method === "answerCallbackQuery");
    expect(acks.map((c) => [c.payload.text, c.response.ok])).toEqual([[ERROR_TEXT, true]]);
  });

  it("logs one structured line per answered question", async () => {
    const { logger, lines } = logSink();
    const h = createHarness({ services: testServices({ describe: { generation: "gen-20240501T100000000Z-abcd" } }), bot: { logger } });
    await h.say(alice, "Biden Kishida");
    await h.say(alice, "football");
    const entries = lines.map((l) => JSON.parse(l)).filter((e) => e.event === "answer");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ chatId: alice.id, chatType: "private", abstained: false, parts: 1 });
    // The figures /metrics serves: totals so far and the index answered from.
    expect(entries[1]).toMatchObject({
      abstained: true,
      totals: { questions: 2, abstentions: 1, errors: 0 },
      index: { generation: "gen-20240501T100000000Z-abcd", articles: 3, chunks: 6 },
    });
    expect(entries[0].sources[0]).toMatch(/^kishida-biden-2024\.md#p\d$/);
    expect(typeof entries[0].latencyMs).toBe("number");
    expect(failedCalls(h.calls)).toEqual([]);
  });
});

describe("shutdown helpers", () => {
  it("idle() waits for answers in flight", async () => {
    const { chain } = createFixtureChain({ delayMs: 200 });
    const h = createHarness({ services: testServices({ chain }) });
    const pending = h.say(alice, "Biden Kishida");
    await new Promise((r) => setTimeout(r, 20));
    expect(h.bot.readout.inFlight()).toBe(1);
    expect(await h.bot.readout.idle(5000)).toBe(true);
    expect(sentMessages(await pending)).toHaveLength(1);
  });
});
