/**
 * Citations by passage identity in recorded LLM replies (tests/helpers/passage-refs.ts):
 * conversion from numbered replies, rendering into a prompt's numbers, and what
 * makes a recording stale.
 */
import { describe, expect, it } from "vitest";
import { answerPrompt, formatPassages } from "../../src/retrieval/compose/prompts.js";
import type { Passage } from "../../src/retrieval/types.js";
import { citedText, promptPassages, promptQuestion, refsIn, relabel, renderReply, toRefs, type ArticleLookup } from "../helpers/passage-refs.js";

const passage = (n: number, articleId: string, paragraph: number, text: string, title: string, date?: string): Passage => ({
  n,
  chunkId: `${articleId}:p${paragraph}`,
  articleId,
  paragraph,
  text,
  title,
  ...(date ? { date } : {}),
  participants: [],
  score: 1,
});

const KISHIDA = "Biden Welcomes Prime Minister Kishida";
const CAMP = "Camp David Trilateral Summit";
const k1 = passage(
  1,
  "readouts/kishida.md",
  1,
  "President Biden welcomed Prime Minister Fumio Kishida of Japan to the White House today.",
  KISHIDA,
  "2024-04-10",
);
const k2 = passage(2, "readouts/kishida.md", 2, "The leaders announced more than seventy steps to modernise the alliance.", KISHIDA, "2024-04-10");
const c1 = passage(3, "readouts/camp-david.md", 1, "President Biden hosted Prime Minister Kishida and President Yoon at Camp David today.", CAMP, "2023-08-18");
const c2 = passage(4, "readouts/camp-david.md", 2, "The leaders agreed to share missile warning data in real time.", CAMP, "2023-08-18");

const articles: ArticleLookup = (id) =>
  id === "readouts/kishida.md"
    ? { title: KISHIDA, paragraphs: [k1.text, k2.text], date: "2024-04-10" }
    : id === "readouts/camp-david.md"
      ? { title: CAMP, paragraphs: [c1.text, c2.text], date: "2023-08-18" }
      : undefined;

async function promptFor(passages: Passage[], question = "When did Biden last meet Kishida?"): Promise<string> {
  const messages = await answerPrompt.formatMessages({ today: "2024-06-12", question, passages: formatPassages(passages.map((p, i) => ({ ...p, n: i + 1 }))) });
  return String(messages.at(-1)!.content);
}

describe("passage identities in recorded replies", () => {
  it("converts numbered citations to identities, keeping numbers that were not given", () => {
    const { reply, cites } = toRefs("They met on April 10 [1][3]. Seventy steps [2, 1]. At Camp David too [7].", [k1, k2, c1]);
    expect(reply).toBe(
      "They met on April 10 [[readouts/kishida.md¶1]][[readouts/camp-david.md¶1]]. Seventy steps [[readouts/kishida.md¶2]][[readouts/kishida.md¶1]]. At Camp David too [7].",
    );
    expect(Object.keys(cites).sort()).toEqual(["readouts/camp-david.md¶1", "readouts/kishida.md¶1", "readouts/kishida.md¶2"]);
    expect(cites["readouts/kishida.md¶1"]).toEqual(citedText(k1.text, "2024-04-10"));
    expect(cites["readouts/kishida.md¶1"]!.text).toBe(k1.text.slice(0, 60));
    expect(refsIn(reply)).toEqual(["readouts/kishida.md¶1", "readouts/camp-david.md¶1", "readouts/kishida.md¶2"]);
  });

  it("reads the question, today and the numbered passages back from a rendered answer prompt", async () => {
    const prompt = await promptFor([k1, c1]);
    expect(promptQuestion(prompt)).toEqual({ question: "When did Biden last meet Kishida?", today: "2024-06-12" });
    const read = promptPassages(prompt);
    expect(read.map((p) => [p.n, p.text])).toEqual([
      [1, k1.text],
      [2, c1.text],
    ]);
    expect(read[0]!.header).toBe(`"${KISHIDA}" | meeting date: 2024-04-10`);
  });

  it("renders identities into the numbers the passages have in the prompt sent, whatever the other passages", async () => {
    const { reply, cites } = toRefs("They last met on April 10, 2024 [1].", [k1, k2, c1, c2]);
    expect(renderReply(reply, cites, await promptFor([k1, k2, c1, c2]), articles)).toMatchObject({
      reply: "They last met on April 10, 2024 [1].",
      problems: [],
    });
    expect(renderReply(reply, cites, await promptFor([c2, c1, k1]), articles)).toMatchObject({ reply: "They last met on April 10, 2024 [3].", problems: [] });
    const dropped = renderReply(reply, cites, await promptFor([k2, c1, c2]), articles);
    expect(dropped.reply).toBeUndefined();
    expect(dropped.problems).toEqual([`readouts/kishida.md¶1 ("President Biden welcomed Prime Minister …") is no longer among the passages given`]);
  });

  it("does not take a paragraph of another article that starts the same way", async () => {
    const twin = passage(1, "news/other.md", 1, k1.text, "Another Outlet's Story");
    const { reply, cites } = toRefs("They met [1].", [k1]);
    const rendered = renderReply(reply, cites, await promptFor([twin, c1]), (id) => articles(id) ?? { title: "Another Outlet's Story", paragraphs: [k1.text] });
    expect(rendered.problems[0]).toContain("is no longer among the passages given");
  });

  it("is stale when a cited paragraph's text changed, or its article is gone", async () => {
    const { reply, cites } = toRefs("They met [1].", [k1]);
    const edited = { ...k1, text: `${k1.text} It was his first visit.` };
    expect(renderReply(reply, cites, await promptFor([edited, c1]), articles).problems[0]).toContain("is given, but its text changed");
    expect(renderReply(reply, cites, await promptFor([k1, c1]), (id) => (id === "readouts/kishida.md" ? undefined : articles(id))).problems[0]).toContain(
      "its article is not in the index",
    );
  });

  it("keeps a literal number literal, and is stale once that number names a given passage", async () => {
    const reply = "They met on April 10, 2024 [7].";
    expect(renderReply(reply, {}, await promptFor([k1, k2, c1, c2]), articles)).toMatchObject({ reply, problems: [] });
    const seven = [k1, k2, c1, c2, k1, k2, c1].map((p, i) => ({ ...p, text: `${p.text} (${i})` }));
    expect(renderReply(reply, {}, await promptFor(seven), articles).problems).toEqual([
      "the literal citation [7] (to a passage that was not given) now names passage [7] of 7",
    ]);
  });

  it("notes a cited paragraph that moved to another number with the same text, and a changed meeting date, without going stale", async () => {
    const { reply, cites } = toRefs("Seventy steps [2].", [k1, k2]);
    const moved: ArticleLookup = (id) =>
      id === "readouts/kishida.md" ? { title: KISHIDA, paragraphs: ["Washington, April 10", k1.text, k2.text] } : undefined;
    const redated = { ...k2, date: "2024-04-11" };
    const rendered = renderReply(reply, cites, await promptFor([redated]), moved);
    expect(rendered).toMatchObject({
      reply: "Seventy steps [1].",
      problems: [],
      moved: [{ ref: "readouts/kishida.md¶2", now: "readouts/kishida.md¶3" }],
      redated: [{ ref: "readouts/kishida.md¶2", was: "2024-04-10", now: "2024-04-11" }],
    });
    expect(relabel(reply, cites, rendered.moved)).toEqual({
      reply: "Seventy steps [[readouts/kishida.md¶3]].",
      cites: { "readouts/kishida.md¶3": cites["readouts/kishida.md¶2"] },
    });
  });

  it("names a cited passage whose text was never recorded (a reply written by hand)", async () => {
    const rendered = renderReply("They met [[readouts/kishida.md¶1]].", {}, await promptFor([k1]), articles);
    expect(rendered.problems).toEqual(['[[readouts/kishida.md¶1]] has no recorded text ("cites"): run --capture to fill it in from the index']);
  });
});
