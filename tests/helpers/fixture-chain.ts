/**
 * A test double for the answer chain: a small keyword retriever over fixture
 * paragraphs that returns a real `AnswerResult` (answer text with [n] markers
 * and the citations they resolve to), and remembers every input it was given.
 * Used only in tests; the bot ships with the real chain.
 */
import { RunnableLambda } from "@langchain/core/runnables";
import { ABSTENTION, type AnswerInput, type AnswerResult, type Citation } from "../../src/retrieval/types.js";

export interface FixtureArticle {
  id: string;
  title: string;
  date?: string;
  url?: string;
  paragraphs: string[];
}

export const FIXTURE_ARTICLES: FixtureArticle[] = [
  {
    id: "kishida-biden-2024.md",
    title: "Biden & Kishida meet at the White House",
    date: "2024-04-10",
    url: "https://example.org/news/biden-kishida?a=1&b=2",
    paragraphs: [
      "President Biden met Prime Minister Kishida of Japan at the White House on April 10, 2024.",
      "The leaders announced a <b>new</b> defence partnership & a plan to upgrade command structures.",
      "They also discussed semiconductors, space cooperation and a joint astronaut mission.",
    ],
  },
  {
    id: "lukashenko-aliyev.txt",
    title: "Lukashenko offers Azerbaijan <script>alert(1)</script> tractors",
    date: "2023-11-02",
    paragraphs: [
      "Lukashenko met Aliyev in Baku and offered Azerbaijan tractors, buses & agricultural machinery.",
      'Aliyev said trade grew by 30% < 2022\'s record > expectations, citing "strong demand".',
    ],
  },
  {
    id: "committee-hearing.html",
    title: "Senate committee session on trade 😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    date: "2024-02-01",
    url: "https://example.org/committee",
    paragraphs: ["The Senate trade committee met on February 1 to review tariffs on steel 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 imports."],
  },
];

const STOP = new Set([
  "the",
  "a",
  "an",
  "and",
  "of",
  "did",
  "what",
  "when",
  "who",
  "to",
  "in",
  "on",
  "they",
  "meet",
  "met",
  "last",
  "with",
  "do",
  "does",
  "about",
]);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2 && !STOP.has(w));
}

export interface FixtureChainOptions {
  articles?: FixtureArticle[];
  /** Replace the answer text (e.g. to make a very long answer). */
  answerText?: (question: string, citations: Citation[]) => string;
  /** Throw this error instead of answering. */
  fail?: Error;
  /** Wait this long before answering. */
  delayMs?: number;
}

export function createFixtureChain(options: FixtureChainOptions = {}) {
  const articles = options.articles ?? FIXTURE_ARTICLES;
  const inputs: AnswerInput[] = [];
  const chain = RunnableLambda.from(async (input: AnswerInput): Promise<AnswerResult> => {
    inputs.push(structuredClone(input));
    const started = Date.now();
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (options.fail) throw options.fail;
    // A follow-up ("and what did they announce?") borrows the terms of the previous question.
    const previous = input.history?.at(-1);
    const followUp = /^(and|what about|also)\b/i.test(input.question.trim()) && previous;
    const standaloneQuestion = followUp ? `${previous.standaloneQuestion ?? previous.question} ${input.question}` : input.question;
    const terms = new Set(words(standaloneQuestion));
    const scored = articles
      .flatMap((article) => article.paragraphs.map((text, index) => ({ article, text, paragraph: index + 1 })))
      .map((p) => ({ ...p, score: words(`${p.article.title} ${p.text}`).filter((w) => terms.has(w)).length }))
      .filter((p) => p.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 2);
    const citations: Citation[] = scored.map((p, index) => ({
      n: index + 1,
      source: p.article.id,
      title: p.article.title,
      ...(p.article.date ? { date: p.article.date } : {}),
      ...(p.article.url ? { url: p.article.url } : {}),
      paragraph: p.paragraph,
      text: p.text,
    }));
    const abstained = citations.length === 0;
    const answer = abstained ? ABSTENTION : (options.answerText?.(input.question, citations) ?? citations.map((c) => `${c.text} [${c.n}]`).join(" "));
    return { question: input.question, standaloneQuestion, answer, abstained, citations, latencyMs: Date.now() - started };
  });
  return { chain, inputs };
}
