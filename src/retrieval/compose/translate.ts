/**
 * Questions in a language the index cannot search, through the configured
 * chat model: the question is translated into English for retrieval, and the
 * answer back into the question's language with its citation markers kept,
 * so the same citations stand under it.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import type { LlmConfig } from "../../config.js";
import { LlmUnavailableError, cleanLlmText, createChatModel, describeLlmFailure, endpointOf, secretsOf } from "./llm.js";

export interface QuestionTranslator {
  /** The question in English, for retrieval. */
  toEnglish(question: string): Promise<string>;
  /** The English answer in the language of `question`; the English answer itself when the translation loses or adds a citation marker. */
  fromEnglish(answer: string, question: string): Promise<{ text: string; translated: boolean }>;
}

const toEnglishPrompt = ChatPromptTemplate.fromMessages([
  [
    "system",
    "You translate questions about meetings of heads of state and officials into English for a search engine over English news articles. " +
      "Write people, countries and places in their usual English spelling. Reply with the English question only.",
  ],
  ["human", "{question}"],
]);

const fromEnglishPrompt = ChatPromptTemplate.fromMessages([
  [
    "system",
    "You translate answers into the language of the user's question. Keep every citation marker such as [1] or [2] exactly as written, " +
      "after the sentence it belongs to; keep names, dates and figures. Reply with the translation only.",
  ],
  ["human", "Question: {question}\n\nAnswer to translate:\n{answer}"],
]);

const markers = (text: string) =>
  [...text.matchAll(/\[\d+\]/gu)]
    .map((match) => match[0])
    .sort()
    .join(" ");

export function createQuestionTranslator(model: BaseChatModel, timeoutMs?: number): QuestionTranslator {
  const host = endpointOf(model);
  const secrets = secretsOf(model);
  const call = async (chain: ReturnType<typeof toEnglishPrompt.pipe>, input: Record<string, string>): Promise<string> => {
    try {
      const reply = (await chain.pipe(new StringOutputParser()).invoke(input, timeoutMs ? { timeout: timeoutMs } : {})) as string;
      return cleanLlmText(reply);
    } catch (error) {
      throw new LlmUnavailableError(host, describeLlmFailure(error, timeoutMs, secrets));
    }
  };
  return {
    async toEnglish(question) {
      const english = await call(toEnglishPrompt.pipe(model), { question });
      return english.length > 0 ? english : question;
    },
    async fromEnglish(answer, question) {
      const text = await call(fromEnglishPrompt.pipe(model), { question, answer });
      // The citations under the answer must still match its markers.
      return text.length > 0 && markers(text) === markers(answer) ? { text, translated: true } : { text: answer, translated: false };
    },
  };
}

/** The translator over the configured LLM, or undefined when none is configured. */
export function createConfiguredTranslator(config: LlmConfig): QuestionTranslator | undefined {
  const model = createChatModel(config);
  return model ? createQuestionTranslator(model, config.timeoutMs) : undefined;
}
