import type { AnswerChain, AnswerResult, ChatTurn } from "../types.js";

/** The turn a conversation remembers after an answer, for resolving follow-ups. */
export function turnFromResult(result: AnswerResult): ChatTurn {
  const people = meetingPeople(result);
  return {
    question: result.question,
    standaloneQuestion: result.standaloneQuestion,
    answer: result.answer,
    sources: [...new Set(result.citations.map((citation) => citation.source))],
    ...(people.length > 0 ? { people } : {}),
  };
}

/** The participants of the meeting the answer cites first. */
function meetingPeople(result: AnswerResult): string[] {
  const first = result.citations[0]?.source;
  if (!first) return [];
  return [...new Set((result.retrieved ?? []).filter((passage) => passage.articleId === first).flatMap((passage) => passage.participants))].slice(0, 4);
}

/** Whether an answer becomes part of the conversation follow-ups read: "thanks!" or a joke between two questions does not. */
export function continuesConversation(result: AnswerResult): boolean {
  return result.act === undefined || result.act === "question";
}

/** Keep the last `limit` turns. */
export function appendTurn(history: ChatTurn[], turn: ChatTurn, limit: number): ChatTurn[] {
  return [...history, turn].slice(-limit);
}

export interface QuestionLine {
  id: string;
  question: string;
  /** Lines sharing a conversation value form one conversation, in order. */
  conversation?: string;
  today?: string;
}

/**
 * Answer questions in order; lines that share a `conversation` see the earlier
 * turns of that conversation as history, others are answered on their own.
 */
export async function* answerLines<Line extends QuestionLine>(
  chain: AnswerChain,
  lines: Iterable<Line> | AsyncIterable<Line>,
  historyLimit = 6,
): AsyncGenerator<{ line: Line; result: AnswerResult }> {
  const histories = new Map<string, ChatTurn[]>();
  for await (const line of lines) {
    const history = line.conversation ? (histories.get(line.conversation) ?? []) : [];
    const result = await chain.invoke({ question: line.question, history, today: line.today });
    if (line.conversation && continuesConversation(result)) histories.set(line.conversation, appendTurn(history, turnFromResult(result), historyLimit));
    yield { line, result };
  }
}
