/**
 * The LLM answerer on part of the sample evaluation set, against the fake LLM
 * server replaying tests/fixtures/llm/sample-eval.json (recorded completions,
 * some with mistakes planted on purpose), over a temporary index of data/articles/.
 * The whole set, with figures: `npx tsx bench/llm-eval.ts` (or `npm run bench -- llm-eval`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReadoutEmbeddings } from "../../src/embeddings/index.js";
import { checkCitations, citedNumbers } from "../../src/retrieval/compose/citations.js";
import { ANSWER_SYSTEM, formatPassages } from "../../src/retrieval/compose/prompts.js";
import type { RetrievalSettings } from "../../src/retrieval/settings.js";
import type { Passage } from "../../src/retrieval/types.js";
import { openIndex } from "../../src/store/index-store.js";
import { startFakeLlmServer } from "../helpers/fake-llm-server.js";
import {
  articleLookup,
  entryKey,
  formatPromptsToAnswer,
  mergeCaptured,
  replayPrompt,
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
import { citedText, passageRef, refMarker, refsIn } from "../helpers/passage-refs.js";
import { createSampleSetup, type SampleSetup } from "../helpers/sample-index.js";

const fixture = loadSampleEvalFixture();
const allItems = loadSampleEvalSet();
const planted = fixture.completions.filter((entry) => entry.planted && entry.step === "answer");
// Every planted mistake, a three-turn conversation, a reply that abstains, and a question the support check wrongly stops.
const SUBSET = withConversationContext(allItems, [...new Set([...planted.flatMap((entry) => entry.ids), "s003", "s043", "s074", "s033"])]);

describe("the LLM answerer against recorded completions (sample set subset)", () => {
  let setup: SampleSetup | undefined;
  let indexDir: string;
  let embeddings: ReadoutEmbeddings;
  let report: LlmEvalReport;

  beforeAll(async () => {
    setup = await createSampleSetup("readout-llm-eval-test-");
    ({ embeddings } = setup);
    indexDir = setup.config.indexDir;
    report = await runLlmEval({ indexDir, embeddings, items: SUBSET, fixture, variants: ["llm", "llm-ungated"] });
  }, 300_000);

  afterAll(async () => {
    await setup?.close();
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

  const isEntry = (recorded: RecordedCompletion | undefined, entry: RecordedCompletion) => recorded !== undefined && entryKey(recorded) === entryKey(entry);
  const gatedRunOf = (entry: RecordedCompletion) => report.runs.llm!.items.find((run) => isEntry(run.answer?.call.recorded, entry));

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
      expect(report.planted.find((outcome) => isEntry(outcome.entry, entry))?.caught).toBe(true);
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

  it("removes a planted wrong-passage sentence whose day the cited passage does not have, and says which it let through", () => {
    const entries = planted.filter((entry) => entry.planted!.mistake === "wrong-passage");
    expect(entries.length).toBeGreaterThan(0);
    const outcomes = entries.map((entry) => report.planted.find((outcome) => isEntry(outcome.entry, entry))!);
    expect(outcomes.filter((outcome) => outcome.caught).length).toBeGreaterThan(0);
    for (const [i, entry] of entries.entries()) {
      const run = gatedRunOf(entry)!;
      const [, article, paragraph] = /\[\[(.+)¶(\d+)\]\]/u.exec(entry.planted!.text!)!;
      const shown = run.result.citations.some((citation) => citation.source === article && citation.paragraph === Number(paragraph));
      expect(outcomes[i]!.caught, entry.ids.join(", ")).toBe(!shown);
      if (!shown) expect(run.answer!.checker.ungroundedSentences.length).toBeGreaterThan(0);
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
        expect(isEntry(ungated.answer?.call.recorded, entry)).toBe(true);
        expect(ungated.result.abstained).toBe(false);
        expect(gated.calls.filter((call) => call.step === "answer")).toEqual([]);
        expect(gated.result.abstained).toBe(true);
        expect(gated.result.abstentionReason).toBeTruthy();
      }
    }
    // The others passed the support check: the report must say they reached the user, not count them as caught.
    for (const entry of entries.filter((candidate) => gatedRunOf(candidate))) {
      const outcome = report.planted.find((candidate) => isEntry(candidate.entry, entry))!;
      expect(outcome.caught).toBe(gatedRunOf(entry)!.result.abstained);
    }
  });

  it("reports a recording whose cited passage is no longer given, naming the question and the passage, with the way to re-record", async () => {
    const item = allItems.find((candidate) => candidate.id === "s004")!;
    const recorded = fixture.completions.find((entry) => entry.step === "answer" && entry.ids.includes("s004"))!;
    const cited = refsIn(recorded.reply!)[0]!;
    // As if retrieval had since been tuned: the reply cites a passage that this prompt no longer gives.
    const gone = "readouts/elsewhere.md¶4";
    const staleEntry: RecordedCompletion = {
      ...recorded,
      reply: recorded.reply!.split(refMarker(cited)).join(refMarker(gone)),
      cites: { ...recorded.cites, [gone]: citedText("The leaders met elsewhere to discuss something else entirely.") },
    };
    const stale: SampleEvalFixture = { completions: [...fixture.completions.filter((entry) => entry !== recorded), staleEntry] };
    const staleReport = await runLlmEval({ indexDir, embeddings, items: [item], fixture: stale, variants: ["llm"] });
    expect(staleReport.misses).toHaveLength(1);
    expect(staleReport.misses[0]!.reason).toBe("stale");
    expect(staleReport.misses[0]!.detail).toMatch(
      /^the prompt changed: readouts\/elsewhere\.md¶4 \("The leaders met elsewhere.*"\) is no longer among the passages given/,
    );
    const message = formatMisses(staleReport.misses);
    expect(message).toContain("s004 (answer, llm, key");
    expect(message).toContain(`"${recorded.question}"`);
    expect(message).toContain("no recorded completion for this prompt");
    expect(message).toContain("npx tsx bench/llm-eval.ts --capture");
    // --capture reopens it for a new reply, and the prompts file names the passages to cite.
    const merged = mergeCaptured(stale, staleReport);
    expect(merged.reopened.map(entryKey)).toEqual([entryKey(recorded)]);
    expect(merged.fixture.completions.find((entry) => entryKey(entry) === entryKey(recorded))!.reply).toBeNull();
    expect(formatPromptsToAnswer(staleReport.misses)).toContain(refMarker(cited));
  }, 60_000);

  it("keeps a recording valid when passages it does not cite are reordered or replaced, and not when a cited one is dropped or changed", async () => {
    // An answer that cites some of its passages and not others, as the configured chain sent it.
    const run = report.runs.llm!.items.find((candidate) => {
      const reply = candidate.answer?.call.recorded?.reply;
      const given = candidate.result.retrieved ?? [];
      return (
        reply && refsIn(reply).length > 0 && given.filter((passage) => !refsIn(reply).includes(passageRef(passage.articleId, passage.paragraph))).length >= 2
      );
    })!;
    expect(run, "an answer citing some of its passages").toBeDefined();
    const call = run.answer!.call;
    const entry = call.recorded!;
    const passages = run.result.retrieved!;
    const cited = refsIn(entry.reply!);
    const refOf = (passage: Passage) => passageRef(passage.articleId, passage.paragraph);
    const uncited = passages.filter((passage) => !cited.includes(refOf(passage)));
    const stranger = report.runs
      .llm!.items.flatMap((other) => other.result.retrieved ?? [])
      .find((passage) => !passages.some((given) => given.articleId === passage.articleId))!;
    const index = await openIndex(indexDir, embeddings);
    const articles = articleLookup(index);
    const numbered = (given: Passage[]) => given.map((passage, i) => ({ ...passage, n: i + 1 }));
    const promptWith = (given: Passage[]) => call.prompt.replace(formatPassages(passages), formatPassages(numbered(given)));
    const citedPassages = (reply: string, given: Passage[]) =>
      checkCitations(reply, given).citations.map((citation) => `${citation.source}¶${citation.paragraph}`);

    // Reversed, one uncited passage replaced by another article's, one dropped: the cited passages get new numbers, the reply still fits.
    const changed = numbered(
      [...passages]
        .reverse()
        .filter((passage) => passage !== uncited[1])
        .map((passage) => (passage === uncited[0] ? stranger : passage)),
    );
    const replay = replayPrompt(fixture, ANSWER_SYSTEM, promptWith(changed), articles);
    expect(replay.detail).toBeUndefined();
    expect(citedPassages(replay.reply!, changed)).toEqual(citedPassages(call.reply!, passages));
    expect(citedNumbers(replay.reply!)).not.toEqual(citedNumbers(call.reply!));

    // A cited passage dropped: stale, naming it.
    const dropped = replayPrompt(fixture, ANSWER_SYSTEM, promptWith(passages.filter((passage) => refOf(passage) !== cited[0])), articles);
    expect(dropped.reason).toBe("stale");
    expect(dropped.detail).toContain(`${cited[0]} ("`);
    expect(dropped.detail).toContain("is no longer among the passages given");
    // A cited passage whose text changed: stale too.
    const edited = replayPrompt(
      fixture,
      ANSWER_SYSTEM,
      promptWith(passages.map((passage) => (refOf(passage) === cited[0] ? { ...passage, text: `${passage.text} A sentence added later.` } : passage))),
      articles,
    );
    expect(edited.reason).toBe("stale");
    expect(edited.detail).toContain(`${cited[0]} ("`);
    expect(edited.detail).toContain("its text changed");
  });

  it("takes a reply written by hand with [[article¶p]] markers: --capture fills in the cited texts, then it replays", async () => {
    const item = allItems.find((candidate) => candidate.id === "s004")!;
    const recorded = fixture.completions.find((entry) => entry.step === "answer" && entry.ids.includes("s004"))!;
    const ref = refsIn(recorded.reply!)[0]!;
    const handWritten: SampleEvalFixture = {
      completions: fixture.completions.map((entry) =>
        entry === recorded ? { ...entry, cites: {}, reply: `Biden and Kishida met in Hiroshima on May 18, 2023 ${refMarker(ref)}.` } : entry,
      ),
    };
    const first = await runLlmEval({ indexDir, embeddings, items: [item], fixture: handWritten, variants: ["llm"] });
    expect(first.misses.map((miss) => miss.reason)).toEqual(["incomplete"]);
    expect(first.misses[0]!.detail).toContain(`cites ${refMarker(ref)} without their text: --capture fills it in`);
    const merged = mergeCaptured(handWritten, first);
    expect(merged.fixture.completions.find((entry) => entryKey(entry) === entryKey(recorded))!.cites).toEqual({ [ref]: recorded.cites![ref] });
    const second = await runLlmEval({ indexDir, embeddings, items: [item], fixture: merged.fixture, variants: ["llm"] });
    expect(second.misses).toEqual([]);
    expect(second.runs.llm!.items[0]!.answer!.reply).toMatch(/^Biden and Kishida met in Hiroshima on May 18, 2023 \[\d+\]\.$/);
  }, 60_000);

  it("keys a follow-up rewrite by the question and the previous question, not by the previous answer", async () => {
    const items = withConversationContext(allItems, ["s003"]);
    const opening = fixture.completions.find((entry) => entry.step === "answer" && entry.ids.includes("s001"))!;
    // Another wording of the first answer: the rewriter is shown it, and its recordings still fit.
    const reworded: SampleEvalFixture = {
      completions: fixture.completions.map((entry) =>
        entry === opening
          ? { ...entry, reply: `Their most recent meeting was on April 10, 2024, at the White House ${refsIn(entry.reply!).map(refMarker).join("")}.` }
          : entry,
      ),
    };
    const replay = await runLlmEval({ indexDir, embeddings, items, fixture: reworded, variants: ["llm"] });
    expect(replay.misses).toEqual([]);
    expect(replay.runs.llm!.items.map((run) => run.result.standaloneQuestion)).toEqual(
      report.runs.llm!.items.filter((run) => items.includes(run.item)).map((run) => run.result.standaloneQuestion),
    );
    expect(replay.runs.llm!.items[1]!.calls.find((call) => call.step === "followup")!.prompt).toContain("Their most recent meeting was on April 10, 2024");
    // A different previous question is a different conversation: the rewrite recorded after it does not apply.
    const rewrite = fixture.completions.find((entry) => entry.step === "followup" && entry.ids.includes("s002"))!;
    const elsewhere: SampleEvalFixture = {
      completions: fixture.completions.map((entry) => (entry === rewrite ? { ...entry, previousQuestion: "When did Biden first meet Kishida?" } : entry)),
    };
    const stale = await runLlmEval({ indexDir, embeddings, items: withConversationContext(allItems, ["s002"]), fixture: elsewhere, variants: ["llm"] });
    const miss = stale.misses.find((candidate) => candidate.step === "followup")!;
    expect(miss.id).toBe("s002");
    expect(miss.detail).toBe(`the question was recorded after "When did Biden first meet Kishida?", now it follows "${opening.question}"`);
  }, 60_000);

  it("after a real retrieval change, misses only the recordings whose cited passages are no longer given", async () => {
    const before = new Map(report.runs.llm!.items.map((run) => [run.item.id, run]));
    /** Replays under other retrieval settings: how many replies got new numbers, and the misses (each checked against the passages given). */
    const replayWith = async (settings: Partial<RetrievalSettings>) => {
      const changed = await runLlmEval({ indexDir, embeddings, items: SUBSET, fixture, variants: ["llm"], settings });
      let renumbered = 0;
      let passagesChanged = 0;
      for (const run of changed.runs.llm!.items) {
        const old = before.get(run.item.id)!;
        const given = new Set((run.result.retrieved ?? []).map((passage) => passageRef(passage.articleId, passage.paragraph)));
        if ([...given].join() !== (old.result.retrieved ?? []).map((passage) => passageRef(passage.articleId, passage.paragraph)).join()) passagesChanged++;
        const miss = changed.misses.find((candidate) => candidate.id === run.item.id && candidate.step === "answer");
        const entry = old.answer?.call.recorded;
        if (!entry || run.result.standaloneQuestion !== old.result.standaloneQuestion) continue;
        if (run.answer === undefined && !miss) continue; // the support check abstained before asking
        const allCitedGiven = refsIn(entry.reply!).every((ref) => given.has(ref));
        expect(miss === undefined, `${run.item.id}: ${miss?.detail ?? "replayed"}`).toBe(allCitedGiven);
        if (miss) expect(miss.detail).toContain("is no longer among the passages given");
        if (!miss && run.answer!.reply !== old.answer!.reply) renumbered++;
      }
      expect(passagesChanged).toBeGreaterThan(0);
      return { renumbered, misses: changed.misses };
    };
    // Dense search down-weighted: other passages in another order; the replies cite the same passages under new numbers.
    expect((await replayWith({ denseWeight: 0.3 })).renumbered).toBeGreaterThan(0);
    // Fewer passages, no sibling paragraphs of the best article: some cited passages are dropped.
    expect((await replayWith({ finalK: 4, siblingParagraphs: 0 })).misses.length).toBeGreaterThan(0);
  }, 120_000);

  it("records a conversation from a real endpoint pass after pass, until every prompt has a reply", async () => {
    const upstream = await startFakeLlmServer({
      responder: (request) =>
        request.messages[0]?.content.startsWith("You rewrite")
          ? `${/Latest question: (.*)/u.exec(request.lastUserMessage)?.[1] ?? ""} (Biden and Xi, April 2024)`
          : `They spoke on April 2, 2024 [1]. Turn ${request.lastUserMessage.length} [2].`,
    });
    try {
      const items = withConversationContext(allItems, ["s014"]);
      const recorded = await captureFromUpstream({
        indexDir,
        embeddings,
        items,
        fixture: { completions: [] },
        variants: ["llm"],
        upstream: { url: upstream.openaiBaseUrl, model: "real-model", apiKey: "sk-test-upstream-key" },
      });
      // Turn 3's rewrite is keyed by turn 2's standalone question, which exists only once turn 2's rewrite is recorded.
      expect(recorded.passes).toBeGreaterThanOrEqual(3);
      expect(recorded.fixture.completions.filter((entry) => entry.step === "followup")).toHaveLength(2);
      expect(recorded.fixture.completions.every((entry) => entry.reply !== null && !entry.planted)).toBe(true);
      const replay = await runLlmEval({ indexDir, embeddings, items, fixture: recorded.fixture, variants: ["llm"] });
      expect(replay.misses).toEqual([]);
      expect(replay.runs.llm!.items.map((run) => run.result.standaloneQuestion)).toEqual([
        items[0]!.question,
        "what did they discuss? (Biden and Xi, April 2024)",
        "and who is travelling to China? (Biden and Xi, April 2024)",
      ]);
      expect(upstream.requests.every((request) => request.headers.authorization === "Bearer sk-test-upstream-key")).toBe(true);
    } finally {
      await upstream.close();
    }
  }, 120_000);
});
