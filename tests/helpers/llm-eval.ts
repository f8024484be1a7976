/**
 * The LLM answerer on an evaluation set, against the fake LLM server replaying
 * recorded completions (tests/fixtures/llm/sample-eval.json), scored by the same
 * code as `npm run eval` (`scoreItem`/`summarize` over `answerLines`).
 *
 * Variants run over one index:
 *   - "offline": the default chain (extractive answerer), as `npm run eval` runs it;
 *   - "llm": the chain as `READOUT_LLM=openai READOUT_LLM_BASE_URL=<fake>` builds it
 *     (LLM follow-up rewriting, LLM answerer behind the support check, citation checker);
 *   - "llm-ungated": the same LLM answerer without the support check, to measure
 *     what the check stops (it never reaches the users; it is a measuring device).
 *
 * Every prompt must have a recorded completion. A prompt that has none (because
 * retrieval, a prompt template or the corpus changed) is a miss: the run goes on
 * with a placeholder so that all misses are listed at once, and the caller must
 * refuse to report figures. `--capture` (bench/llm-eval.ts) adds the missing
 * prompts to the fixture with `"reply": null` and writes their full text to a
 * file, to be answered there.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { parseConfig, type Config } from "../../src/config.js";
import type { ReadoutEmbeddings } from "../../src/embeddings/base.js";
import { createAnswerChain } from "../../src/retrieval/chain.js";
import { checkCitations, citedNumbers, isAbstention } from "../../src/retrieval/citations.js";
import { answerLines } from "../../src/retrieval/conversation.js";
import { parseEvalSet, scoreItem, summarize, type EvalItem, type EvalMetrics, type ItemScore } from "../../src/retrieval/evaluation.js";
import { cleanLlmText, createChatModel, createLlmAnswerer } from "../../src/retrieval/llm.js";
import { openAnswerChain, type OpenedChain } from "../../src/retrieval/open-chain.js";
import { ANSWER_SYSTEM, FOLLOW_UP_SYSTEM, formatPassages } from "../../src/retrieval/prompts.js";
import { ABSTENTION, type AnswerChain, type AnswerResult, type Passage } from "../../src/retrieval/types.js";
import { fixtureKey, startFakeLlmServer, type FakeChatRequest, type FakeLlmServer } from "./fake-llm-server.js";
import { REPO_ROOT } from "./sample-index.js";
import path from "node:path";

export const SAMPLE_EVAL_SET = path.join(REPO_ROOT, "tests/eval/sample.jsonl");
export const SAMPLE_EVAL_FIXTURE = path.join(REPO_ROOT, "tests/fixtures/llm/sample-eval.json");
export const CAPTURE_COMMAND = "npx tsx bench/llm-eval.ts --capture";

export type LlmStep = "answer" | "followup";
export type Variant = "offline" | "llm" | "llm-ungated";
export const VARIANTS: readonly Variant[] = ["offline", "llm", "llm-ungated"];

export const PLANTED_MISTAKES = ["invalid-citation", "uncited-sentence", "wrong-passage", "should-abstain"] as const;
export type PlantedMistake = (typeof PLANTED_MISTAKES)[number];

const completionSchema = z.object({
  /** `fixtureKey(last user message)`: how the fake server matches a request. */
  key: z.string().regex(/^[0-9a-f]{16}$/),
  step: z.enum(["answer", "followup"]),
  /** `fixtureKey(system message)`: a changed system prompt makes the recording stale too. */
  system: z.string().regex(/^[0-9a-f]{16}$/),
  /** The evaluation items whose run sent this prompt. */
  ids: z.array(z.string().min(1)).min(1),
  question: z.string(),
  /** Answer prompts: the numbered passages as "[n] article-id ¶paragraph". */
  passages: z.array(z.string()).optional(),
  /** Follow-up prompts: the conversation the rewriter was shown. */
  history: z.string().optional(),
  /** The completion; null while it is still to be written (after --capture). */
  reply: z.string().nullable(),
  /** A mistake written in on purpose, so that the checker's effect is measured. */
  planted: z
    .object({
      mistake: z.enum(PLANTED_MISTAKES),
      /** The offending part: a marker such as "[7]" or the uncited sentence. */
      text: z.string().optional(),
      note: z.string().min(1),
    })
    .optional(),
});
export type RecordedCompletion = z.infer<typeof completionSchema>;

const fixtureSchema = z.object({
  description: z.string().optional(),
  completions: z.array(completionSchema),
});
export type SampleEvalFixture = z.infer<typeof fixtureSchema>;

export function loadSampleEvalFixture(file = SAMPLE_EVAL_FIXTURE): SampleEvalFixture {
  const parsed = fixtureSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
  const seen = new Set<string>();
  for (const entry of parsed.data.completions) {
    if (seen.has(entry.key)) throw new Error(`${file}: key ${entry.key} is recorded twice`);
    seen.add(entry.key);
  }
  return parsed.data;
}

export function saveSampleEvalFixture(fixture: SampleEvalFixture, file = SAMPLE_EVAL_FIXTURE): void {
  const order = (entry: RecordedCompletion) => `${entry.ids[0]}\u0000${entry.step === "followup" ? 0 : 1}`;
  const completions = [...fixture.completions].sort((a, b) => order(a).localeCompare(order(b)));
  writeFileSync(file, `${JSON.stringify({ ...fixture, completions }, null, 2)}\n`);
}

export function loadSampleEvalSet(file = SAMPLE_EVAL_SET): EvalItem[] {
  return parseEvalSet(readFileSync(file, "utf8"), file);
}

/** The items asked for, with the earlier turns of their conversations (a follow-up needs them). */
export function withConversationContext(items: EvalItem[], ids: Iterable<string>): EvalItem[] {
  const wanted = new Set(ids);
  const unknown = [...wanted].filter((id) => !items.some((item) => item.id === id));
  if (unknown.length > 0) throw new Error(`no such question in the evaluation set: ${unknown.join(", ")}`);
  const conversations = new Set(items.filter((item) => wanted.has(item.id) && item.conversation).map((item) => item.conversation));
  const lastWanted = new Map<string, number>();
  items.forEach((item, index) => {
    if (item.conversation && wanted.has(item.id)) lastWanted.set(item.conversation, index);
  });
  return items.filter((item, index) => wanted.has(item.id) || (item.conversation !== undefined && conversations.has(item.conversation) && index < lastWanted.get(item.conversation)!));
}

/** One chat request the chain sent while answering an item. */
export interface LlmCall {
  step: LlmStep | "unknown";
  key: string;
  /** The last user message, in full. */
  prompt: string;
  system: string;
  /** Undefined for a miss. */
  recorded?: RecordedCompletion;
}

/** What the citation checker did to one recorded reply. */
export interface CheckerEffect {
  /** Citation markers naming a passage number that was not given (each occurrence). */
  invalidCitations: number;
  invalidNumbers: number[];
  /** Sentences removed for carrying no valid citation (an abstention sentence is not counted). */
  removedSentences: string[];
  /** The reply answered, but nothing cited survived: the user sees the abstention. */
  turnedIntoAbstention: boolean;
}

export interface ItemRun {
  item: EvalItem;
  result: AnswerResult;
  score: ItemScore;
  calls: LlmCall[];
  /** The answer step's reply and what the checker made of it (LLM variants, when asked). */
  answer?: { call: LlmCall; reply: string; checker: CheckerEffect };
}

export interface CheckerTotals {
  /** Answer prompts sent to the LLM (the rest abstained before asking it). */
  answerCalls: number;
  followUpCalls: number;
  /** Replies that were the abstention (or another way of saying the passages do not answer). */
  abstainingReplies: number;
  invalidCitations: number;
  answersWithInvalidCitations: number;
  removedSentences: number;
  answersWithRemovedSentences: number;
  turnedIntoAbstention: number;
}

export interface VariantRun {
  variant: Variant;
  items: ItemRun[];
  metrics: EvalMetrics;
  byKind: Map<string, EvalMetrics>;
  checker: CheckerTotals;
}

export interface Miss {
  variant: Variant;
  id: string;
  step: LlmStep | "unknown";
  key: string;
  prompt: string;
  /** What the recording has for this question and step, when it has something else. */
  detail: string;
  /** For --capture: what a new entry records. */
  entry: RecordedCompletion;
}

export interface PlantedOutcome {
  entry: RecordedCompletion;
  id: string;
  mistake: PlantedMistake;
  caught: boolean;
  /** How it was caught, or what the user saw. */
  how: string;
}

export interface LlmEvalReport {
  runs: Partial<Record<Variant, VariantRun>>;
  misses: Miss[];
  /** Recorded entries no run asked for (stale after retrieval changes; meaningful on the full set). */
  unused: RecordedCompletion[];
  planted: PlantedOutcome[];
}

export interface LlmEvalOptions {
  indexDir: string;
  embeddings: ReadoutEmbeddings;
  items: EvalItem[];
  fixture?: SampleEvalFixture;
  variants?: readonly Variant[];
}

const stepOf = (system: string): LlmStep | "unknown" => (system === ANSWER_SYSTEM ? "answer" : system === FOLLOW_UP_SYSTEM ? "followup" : "unknown");

function systemOf(request: FakeChatRequest): string {
  return request.messages.find((message) => message.role === "system")?.content ?? "";
}

/** The recorded reply for a request, when its user prompt, its system prompt and its step all match. */
function recordedFor(request: FakeChatRequest, byKey: Map<string, RecordedCompletion>): RecordedCompletion | undefined {
  const entry = byKey.get(request.key);
  const system = systemOf(request);
  if (!entry || entry.reply === null || entry.system !== fixtureKey(system) || entry.step !== stepOf(system)) return undefined;
  return entry;
}

export function passageLabels(passages: readonly Passage[]): string[] {
  return passages.map((passage) => `[${passage.n}] ${passage.articleId} ¶${passage.paragraph}`);
}

function questionOf(prompt: string, step: LlmStep | "unknown"): string {
  const pattern = step === "followup" ? /Latest question: (.*)\n/u : /^Question: (.*)\n/mu;
  return pattern.exec(prompt)?.[1] ?? "";
}

function historyOf(prompt: string): string {
  return /^Conversation so far:\n\n([\s\S]*?)\n\nLatest question:/u.exec(prompt)?.[1] ?? "";
}

function describeMiss(call: LlmCall, id: string, byKey: Map<string, RecordedCompletion>, fixture: SampleEvalFixture, passages: string[]): string {
  const sameKey = byKey.get(call.key);
  if (sameKey?.reply === null) return "recorded by --capture, but its reply is still null: write the completion";
  if (sameKey && sameKey.system !== fixtureKey(call.system)) return `the system prompt changed (src/retrieval/prompts.ts) since it was recorded`;
  const earlier = fixture.completions.filter((entry) => entry.step === call.step && entry.ids.includes(id) && entry.reply !== null);
  if (earlier.length === 0) return "nothing was recorded for this question and step";
  const question = questionOf(call.prompt, call.step);
  const parts: string[] = [];
  for (const entry of earlier) {
    if (entry.question !== question) parts.push(`recorded question "${entry.question}", now "${question}"`);
    if (call.step === "answer" && entry.passages) {
      const gone = entry.passages.filter((label) => !passages.includes(label));
      const added = passages.filter((label) => !entry.passages!.includes(label));
      if (gone.length > 0 || added.length > 0) parts.push(`passages changed: no longer ${gone.join(", ") || "-"}; new ${added.join(", ") || "-"}`);
      else if (entry.question === question) parts.push("same passages, but their text, headers or order changed");
    }
    if (call.step === "followup" && entry.history !== undefined && entry.history !== historyOf(call.prompt)) parts.push("the conversation shown to the rewriter changed (an earlier answer differs)");
  }
  return parts.length > 0 ? `the prompt changed: ${[...new Set(parts)].join("; ")}` : "the prompt changed";
}

function checkerEffect(reply: string, passages: readonly Passage[], shown: AnswerResult): CheckerEffect {
  const clean = cleanLlmText(reply);
  const checked = checkCitations(clean, passages);
  // The harness recomputes what the chain did; if they differ, it attributed the reply to the wrong question.
  if (checked.answer !== shown.answer) throw new Error(`llm-eval: the reply recorded for "${shown.question}" does not give the answer the chain returned`);
  const given = new Set(passages.map((passage) => passage.n));
  const invalid = citedNumbers(clean).filter((n) => !given.has(n));
  return {
    invalidCitations: invalid.length,
    invalidNumbers: [...new Set(invalid)],
    removedSentences: checked.removedSentences.filter((sentence) => !isAbstention(sentence)),
    turnedIntoAbstention: checked.abstained && !isAbstention(clean),
  };
}

function totals(items: ItemRun[]): CheckerTotals {
  const effects = items.flatMap((run) => (run.answer ? [run.answer] : []));
  return {
    answerCalls: effects.length,
    followUpCalls: items.reduce((sum, run) => sum + run.calls.filter((call) => call.step === "followup").length, 0),
    abstainingReplies: effects.filter((effect) => isAbstention(cleanLlmText(effect.reply))).length,
    invalidCitations: effects.reduce((sum, effect) => sum + effect.checker.invalidCitations, 0),
    answersWithInvalidCitations: effects.filter((effect) => effect.checker.invalidCitations > 0).length,
    removedSentences: effects.reduce((sum, effect) => sum + effect.checker.removedSentences.length, 0),
    answersWithRemovedSentences: effects.filter((effect) => effect.checker.removedSentences.length > 0).length,
    turnedIntoAbstention: effects.filter((effect) => effect.checker.turnedIntoAbstention).length,
  };
}

/** As `npm run eval` reads it: only READOUT_TODAY (when set) comes from the environment, so a developer's .env cannot change the run. */
function baseEnv(indexDir: string): Record<string, string> {
  return { READOUT_INDEX_DIR: indexDir, LOG_LEVEL: "silent", ...(process.env.READOUT_TODAY ? { READOUT_TODAY: process.env.READOUT_TODAY } : {}) };
}

function llmConfig(indexDir: string, server: FakeLlmServer): Config {
  return parseConfig({ ...baseEnv(indexDir), READOUT_LLM: "openai", READOUT_LLM_BASE_URL: server.openaiBaseUrl }, REPO_ROOT);
}

/** Judge the planted mistakes by what the users of the configured chain ("llm") would see. */
function plantedOutcomes(fixture: SampleEvalFixture, runs: LlmEvalReport["runs"], items: EvalItem[]): PlantedOutcome[] {
  const gated = runs.llm;
  const ungated = runs["llm-ungated"];
  const inRun = new Set(items.map((item) => item.id));
  const outcomes: PlantedOutcome[] = [];
  for (const entry of fixture.completions) {
    if (!entry.planted || entry.step !== "answer") continue;
    for (const id of entry.ids.filter((candidate) => inRun.has(candidate))) {
      const mistake = entry.planted.mistake;
      const asked = gated?.items.find((run) => run.item.id === id && run.answer?.call.key === entry.key);
      const askedUngated = ungated?.items.find((run) => run.item.id === id && run.answer?.call.key === entry.key);
      if (!asked) {
        if (!gated) continue;
        const run = gated.items.find((candidate) => candidate.item.id === id);
        const reason = run?.result.abstentionReason ?? "a different prompt was sent";
        outcomes.push({ entry, id, mistake, caught: run?.result.abstained === true, how: `never sent: the support check abstained first (${reason})${askedUngated ? "; without the check the user would have seen it" : ""}` });
        continue;
      }
      const { result, score } = asked;
      const checker = asked.answer!.checker;
      const markers = citedNumbers(result.answer);
      const allValid = markers.every((n) => n >= 1 && n <= result.citations.length) && score.unretrievedCitations === 0;
      if (mistake === "invalid-citation") {
        const caught = checker.invalidCitations > 0 && allValid;
        outcomes.push({ entry, id, mistake, caught, how: caught ? `checker removed ${checker.invalidNumbers.map((n) => `[${n}]`).join(", ")}${checker.turnedIntoAbstention ? " and abstained" : ""}` : "shown to the user" });
      } else if (mistake === "uncited-sentence") {
        const text = entry.planted.text ?? "";
        const caught = checker.removedSentences.some((sentence) => sentence.includes(text)) && !result.answer.includes(text);
        outcomes.push({ entry, id, mistake, caught, how: caught ? "checker removed the uncited sentence" : "shown to the user" });
      } else if (mistake === "wrong-passage") {
        outcomes.push({ entry, id, mistake, caught: false, how: `shown to the user (${score.citesGold ? "a gold paragraph is cited too" : "no gold paragraph cited"}): the checker verifies that a cited number was given, not that the passage supports the sentence` });
      } else {
        outcomes.push({ entry, id, mistake, caught: result.abstained, how: result.abstained ? "the checker abstained" : "passed the support check and the checker: shown to the user" });
      }
    }
  }
  return outcomes;
}

/** Run the variants over one index; never throws for a missing recording (see `misses`). */
export async function runLlmEval(options: LlmEvalOptions): Promise<LlmEvalReport> {
  const fixture = options.fixture ?? loadSampleEvalFixture();
  const byKey = new Map(fixture.completions.map((entry) => [entry.key, entry]));
  const variants = options.variants ?? VARIANTS;
  const usedKeys = new Set<string>();
  const server = await startFakeLlmServer({
    responder: (request) => {
      const recorded = recordedFor(request, byKey);
      if (recorded) return recorded.reply!;
      // A miss: keep going with a placeholder so that every miss is listed; the report is refused.
      return stepOf(systemOf(request)) === "answer" ? ABSTENTION : { status: 404, error: `no recorded completion for this prompt: re-record with ${CAPTURE_COMMAND}` };
    },
  });
  const runs: LlmEvalReport["runs"] = {};
  const misses: Miss[] = [];
  try {
    for (const variant of variants) {
      let opened: OpenedChain | undefined;
      try {
        const config = variant === "offline" ? parseConfig(baseEnv(options.indexDir), REPO_ROOT) : llmConfig(options.indexDir, server);
        opened = await openAnswerChain(config, { embeddings: options.embeddings });
        let chain: AnswerChain = opened.chain;
        if (variant === "llm-ungated") {
          const model = createChatModel(config.llm)!;
          chain = createAnswerChain({ index: opened.index, embeddings: opened.embeddings, config, answerer: createLlmAnswerer(model, { timeoutMs: config.llm.timeoutMs }) });
        }
        const items: ItemRun[] = [];
        let seen = server.chatRequests().length;
        for await (const { line: item, result } of answerLines(chain, options.items)) {
          const requests = server.chatRequests().slice(seen);
          seen += requests.length;
          const passages = result.retrieved ?? [];
          const calls: LlmCall[] = requests.map((request) => {
            const system = systemOf(request);
            const recorded = recordedFor(request, byKey);
            const call: LlmCall = { step: stepOf(system), key: request.key, prompt: request.lastUserMessage, system, ...(recorded ? { recorded } : {}) };
            if (recorded) usedKeys.add(recorded.key);
            return call;
          });
          let answer: ItemRun["answer"];
          for (const call of calls) {
            if (!call.recorded) {
              const entry: RecordedCompletion = {
                key: call.key,
                step: call.step === "unknown" ? "answer" : call.step,
                system: fixtureKey(call.system),
                ids: [item.id],
                question: questionOf(call.prompt, call.step),
                ...(call.step === "answer" ? { passages: passageLabels(passages) } : {}),
                ...(call.step === "followup" ? { history: historyOf(call.prompt) } : {}),
                reply: null,
              };
              misses.push({ variant, id: item.id, step: call.step, key: call.key, prompt: call.prompt, detail: describeMiss(call, item.id, byKey, fixture, passageLabels(passages)), entry });
            } else if (call.step === "answer") {
              if (!call.prompt.includes(formatPassages(passages))) throw new Error(`llm-eval: the answer prompt for ${item.id} does not show the passages the chain retrieved`);
              answer = { call, reply: call.recorded.reply!, checker: checkerEffect(call.recorded.reply!, passages, result) };
            }
          }
          items.push({ item, result, score: scoreItem(item, result), calls, ...(answer ? { answer } : {}) });
        }
        const scores = items.map((run) => run.score);
        const byKind = new Map<string, EvalMetrics>();
        for (const kind of new Set(scores.map((score) => score.kind))) byKind.set(kind, summarize(scores.filter((score) => score.kind === kind)));
        runs[variant] = { variant, items, metrics: summarize(scores), byKind, checker: totals(items) };
      } finally {
        await opened?.close();
      }
    }
  } finally {
    await server.close();
  }
  const askedIds = new Set(options.items.map((item) => item.id));
  const unused = fixture.completions.filter((entry) => !usedKeys.has(entry.key) && entry.ids.some((id) => askedIds.has(id)));
  return { runs, misses, unused, planted: plantedOutcomes(fixture, runs, options.items) };
}

/** The message for a run with misses: what is missing, why, and how to re-record. */
export function formatMisses(misses: Miss[]): string {
  const unique = new Map<string, Miss>();
  for (const miss of misses) if (!unique.has(miss.key)) unique.set(miss.key, miss);
  const lines = [`${unique.size} prompt(s) have no recorded completion in tests/fixtures/llm/sample-eval.json, so no figures are reported:`];
  for (const miss of unique.values()) lines.push(`  ${miss.id} (${miss.step}, ${miss.variant}, key ${miss.key}): no recorded completion for this prompt: ${miss.detail}`);
  lines.push(`Re-record with: ${CAPTURE_COMMAND} (adds these prompts with "reply": null and writes their full text to a file to answer; see tests/fixtures/llm/README.md).`);
  return lines.join("\n");
}

/** Add the misses to the fixture as entries to be answered (reply null), and the ids that now send a recorded prompt. */
export function mergeCaptured(fixture: SampleEvalFixture, report: LlmEvalReport): { fixture: SampleEvalFixture; added: RecordedCompletion[] } {
  const byKey = new Map(fixture.completions.map((entry) => [entry.key, { ...entry, ids: [...entry.ids] }]));
  const added: RecordedCompletion[] = [];
  for (const miss of report.misses) {
    const existing = byKey.get(miss.key);
    if (existing && existing.system === miss.entry.system) {
      if (!existing.ids.includes(miss.id)) existing.ids.push(miss.id);
      continue;
    }
    const entry = { ...miss.entry, ids: [...miss.entry.ids] };
    byKey.set(miss.key, entry);
    added.push(entry);
  }
  for (const run of Object.values(report.runs)) {
    for (const item of run.items) {
      for (const call of item.calls) {
        const entry = call.recorded && byKey.get(call.key);
        if (entry && !entry.ids.includes(item.item.id)) entry.ids.push(item.item.id);
      }
    }
  }
  return { fixture: { ...fixture, completions: [...byKey.values()] }, added };
}

export interface UpstreamModel {
  /** An OpenAI-compatible base URL, such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (Ollama). */
  url: string;
  model: string;
  apiKey?: string;
}

/** Ask a real model for one recorded prompt (non-streaming, temperature 0). */
export async function askUpstream(upstream: UpstreamModel, system: string, prompt: string): Promise<string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (upstream.apiKey) headers.authorization = `Bearer ${upstream.apiKey}`;
  const body = { model: upstream.model, temperature: 0, messages: [{ role: "system", content: system }, { role: "user", content: prompt }] };
  const response = await fetch(`${upstream.url.replace(/\/+$/u, "")}/chat/completions`, { method: "POST", headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${new URL(upstream.url).host} answered HTTP ${response.status}`);
  const data = (await response.json()) as { choices?: { message?: { content?: string } }[] };
  const text = data.choices?.[0]?.message?.content;
  if (typeof text !== "string") throw new Error(`${new URL(upstream.url).host} sent no completion`);
  return text;
}

/**
 * Record with a real model: run, ask the upstream for every prompt without a
 * reply, and run again, until a pass finds nothing new (a follow-up's prompt
 * shows the previous answer, so a conversation needs a pass per turn).
 */
export async function captureFromUpstream(options: LlmEvalOptions & { fixture: SampleEvalFixture; upstream: UpstreamModel; maxPasses?: number }): Promise<{ fixture: SampleEvalFixture; asked: number; passes: number }> {
  let fixture = options.fixture;
  let asked = 0;
  const added = new Set<string>();
  for (let pass = 1; pass <= (options.maxPasses ?? 8); pass++) {
    const report = await runLlmEval({ ...options, fixture });
    if (report.misses.length === 0) {
      // Prompts recorded in an earlier pass for a turn whose history has since changed are never asked again.
      const superseded = new Set(report.unused.filter((entry) => added.has(entry.key)).map((entry) => entry.key));
      return { fixture: { ...fixture, completions: fixture.completions.filter((entry) => !superseded.has(entry.key)) }, asked, passes: pass };
    }
    const merged = mergeCaptured(fixture, report);
    for (const entry of merged.added) added.add(entry.key);
    fixture = merged.fixture;
    const byKey = new Map(fixture.completions.map((entry) => [entry.key, entry]));
    const seen = new Set<string>();
    for (const miss of report.misses) {
      const entry = byKey.get(miss.key);
      if (!entry || entry.reply !== null || seen.has(miss.key)) continue;
      seen.add(miss.key);
      const system = miss.entry.step === "answer" ? ANSWER_SYSTEM : FOLLOW_UP_SYSTEM;
      entry.reply = await askUpstream(options.upstream, system, miss.prompt);
      asked++;
    }
  }
  throw new Error(`recording did not settle after ${options.maxPasses ?? 8} passes`);
}

/** Remove the entries that no run asked for (use after a run over the whole set with every LLM variant). */
export function pruneUnused(fixture: SampleEvalFixture, report: LlmEvalReport): SampleEvalFixture {
  const unused = new Set(report.unused.map((entry) => entry.key));
  return { ...fixture, completions: fixture.completions.filter((entry) => !unused.has(entry.key)) };
}

/** The full text of prompts to answer, for a person (or a model) writing the completions. */
export function formatPromptsToAnswer(misses: Miss[]): string {
  const unique = new Map<string, Miss>();
  for (const miss of misses) if (!unique.has(miss.key)) unique.set(miss.key, miss);
  return [...unique.values()]
    .map((miss) => `=== ${miss.id} ${miss.step} key ${miss.key} (${miss.variant})\n--- system\n${miss.entry.step === "answer" ? "ANSWER_SYSTEM" : "FOLLOW_UP_SYSTEM"} (src/retrieval/prompts.ts)\n--- user\n${miss.prompt}\n`)
    .join("\n");
}
