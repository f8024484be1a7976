import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, createHarness, sentMessages, testServices } from "../helpers/bot-harness.js";
import { createFixtureChain } from "../helpers/fixture-chain.js";

function hasRedisServer(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const available = hasRedisServer();
if (!available) console.warn("tests/bot/redis-sessions: skipped, redis-server is not installed (apt-get install redis-server)");

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(!available)("sessions and rate limit in Redis", () => {
  let redis: ChildProcess;
  let url = "";

  beforeAll(async () => {
    const port = await freePort();
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 50; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
        socket.on("error", () => resolve(false));
      });
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("redis-server did not start");
  });

  afterAll(() => {
    redis?.kill();
  });

  it("keeps the conversation across a restart and limits the rate through Redis", async () => {
    const env = { READOUT_SESSION_STORAGE: "redis", READOUT_REDIS_URL: url, READOUT_RATE_LIMIT: "2", READOUT_RATE_WINDOW_MS: "60000" };
    const first = createHarness({ env });
    await first.say(alice, "Biden Kishida");
    await first.bot.readout.close();

    const { chain, inputs } = createFixtureChain();
    const second = createHarness({ env, services: testServices({ chain }) });
    await second.say(alice, "and what did they announce?");
    expect(inputs[0]?.history?.map((t) => t.question)).toEqual(["Biden Kishida"]);
    // The third message in the window (counted across both bot instances) gets the notice.
    expect(sentMessages(await second.say(alice, "Lukashenko"))[0]?.text).toMatch(/faster than I can keep up with/);
    await second.bot.readout.close();
  });
});
