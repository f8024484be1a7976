/**
 * `conversation/` — what the chain takes from the conversation: follow-ups made
 * standalone (this module and `followup-*.ts`), what a message is
 * (`conversation-act.ts`), the turns a conversation remembers (`turns.ts`) and
 * the example question of the help reply.
 *
 * Follow-up questions: "and what did they announce?" after "when did Biden meet
 * Kishida?" becomes "what did Biden and Kishida announce?".
 *
 * Offline and rule-based by default. A question is a follow-up when it opens with
 * a connector ("and", "what about"), refers back with a pronoun ("they", "that",
 * "there") without naming anyone itself, is a bare question word ("when?"), or
 * names no person or country while the previous question did and asks little of
 * its own. It is rewritten by carrying the previous standalone question's people,
 * countries, places and dates: pronouns are replaced by the names, "what about
 * Macron?" replaces the other party, "and in 2022?" replaces the date, "where was
 * that?" re-asks the previous question with the new question word. A question
 * that names its own people is left alone.
 *
 * With a chat model, an LLM rewrite (prompted with the recent history) is tried
 * first and the rule-based result is the fallback on any error or timeout.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { RunnableLambda, type Runnable } from "@langchain/core/runnables";
import { followUpPrompt } from "../compose/prompts.js";
import { normaliseQuestion } from "../question/query.js";
import type { ChatTurn } from "../types.js";
import { rewriteFollowUp, sourcesOf, type FollowUpInput, type FollowUpResult, type FollowUpRuleOptions } from "./followup-rules.js";

export interface FollowUpOptions extends FollowUpRuleOptions {
  /** A chat model for the optional LLM rewrite; the rules alone when absent. */
  model?: BaseChatModel;
  /** Give up on the LLM after this long and use the rules (default 10 s). */
  llmTimeoutMs?: number;
  /** Earlier turns shown to the LLM (default 4). */
  llmTurns?: number;
}

/** Clean an LLM's rewrite: one line, no label, no quotes. Undefined when it is not usable. */
export function cleanRewrite(text: string, question: string): string | undefined {
  const line = text
    .replace(/<think>[\s\S]*?<\/think>/giu, "")
    .split("\n")
    .map((part) => part.trim())
    .find((part) => part.length > 0);
  if (!line) return undefined;
  const clean = line
    .replace(/^(?:standalone(?: question)?|rewritten(?: question)?|question)\s*:\s*/iu, "")
    .replace(/^["'“”«»]+|["'“”«»]+$/gu, "")
    .trim();
  if (clean.length === 0 || clean.length > question.length * 4 + 200) return undefined;
  return clean;
}

function formatHistory(history: ChatTurn[], turns: number): string {
  return history
    .slice(-turns)
    .map((turn) => {
      const answer = turn.answer.length > 400 ? `${turn.answer.slice(0, 400)}…` : turn.answer;
      return `User: ${turn.standaloneQuestion ?? turn.question}\nAssistant: ${answer}`;
    })
    .join("\n\n");
}

/**
 * The follow-up step of the answer chain: `{question, history}` →
 * `{standalone, isFollowUp, carriedSources?}`.
 */
export function createFollowUpRewriter(options: FollowUpOptions = {}): Runnable<FollowUpInput, FollowUpResult> {
  const rules = RunnableLambda.from((input: FollowUpInput) => rewriteFollowUp(input, options)).withConfig({ runName: "FollowUpRules" });
  const model = options.model;
  if (!model) return rules;

  const llm = followUpPrompt.pipe(model).pipe(new StringOutputParser());
  const timeoutMs = options.llmTimeoutMs ?? 10_000;
  const turns = options.llmTurns ?? 4;
  return RunnableLambda.from(async (input: FollowUpInput, config): Promise<FollowUpResult> => {
    const fallback = rewriteFollowUp(input, options);
    const previous = input.history[input.history.length - 1];
    if (!previous) return fallback;
    try {
      const reply = await llm.invoke(
        { history: formatHistory(input.history, turns), question: input.question.trim() },
        { ...config, runName: "FollowUpLlm", timeout: timeoutMs, callbacks: config?.callbacks },
      );
      const standalone = cleanRewrite(reply, input.question);
      if (!standalone) return fallback;
      const isFollowUp = normaliseQuestion(standalone).toLowerCase() !== normaliseQuestion(input.question).toLowerCase();
      if (!isFollowUp) return { standalone: normaliseQuestion(input.question), isFollowUp: false };
      return { standalone: normaliseQuestion(standalone), isFollowUp: true, ...sourcesOf(previous) };
    } catch {
      // The rules never need the network; an unreachable or slow model must not cost the answer.
      return fallback;
    }
  }).withConfig({ runName: "FollowUp" });
}
