/**
 * readout ask [--index DIR] [--json] "question"
 * readout ask [--index DIR] --jsonl < questions.jsonl
 */
import { isCalendarDay } from "../text/calendar.js";
import readline from "node:readline";
import { z } from "zod";
import { answerLines, type QuestionLine } from "../retrieval/conversation/turns.js";
import { formatDate } from "../retrieval/compose/format-date.js";
import type { AnswerResult } from "../retrieval/types.js";
import { defineCommand, UsageError } from "./command.js";
import { isEntryPoint, runCli } from "./run-cli.js";
import { openAnswerChain } from "../retrieval/open-chain.js";
import { INDEX_OPTION, JSON_OPTION, readConfigWithIndex } from "./shared-options.js";

const USAGE = `Usage:
  readout ask [--index DIR] [--json] [--today YYYY-MM-DD] "question"
  readout ask [--index DIR] [--today YYYY-MM-DD] --jsonl < questions.jsonl
  (or npm run -s ask -- ...)

Answers a question from the ingested articles and prints the answer with its sources.

Options:
  --index DIR     local index folder (default: the configured store, READOUT_STORE:
                  READOUT_INDEX_DIR or data/index, or PostgreSQL)
  --json          print one JSON object: question, answer, abstained, citations
  --jsonl         read JSON lines {"id", "conversation"?, "question"} from standard input
                  and write one JSON object per line (lines sharing "conversation"
                  form one conversation, in order, with follow-ups resolved)
  --today DATE    the date relative questions ("last month") are resolved against
  -h, --help      show this help`;

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().trim().min(1, "question is empty"),
  conversation: z.union([z.string(), z.number()]).transform(String).optional(),
  today: z.string().refine(isCalendarDay, "must be a real day written YYYY-MM-DD").optional(),
});

/** The public JSON shape of an answer (the fields the README documents). */
export function answerJson(result: AnswerResult) {
  return {
    question: result.question,
    answer: result.answer,
    abstained: result.abstained,
    citations: result.citations.map((citation) => ({
      n: citation.n,
      source: citation.source,
      title: citation.title,
      date: citation.date ?? null,
      url: citation.url ?? null,
      paragraph: citation.paragraph,
      text: citation.text,
    })),
  };
}

export function formatForTerminal(result: AnswerResult): string {
  const lines = [result.answer];
  if (result.citations.length > 0) {
    lines.push("", "Sources:");
    for (const citation of result.citations) {
      const date = citation.date ? ` (${formatDate(citation.date)})` : "";
      lines.push(`[${citation.n}] ${citation.title}${date}, paragraph ${citation.paragraph}`);
      lines.push(`    source: ${citation.source}${citation.url ? `  ${citation.url}` : ""}`);
      lines.push(`    “${citation.text}”`);
    }
  }
  return lines.join("\n");
}

async function* readQuestionLines(input: NodeJS.ReadableStream, errors: string[]): AsyncGenerator<QuestionLine & { lineNumber: number }> {
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const raw of reader) {
    lineNumber += 1;
    if (raw.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      errors.push(`line ${lineNumber}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      errors.push(`line ${lineNumber}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`).join("; ")}`);
      continue;
    }
    yield { ...parsed.data, lineNumber };
  }
}

export const command = defineCommand({
  name: "ask",
  usage: USAGE,
  options: { ...INDEX_OPTION, ...JSON_OPTION, jsonl: { type: "boolean", default: false }, today: { type: "string" } },
  positionals: true,
  run: async ({ values, positionals }, { stdout, stderr }) => {
    if (values.today && !isCalendarDay(values.today)) throw new UsageError(`--today must be a real day written YYYY-MM-DD, not "${values.today}"`);
    const question = positionals.join(" ").trim();
    if (values.jsonl && question) throw new UsageError("--jsonl reads questions from standard input; do not also give one on the command line");
    if (!values.jsonl && !question) throw new UsageError("No question given.", true);

    const { chain, close } = await openAnswerChain(readConfigWithIndex(values.index));
    try {
      if (!values.jsonl) {
        const result = await chain.invoke({ question, history: [], today: values.today });
        stdout.write(values.json ? `${JSON.stringify(answerJson(result))}\n` : `${formatForTerminal(result)}\n`);
        return 0;
      }
      const errors: string[] = [];
      const lines = readQuestionLines(process.stdin, errors);
      const withToday = async function* () {
        for await (const line of lines) yield { ...line, today: line.today ?? values.today };
      };
      for await (const { line, result } of answerLines(chain, withToday())) {
        stdout.write(`${JSON.stringify({ id: line.id, ...answerJson(result) })}\n`);
      }
      for (const error of errors) stderr.write(`ask: skipped ${error}\n`);
      return errors.length > 0 ? 1 : 0;
    } finally {
      await close();
    }
  },
});

if (isEntryPoint(import.meta.url)) await runCli(command);
