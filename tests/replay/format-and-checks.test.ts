/** The conversation format (validation with lines), expectations, normalisation and diffs — without the bot. */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkExpectations, citationMatches } from "../../src/replay/expectations.js";
import { ConversationFileError, DEFAULT_TODAY, parseConversation } from "../../src/replay/format.js";
import type { RecordedCall } from "../../src/replay/format-schema.js";
import { lineDiff, wordDiff } from "../../src/replay/line-diff.js";
import { normalizeVolatile } from "../../src/replay/visible-calls.js";
import { formatOutcome, replayPaths } from "../../src/replay/replay.js";
import type { Citation } from "../../src/retrieval/types.js";
import { testServices } from "../helpers/bot-harness.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

function problemsOf(text: string): string[] {
  try {
    parseConversation(text, "c.yaml");
  } catch (error) {
    if (error instanceof ConversationFileError) return error.problems;
    throw error;
  }
  return [];
}

describe("the conversation format", () => {
  it("reads a short hand-written conversation with defaults", () => {
    const conversation = parseConversation(
      `turns:
  - user: When did Biden meet Kishida?
    expect: { contains: "April 10, 2024", cites: biden-kishida }
  - press: 1
  - user: and then?
    after: 2m
    reply_to: bot
    expect:
      - { contains: "one" }
      - { buttons: ["[1]"] }
`,
      "c.yaml",
    );
    expect(conversation.today).toBe(DEFAULT_TODAY);
    expect(conversation.chat).toMatchObject({ type: "private", id: 101 });
    expect(conversation.turns.map((t) => t.input.kind)).toEqual(["text", "press", "text"]);
    expect(conversation.turns[0]?.expect).toEqual({ perMessage: false, items: [{ contains: ["April 10, 2024"], cites: ["biden-kishida"] }] });
    expect(conversation.turns[2]).toMatchObject({ afterMs: 120_000, input: { replyTo: "bot" }, expect: { perMessage: true } });
    expect(conversation.turns[2]?.line).toBe(5);
  });

  it("names the line and the field of every problem", () => {
    expect(problemsOf("turns:\n  - user: hi\n    expect: { contians: x }\n")).toEqual([
      'line 3:13: turns.0.expect: Unrecognized key: "contians" (did you mean "contains"?)',
    ]);
    expect(problemsOf("turns:\n  - user: hi\n    press: 1\n")[0]).toMatch(/^line 2:5: turns\.0: a turn has one of user, press or update, not user and press/);
    expect(problemsOf("turns:\n  - expect: { contains: x }\n")[0]).toMatch(/^line 2:5: turns\.0: a turn needs `user:`/);
    expect(problemsOf("today: 1 July\nturns: []\n")[0]).toMatch(/^line 1:8: today: must be a date written YYYY-MM-DD/);
    expect(problemsOf("turns:\n  - user: hi\n    after: soon\n")[0]).toMatch(/line 3:12: turns\.0\.after: must be a duration/);
    expect(problemsOf("turns:\n  - user: hi\n    expect: { matches: '(' }\n")[0]).toMatch(/not a valid regular expression/);
    expect(problemsOf("turns:\n  - user: hi\n  bad indent\n")[0]).toMatch(/^line 3:/);
    expect(problemsOf("users: { bob: {} }\nchat: group\nturns:\n  - user: hi\n    from: carol\n")[0]).toBe(
      'line 5:11: turns.0.from: no user "carol" (the file\'s users are bob)',
    );
  });

  it("explains the comma trap of { … }", () => {
    expect(problemsOf("turns:\n  - user: hi\n    expect: { contains: April 10, 2024 }\n")[0]).toMatch(
      /a comma separates entries: put text that has a comma in quotes/,
    );
  });

  it("merges late replies into the turn before them", () => {
    const conversation = parseConversation(
      "turns:\n  - user: /reindex\n    replies: [{ method: sendMessage, payload: { text: a }, message_id: 2 }]\n  - replies: [{ method: editMessageText, payload: { text: b } }]\n",
      "c.yaml",
    );
    expect(conversation.turns).toHaveLength(1);
    expect(conversation.turns[0]?.entries).toEqual([0, 1]);
    expect(conversation.turns[0]?.replies?.map((r) => r.method)).toEqual(["sendMessage", "editMessageText"]);
  });
});

const sent = (text: string, extra: Record<string, unknown> = {}): RecordedCall => ({
  method: "sendMessage",
  payload: { chat_id: 1, text, parse_mode: "HTML", ...extra },
  message_id: 5,
});
const citation = (source: string, url?: string): Citation => ({ n: 1, source, title: "T", paragraph: 1, text: "x", ...(url ? { url } : {}) });

describe("expectations", () => {
  const keyboard = {
    reply_markup: { inline_keyboard: [[{ text: "[1] ¶3 Biden", callback_data: "src:k1:1" }], [{ text: "[2] ¶4 Biden", callback_data: "src:k1:2" }]] },
  };
  const answer = [sent("They met on <b>April 10, 2024</b> &amp; talked. [1]", keyboard)];
  const outcome = [{ question: "q", abstained: false, citations: [citation("readouts/2024-04-10-biden-kishida-state-visit.md", "https://x.example/a")] }];
  const check = (expectation: object, calls = answer, outcomes = outcome) => checkExpectations({ perMessage: false, items: [expectation] }, calls, outcomes);

  it("checks the text the user sees, ignoring case and spacing", () => {
    expect(check({ contains: ["april 10,   2024", "& talked"] })).toEqual([]);
    expect(check({ contains: ["<b>"] })[0]).toMatch(/^should contain “<b>”, but the bot said: “They met on April 10, 2024 & talked. \[1\]”/);
    expect(check({ not_contains: ["talked"] })).toHaveLength(1);
    expect(check({ matches: ["\\[1\\]$"] })).toEqual([]);
    expect(check({ matches: ["/^they/i"] })).toEqual([]);
    expect(check({ matches: ["^they"] })).toHaveLength(1);
  });

  it("checks sources, abstention, buttons and the number of replies", () => {
    expect(check({ cites: ["biden-kishida-state-visit", "2024-04-10-biden-kishida-state-visit.md", "https://x.example/a"], abstains: false })).toEqual([]);
    expect(check({ cites: ["kishida-white-house"] })[0]).toBe(
      "should cite kishida-white-house, but the sources are: readouts/2024-04-10-biden-kishida-state-visit.md",
    );
    expect(check({ abstains: true })[0]).toMatch(/^should abstain, but the bot answered/);
    expect(check({ abstains: false }, [sent("hi")], [])[0]).toMatch(/did not answer one in this turn/);
    expect(check({ buttons: 2 })).toEqual([]);
    expect(check({ buttons: ["[1]", "¶4"] })).toEqual([]);
    expect(check({ buttons: ["[1]"] })[0]).toBe("should have buttons [[1]], but has [[1] ¶3 Biden] [[2] ¶4 Biden]");
    expect(check({ messages: 1 })).toEqual([]);
    expect(check({ silent: true })[0]).toMatch(/^should stay silent, but the bot sent 1 reply/);
    expect(check({ silent: true }, [], [])).toEqual([]);
    expect(check({ contains: ["x"] }, [], [])).toEqual(["should reply, but the bot stayed silent"]);
  });

  it("checks message by message with a list, counting a notice on a button as a reply", () => {
    const calls: RecordedCall[] = [
      sent("first part"),
      sent("second part"),
      { method: "answerCallbackQuery", payload: { callback_query_id: "1", text: "That button is old" } },
    ];
    const items = [{ contains: ["first"] }, { contains: ["second"] }, { contains: ["old"] }];
    expect(checkExpectations({ perMessage: true, items }, calls, [])).toEqual([]);
    expect(checkExpectations({ perMessage: true, items: [{ contains: ["first"] }] }, calls, [])).toEqual(["should send 1 reply, but the bot sent 3 replies"]);
  });

  it("matches article ids by their end at a word boundary only", () => {
    const c = citation("feeds/caldovia-government-2024-06.jsonl#pm-2024-06-07-halvarsen-marquena");
    expect(citationMatches("pm-2024-06-07-halvarsen-marquena", c)).toBe(true);
    expect(citationMatches("halvarsen-marquena", c)).toBe(true);
    expect(citationMatches("feeds/caldovia-government-2024-06.jsonl#pm-2024-06-07-halvarsen-marquena", c)).toBe(true);
    expect(citationMatches("arquena", c)).toBe(false);
    expect(citationMatches("news/other.md", c)).toBe(false);
  });
});

describe("normalising and diffing", () => {
  it("replaces timestamps and durations, nothing else", () => {
    expect(normalizeVolatile("Last ingest: 2026-11-27T19:20:04.813Z. Since start (3 min ago), p50 0.4 s, 120 ms, 1 h 5 min; 10 April 2024")).toBe(
      "Last ingest: <time>. Since start (<duration> ago), p50 <duration>, <duration>, <duration>; 10 April 2024",
    );
  });

  it("shows changed lines, shortens unchanged runs, and marks the changed words of long lines", () => {
    const before = ["header", "a", "b", "c", "d", `${"long sentence ".repeat(8)}with agro-towns here and more words after it`, "tail"].join("\n");
    const after = before.replace("agro-towns", "model farms");
    const diff = lineDiff(before, after);
    expect(diff).toContain("  … 3 unchanged lines");
    expect(diff).toContain("- long sentence");
    expect(diff).toContain("+ long sentence");
    expect(diff).toContain("~ …");
    expect(diff).toContain("[-agro-towns-]{+model farms+}");
    expect(wordDiff("one two three", "one 2 three")).toBe("one [-two-]{+2+} three");
  });
});

describe("--update", () => {
  it("fills in empty replies of hand-written turns, keeps comments and expectations, and the next replay compares exactly", async () => {
    const dir = await tempDir("readout-update-");
    try {
      const file = path.join(dir, "c.yaml");
      await writeFile(
        file,
        "# my notes\ntitle: exact\nturns:\n  - user: /help\n    replies:\n  - user: When did Biden meet Kishida?\n    expect: { contains: Nope }   # stays\n",
      );
      const first = await replayPaths([file], { services: testServices() });
      expect(formatOutcome(first.conversations[0]!)).toContain("no replies recorded yet (run with --update to fill them in)");
      const updated = await replayPaths([file], { services: testServices(), update: true });
      expect(updated).toMatchObject({ failed: 1, updated: 1 });
      expect(formatOutcome(updated.conversations[0]!)).toContain("should contain “Nope”");
      const text = await readFile(file, "utf8");
      expect(text).toMatch(/^# my notes\n/);
      expect(text).toContain("expect: { contains: Nope } # stays");
      expect(text).toContain("method: sendMessage");
      expect(text).toContain("<b>How to ask</b>");
      await writeFile(file, text.replace("Nope", "President Biden").replace("How to ask", "How to ask?"));
      const again = await replayPaths([file], { services: testServices() });
      expect(formatOutcome(again.conversations[0]!)).toMatch(/- <b>How to ask\?<\/b>\n\s+\+ <b>How to ask<\/b>/);
    } finally {
      await removeDir(dir);
    }
  });
});
