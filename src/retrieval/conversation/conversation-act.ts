/**
 * What a message is, before anything is retrieved for it: a question about
 * meetings, a greeting, thanks, a request for help, or something the bot does
 * not do (general knowledge, jokes, instructions to the bot). Decided by the
 * nearest labelled examples in embedding space (conversation-examples.ts), so
 * paraphrases are recognised; a message that names someone the articles know,
 * or follows up a conversation, is always a question.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { CONVERSATION_EXAMPLES } from "./conversation-examples.js";
import type { ConversationAct } from "../types.js";

export type { ConversationAct } from "../types.js";

/** How many neighbours vote, and how close the nearest must be for anything but a question. */
const NEIGHBOURS = 5;
const MIN_SIMILARITY = 0.45;
const VOTE_TEMPERATURE = 0.1;

interface Example {
  act: ConversationAct;
  vector: number[];
}

export interface ActClassifier {
  /** The act of a message, given its embedding; `namesKnownPeople` and `isFollowUp` force "question". */
  classify(vector: number[], signals: { namesKnownPeople: boolean; isFollowUp: boolean }): Promise<ConversationAct>;
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** A classifier over the labelled examples, embedded once (on first use) with the index's own embeddings. */
export function createActClassifier(embeddings: EmbeddingsInterface): ActClassifier {
  let examples: Promise<Example[]> | undefined;
  const load = () => {
    examples ??= (async () => {
      const labelled = Object.entries(CONVERSATION_EXAMPLES).flatMap(([act, texts]) => texts.map((text) => ({ act: act as ConversationAct, text })));
      const vectors = await embeddings.embedDocuments(labelled.map((example) => example.text));
      return labelled.map((example, i) => ({ act: example.act, vector: vectors[i] ?? [] }));
    })().catch((error: unknown) => {
      examples = undefined;
      throw error;
    });
    return examples;
  };
  return {
    async classify(vector, signals) {
      if (signals.namesKnownPeople || signals.isFollowUp) return "question";
      const nearest = (await load())
        .map((example) => ({ act: example.act, similarity: cosine(vector, example.vector) }))
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, NEIGHBOURS);
      if (!nearest[0] || nearest[0].similarity < MIN_SIMILARITY) return "question";
      const votes = new Map<ConversationAct, number>();
      // Closer neighbours weigh far more (a softmax with temperature 0.1): one near twin outvotes several loose resemblances.
      for (const { act, similarity } of nearest) votes.set(act, (votes.get(act) ?? 0) + Math.exp(similarity / VOTE_TEMPERATURE));
      const [winner] = [...votes.entries()].sort((a, b) => b[1] - a[1]);
      // The nearest example must agree: a lone look-alike does not turn a question into chit-chat.
      return winner && winner[0] === nearest[0].act ? winner[0] : "question";
    },
  };
}

/** The bot's reply to a message that is not a question, without citations. */
export function actReply(act: Exclude<ConversationAct, "question">, example: string): string {
  switch (act) {
    case "greeting":
      return `Hello! Ask me about meetings, calls and visits of officials in the articles I have, for example: "${example}"`;
    case "thanks":
      return `You're welcome. Ask me anything else about the meetings in the articles, for example: "${example}"`;
    case "help":
      return `I answer questions about meetings between officials (who met whom, when, where, what they discussed or agreed) from the articles I have, and cite the paragraphs I used. For example: "${example}"`;
    case "off-topic":
      return "I can only answer questions about the meetings and calls in the articles I have.";
  }
}
