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
 * Recordings are keyed by step and question (a follow-up rewrite also by the
 * previous question), not by the whole prompt, and answers cite passages by
 * identity (`[[article¶p]]`, see passage-refs.ts), rendered at replay into the
 * numbers the passages have in the prompt actually sent. A recording is stale
 * only when the question changed, a passage its reply cites is no longer given
 * (or its text changed), or the system prompt changed. Stale or missing
 * recordings are misses: the run goes on with a placeholder so that all misses
 * are listed at once, and the caller must refuse to report figures. `--capture`
 * (bench/llm-eval.ts) adds or reopens the entries (`"reply": null`) and writes
 * their prompts to a file, to be answered there.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseConfig, type Config } from "../../src/config.js";
import type { ReadoutEmbeddings } from "../../src/embeddings/base.js";
import { createAnswerChain } from "../../src/retrieval/chain.js";
import { checkCitations, citedNumbers, isAbstention } from "../../src/retrieval/compose/citations.js";
import { answerLines } from "../../src/retrieval/conversation/turns.js";
import { parseEvalSet, scoreItem, summarize, type EvalItem, type EvalMetrics, type ItemScore } from "../../src/retrieval/evaluation/evaluation.js";
import { cleanLlmText, createChatModel, createLlmAnswerer } from "../../src/retrieval/compose/llm.js";
import { openAnswerChain, type OpenedChain } from "../../src/retrieval/open-chain.js";
import { ANSWER_SYSTEM, FOLLOW_UP_SYSTEM, formatPassages } from "../../src/retrieval/compose/prompts.js";
import type { RetrievalSettings } from "../../src/retrieval/settings.js";
import { requireSupport } from "../../src/retrieval/evidence/support.js";
import { ABSTENTION, type AnswerChain, type AnswerResult, type Passage } from "../../src/retrieval/types.js";
import { fixtureKey, startFakeLlmServer, type FakeChatRequest } from "./fake-llm-server.js";
import {
  citedText,
  parsePassageRef,
  passageRef,
  promptPassages,
  promptQuestion,
  refMarker,
  refsIn,
  relabel,
  renderReply,
  toRefs,
  type ArticleLookup,
  type CitedText,
} from "./passage-refs.js";
import { REPO_ROOT } from "./paths.js";

export const SAMPLE_EVAL_SET = path.join(REPO_ROOT, "tests/eval/sample.jsonl");
export const SAMPLE_EVAL_FIXTURE = path.join(REPO_ROOT, "tests/fixtures/llm/sample-eval.json");
export const CAPTURE_COMMAND = "npx tsx bench/llm-eval.ts --capture";

export type LlmStep = "answer" | "followup";
export type Variant = "offline" | "llm" | "llm-ungated";
export const VARIANTS: readonly Variant[] = ["offline", "llm", "llm-ungated"];

export const PLANTED_MISTAKES = ["invalid-citation", "uncited-sentence", "wrong-passage", "should-abstain"] as const;
export type PlantedMistake = (typeof PLANTED_MISTAKES)[number];

const citedTextSchema = z.object({
  text: z.string().min(1),
  hash: z.string().regex(/^[0-9a-f]{12}$/),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const completionSchema = z
  .object({
    step: z.enum(["answer", "followup"]),
    /** The question the prompt asks: the standalone question (answer) or the user's latest question (followup). */
    question: z.string().min(1),
    /** Follow-ups: the previous turn's question as the rewriter is shown it (its last "User:" line). */
    previousQuestion: z.string().min(1).optional(),
    /** Answers whose run pinned "today" (the item's `today`, or READOUT_TODAY): the prompt must state it. */
    today: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    /** `fixtureKey(system message)`: a changed system prompt makes the recording stale too. */
    system: z.string().regex(/^[0-9a-f]{16}$/),
    /** The evaluation items whose run sent this prompt. */
    ids: z.array(z.string().min(1)).min(1),
    /** Answers: the numbered passages ("[n] article-id ¶paragraph") the prompt showed when the reply was written; for readers, not checked. */
    passages: z.array(z.string()).optional(),
    /** Answers: each passage the reply cites, "article-id¶paragraph" → the start of its text, a hash of all of it, and the meeting date its header showed. */
    cites: z.record(z.string(), citedTextSchema).optional(),
    /** The completion, citing `[[article-id¶paragraph]]`; null while it is still to be written (after --capture). */
    reply: z.string().nullable(),
    /** A mistake written in on purpose, so that the checker's effect is measured. */
    planted: z
      .object({
        mistake: z.enum(PLANTED_MISTAKES),
        /** The offending part: a literal marker such as "[7]", a "[[article¶p]]" marker, or the uncited sentence. */
        text: z.string().optional(),
        note: z.string().min(1),
      })
      .optional(),
  })
  .superRefine((entry, ctx) => {
    if (entry.step === "followup" && entry.previousQuestion === undefined)
      ctx.addIssue({ code: "custom", path: ["previousQuestion"], message: "a follow-up entry needs the previous question" });
    if (entry.step === "answer" && entry.previousQuestion !== undefined)
      ctx.addIssue({ code: "custom", path: ["previousQuestion"], message: "only follow-up entries have a previous question" });
    for (const ref of Object.keys(entry.cites ?? {})) {
      if (!/^.+¶\d+$/u.test(ref)) ctx.addIssue({ code: "custom", path: ["cites", ref], message: "is not article-id¶paragraph" });
    }
  });
export type RecordedCompletion = z.infer<typeof completionSchema>;

const fixtureSchema = z.object({
  description: z.string().optional(),
  completions: z.array(completionSchema),
});
export type SampleEvalFixture = z.infer<typeof fixtureSchema>;

/** What a recording is looked up by: step, question, the previous question (follow-ups), and a pinned today (answers). */
export type EntryKeyParts = Pick<RecordedCompletion, "step" | "question" | "previousQuestion" | "today">;
export function entryKey(entry: EntryKeyParts): string {
  return JSON.stringify([entry.step, entry.question, entry.previousQuestion ?? null, entry.today ?? null]);
}

/** An entry as a person reads it in a message. */
export function describeEntry(entry: EntryKeyParts): string {
  const after = entry.previousQuestion !== undefined ? ` after "${entry.previousQuestion}"` : "";
  return `${entry.step} "${entry.question}"${after}${entry.today ? ` (today ${entry.today})` : ""}`;
}

export function loadSampleEvalFixture(file = SAMPLE_EVAL_FIXTURE): SampleEvalFixture {
  const parsed = fixtureSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
  const seen = new Set<string>();
  for (const entry of parsed.data.completions) {
    const key = entryKey(entry);
    if (seen.has(key)) throw new Error(`${file}: ${describeEntry(entry)} is recorded twice`);
    seen.add(key);
  }
  return parsed.data;
}

/** The order of an entry's fields in the file. */
const FIELD_ORDER = [
  "step",
  "question",
  "previousQuestion",
  "today",
  "system",
  "ids",
  "passages",
  "cites",
  "reply",
  "planted",
] as const satisfies readonly (keyof RecordedCompletion)[];
// A field added to the schema but not to FIELD_ORDER would be dropped on save: make that a type error.
const everyFieldSaved: Exclude<keyof RecordedCompletion, (typeof FIELD_ORDER)[number]> extends never ? true : never = true;
void everyFieldSaved;

export function saveSampleEvalFixture(fixture: SampleEvalFixture, file = SAMPLE_EVAL_FIXTURE): void {
  const order = (entry: RecordedCompletion) => `${entry.ids[0]}\u0000${entry.step === "followup" ? 0 : 1}\u0000${entryKey(entry)}`;
  const tidy = (entry: RecordedCompletion) =>
    Object.fromEntries(FIELD_ORDER.filter((field) => entry[field] !== undefined).map((field) => [field, entry[field]]));
  const completions = [...fixture.completions].sort((a, b) => order(a).localeCompare(order(b))).map(tidy);
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
  return items.filter(
    (item, index) =>
      wanted.has(item.id) || (item.conversation !== undefined && conversations.has(item.conversation) && index < lastWanted.get(item.conversation)!),
  );
}

/** Why a prompt got no recorded reply. */
export type MissReason =
  | "unrecorded" // nothing recorded for this step and question (or the question changed)
  | "unanswered" // recorded by --capture, reply still null
  | "system" // the system prompt changed
  | "stale" // a cited passage is no longer given, or its text changed
  | "incomplete"; // the reply cites passages whose text is not recorded yet (--capture fills it in)

/** One chat request the chain sent while answering an item. */
export interface LlmCall {
  step: LlmStep | "unknown";
  /** `fixtureKey(prompt)`: names the prompt in messages and in the prompts file. */
  key: string;
  /** The last user message, in full. */
  prompt: string;
  system: string;
  /** The recording that answered it; undefined for a miss. */
  recorded?: RecordedCompletion;
  /** The reply as sent: the recording with its passages rendered as this prompt's numbers. */
  reply?: string;
  /** Cited passages found under a new paragraph number (same text). */
  moved?: { ref: string; now: string }[];
  /** Cited passages whose header shows another meeting date than when the reply was written. */
  redated?: { ref: string; was: string; now: string }[];
}

/** What the citation checker did to one recorded reply. */
export interface CheckerEffect {
  /** Citation markers naming a passage number that was not given (each occurrence). */
  invalidCitations: number;
  invalidNumbers: number[];
  /** Sentences removed for carrying no valid citation (an abstention sentence is not counted). */
  removedSentences: string[];
  /** Sentences removed for stating a day that no passage they cite has. */
  ungroundedSentences: Array<{ sentence: string; days: string[] }>;
  /** The reply answered, but nothing cited survived: the user sees the abstention. */
  turnedIntoAbstention: boolean;
}

export interface ItemRun {
  item: EvalItem;
  result: AnswerResult;
  score: ItemScore;
  calls: LlmCall[];
  /** The answer step's reply (as rendered for the prompt) and what the checker made of it (LLM variants, when asked). */
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
  ungroundedSentences: number;
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
  reason: MissReason;
  /** What is wrong, for a person: the question, and the passage that is missing. */
  detail: string;
  /** For --capture: the entry this prompt should have (reply null). */
  entry: RecordedCompletion;
  /** The recording that no longer fits, when there is one (stale, system, incomplete). */
  recorded?: RecordedCompletion;
  /** Answer prompts: the passages given, as the chain retrieved them (numbered as in the prompt). */
  passages?: Passage[];
  /** "incomplete": the cited texts --capture fills in from the index. */
  fill?: Record<string, CitedText>;
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
  /** Recorded entries no run asked for (superseded questions; meaningful on the full set). */
  unused: RecordedCompletion[];
  planted: PlantedOutcome[];
  /** Cited passages whose paragraph number changed with the same text (not stale; --capture relabels them). */
  moved: { entry: RecordedCompletion; ref: string; now: string }[];
  /**
   * Cited passages (same text) whose header now shows another meeting date than
   * when the reply was written: not stale, but a reply that gives the date may
   * now disagree with its prompt. Worth a look; --capture records the new date.
   */
  redated: { entry: RecordedCompletion; id: string; ref: string; was: string; now: string }[];
}

export interface LlmEvalOptions {
  indexDir: string;
  embeddings: ReadoutEmbeddings;
  items: EvalItem[];
  fixture?: SampleEvalFixture;
  variants?: readonly Variant[];
  /** Retrieval settings for the LLM variants' chains (default: the chain's own), e.g. to show that a retrieval change leaves recordings valid. */
  settings?: Partial<RetrievalSettings>;
}

const stepOf = (system: string): LlmStep | "unknown" => (system === ANSWER_SYSTEM ? "answer" : system === FOLLOW_UP_SYSTEM ? "followup" : "unknown");

function systemOf(request: FakeChatRequest): string {
  return request.messages.find((message) => message.role === "system")?.content ?? "";
}

export function passageLabels(passages: readonly Passage[]): string[] {
  return passages.map((passage) => `[${passage.n}] ${passage.articleId} ¶${passage.paragraph}`);
}

/** The follow-up rewriter's prompt: the latest question and the previous turn's question (the last "User:" line of the history). */
export function followUpQuestions(prompt: string): { question: string; previousQuestion: string } {
  const question = /Latest question: (.*)\n/u.exec(prompt)?.[1] ?? "";
  const history = /^Conversation so far:\n\n([\s\S]*?)\n\nLatest question:/u.exec(prompt)?.[1] ?? "";
  const users = [...history.matchAll(/(?:^|\n\n)User: ([^\n]*)\nAssistant: /gu)];
  return { question, previousQuestion: users.at(-1)?.[1] ?? "" };
}

/** What the prompt is looked up by. */
function keyPartsOf(prompt: string, step: LlmStep | "unknown"): EntryKeyParts {
  if (step === "followup") return { step, ...followUpQuestions(prompt) };
  const { question, today } = promptQuestion(prompt);
  return { step: "answer", question, ...(today ? { today } : {}) };
}

/** How one request was answered (or why it was not). */
interface Resolution {
  step: LlmStep | "unknown";
  parts: EntryKeyParts;
  entry?: RecordedCompletion;
  reply?: string;
  moved?: { ref: string; now: string }[];
  redated?: { ref: string; was: string; now: string }[];
  miss?: { reason: MissReason; detail: string; fill?: Record<string, CitedText> };
}

class Replayer {
  private readonly byKey: Map<string, RecordedCompletion>;
  private readonly resolutions = new Map<string, Resolution>();
  /** The current index's articles (set once a chain is open). */
  articles: ArticleLookup = () => undefined;

  constructor(private readonly fixture: SampleEvalFixture) {
    this.byKey = new Map(fixture.completions.map((entry) => [entryKey(entry), entry]));
  }

  static requestKey(request: Pick<FakeChatRequest, "key" | "messages">): string {
    return `${request.key}:${fixtureKey(systemOf(request as FakeChatRequest))}`;
  }

  resolution(request: FakeChatRequest): Resolution | undefined {
    return this.resolutions.get(Replayer.requestKey(request));
  }

  /** The reply for a request, or a placeholder after noting the miss. */
  respond(request: FakeChatRequest): string | { status: number; error: string } {
    const resolution = this.resolve(request);
    this.resolutions.set(Replayer.requestKey(request), resolution);
    if (resolution.reply !== undefined) return resolution.reply;
    // A miss: keep going with a placeholder so that every miss is listed; the report is refused.
    return resolution.step === "answer" ? ABSTENTION : { status: 404, error: `no recorded completion for this prompt: re-record with ${CAPTURE_COMMAND}` };
  }

  private find(parts: EntryKeyParts): RecordedCompletion | undefined {
    // An answer recorded without a pinned today replays on any day.
    return this.byKey.get(entryKey(parts)) ?? (parts.today ? this.byKey.get(entryKey({ ...parts, today: undefined })) : undefined);
  }

  private resolve(request: FakeChatRequest): Resolution {
    return this.resolveOne(systemOf(request), request.lastUserMessage);
  }

  resolveOne(system: string, prompt: string): Resolution {
    const step = stepOf(system);
    const parts = keyPartsOf(prompt, step);
    const entry = this.find(parts);
    const missed = (reason: MissReason, detail: string, fill?: Record<string, CitedText>): Resolution => ({
      step,
      parts,
      ...(entry ? { entry } : {}),
      miss: { reason, detail, ...(fill ? { fill } : {}) },
    });
    if (step === "unknown") return missed("unrecorded", "the system prompt is neither ANSWER_SYSTEM nor FOLLOW_UP_SYSTEM (src/retrieval/compose/prompts.ts)");
    if (!entry) return missed("unrecorded", this.whyUnrecorded(parts));
    if (entry.reply === null) return missed("unanswered", "recorded by --capture, but its reply is still null: write the completion");
    if (entry.system !== fixtureKey(system)) return missed("system", "the system prompt changed (src/retrieval/compose/prompts.ts) since it was recorded");
    if (step === "followup") return { step, parts, entry, reply: entry.reply };
    const rendered = renderReply(entry.reply, entry.cites ?? {}, prompt, this.articles);
    if (rendered.reply === undefined) {
      const uncited = refsIn(entry.reply).filter((ref) => !entry.cites?.[ref]);
      if (uncited.length === rendered.problems.length && uncited.length > 0) {
        // Written by hand with [[article¶p]] markers: the texts come from the index (the next run checks them against the prompt).
        const fill: Record<string, CitedText> = {};
        for (const ref of uncited) {
          const { articleId, paragraph } = parsePassageRef(ref);
          const article = this.articles(articleId);
          const text = article?.paragraphs[paragraph - 1];
          if (text !== undefined) fill[ref] = citedText(text, article?.date);
        }
        if (Object.keys(fill).length === uncited.length)
          return missed("incomplete", `the reply cites ${uncited.map(refMarker).join(", ")} without their text: --capture fills it in from the index`, fill);
      }
      return missed("stale", `the prompt changed: ${rendered.problems.join("; ")}`);
    }
    return {
      step,
      parts,
      entry,
      reply: rendered.reply,
      ...(rendered.moved.length > 0 ? { moved: rendered.moved } : {}),
      ...(rendered.redated.length > 0 ? { redated: rendered.redated } : {}),
    };
  }

  /** Nothing is recorded under this step and question: say what is recorded instead. */
  private whyUnrecorded(parts: EntryKeyParts): string {
    const same = this.fixture.completions.filter((entry) => entry.step === parts.step && entry.question === parts.question);
    if (parts.step === "followup" && same.length > 0) {
      return `the question was recorded after ${same.map((entry) => `"${entry.previousQuestion}"`).join(", ")}, now it follows "${parts.previousQuestion}"`;
    }
    if (parts.step === "answer" && same.length > 0)
      return `recorded for today ${same.map((entry) => entry.today ?? "(any)").join(", ")}, the prompt says today ${parts.today ?? "(none)"}`;
    return `nothing is recorded for ${describeEntry(parts)}`;
  }

  /** For a miss: earlier recordings of the same item and step, to explain a changed question. */
  explain(detail: string, id: string, parts: EntryKeyParts): string {
    if (!detail.startsWith("nothing is recorded")) return detail;
    const earlier = this.fixture.completions.filter((entry) => entry.step === parts.step && entry.ids.includes(id));
    if (earlier.length === 0) return `${detail} (nor anything else for ${id} at this step)`;
    return `the question changed: recorded ${earlier.map((entry) => describeEntry(entry)).join(", ")}, now ${describeEntry(parts)}`;
  }
}

/** The current index's articles, as the replay looks cited passages up. */
export function articleLookup(index: Pick<OpenedChain["index"], "articles">): ArticleLookup {
  return (articleId) => {
    const article = index.articles.get(articleId);
    const date = article?.meta.eventDate ?? article?.meta.publishedDate;
    return article ? { title: article.meta.title, paragraphs: article.paragraphs, ...(date ? { date } : {}) } : undefined;
  };
}

/**
 * Replay one prompt the way a run does (lookup by step and question, identities
 * rendered into this prompt's numbers): the reply the fake server would send, or
 * why the recording does not fit.
 */
export function replayPrompt(
  fixture: SampleEvalFixture,
  system: string,
  prompt: string,
  articles: ArticleLookup,
): { reply?: string; reason?: MissReason; detail?: string; moved?: { ref: string; now: string }[]; redated?: { ref: string; was: string; now: string }[] } {
  const replayer = new Replayer(fixture);
  replayer.articles = articles;
  const resolution = replayer.resolveOne(system, prompt);
  if (resolution.miss) return { reason: resolution.miss.reason, detail: resolution.miss.detail };
  return { reply: resolution.reply!, ...(resolution.moved ? { moved: resolution.moved } : {}), ...(resolution.redated ? { redated: resolution.redated } : {}) };
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
    ungroundedSentences: checked.ungroundedSentences,
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
    ungroundedSentences: effects.reduce((sum, effect) => sum + effect.checker.ungroundedSentences.length, 0),
    turnedIntoAbstention: effects.filter((effect) => effect.checker.turnedIntoAbstention).length,
  };
}

/** As `npm run eval` reads it: only READOUT_TODAY (when set) comes from the environment, so a developer's .env cannot change the run. */
function baseEnv(indexDir: string): Record<string, string> {
  return { READOUT_INDEX_DIR: indexDir, LOG_LEVEL: "silent", ...(process.env.READOUT_TODAY ? { READOUT_TODAY: process.env.READOUT_TODAY } : {}) };
}

function llmConfig(indexDir: string, openaiBaseUrl: string): Config {
  return parseConfig({ ...baseEnv(indexDir), READOUT_LLM: "openai", READOUT_LLM_BASE_URL: openaiBaseUrl }, REPO_ROOT);
}

const sameEntry = (a: RecordedCompletion | undefined, b: RecordedCompletion) => a !== undefined && entryKey(a) === entryKey(b);

/** Judge the planted mistakes by what the users of the configured chain ("llm") would see. */
function plantedOutcomes(fixture: SampleEvalFixture, runs: LlmEvalReport["runs"], items: EvalItem[]): PlantedOutcome[] {
  const gated = runs.llm;
  const ungated = runs["llm-ungated"];
  const inRun = new Set(items.map((item) => item.id));
  const outcomes: PlantedOutcome[] = [];
  for (const entry of fixture.completions) {
    if (!entry.planted || entry.step !== "answer" || entry.reply === null) continue;
    for (const id of entry.ids.filter((candidate) => inRun.has(candidate))) {
      const mistake = entry.planted.mistake;
      const asked = gated?.items.find((run) => run.item.id === id && sameEntry(run.answer?.call.recorded, entry));
      const askedUngated = ungated?.items.find((run) => run.item.id === id && sameEntry(run.answer?.call.recorded, entry));
      if (!asked) {
        if (!gated) continue;
        const run = gated.items.find((candidate) => candidate.item.id === id);
        const reason = run?.result.abstentionReason ?? "a different prompt was sent";
        outcomes.push({
          entry,
          id,
          mistake,
          caught: run?.result.abstained === true,
          how: `never sent: the support check abstained first (${reason})${askedUngated ? "; without the check the user would have seen it" : ""}`,
        });
        continue;
      }
      const { result, score } = asked;
      const checker = asked.answer!.checker;
      const markers = citedNumbers(result.answer);
      const allValid = markers.every((n) => n >= 1 && n <= result.citations.length) && score.unretrievedCitations === 0;
      const report = (caught: boolean, how: string) => outcomes.push({ entry, id, mistake, caught, how });
      if (mistake === "invalid-citation") {
        const caught = checker.invalidCitations > 0 && allValid;
        report(
          caught,
          caught
            ? `checker removed ${checker.invalidNumbers.map((n) => `[${n}]`).join(", ")}${checker.turnedIntoAbstention ? " and abstained" : ""}`
            : "shown to the user",
        );
      } else if (mistake === "uncited-sentence") {
        const text = entry.planted.text ?? "";
        const caught = checker.removedSentences.some((sentence) => sentence.includes(text)) && !result.answer.includes(text);
        report(caught, caught ? "checker removed the uncited sentence" : "shown to the user");
      } else if (mistake === "wrong-passage") {
        const wrong = /\[\[(.+)¶(\d+)\]\]/u.exec(entry.planted.text ?? "");
        const stillCited = wrong !== null && result.citations.some((citation) => citation.source === wrong[1] && citation.paragraph === Number(wrong[2]));
        const dropped = checker.ungroundedSentences.find((ungrounded) => ungrounded.sentence.length > 0);
        const caught = wrong !== null && !stillCited && dropped !== undefined;
        report(
          caught,
          caught
            ? `checker removed the sentence: it states ${dropped!.days.join(", ")}, which the cited passage does not have`
            : `shown to the user (${score.citesGold ? "a gold paragraph is cited too" : "no gold paragraph cited"}): the checker verifies the days a sentence states, not the rest of what the passage supports`,
        );
      } else {
        report(result.abstained, result.abstained ? "the checker abstained" : "passed the support check and the checker: shown to the user");
      }
    }
  }
  return outcomes;
}

/** Run the variants over one index; never throws for a missing or stale recording (see `misses`). */
export async function runLlmEval(options: LlmEvalOptions): Promise<LlmEvalReport> {
  const fixture = options.fixture ?? loadSampleEvalFixture();
  const variants = options.variants ?? VARIANTS;
  const replayer = new Replayer(fixture);
  const used = new Set<string>();
  const server = await startFakeLlmServer({ responder: (request) => replayer.respond(request) });
  const runs: LlmEvalReport["runs"] = {};
  const misses: Miss[] = [];
  const moved: LlmEvalReport["moved"] = [];
  const redated: LlmEvalReport["redated"] = [];
  const pinnedToday = process.env.READOUT_TODAY;
  try {
    for (const variant of variants) {
      let opened: OpenedChain | undefined;
      try {
        const config = variant === "offline" ? parseConfig(baseEnv(options.indexDir), REPO_ROOT) : llmConfig(options.indexDir, server.openaiBaseUrl);
        opened = await openAnswerChain(config, { embeddings: options.embeddings });
        const index = opened.index;
        replayer.articles = articleLookup(index);
        let chain: AnswerChain = opened.chain;
        if (variant !== "offline" && (variant === "llm-ungated" || options.settings)) {
          const llm = createLlmAnswerer(createChatModel(config.llm)!, { timeoutMs: config.llm.timeoutMs });
          const answerer = variant === "llm-ungated" ? llm : requireSupport(llm);
          chain = createAnswerChain({ index, embeddings: opened.embeddings, config, answerer, ...(options.settings ? { settings: options.settings } : {}) });
        }
        const items: ItemRun[] = [];
        let seen = server.chatRequests().length;
        for await (const { line: item, result } of answerLines(chain, options.items)) {
          const requests = server.chatRequests().slice(seen);
          seen += requests.length;
          const passages = result.retrieved ?? [];
          const answered = requests.map((request) => {
            const resolution = replayer.resolution(request);
            if (!resolution) throw new Error(`llm-eval: request ${request.key} was never answered by the replayer`);
            const call: LlmCall = {
              step: resolution.step,
              key: request.key,
              prompt: request.lastUserMessage,
              system: systemOf(request),
              ...(resolution.reply !== undefined && resolution.entry ? { recorded: resolution.entry, reply: resolution.reply } : {}),
              ...(resolution.moved ? { moved: resolution.moved } : {}),
              ...(resolution.redated ? { redated: resolution.redated } : {}),
            };
            if (resolution.entry) used.add(entryKey(resolution.entry));
            return { call, resolution };
          });
          const calls = answered.map(({ call }) => call);
          let answer: ItemRun["answer"];
          for (const { call, resolution } of answered) {
            if (resolution.miss) {
              const parts = resolution.parts;
              // A question pinned to a date only when the item (or READOUT_TODAY) pins it: other answers replay on any day.
              const today = parts.step === "answer" && (item.today ?? pinnedToday) ? parts.today : undefined;
              const entry: RecordedCompletion = {
                step: parts.step,
                question: parts.question,
                ...(parts.previousQuestion !== undefined ? { previousQuestion: parts.previousQuestion } : {}),
                ...(today ? { today } : {}),
                system: fixtureKey(call.system),
                ids: [item.id],
                ...(parts.step === "answer" ? { passages: passageLabels(passages) } : {}),
                reply: null,
              };
              const { reason, detail, fill } = resolution.miss;
              misses.push({
                variant,
                id: item.id,
                step: call.step,
                key: call.key,
                prompt: call.prompt,
                reason,
                detail: reason === "unrecorded" ? replayer.explain(detail, item.id, parts) : detail,
                entry,
                ...(resolution.entry ? { recorded: resolution.entry } : {}),
                ...(call.step === "answer" ? { passages } : {}),
                ...(fill ? { fill } : {}),
              });
            } else if (call.step === "answer" && call.reply !== undefined) {
              if (!call.prompt.includes(formatPassages(passages)))
                throw new Error(`llm-eval: the answer prompt for ${item.id} does not show the passages the chain retrieved`);
              answer = { call, reply: call.reply, checker: checkerEffect(call.reply, passages, result) };
              for (const { ref, now } of call.moved ?? [])
                if (!moved.some((m) => m.ref === ref && sameEntry(m.entry, call.recorded!))) moved.push({ entry: call.recorded!, ref, now });
              for (const change of call.redated ?? [])
                if (!redated.some((r) => r.ref === change.ref && sameEntry(r.entry, call.recorded!)))
                  redated.push({ entry: call.recorded!, id: item.id, ...change });
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
  const unused = fixture.completions.filter((entry) => !used.has(entryKey(entry)) && entry.ids.some((id) => askedIds.has(id)));
  return { runs, misses, unused, planted: plantedOutcomes(fixture, runs, options.items), moved, redated };
}

/** One line per prompt (the first variant that sent it). */
function uniqueMisses(misses: Miss[]): Miss[] {
  const unique = new Map<string, Miss>();
  for (const miss of misses) if (!unique.has(`${miss.key}:${miss.step}`)) unique.set(`${miss.key}:${miss.step}`, miss);
  return [...unique.values()];
}

/** The message for a run with misses: each question, what is missing and why, and how to re-record. */
export function formatMisses(misses: Miss[]): string {
  const unique = uniqueMisses(misses);
  const lines = [`${unique.length} prompt(s) have no recorded completion in tests/fixtures/llm/sample-eval.json that fits, so no figures are reported:`];
  for (const miss of unique) {
    lines.push(
      `  ${miss.id} (${miss.step}, ${miss.variant}, key ${miss.key}) ${describeEntry(miss.entry)}: no recorded completion for this prompt: ${miss.detail}`,
    );
  }
  lines.push(
    `Re-record with: ${CAPTURE_COMMAND} (adds or reopens these entries with "reply": null and writes their prompts to a file to answer; see tests/fixtures/llm/README.md).`,
  );
  return lines.join("\n");
}

const cloneEntry = (entry: RecordedCompletion): RecordedCompletion => ({
  ...entry,
  ids: [...entry.ids],
  ...(entry.cites ? { cites: Object.fromEntries(Object.entries(entry.cites).map(([ref, cited]) => [ref, { ...cited }])) } : {}),
  ...(entry.passages ? { passages: [...entry.passages] } : {}),
  ...(entry.planted ? { planted: { ...entry.planted } } : {}),
});

/**
 * Fold a run into the fixture: new entries for unrecorded prompts, stale ones
 * reopened (reply null, to be written again; their planted label stays for the
 * writer to keep or re-plant), missing cited texts filled in from the index,
 * moved passages relabelled, and the ids that sent each recorded prompt.
 */
export function mergeCaptured(
  fixture: SampleEvalFixture,
  report: LlmEvalReport,
): { fixture: SampleEvalFixture; added: RecordedCompletion[]; reopened: RecordedCompletion[] } {
  const entries = fixture.completions.map(cloneEntry);
  const byKey = new Map(entries.map((entry) => [entryKey(entry), entry]));
  const added: RecordedCompletion[] = [];
  const reopened: RecordedCompletion[] = [];
  for (const miss of report.misses) {
    const existing = byKey.get(entryKey(miss.recorded ?? miss.entry));
    if (!existing) {
      const entry = cloneEntry(miss.entry);
      entries.push(entry);
      byKey.set(entryKey(entry), entry);
      added.push(entry);
      continue;
    }
    if (!existing.ids.includes(miss.id)) existing.ids.push(miss.id);
    if (miss.reason === "incomplete" && miss.fill) {
      existing.cites = { ...existing.cites, ...miss.fill };
    } else if ((miss.reason === "stale" || miss.reason === "system") && existing.reply !== null) {
      existing.reply = null;
      delete existing.cites;
      existing.system = miss.entry.system;
      if (miss.entry.passages) existing.passages = miss.entry.passages;
      reopened.push(existing);
    } else if (existing.reply === null && miss.entry.passages) {
      existing.passages = miss.entry.passages;
    }
  }
  for (const run of Object.values(report.runs)) {
    for (const item of run.items) {
      for (const call of item.calls) {
        const entry = call.recorded && byKey.get(entryKey(call.recorded));
        if (entry && !entry.ids.includes(item.item.id)) entry.ids.push(item.item.id);
      }
    }
  }
  for (const { entry: recorded, ref, now } of report.redated) {
    const cited = byKey.get(entryKey(recorded))?.cites?.[ref];
    if (cited) cited.date = now;
  }
  for (const { entry: recorded, ref, now } of report.moved) {
    const entry = byKey.get(entryKey(recorded));
    if (!entry || entry.reply === null) continue;
    const next = relabel(entry.reply, entry.cites ?? {}, [{ ref, now }]);
    entry.reply = next.reply;
    entry.cites = next.cites;
    if (entry.planted?.text) entry.planted.text = entry.planted.text.split(refMarker(ref)).join(refMarker(now));
  }
  return { fixture: { ...fixture, completions: entries }, added, reopened };
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
  const body = {
    model: upstream.model,
    temperature: 0,
    messages: [
      { role: "system", content: system },
      { role: "user", content: prompt },
    ],
  };
  const response = await fetch(`${upstream.url.replace(/\/+$/u, "")}/chat/completions`, { method: "POST", headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${new URL(upstream.url).host} answered HTTP ${response.status}`);
  const data = (await response.json()) as { choices?: { message?: { content?: string } }[] };
  const text = data.choices?.[0]?.message?.content;
  if (typeof text !== "string") throw new Error(`${new URL(upstream.url).host} sent no completion`);
  return text;
}

/**
 * Record with a real model: run, ask the upstream for every prompt without a
 * reply (answers stored in the identity form), and run again, until a pass
 * finds nothing new (a follow-up rewrite is keyed by the previous turn's
 * question, known only once that turn's own rewrite is recorded, so a
 * conversation needs a pass per turn).
 */
export async function captureFromUpstream(
  options: LlmEvalOptions & { fixture: SampleEvalFixture; upstream: UpstreamModel; maxPasses?: number },
): Promise<{ fixture: SampleEvalFixture; asked: number; passes: number }> {
  let fixture = options.fixture;
  let asked = 0;
  const added = new Set<string>();
  for (let pass = 1; pass <= (options.maxPasses ?? 8); pass++) {
    const report = await runLlmEval({ ...options, fixture });
    if (report.misses.length === 0) {
      // Prompts recorded in an earlier pass for a turn whose question has since changed are never asked again.
      const superseded = new Set(report.unused.filter((entry) => added.has(entryKey(entry))).map(entryKey));
      return { fixture: { ...fixture, completions: fixture.completions.filter((entry) => !superseded.has(entryKey(entry))) }, asked, passes: pass };
    }
    const merged = mergeCaptured(fixture, report);
    for (const entry of [...merged.added, ...merged.reopened]) added.add(entryKey(entry));
    fixture = merged.fixture;
    const byKey = new Map(fixture.completions.map((entry) => [entryKey(entry), entry]));
    const seen = new Set<string>();
    for (const miss of report.misses) {
      const key = entryKey(miss.recorded ?? miss.entry);
      const entry = byKey.get(key);
      if (!entry || entry.reply !== null || seen.has(key)) continue;
      seen.add(key);
      const system = miss.entry.step === "answer" ? ANSWER_SYSTEM : FOLLOW_UP_SYSTEM;
      const reply = await askUpstream(options.upstream, system, miss.prompt);
      if (miss.entry.step === "answer") {
        const converted = toRefs(reply, miss.passages ?? []);
        entry.reply = converted.reply;
        entry.cites = converted.cites;
      } else {
        entry.reply = reply;
      }
      asked++;
    }
  }
  throw new Error(`recording did not settle after ${options.maxPasses ?? 8} passes`);
}

/** Remove the entries that no run asked for (use after a run over the whole set with every LLM variant). */
export function pruneUnused(fixture: SampleEvalFixture, report: LlmEvalReport): SampleEvalFixture {
  const unused = new Set(report.unused.map(entryKey));
  return { ...fixture, completions: fixture.completions.filter((entry) => !unused.has(entryKey(entry))) };
}

/**
 * The prompts to answer, for a person (or a model) writing the completions:
 * each with the identity to cite each numbered passage by, and the reply that
 * went stale, if any.
 */
export function formatPromptsToAnswer(misses: Miss[]): string {
  return uniqueMisses(misses.filter((miss) => miss.reason !== "incomplete"))
    .map((miss) => {
      const parts = [`=== ${miss.id} ${describeEntry(miss.entry)} (${miss.variant}, key ${miss.key})`, `--- why: ${miss.detail}`];
      if (miss.recorded?.reply)
        parts.push(
          `--- the reply recorded before${miss.recorded.planted ? ` (planted ${miss.recorded.planted.mistake}: ${miss.recorded.planted.note})` : ""}\n${miss.recorded.reply}`,
        );
      if (miss.step === "answer") {
        const numbered = promptPassages(miss.prompt);
        const byNumber = new Map((miss.passages ?? []).map((passage) => [passage.n, passage]));
        parts.push(
          `--- cite as\n${numbered.map((passage) => `[${passage.n}] ${byNumber.has(passage.n) ? refMarker(passageRef(byNumber.get(passage.n)!.articleId, byNumber.get(passage.n)!.paragraph)) : "?"}`).join("\n")}`,
        );
      }
      parts.push(
        `--- system\n${miss.entry.step === "answer" ? "ANSWER_SYSTEM" : "FOLLOW_UP_SYSTEM"} (src/retrieval/compose/prompts.ts)`,
        `--- user\n${miss.prompt}\n`,
      );
      return parts.join("\n");
    })
    .join("\n");
}
