/**
 * Prompts for the optional LLM steps. Kept apart so they can be read, reviewed and
 * changed in one place; recorded completions in tests/fixtures/llm/ are keyed on
 * what these render.
 */
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { ABSTENTION, type Passage } from "../types.js";

export const ANSWER_SYSTEM = `You answer questions about meetings between officials (heads of state, ministers, advisers, committees) using ONLY the numbered source passages the user gives you.

Rules:
- Be short: one to four sentences. Say who met or spoke with whom, when (a date), where if the passages say, and what was discussed, agreed, offered or announced when that is asked.
- End every sentence with the number of the passage that supports it, in square brackets: [1], or [2][3] for several. Cite only the numbers of the passages given. Never cite a passage that does not support the sentence.
- For a question about several meetings, write one line per meeting, starting with "- ", each with its citation.
- Each passage's header gives the date of the meeting it reports, already worked out from words such as "today", "yesterday" or "on Thursday" in its text, and its publication date when that differs. When asked when, give the meeting date. Questions that say "last week" or "this year" count from today's date, given with the question.
- Do not use anything you know from elsewhere. Do not guess.
- If the passages do not answer the question, reply with exactly this sentence and nothing else: ${ABSTENTION}
- No preamble, no headings, no list of sources at the end.`;

/** Variables: `today` (YYYY-MM-DD), `question`, `passages` (see `formatPassages`). */
export const answerPrompt = ChatPromptTemplate.fromMessages([
  ["system", ANSWER_SYSTEM],
  ["human", "Today is {today}.\n\nQuestion: {question}\n\nSource passages:\n\n{passages}\n\nAnswer the question from these passages only, citing them as [n]."],
]);

/** The numbered passages as the answer prompt shows them: a header line (title, meeting date, publication date, place) and the paragraph. */
export function formatPassages(passages: readonly Passage[]): string {
  return passages
    .map((passage) => {
      const header = [`"${passage.title.replace(/\s+/gu, " ").trim()}"`];
      if (passage.date) header.push(`meeting date: ${passage.date}`);
      if (passage.publishedDate && passage.publishedDate !== passage.date) header.push(`published: ${passage.publishedDate}`);
      if (passage.place) header.push(passage.place);
      return `[${passage.n}] ${header.join(" | ")}\n${passage.text.trim()}`;
    })
    .join("\n\n");
}

export const FOLLOW_UP_SYSTEM = `You rewrite the user's latest question so that it can be understood without the conversation.
Replace pronouns and vague references ("they", "he", "that meeting", "there", "what about X?") with the people, countries, places and dates they refer to in the conversation.
If the latest question already stands on its own, return it unchanged.
Reply with the question only: one line, no explanation, no quotes.`;

/** Variables: `history` (earlier turns as "User: …\nAssistant: …"), `question`. */
export const followUpPrompt = ChatPromptTemplate.fromMessages([
  ["system", FOLLOW_UP_SYSTEM],
  ["human", "Conversation so far:\n\n{history}\n\nLatest question: {question}\n\nStandalone question:"],
]);
