import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { ADMIN_COMMANDS, PUBLIC_COMMANDS } from "../../src/bot/commands.js";
import { makeUser } from "../../src/bot/in-process-api.js";
import { startTelegramBot, type RunningBot } from "../../src/bot/run.js";
import { createLogger } from "../../src/log.js";
import { BotApiServer } from "../helpers/bot-api-server.js";
import { testConfig, testServices } from "../helpers/bot-harness.js";
import { createFixtureChain } from "../helpers/fixture-chain.js";

const TOKEN = "424242:test-token_for-the-emulator";
const user = makeUser(501, "Pia", "pia");

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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
    expect(server.sentTo(user.id).map((m) => m.text.split("\n")[0])).toEqual([
      expect.stringContaining("President Biden met Prime Minister Kishida"),
    ]);
    expect(server.pending()).toBe(0);
    expect(server.failures()).toEqual([]);
    // Long polling waits on the server instead of spinning.
    expect(server.getUpdatesRequests).toBeLessThan(10);
  });
});

describe("webhook mode", () => {
  it("sets the webhook with a secret, answers updates posted with it and refuses others", async () => {
    const port = await freePort();
    const { server } = await launch({ READOUT_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`, READOUT_WEBHOOK_PORT: String(port), READOUT_WEBHOOK_SECRET: "s3cret-value" });
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
