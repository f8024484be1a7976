import { describe, expect, it } from "vitest";
import { understandQuery } from "../../../src/retrieval/question/query.js";
import { buildVocabulary } from "../../../src/retrieval/question/vocabulary.js";
import { writtenAsNameIn } from "../../../src/retrieval/question/written-as-name.js";
import { storedArticle } from "./vocabulary-fixture.js";

const TEXTS = [
  "President Trump spoke with President Zelenskyy. President Trump thanked him.",
  "The leaders discussed trade. Later, President Trump hosted a dinner.",
  "Young people met President Young. Many young leaders and young workers attended.",
  "Shalanda Young briefed the President on how young families fare.",
  "Trump opened the call.",
];

describe("writtenAsNameIn", () => {
  const writtenAsName = writtenAsNameIn(() => TEXTS);

  it("is true for a word the texts write capitalised inside sentences nearly every time", () => {
    expect(writtenAsName("trump")).toBe(true);
    expect(writtenAsName("Trump")).toBe(true);
  });

  it("is false for a word the texts also use in lowercase, or too rarely to tell", () => {
    expect(writtenAsName("young")).toBe(false);
    expect(writtenAsName("zelenskyy")).toBe(false);
    expect(writtenAsName("absent")).toBe(false);
  });

  it("does not count a capital that only opens a sentence", () => {
    expect(writtenAsNameIn(() => ["Trump opened. Trump closed. Trump left.", "Trump again."])("trump")).toBe(false);
  });

  it("reads each word over the texts once", () => {
    let reads = 0;
    const counted = writtenAsNameIn(() => {
      reads++;
      return TEXTS;
    });
    counted("trump");
    counted("TRUMP");
    expect(reads).toBe(1);
  });
});

describe("a lowercase word that is also a name", () => {
  const trump = { name: "Donald J. Trump", title: "President", country: "United States" };
  const zelenskyy = { name: "Volodymyr Zelenskyy", title: "President", country: "Ukraine" };
  const young = { name: "Shalanda Young", title: "Director" };
  const articles = [0, 1, 2, 3].flatMap((i) => [
    storedArticle(`trump-${i}.md`, "Readout", [trump, zelenskyy]),
    storedArticle(`young-${i}.md`, "Readout", [young]),
  ]);
  const vocabulary = { ...buildVocabulary(articles), writtenAsName: writtenAsNameIn(() => TEXTS) };
  const people = (question: string) => understandQuery(question, { today: "2025-06-01", vocabulary }).people;

  it("is the person when the articles only ever write it as their name", () => {
    expect(people("what did trump and zelenskyy talk about?")).toEqual(["Donald J. Trump", "Volodymyr Zelenskyy"]);
  });

  it("stays a word when the articles also use it as one", () => {
    expect(people("what did young people ask for?")).toEqual([]);
  });

  it("stays a word without the articles' texts to tell", () => {
    const withoutTexts = buildVocabulary(articles);
    expect(understandQuery("what did trump and zelenskyy talk about?", { today: "2025-06-01", vocabulary: withoutTexts }).people).toEqual([
      "Volodymyr Zelenskyy",
    ]);
  });
});
