import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alice, createHarness, sentMessages, testServices } from "../helpers/bot-harness.js";
import { createFixtureChain } from "../helpers/fixture-chain.js";
import { redisUnavailable, startRedis } from "../helpers/redis.js";
import { skipNotice } from "../helpers/skip.js";

const unavailable = skipNotice(import.meta.filename, redisUnavailable());

describe.skipIf(unavailable !== undefined)("sessions and rate limit in Redis", () => {
  let redis: { url: string; stop(): void } | undefined;
  let url = "";

  beforeAll(async () => {
    redis = await startRedis();
    url = redis.url;
  });

  afterAll(() => {
    redis?.stop();
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
