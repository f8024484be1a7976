import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { renderHtml, runTerminalChat } from "../../src/bot/terminal-chat.js";
import { createLogger } from "../../src/log.js";
import { testConfig, testServices } from "../helpers/bot-harness.js";
import { createFixtureChain } from "../helpers/fixture-chain.js";

async function chat(lines: string[], env: Record<string, string> = {}) {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on("data", (chunk) => chunks.push(String(chunk)));
  const { chain, inputs } = createFixtureChain();
  await runTerminalChat(testServices({ chain }), testConfig(env), {
    input: Readable.from(lines.map((line) => `${line}\n`)),
    output,
    interactive: false,
    logger: createLogger("silent"),
  });
  return { text: chunks.join(""), inputs };
}

describe("renderHtml", () => {
  it("prints links with their URL, quotes with a bar and decodes entities", () => {
    expect(renderHtml('<b>T &amp; &lt;x&gt;</b>\nsee <a href="https://x.org/a">here</a>\n<blockquote>one\ntwo</blockquote>\nend')).toBe(
      "T & <x>\nsee here (https://x.org/a)\n│ one\n│ two\nend",
    );
  });
});

describe("terminal chat (piped input)", () => {
  it("answers each line with the same bot code, lists buttons and opens a source with :N", async () => {
    const { text, inputs } = await chat([":1", "When did Biden meet Kishida?", ":1", "and what did they announce?", "/source 1", ":9"]);
    expect(text).toContain("President Biden met Prime Minister Kishida");
    expect(text).toContain("[1] Biden & Kishida meet at the White House (https://example.org/news/biden-kishida?a=1&b=2) · April 10, 2024 · ¶ 1");
    expect(text).toMatch(/Type :1…:\d to open one:\n {2}:1 {2}\[1\] (¶\d )?Biden & Kishida/);
    expect(text).toContain("│ President Biden met Prime Minister Kishida of Japan at the White House on April 10, 2024.");
    expect(text).toContain("Open the article (https://example.org/news/biden-kishida?a=1&b=2)");
    expect(inputs[1]?.history?.[0]?.question).toBe("When did Biden meet Kishida?");
    expect(text).toContain("(The last message has buttons :1 to :");
    expect(text).toContain("(There are no buttons to press yet: ask a question first.)");
    expect(text).not.toContain("Telegram would refuse");
  });

  it("is not rate limited and lets the local user run admin commands", async () => {
    const { text, inputs } = await chat([...Array.from({ length: 8 }, (_, i) => `Lukashenko ${i}`), "/stats"], {
      READOUT_RATE_LIMIT: "2",
      READOUT_ALLOWED_IDS: "555",
    });
    expect(inputs).toHaveLength(8);
    expect(text).toContain("8 questions answered");
    expect(text).not.toMatch(/faster than I can keep up|only for this bot's admins|only answers people/);
  });
});
