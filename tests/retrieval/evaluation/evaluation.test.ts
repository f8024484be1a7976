import { describe, expect, it } from "vitest";
import { goldRank, keywordsPresent, parseEvalSet, scoreItem, summarize, percentile } from "../../../src/retrieval/evaluation/evaluation.js";
import type { AnswerResult, Passage } from "../../../src/retrieval/types.js";

const item = {
  id: "q1",
  question: "When did Biden meet Kishida?",
  kind: "when",
  answerable: true,
  gold: [{ source: "a.md", quote: "met today with Prime Minister Kishida" }],
  keywords: ["January 13, 2023|2023-01-13", "Kishida"],
};

function passage(n: number, articleId: string, text: string, paragraph = 1): Passage {
  return { n, chunkId: `${articleId}#p${paragraph}`, articleId, paragraph, text, title: "T", participants: [], score: 1 };
}

describe("evaluation set parsing", () => {
  it("reads valid lines and reports every bad one with its line number", () => {
    const good = JSON.stringify(item);
    expect(parseEvalSet(`${good}\n\n`)).toHaveLength(1);
    expect(() => parseEvalSet(`${good}\n{oops\n${JSON.stringify({ ...item, id: "q2", gold: [] })}`, "set.jsonl")).toThrow(
      /set\.jsonl:2: not valid JSON[\s\S]*set\.jsonl:3: .*gold paragraph/,
    );
    expect(() => parseEvalSet(`${good}\n${good}`)).toThrow(/duplicate id q1/);
  });
});

describe("scoring", () => {
  it("matches gold quotes across line wrapping, NBSP, curly quotes and Markdown escapes", () => {
    const passages = [passage(1, "b.md", "Something else."), passage(2, "a.md", "President Biden\u00a0met today with Prime\nMinister Kishida of Japan.")];
    expect(goldRank(passages, item)).toBe(2);
    expect(goldRank([passage(1, "other.md", "met today with Prime Minister Kishida")], item)).toBeUndefined();
  });

  it("requires every keyword, accepting any alternative", () => {
    expect(keywordsPresent("On 2023-01-13 Biden met KISHIDA.", item.keywords)).toBe(true);
    expect(keywordsPresent("On January 13, 2023 Biden met someone.", item.keywords)).toBe(false);
  });

  it("counts citations to paragraphs that were not retrieved", () => {
    const retrieved = [passage(1, "a.md", "President Biden met today with Prime Minister Kishida of Japan.")];
    const result: AnswerResult = {
      question: item.question,
      standaloneQuestion: item.question,
      answer: "January 13, 2023 — Biden met Kishida [1] [2].",
      abstained: false,
      latencyMs: 12,
      retrieved,
      citations: [
        { n: 1, source: "a.md", title: "T", paragraph: 1, text: retrieved[0]!.text },
        { n: 2, source: "z.md", title: "Z", paragraph: 4, text: "elsewhere" },
      ],
    };
    const score = scoreItem(item, result);
    expect(score).toMatchObject({ rank: 1, citesGold: true, keywordsOk: true, unretrievedCitations: 1 });
    const abstainedScore = scoreItem({ ...item, id: "u", answerable: false, gold: [], keywords: [] }, { ...result, abstained: true, citations: [] });
    const metrics = summarize([score, abstainedScore]);
    expect(metrics).toMatchObject({
      questions: 2,
      answerable: 1,
      recallAt1: 1,
      recallAt5: 1,
      answerAccuracy: 1,
      abstentionAccuracy: 1,
      falseAbstentions: 0,
      unretrievedCitations: 1,
    });
  });

  it("computes nearest-rank percentiles", () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(
      percentile(
        [...Array(100).keys()].map((i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(percentile([], 95)).toBe(0);
  });
});
