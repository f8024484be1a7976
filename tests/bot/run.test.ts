import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { ADMIN_COMMANDS, PUBLIC_COMMANDS } from "../../src/bot/commands.js";
import { makeUser } from "../../src/telegram/index.js";
import { StartupError, startTelegramBot, type RunningBot } from "../../src/bot/run.js";
import { createLogger } from "../../src/log.js";
import { BotApiServer } from "../helpers/bot-api-server.js";
import { testConfig, testServices } from "../helpers/bot-harness.js";
import { createFixtureChain } from "../helpers/fixture-chain.js";
import { freePort } from "../helpers/wait.js";

const TOKEN = "424242:test-token_for-the-emulator";
const user = makeUser(501, "Pia", "pia");

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function launch(env: Record<string, string> = {}, delayMs = 0) {
  const server = new BotApiServer({ token: TOKEN });
  const apiRoot = await server.start();
  cleanup.push(() => server.stop());
  const config = testConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, READOUT_ADMIN_IDS: "7", ...env });
  const bot = createBot(testServices({ chain: createFixtureChain({ delayMs }).chain }), config, { logger: createLogger("silent") });
  const running: RunningBot = await startTelegramBot(bot, config, createLogger("silent"));
  cleanup.push(() => running.stop());
  return { server, bot, running, config };
}

describe("long polling against the loopback Bot API", () => {
  it("registers the menu, answers, waits for answers in flight on stop and confirms the updates", async () => {
    const { server, running } = await launch({}, 300);
    expect(server.telegram.commands()).toEqual(PUBLIC_COMMANDS);
    expect(server.telegram.commands({ type: "chat", chat_id: 7 })).toEqual([...PUBLIC_COMMANDS, ...ADMIN_COMMANDS]);

    server.sendText(user, "When did Biden meet Kishida?");
    await server.waitFor((c) => c.method === "sendChatAction");
    // Stop while the answer is being prepared: it must still be sent.
    await running.stop();
    expect(server.sentTo(user.id).map((m) => m.text.split("\n")[0])).toEqual([expect.stringContaining("President Biden met Prime Minister Kishida")]);
    expect(server.pending()).toBe(0);
    expect(server.failures()).toEqual([]);
    // Long polling waits on the server instead of spinning.
    expect(server.getUpdatesRequests).toBeLessThan(10);
  });
});

describe("webhook mode", () => {
  it("sets the webhook with a secret, answers updates posted with it and refuses others", async () => {
    const port = await freePort();
    const { server } = await launch({
      READOUT_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
      READOUT_WEBHOOK_PORT: String(port),
      READOUT_WEBHOOK_SECRET: "s3cret-value",
    });
    const setWebhook = server.calls.find((c) => c.method === "setWebhook");
    expect(setWebhook?.payload).toMatchObject({ url: `http://127.0.0.1:${port}/telegram/hook`, secret_token: "s3cret-value" });

    const update = server.telegram.userMessage({ from: user, text: "Lukashenko tractors" });
    const post = (secret: string) =>
      fetch(`http://127.0.0.1:${port}/telegram/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify(update),
      });
    expect((await post("wrong")).status).toBe(401);
    expect((await post("s3cret-value")).status).toBe(200);
    const [reply] = await server.waitFor((c) => c.method === "sendMessage");
    expect(String(reply?.payload.text)).toContain("tractors");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/other`, { method: "POST" })).status).toBe(404);
  });
});

/** One metric's value in a Prometheus text exposition (the first sample whose name and labels start so). */
function metric(text: string, sample: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `) || l.startsWith(`${sample}{`));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("/healthz and /metrics", () => {
  async function askThree(server: BotApiServer) {
    const since = server.calls.length;
    server.sendText(user, "When did Biden meet Kishida?");
    server.sendText(user, "Lukashenko tractors");
    server.sendText(user, "football results"); // nothing about it: an abstention
    await server.waitFor((c) => c.method === "sendMessage", { since, count: 3 });
  }

  it("in polling mode, on READOUT_METRICS_PORT: questions, abstentions, errors, latency and the index, in Prometheus text", async () => {
    const { server, running } = await launch({ READOUT_METRICS_PORT: "0" });
    expect(running.metricsPort).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${running.metricsPort}`;
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, "ok\n"]);

    await askThree(server);
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(metric(text, "readout_questions_total")).toBe(3);
    expect(metric(text, "readout_abstentions_total")).toBe(1);
    expect(metric(text, "readout_errors_total")).toBe(0);
    expect(metric(text, "readout_answer_duration_seconds_count")).toBe(3);
    expect(metric(text, 'readout_answer_duration_seconds_bucket{le="+Inf"}')).toBe(3);
    expect(metric(text, "readout_index_articles")).toBe(3);
    expect(metric(text, "readout_index_chunks")).toBe(6);
    expect(metric(text, "readout_process_resident_memory_bytes")).toBeGreaterThan(0);
    expect((await fetch(`${base}/other`)).status).toBe(404);

    await running.stop();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it("in webhook mode, on the webhook's own server when the ports are the same", async () => {
    const port = await freePort();
    const { server, running } = await launch({
      READOUT_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
      READOUT_WEBHOOK_PORT: String(port),
      READOUT_WEBHOOK_SECRET: "s3cret-value",
      READOUT_METRICS_PORT: String(port),
    });
    expect(running.metricsPort).toBe(port);
    const update = server.telegram.userMessage({ from: user, text: "Lukashenko tractors" });
    await fetch(`http://127.0.0.1:${port}/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "s3cret-value" },
      body: JSON.stringify(update),
    });
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metric(text, "readout_questions_total")).toBe(1);
    expect(metric(text, "readout_abstentions_total")).toBe(0);
  });

  it("in webhook mode, on a port of its own", async () => {
    const port = await freePort();
    const { running } = await launch({ READOUT_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`, READOUT_WEBHOOK_PORT: String(port), READOUT_METRICS_PORT: "0" });
    expect(running.metricsPort).not.toBe(port);
    expect((await fetch(`http://127.0.0.1:${running.metricsPort}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${running.metricsPort}/metrics`)).status).toBe(200);
  });

  it("without READOUT_METRICS_PORT, nothing listens", async () => {
    const { running } = await launch();
    expect(running.metricsPort).toBeUndefined();
  });
});

describe("start-up gives up", () => {
  async function start(apiRoot: string, token = TOKEN) {
    const config = testConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, READOUT_STARTUP_TIMEOUT_MS: "1500" });
    const bot = createBot(testServices(), config, { logger: createLogger("silent") });
    const started = Date.now();
    const outcome = await startTelegramBot(bot, config, createLogger("silent")).then(
      (running) => {
        cleanup.push(() => running.stop());
        return undefined;
      },
      (error: unknown) => error,
    );
    return { error: outcome as Error | undefined, seconds: (Date.now() - started) / 1000 };
  }

  it("after READOUT_STARTUP_TIMEOUT_MS when nothing listens where the Bot API should be", async () => {
    const { error, seconds } = await start(`http://127.0.0.1:${await freePort()}`);
    expect(error).toBeInstanceOf(StartupError);
    expect(error?.message).toMatch(
      /^Could not reach the Telegram Bot API within 1.5 s \(READOUT_STARTUP_TIMEOUT_MS\): .*(ECONNREFUSED|fetch failed|Network request)/,
    );
    expect(error?.message).not.toContain("\n");
    expect(error?.message).not.toContain(TOKEN);
    expect(seconds).toBeLessThan(10);
  });

  it("when the Bot API accepts connections but never answers", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanup.push(async () => {
      await new Promise((resolve) => silent.close(resolve));
    });
    const sockets: net.Socket[] = [];
    silent.on("connection", (socket) => sockets.push(socket));
    cleanup.push(async () => sockets.forEach((socket) => socket.destroy()));
    const { error, seconds } = await start(`http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`);
    expect(error?.message).toMatch(/^Could not reach the Telegram Bot API within 1.5 s/);
    expect(seconds).toBeLessThan(10);
  });

  it("at once when Telegram refuses the token", async () => {
    const server = new BotApiServer({ token: TOKEN });
    const apiRoot = await server.start();
    cleanup.push(() => server.stop());
    const { error, seconds } = await start(apiRoot, "424242:another-token");
    expect(error?.message).toBe("Telegram refused the bot token (401 Unauthorized). Check TELEGRAM_BOT_TOKEN (from @BotFather).");
    expect(seconds).toBeLessThan(1.5);
  });
});
