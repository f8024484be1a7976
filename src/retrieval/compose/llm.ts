/**
 * The optional LLM answerer: any LangChain chat model (an OpenAI-compatible
 * endpoint or Ollama, by configuration) gets the question and the numbered
 * passages, and its reply goes through the citation checker before anyone sees it.
 *
 * When the endpoint fails (unreachable, timeout, HTTP error, unreadable reply)
 * the answerer throws an `LlmUnavailableError` whose message can be shown to a
 * user as it is: "The language model at <host> did not answer: …". It never
 * contains the API key.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { RunnableLambda } from "@langchain/core/runnables";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import type { LlmConfig } from "../../config.js";
import { scrubSecrets } from "../../log.js";
import { checkCitations } from "./citations.js";
import { todayIso } from "../question/dates.js";
import { answerPrompt, formatPassages } from "./prompts.js";
import { ABSTENTION, type AnswerDraft, type Answerer, type AnswererInput } from "../types.js";

const DEFAULT_OPENAI_URL = "https://api.openai.com/v1";
const DEFAULT_OLLAMA_URL = "http://127.0.0.1:11434";

export interface ChatModelOptions {
  /** Retries after a failed call (default 1: a chat user should not wait through six). */
  maxRetries?: number;
}

/** The configured chat model, or undefined when `READOUT_LLM=none`. */
export function createChatModel(config: LlmConfig, options: ChatModelOptions = {}): BaseChatModel | undefined {
  const maxRetries = options.maxRetries ?? 1;
  if (config.provider === "none") return undefined;
  if (config.provider === "openai") {
    return new ChatOpenAI({
      model: config.model ?? "gpt-4o-mini",
      // A local OpenAI-compatible server may need no key, but the client insists on one.
      apiKey: config.apiKey ?? "not-needed",
      temperature: 0,
      timeout: config.timeoutMs,
      maxRetries,
      configuration: config.baseUrl ? { baseURL: config.baseUrl } : {},
    });
  }
  return new ChatOllama({
    model: config.model ?? "llama3.1",
    baseUrl: config.baseUrl ?? DEFAULT_OLLAMA_URL,
    temperature: 0,
    maxRetries,
  });
}

/** Host (and port) of a chat model's endpoint, for messages: "127.0.0.1:11434", "api.openai.com". */
export function endpointOf(model: BaseChatModel): string {
  const candidate = model as unknown as { baseUrl?: string; clientConfig?: { baseURL?: string | null } };
  const url = candidate.baseUrl ?? candidate.clientConfig?.baseURL ?? (model instanceof ChatOpenAI ? DEFAULT_OPENAI_URL : undefined);
  if (!url) return model._llmType();
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function secretsOf(model: BaseChatModel): string[] {
  const candidate = model as unknown as { apiKey?: string; clientConfig?: { apiKey?: string } };
  return [candidate.apiKey, candidate.clientConfig?.apiKey].filter((value): value is string => typeof value === "string" && value !== "not-needed");
}

export class LlmUnavailableError extends Error {
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`The language model at ${host} did not answer: ${reason}`);
    this.name = "LlmUnavailableError";
  }
}

/** A short, key-free reason for a failed call. */
export function describeLlmFailure(error: unknown, timeoutMs: number | undefined, secrets: string[]): string {
  const err = error as { name?: string; message?: string; status?: number; status_code?: number; cause?: { code?: string; message?: string } };
  const message = String(err?.message ?? error);
  const status = err?.status ?? err?.status_code;
  let reason: string;
  if (err?.name === "TimeoutError" || err?.name === "AbortError" || /timed? ?out|aborted/iu.test(message)) {
    reason = timeoutMs ? `no reply within ${Math.round(timeoutMs / 100) / 10} s` : "the request timed out";
  } else if (
    /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|fetch failed|Connection error|ECONNRESET|socket hang up/iu.test(
      `${message} ${err?.cause?.code ?? ""} ${err?.cause?.message ?? ""}`,
    )
  ) {
    reason = "could not connect";
  } else if (typeof status === "number") {
    reason = `HTTP ${status}${message && !message.startsWith(String(status)) ? `: ${message}` : message ? `: ${message.replace(/^\d+\s*/u, "")}` : ""}`;
  } else if (/JSON|Unexpected token|Unexpected end|Did not receive done/iu.test(message) || err?.name === "SyntaxError") {
    reason = "the reply was not valid JSON or was cut short";
  } else {
    reason = message;
  }
  const clean = scrubSecrets(reason, secrets)
    .replace(/\bsk-[A-Za-z0-9_\-*]{6,}/gu, "[redacted]")
    .replace(/\bBearer\s+\S+/giu, "Bearer [redacted]")
    .replace(/\s+/gu, " ")
    .trim();
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}

/** Remove what chat models add around an answer: reasoning blocks, Markdown emphasis and headings. */
export function cleanLlmText(text: string): string {
  return text
    .replace(/<think>[\s\S]*?<\/think>/giu, "")
    .replace(/^\s*#{1,6}\s+/gmu, "")
    .replace(/\*\*([^*\n]+)\*\*/gu, "$1")
    .replace(/__([^_\n]+)__/gu, "$1")
    .replace(/^\s*(?:answer|response)\s*:\s*/iu, "")
    .trim();
}

export interface LlmAnswererOptions {
  /** Abort a call after this long (default: none beyond the model's own). */
  timeoutMs?: number;
}

/**
 * An `Answerer` backed by a chat model: prompt with the numbered passages, then
 * the citation checker. No passages means no call: the abstention.
 */
export function createLlmAnswerer(model: BaseChatModel, options: LlmAnswererOptions = {}): Answerer {
  const generate = answerPrompt.pipe(model).pipe(new StringOutputParser()).withConfig({ runName: "LlmGenerate" });
  const host = endpointOf(model);
  const secrets = secretsOf(model);
  return RunnableLambda.from(async (input: AnswererInput, config): Promise<AnswerDraft> => {
    if (input.passages.length === 0) return { answer: ABSTENTION, abstained: true, citations: [], abstentionReason: "no passages were retrieved" };
    let reply: string;
    try {
      reply = await generate.invoke(
        { today: input.today ?? todayIso(), question: input.question, passages: formatPassages(input.passages) },
        { ...config, ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}) },
      );
    } catch (error) {
      throw new LlmUnavailableError(host, describeLlmFailure(error, options.timeoutMs, secrets));
    }
    const { answer, abstained, citations, abstentionReason } = checkCitations(cleanLlmText(reply), input.passages);
    return { answer, abstained, citations, ...(abstentionReason ? { abstentionReason: `LLM: ${abstentionReason}` } : {}) };
  }).withConfig({ runName: "LlmAnswerer" });
}

/** The configured LLM answerer, or undefined when no LLM is configured. */
export function createConfiguredLlmAnswerer(config: LlmConfig, options: ChatModelOptions = {}): Answerer | undefined {
  const model = createChatModel(config, options);
  return model ? createLlmAnswerer(model, { timeoutMs: config.timeoutMs }) : undefined;
}
