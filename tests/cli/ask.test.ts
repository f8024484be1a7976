/**
 * `npm run ask` as a child process against a temporary index of the retrieval
 * fixtures: the JSON object of `--json`, the JSON lines of `--jsonl` (with
 * conversations, bad lines and the exit code), the text for people, and the
 * usage errors.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ABSTENTION } from "../../src/retrieval/types.js";
import { runCliScript } from "../helpers/cli-process.js";
import { FIXTURE_TODAY, LAKE_ORVEL_CITATION, useRetrievalFixture } from "../helpers/temp-index.js";

const ASK = "src/cli/ask.ts";
const ANSWER_KEYS = ["question", "answer", "abstained", "citations"];
const CITATION_KEYS = ["n", "source", "title", "date", "url", "paragraph", "text"];

const fixture = useRetrievalFixture();

const ask = (args: string[], input?: string) => runCliScript(ASK, ["--index", fixture.dir, ...args], { input, env: { READOUT_TODAY: FIXTURE_TODAY } });

/** Citations must be passages of the index: the same article, paragraph and text. */
function expectIndexedCitations(citations: { source: string; paragraph: number; text: string; title: string }[]) {
  for (const citation of citations) {
    const article = fixture.index.articles.get(citation.source);
    expect(article, citation.source).toBeDefined();
    expect(citation.text).toBe(article!.paragraphs[citation.paragraph - 1]);
    expect(citation.title).toBe(article!.meta.title);
  }
}

describe("npm run ask -- --json", () => {
  it("prints exactly one JSON object with the documented fields", async () => {
    const run = await ask(["--json", "When did Varga meet Kettering at Lake Orvel?"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(Object.keys(json)).toEqual(ANSWER_KEYS);
    expect(json.question).toBe("When did Varga meet Kettering at Lake Orvel?");
    expect(json.abstained).toBe(false);
    expect(json.answer).toMatch(/^June 15, 2023 — .*\[1\]\.$/);
    expect(json.citations.length).toBeGreaterThan(0);
    for (const citation of json.citations) expect(Object.keys(citation)).toEqual(CITATION_KEYS);
    expect(json.citations[0]).toEqual(LAKE_ORVEL_CITATION);
    expectIndexedCitations(json.citations);
  });

  it("reports an abstention as abstained with no citations", async () => {
    const run = await ask(["--json", "When did Varga meet the King of Tonga?"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ question: "When did Varga meet the King of Tonga?", answer: ABSTENTION, abstained: true, citations: [] });
  });
});

describe("npm run ask (for people)", () => {
  it("prints the answer, then each source with its title, date, paragraph, id, URL and text", async () => {
    const run = await ask(["When", "did", "Varga", "meet", "Kettering", "at", "Lake", "Orvel?"]);
    expect(run.code).toBe(0);
    const [answer, blank, heading, source, where, quote] = run.stdout.trimEnd().split("\n");
    expect(answer).toMatch(/^June 15, 2023 — .*\[1\]\.$/);
    expect(blank).toBe("");
    expect(heading).toBe("Sources:");
    expect(source).toBe("[1] Varga and Kettering Hold Talks at Lake Orvel (June 15, 2023), paragraph 1");
    expect(where).toBe("    source: 2023-06-16-varga-kettering-lake-orvel.md  https://fixtures.readout.example/2023-06-16-varga-kettering-lake-orvel");
    expect(quote).toMatch(/^ {4}“Prime Minister Odile Varga hosted .*”$/);
  });
});

describe("npm run ask -- --jsonl", () => {
  it("answers one line per question, resolves follow-ups within a conversation, and reports bad lines with their numbers", async () => {
    const input = [
      JSON.stringify({ id: "q1", conversation: "c1", question: "When did Varga meet Volkovskiy?" }),
      JSON.stringify({ id: "q2", conversation: "c1", question: "what did they discuss?" }),
      "{ this is not json",
      JSON.stringify({ id: "q4", question: "   " }),
      "",
      JSON.stringify({ id: 6, question: "When did Varga meet the King of Tonga?" }),
      JSON.stringify({ question: "no id" }),
      JSON.stringify({ id: "q8", conversation: "c2", question: "When did Aaltonen receive Pruss?" }),
      JSON.stringify({ id: "q9", conversation: "c2", question: "what did they discuss?" }),
    ].join("\n");
    const run = await ask(["--jsonl"], `${input}\n`);
    expect(run.code).toBe(1);

    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(["q1", "q2", "6", "q8", "q9"]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(["id", ...ANSWER_KEYS]);
      for (const citation of line.citations) expect(Object.keys(citation)).toEqual(CITATION_KEYS);
      expectIndexedCitations(line.citations);
    }
    const [first, followUp, tonga, other, otherFollowUp] = lines;
    expect(first.answer).toMatch(/^April 3, 2023 — /);
    // The second answer is about the first question's meeting.
    expect(followUp.question).toBe("what did they discuss?");
    expect(followUp.abstained).toBe(false);
    expect(followUp.answer).toMatch(/grain corridor/);
    expect(new Set(followUp.citations.map((c: { source: string }) => c.source))).toEqual(new Set(["2023-04-03-varga-volkovskiy-halvik.md"]));
    expect(tonga).toMatchObject({ abstained: true, citations: [] });
    // A second conversation resolves against its own first question.
    expect(other.answer).toMatch(/^September 12, 2023 — /);
    expect(new Set(otherFollowUp.citations.map((c: { source: string }) => c.source))).toEqual(new Set(["2023-09-12-aaltonen-pruss-tarvasko.md"]));

    const errors = run.stderr.trimEnd().split("\n");
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^ask: skipped line 3: not valid JSON/);
    expect(errors[1]).toMatch(/^ask: skipped line 4: question: question is empty$/);
    expect(errors[2]).toMatch(/^ask: skipped line 7: id: /);
  });

  it("exits 0 when every line is good, and takes a per-line today for relative dates", async () => {
    const input = [
      JSON.stringify({ id: "r1", question: "What did Varga and Kettering sign last September?", today: "2024-10-15" }),
      JSON.stringify({ id: "r2", question: "What did Varga and Kettering sign last September?", today: "2025-10-15" }),
    ].join("\n");
    const run = await ask(["--jsonl"], input);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [lastYear, later] = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lastYear.answer).toMatch(/^September 20, 2024 — /);
    expect(later.abstained).toBe(true);
  });

  it("writes nothing and exits 0 for empty input", async () => {
    const run = await ask(["--jsonl"], "");
    expect(run).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("usage errors exit 2 with a clear message", () => {
  it("no question", async () => {
    const run = await ask([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^ask: No question given\.\n\nUsage:\n {2}readout ask /);
  });

  it("a missing index names the folder and how to build one", async () => {
    const missing = path.join(fixture.root, "no-index-here");
    const run = await runCliScript(ASK, ["--index", missing, "--json", "When did Varga meet Kettering?"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd()).toBe(`ask: No index in ${missing}. Build one with: npm run ingest -- --index ${missing} data/articles`);
  });

  it("a question together with --jsonl, a malformed --today, an unknown option", async () => {
    const both = await ask(["--jsonl", "When did Varga meet Kettering?"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--jsonl reads questions from standard input/);
    const today = await ask(["--today", "15/01/2025", "When did Varga meet Kettering?"]);
    expect(today.code).toBe(2);
    expect(today.stderr).toMatch(/--today must be a real day written YYYY-MM-DD, not "15\/01\/2025"/);
    const impossible = await ask(["--today", "2024-13-45", "When did Varga meet Kettering?"]);
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toMatch(/--today must be a real day written YYYY-MM-DD, not "2024-13-45"/);
    const unknown = await ask(["--frobnicate", "When did Varga meet Kettering?"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^ask: unknown option '--frobnicate'\n[\s\S]*Usage:/);
    const nearMiss = await ask(["--jsno", "When did Varga meet Kettering?"]);
    expect(nearMiss.code).toBe(2);
    expect(nearMiss.stderr).toMatch(/^ask: unknown option '--jsno' \(did you mean --json\?\)/);
  });

  it("--help prints the usage and exits 0", async () => {
    const run = await ask(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--json {2,}print one JSON object/);
    expect(run.stdout).toMatch(/--jsonl {2,}read JSON lines/);
  });
});
