/**
 * A token pasted into a chat is kept out of everything the bot writes: the
 * session file, the logs and the recording of that chat hold "[redacted]"
 * where the user typed it.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger, scrubSecretsDeep } from "../../src/log.js";
import { alice, createHarness } from "../helpers/bot-harness.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

/** The bot's own token, short as a test token is, and another bot's, in the full @BotFather shape. */
const TOKEN = "4242:shortTok";
const OTHER_TOKEN = "987654321:AAHf3xQ_9kLmNoPqRsTuVwXyZ-0123456789";

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe("secrets typed into a chat", () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await tempDir("readout-session-secrets-");
  });
  afterEach(async () => {
    await removeDir(tmp);
  });

  it("are not stored in the session file, the logs or the recording", async () => {
    let logs = "";
    const stream = new PassThrough();
    stream.on("data", (chunk) => (logs += String(chunk)));
    const { bot, say } = createHarness({
      env: {
        TELEGRAM_BOT_TOKEN: TOKEN,
        READOUT_SESSION_STORAGE: "file",
        READOUT_SESSION_DIR: path.join(tmp, "sessions"),
        READOUT_RECORD_DIR: path.join(tmp, "recordings"),
      },
      bot: { logger: createLogger("trace", stream) },
    });
    await say(alice, `my token is ${TOKEN} — when did Biden last meet Kishida?`);
    await say(alice, `and with ${OTHER_TOKEN} what did they announce?`);
    await bot.readout.close();

    const files = await filesUnder(tmp);
    const sessionFiles = files.filter((file) => file.includes(`${path.sep}sessions${path.sep}`));
    const recordings = files.filter((file) => file.includes(`${path.sep}recordings${path.sep}`));
    expect(sessionFiles.length).toBeGreaterThan(0);
    expect(recordings.length).toBeGreaterThan(0);
    const session = (await Promise.all(sessionFiles.map((file) => readFile(file, "utf8")))).join("\n");
    expect(session).toContain("my token is [redacted] — when did Biden last meet Kishida?");
    expect(session).toContain("and with [redacted] what did they announce?");
    expect(logs.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = await readFile(file, "utf8");
      for (const secret of [TOKEN, OTHER_TOKEN]) expect(text, file).not.toContain(secret);
    }
    for (const secret of [TOKEN, OTHER_TOKEN]) expect(logs).not.toContain(secret);
  });

  it("scrubSecretsDeep scrubs every string of a session, keys included", () => {
    const session = { turns: [{ question: `token ${TOKEN}`, n: 1 }], answers: [], [OTHER_TOKEN]: true };
    expect(scrubSecretsDeep(session, [TOKEN])).toEqual({ turns: [{ question: "token [redacted]", n: 1 }], answers: [], "[redacted]": true });
  });
});
