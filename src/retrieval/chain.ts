/**
 * `src/retrieval/` — the answer chain, one folder per stage:
 * `conversation/` (follow-ups made standalone, what a message is),
 * `question/` (query understanding), `evidence/` (hybrid retrieval and whether
 * the paragraphs support an answer), `compose/` (the extractive and LLM
 * answerers and the citation checker) and `evaluation/` (scoring and tuning).
 * `types.ts` and `settings.ts` are shared by all of them; `open-chain.ts` opens
 * the index and builds this chain from the configuration.
 *
 * The answer chain that the bot, the CLI and the evaluation all call:
 * follow-up rewriting → query understanding → hybrid retrieval → answer
 * (offline extractive, or an LLM when configured) → checked citations.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { RunnableLambda, RunnableSequence, type Runnable, type RunnableConfig } from "@langchain/core/runnables";
import type { Config } from "../config.js";
import { createExtractiveAnswerer } from "./compose/extractive-answerer.js";
import { createFollowUpRewriter } from "./conversation/followup.js";
import { pointsBack, type FollowUpInput, type FollowUpResult } from "./conversation/followup-rules.js";
import { createChatModel, createLlmAnswerer } from "./compose/llm.js";
import { assessSupport, requireSupport, type SupportAssessment } from "./evidence/support.js";
import { HybridRetriever, type RetrievalIndex } from "./evidence/hybrid-retriever.js";
import { createQueryUnderstanding, understandQuery } from "./question/query.js";
import type { RetrievalSettings } from "./settings.js";
import type { AnswerChain, AnswerDraft, Answerer, AnswerInput, AnswerResult, ChatTurn, Passage, QueryAnalysis } from "./types.js";
export type { FollowUpResult } from "./conversation/followup-rules.js";
import { buildVocabulary } from "./question/vocabulary.js";
import { writtenAsNameIn } from "./question/written-as-name.js";
import { actReply, createActClassifier, type ConversationAct } from "./conversation/conversation-act.js";
import { exampleQuestion } from "./conversation/example-question.js";
import { todayIso } from "./question/dates.js";
import { addYearsToRange } from "../text/calendar.js";

/** How many years back a date asked without a year ("on October 7") is looked for when its latest occurrence has nothing. */
const YEARS_BACK_FOR_GUESSED_DATES = 4;

/** A follow-up this short ("tell me more") is read as one even when it looks like a request for help. */
const BARE_FOLLOW_UP_WORDS = 3;

export type FollowUpRewriter = Runnable<FollowUpInput, FollowUpResult>;

export interface AnswerChainOptions {
  index: RetrievalIndex;
  embeddings: EmbeddingsInterface;
  config: Pick<Config, "today" | "llm">;
  /** The answerer; by default the configured LLM, or the offline extractive one. */
  answerer?: Answerer;
  followUp?: FollowUpRewriter;
  settings?: Partial<RetrievalSettings>;
}

interface StartState extends AnswerInput {
  history: ChatTurn[];
  startedAt: number;
}

interface ChainState extends StartState {
  followUp: FollowUpResult;
  query: QueryAnalysis;
  vector: number[];
  act: ConversationAct;
  passages: Passage[];
  assessment: SupportAssessment;
  draft: AnswerDraft;
}

export function createAnswerChain(options: AnswerChainOptions): AnswerChain {
  const terms = options.index.terms;
  const index = options.index;
  const vocabulary = {
    ...buildVocabulary(index.articles.values()),
    corpusHas: (word: string) => terms.mentions(word),
    writtenAsName: writtenAsNameIn(function* () {
      for (const id of index.articles.keys()) for (const chunk of index.chunksOfArticle(id)) yield chunk.pageContent;
    }),
  };
  const configuredToday = options.config.today;
  const understanding = createQueryUnderstanding({ vocabulary, ...(configuredToday ? { today: configuredToday } : {}) });
  const retriever = new HybridRetriever(
    options.index,
    options.embeddings,
    (question) => understandQuery(question, { today: configuredToday ?? todayIso(), vocabulary }),
    options.settings,
    terms,
  );
  const model = createChatModel(options.config.llm);
  const answerer =
    options.answerer ?? (model ? requireSupport(createLlmAnswerer(model, { timeoutMs: options.config.llm.timeoutMs })) : createExtractiveAnswerer());
  const followUp =
    options.followUp ??
    createFollowUpRewriter({
      vocabulary,
      ...(configuredToday ? { today: configuredToday } : {}),
      ...(model ? { model, llmTimeoutMs: options.config.llm.timeoutMs } : {}),
    });

  const step = <In, Out>(name: string, fn: (state: In, config?: RunnableConfig) => Out | Promise<Out>) => RunnableLambda.from(fn).withConfig({ runName: name });

  const acts = createActClassifier(options.embeddings);
  const knownPeople = new Set(vocabulary.people.map((person) => person.name));
  const example = exampleQuestion(options.index.articles.values());
  const noEvidence: SupportAssessment = { supported: false, passages: [], about: [], sentences: [], probability: 0 };

  return RunnableSequence.from<AnswerInput, AnswerResult>([
    step("Start", (input: AnswerInput) => ({ ...input, question: input.question.trim(), history: input.history ?? [], startedAt: performance.now() })),
    // One understanding of the message: the standalone question, its analysis, its embedding and what kind of message it is.
    step("Understand", async (state: StartState, config?: RunnableConfig): Promise<Omit<ChainState, "passages" | "assessment" | "draft">> => {
      const today = state.today ? { today: state.today } : {};
      const rewritten = await followUp.invoke({ question: state.question, history: state.history, ...today }, config);
      const namesKnownPeople = (analysis: QueryAnalysis) => analysis.people.some((person) => knownPeople.has(person));
      if (rewritten.isFollowUp) {
        // "thanks!" or "tell me a joke" after a question is no follow-up: the message itself decides what it is.
        const own = await understanding.invoke({ question: state.question, ...today }, config);
        const ownVector = await options.embeddings.embedQuery(own.question);
        const ownAct = await acts.classify(ownVector, { namesKnownPeople: namesKnownPeople(own), isFollowUp: false });
        // "why?", "tell me more about that": a follow-up resembles a request for help, so help wins only from a longer
        // message that points at nothing said before ("what can this bot do?").
        const asksHelp = ownAct === "help" && own.question.split(/\s+/u).length > BARE_FOLLOW_UP_WORDS && !pointsBack(own.question);
        if (ownAct === "greeting" || ownAct === "thanks" || ownAct === "off-topic" || asksHelp)
          return { ...state, followUp: { standalone: own.question, isFollowUp: false }, query: own, vector: ownVector, act: ownAct };
      }
      const query = await understanding.invoke({ question: rewritten.standalone, ...today }, config);
      const vector = await options.embeddings.embedQuery(query.question);
      const act = await acts.classify(vector, { namesKnownPeople: namesKnownPeople(query), isFollowUp: rewritten.isFollowUp });
      return { ...state, followUp: rewritten, query, vector, act };
    }),
    step("Retrieve", async (state: Omit<ChainState, "passages" | "assessment" | "draft">, config?: RunnableConfig) => {
      if (state.act !== "question") return { ...state, passages: [] };
      const retrieveOptions = { queryVector: state.vector, ...(state.followUp.isFollowUp ? { carriedSources: state.followUp.carriedSources ?? [] } : {}) };
      const retrieve = (query: QueryAnalysis) => retriever.forQuery(query, retrieveOptions).invoke(query.question, config);
      let query = state.query;
      let documents = await retrieve(query);
      // "On October 7" has no year: when the latest October 7 has nothing, the one a year or a few before may.
      for (let back = 1; documents.length === 0 && query.dateYearGuessed && state.query.dateRange && back <= YEARS_BACK_FOR_GUESSED_DATES; back++) {
        const earlier = { ...state.query, dateRange: addYearsToRange(state.query.dateRange, -back) };
        documents = await retrieve(earlier);
        if (documents.length > 0) query = earlier;
      }
      return { ...state, query, passages: documents.map((document) => document.metadata.passage) };
    }),
    step("AssessSupport", (state: Omit<ChainState, "assessment" | "draft">) => ({
      ...state,
      assessment: state.act === "question" ? assessSupport(state.followUp.standalone, state.query, state.passages, { terms }) : noEvidence,
    })),
    step("Compose", async (state: Omit<ChainState, "draft">, config?: RunnableConfig) => {
      if (state.act !== "question") {
        const draft: AnswerDraft = {
          answer: actReply(state.act, example),
          abstained: state.act === "off-topic",
          citations: [],
          abstentionReason: `not a question about meetings (${state.act})`,
        };
        return { ...state, draft };
      }
      const draft = await answerer.invoke(
        {
          question: state.followUp.standalone,
          query: state.query,
          passages: state.passages,
          assessment: state.assessment,
          today: state.today ?? configuredToday ?? todayIso(),
          ...(state.followUp.isFollowUp && state.followUp.carriedSources ? { followedArticles: state.followUp.carriedSources } : {}),
        },
        config,
      );
      return { ...state, draft };
    }),
    step(
      "Result",
      (state: ChainState): AnswerResult => ({
        question: state.question,
        standaloneQuestion: state.followUp.standalone,
        answer: state.draft.answer,
        abstained: state.draft.abstained,
        citations: state.draft.citations,
        latencyMs: performance.now() - state.startedAt,
        retrieved: state.passages,
        analysis: state.query,
        act: state.act,
        supportProbability: state.assessment.probability,
        ...(state.draft.abstentionReason ? { abstentionReason: state.draft.abstentionReason } : {}),
      }),
    ),
  ]).withConfig({ runName: "ReadoutAnswerChain" }) as AnswerChain;
}
