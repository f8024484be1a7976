/**
 * The LLM answerer on part of the sample evaluation set, against the fake LLM
 * server replaying tests/fixtures/llm/sample-eval.json (recorded completions,
 * some with mistakes planted on purpose), over a temporary index of data/articles/.
 * The whole set, with figures: `npx tsx bench/llm-eval.ts` (or `npm run bench -- llm-eval`).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { createEmbeddings, type ReadoutEmbeddings } from "../../src/embeddings/index.js";
import { citedNumbers } from "../../src/retrieval/citations.js";
import { startFakeLlmServer } from "../helpers/fake-llm-server.js";
import {
  captureFromUpstream,
  formatMisses,
  loadSampleEvalFixture,
  loadSampleEvalSet,
  runLlmEval,
  withConversationContext,
  type LlmEvalReport,
  type RecordedCompletion,
  type SampleEvalFixture,
} from "../helpers/llm-eval.js";
import { buildSampleIndex, REPO_ROOT } from "../helpers/sample-index.js";

const fixture = loadSampleEvalFixture();
const allItems = loadSampleEvalSet();
const planted = fixture.completions.filter((entry) => entry.planted && entry.step === "answer");
// Every planted mistake, a three-turn conversation, a reply that abstains, and a question the support check wrongly stops.
const SUBSET = withConversationContext(allItems, [...new Set([...planted.flatMap((entry) => entry.ids), "s003", "s043", "s074", "s033"])]);

describe("the LLM answerer against recorded completions (sample set subset)", () => {
  let tmp: string;
  let indexDir: string;
  let embeddings: ReadoutEmbeddings;
  let report: LlmEvalReport;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "readout-llm-eval-test-"));
    indexDir = path.join(tmp, "index");
    const config = parseConfig({ READOUT_INDEX_DIR: indexDir, LOG_LEVEL: "silent" }, REPO_ROOT);
    embeddings = createEmbeddings(config.embeddings);
    await buildSampleIndex(indexDir, embeddings, config);
    report = await runLlmEval({ indexDir, embeddings, items: SUBSET, fixture, variants: ["llm", "llm-ungated"] });
  }, 300_000);

  afterAll(async () => {
    await embeddings?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const runs = () => [report.runs.llm!, report.runs["llm-ungated"]!];

  it("has a recorded completion for every prompt the chain sends", () => {
    // On failure the message names each question, what changed, and the command that re-records.
    expect(report.misses.length === 0 ? "" : formatMisses(report.misses)).toBe("");
    expect(report.runs.llm!.checker.answerCalls).toBeGreaterThan(10);
    expect(report.runs.llm!.checker.followUpCalls).toBeGreaterThan(0);
  });

  it("covers every kind of planted mistake", () => {
    expect(new Set(planted.filter((entry) => entry.ids.some((id) => SUBSET.some((item) => item.id === id))).map((entry) => entry.planted!.mistake))).toEqual(
      new Set(["invalid-citation", "uncited-sentence", "wrong-passage", "should-abstain"]),
    );
  });

  it("never shows a citation to a passage that was not given", () => {
    for (const run of runs()) {
      for (const { item, result, score } of run.items) {
        const where = `${run.variant} ${item.id}: ${result.answer}`;
        expect(score.unretrievedCitations, where).toBe(0);
        const given = new Set((result.retrieved ?? []).map((passage) => `${passage.articleId}#${passage.paragraph}#${passage.text}`));
        for (const citation of result.citations) expect(given.has(`${citation.source}#${citation.paragraph}#${citation.text}`), where).toBe(true);
        // Markers are renumbered 1..k over the citations the user gets.
        for (const n of citedNumbers(result.answer)) expect(n >= 1 && n <= result.citations.length, where).toBe(true);
        if (result.abstained) expect(result.citations, where).toEqual([]);
      }
    }
  });

  const gatedRunOf = (entry: RecordedCompletion) => report.runs.llm!.items.find((run) => run.answer?.call.key === entry.key);

  it("removes the planted citations to passages that were not given", () => {
    const entries = planted.filter((entry) => entry.planted!.mistake === "invalid-citation");
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const run = gatedRunOf(entry);
      expect(run, `the prompt of ${entry.ids.join(", ")} was sent`).toBeDefined();
      const bad = citedNumbers(entry.planted!.text ?? "")[0]!;
      expect(bad).toBeGreaterThan(run!.result.retrieved!.length);
      expect(run!.answer!.reply).toContain(`[${bad}]`);
      expect(run!.answer!.checker.invalidNumbers).toContain(bad);
      expect(citedNumbers(run!.result.answer).every((n) => n <= run!.result.citations.length)).toBe(true);
      expect(report.planted.find((outcome) => outcome.entry.key === entry.key)?.caught).toBe(true);
    }
  });

  it("removes the planted sentences that cite nothing", () => {
    const entries = planted.filter((entry) => entry.planted!.mistake === "uncited-sentence");
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const run = gatedRunOf(entry)!;
      const sentence = entry.planted!.text!;
      expect(run.answer!.reply).toContain(sentence);
      expect(run.answer!.checker.removedSentences).toContain(sentence);
      expect(run.result.answer).not.toContain(sentence);
      expect(run.result.abstained).toBe(false);
    }
  });

  it("catches the planted should-have-abstained answers where the support check can", () => {
    const entries = planted.filter((entry) => entry.planted!.mistake === "should-abstain");
    const caughtByCheck = entries.filter((entry) => !gatedRunOf(entry));
    expect(caughtByCheck.length).toBeGreaterThan(0);
    for (const entry of caughtByCheck) {
      for (const id of entry.ids) {
        const gated = report.runs.llm!.items.find((run) => run.item.id === id)!;
        const ungated = report.runs["llm-ungated"]!.items.find((run) => run.item.id === id)!;
        // Without the check the model's answer reaches the user; with it the model is never asked.
        expect(ungated.answer?.call.key).toBe(entry.key);
        expect(ungated.result.abstained).toBe(false);
        expect(gated.calls.filter((call) => call.step === "answer")).toEqual([]);
        expect(gated.result.abstained).toBe(true);
        expect(gated.result.abstentionReason).toBeTruthy();
      }
    }
    // The others passed the support check: the report must say they reached the user, not count them as caught.
    for (const entry of entries.filter((candidate) => gatedRunOf(candidate))) {
      const outcome = report.planted.find((candidate) => candidate.entry.key === entry.key)!;
      expect(outcome.caught).toBe(gatedRunOf(entry)!.result.abstained);
    }
  });

  it("reports a prompt that changed since it was recorded, with the way to re-record", async () => {
    const item = allItems.find((candidate) => candidate.id === "s004")!;
    const recorded = fixture.completions.find((entry) => entry.step === "answer" && entry.ids.includes("s004"))!;
    // As if retrieval had since been tuned: the recording was made for other passages.
    const stale: SampleEvalFixture = {
      completions: [
        ...fixture.completions.filter((entry) => entry !== recorded),
        { ...recorded, key: "0123456789abcdef", passages: [...recorded.passages!.slice(1), "[9] readouts/elsewhere.md ¶4"] },
      ],
    };
    const staleReport = await runLlmEval({ indexDir, embeddings, items: [item], fixture: stale, variants: ["llm"] });
    expect(staleReport.misses).toHaveLength(1);
    expect(staleReport.misses[0]!.detail).toMatch(/^the prompt changed: passages changed: no longer .*readouts\/elsewhere\.md ¶4/);
    const message = formatMisses(staleReport.misses);
    expect(message).toContain("s004 (answer, llm, key");
    expect(message).toContain("no recorded completion for this prompt");
    expect(message).toContain("npx tsx bench/llm-eval.ts --capture");
  }, 60_000);

  it("records a conversation from a real endpoint pass after pass, until every prompt has a reply", async () => {
    const upstream = await startFakeLlmServer({
      responder: (request) =>
        request.messages[0]?.content.startsWith("You rewrite")
          ? `${/Latest question: (.*)/u.exec(request.lastUserMessage)?.[1] ?? ""} (Biden and Xi, April 2024)`
          : `They spoke on April 2, 2024 [1]. Turn ${request.lastUserMessage.length} [2].`,
    });
    try {
      const items = withConversationContext(allItems, ["s014"]);
      const recorded = await captureFromUpstream({ indexDir, embeddings, items, fixture: { completions: [] }, variants: ["llm"], upstream: { url: upstream.openaiBaseUrl, model: "real-model", apiKey: "sk-test-upstream-key" } });
      // Turn 2's rewrite prompt shows turn 1's answer, which exists only after the first pass.
      expect(recorded.passes).toBeGreaterThanOrEqual(3);
      expect(recorded.fixture.completions.filter((entry) => entry.step === "followup")).toHaveLength(2);
      expect(recorded.fixture.completions.every((entry) => entry.reply !== null && !entry.planted)).toBe(true);
      const replay = await runLlmEval({ indexDir, embeddings, items, fixture: recorded.fixture, variants: ["llm"] });
      expect(replay.misses).toEqual([]);
      expect(replay.runs.llm!.items.map((run) => run.result.standaloneQuestion)).toEqual([items[0]!.question, "what did they discuss? (Biden and Xi, April 2024)", "and who is travelling to China? (Biden and Xi, April 2024)"]);
      expect(upstream.requests.every((request) => request.headers.authorization === "Bearer sk-test-upstream-key")).toBe(true);
    } finally {
      await upstream.close();
    }
  }, 120_000);
});
