import { describe, expect, it } from "vitest";
import { checkCitations, citationChecker, citedNumbers, isAbstention, splitAnswerSentences } from "../../../src/retrieval/compose/citations.js";
import { ABSTENTION, type Passage } from "../../../src/retrieval/types.js";

function passage(n: number, articleId = `article-${n}.md`, paragraph = n): Passage {
  return {
    n,
    chunkId: `${articleId}#p${paragraph}`,
    articleId,
    paragraph,
    text: `Full text of paragraph ${paragraph} of ${articleId}.`,
    title: `Title ${n}`,
    date: `2023-01-1${n % 10}`,
    url: `https://example.org/${n}`,
    participants: [],
    score: 1 / n,
  };
}

const four = [1, 2, 3, 4].map((n) => passage(n));

describe("citation markers", () => {
  it("reads the marker forms it documents and ignores parentheses", () => {
    expect(citedNumbers("a [1] b [2, 3] c [4][5] d 【6】 e [^7] f [Source 8] g [9-11] h [12; 13] i [1 and 2]")).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1, 2,
    ]);
    expect(citedNumbers("In (1) the first place, in 2023 [2023] and (2).")).toEqual([]);
  });
});

describe("sentence splitting", () => {
  it("keeps abbreviations and initials inside a sentence and a trailing citation with its sentence", () => {
    expect(splitAnswerSentences("Mr. Biden met the U.S. team in Washington. [1] Then George W. Bush spoke [2]. Done!")).toEqual([
      "Mr. Biden met the U.S. team in Washington. [1]",
      "Then George W. Bush spoke [2].",
      "Done!",
    ]);
  });

  it("goes on after a name's suffix: a title's 'Biden, Jr. Call with …' is one sentence", () => {
    expect(splitAnswerSentences("October 16, 2023: President Joseph R. Biden, Jr. Call with President Sisi of Egypt [3]")).toEqual([
      "October 16, 2023: President Joseph R. Biden, Jr. Call with President Sisi of Egypt [3]",
    ]);
    expect(splitAnswerSentences("He thanked Martin Luther King Jr. They agreed [1].")).toEqual(["He thanked Martin Luther King Jr.", "They agreed [1]."]);
    // After the name and its comma, a pronoun or an article still opens a new sentence.
    expect(splitAnswerSentences("He met Joseph R. Biden, Jr. The two agreed [1].")).toEqual(["He met Joseph R. Biden, Jr.", "The two agreed [1]."]);
  });
});

describe("checkCitations", () => {
  it("removes a citation to [7] when only 4 sources were given, and the sentence it alone supported", () => {
    const checked = checkCitations("Biden met Kishida on 11 January 2023 [1]. They agreed on chips [7]. They discussed Taiwan [2][7].", four);
    expect(checked.answer).toBe("Biden met Kishida on 11 January 2023 [1]. They discussed Taiwan [2].");
    expect(checked.invalidCitations).toEqual([7]);
    expect(checked.removedSentences).toEqual(["They agreed on chips [7]."]);
    expect(checked.citations.map((citation) => citation.n)).toEqual([1, 2]);
  });

  // The passages here are dated 2023-01-11 … 2023-01-14 (see passage()).
  it("removes a sentence stating a day that none of its cited passages has, in its text or its dates", () => {
    const inText = { ...passage(3), text: "The leaders agreed to meet again on 2 March 2023 in Tokyo." };
    const checked = checkCitations(
      "They met on January 11, 2023 [1]. They met again on June 5, 2023 [2]. They plan to meet on March 2 [3]. They spoke on January 12 [1][2].",
      [passage(1), passage(2), inText, passage(4)],
    );
    expect(checked.answer).toBe("They met on January 11, 2023 [1]. They plan to meet on March 2 [2]. They spoke on January 12 [1][3].");
    expect(checked.ungroundedSentences).toEqual([{ sentence: "They met again on June 5, 2023 [2].", days: ["June 5, 2023"] }]);
    expect(checked.removedSentences).toEqual([]);
  });

  it("checks only days: a month, a year or a sentence without a date passes", () => {
    const checked = checkCitations("They met in June 2023 [1]. In 2021 they had spoken [2]. They discussed trade [3].", four);
    expect(checked.ungroundedSentences).toEqual([]);
    expect(checked.citations).toHaveLength(3);
  });

  it("abstains, saying why, when every sentence states a day its passage does not have", () => {
    const checked = checkCitations("They met on June 5, 2023 [1].", four);
    expect(checked).toMatchObject({
      answer: ABSTENTION,
      abstained: true,
      abstentionReason: "every sentence stated a day that the passages it cites do not have (June 5, 2023)",
    });
  });

  it("removes sentences without a citation", () => {
    const checked = checkCitations("Biden met Kishida. They met at the White House [3]. It was cold that day.", four);
    expect(checked.answer).toBe("They met at the White House [1].");
    expect(checked.removedSentences).toEqual(["Biden met Kishida.", "It was cold that day."]);
  });

  it("renumbers surviving citations 1..k in order of first appearance and builds the citations from the passages", () => {
    const checked = checkCitations("They met in Tokyo [3]. They agreed on trade [1, 3]. Kishida invited Biden 【4】.", four);
    expect(checked.answer).toBe("They met in Tokyo [1]. They agreed on trade [2][1]. Kishida invited Biden [3].");
    expect(checked.citations).toEqual([
      {
        n: 1,
        source: "article-3.md",
        title: "Title 3",
        date: "2023-01-13",
        url: "https://example.org/3",
        paragraph: 3,
        text: "Full text of paragraph 3 of article-3.md.",
      },
      {
        n: 2,
        source: "article-1.md",
        title: "Title 1",
        date: "2023-01-11",
        url: "https://example.org/1",
        paragraph: 1,
        text: "Full text of paragraph 1 of article-1.md.",
      },
      {
        n: 3,
        source: "article-4.md",
        title: "Title 4",
        date: "2023-01-14",
        url: "https://example.org/4",
        paragraph: 4,
        text: "Full text of paragraph 4 of article-4.md.",
      },
    ]);
  });

  it("merges two numbers that name the same article paragraph", () => {
    const passages = [passage(1, "a.md", 2), passage(2, "a.md", 2), passage(3, "b.md", 5)];
    const checked = checkCitations("They met [2]. They talked [1][3].", passages);
    expect(checked.answer).toBe("They met [1]. They talked [1][2].");
    expect(checked.citations.map((citation) => [citation.source, citation.paragraph])).toEqual([
      ["a.md", 2],
      ["b.md", 5],
    ]);
  });

  it("becomes the abstention when every citation is invalid", () => {
    const checked = checkCitations("They met in Paris [7]. They signed a pact [9].", four);
    expect(checked).toMatchObject({ answer: ABSTENTION, abstained: true, citations: [] });
    expect(checked.invalidCitations).toEqual([7, 9]);
    expect(checked.abstentionReason).toBe("every citation pointed to a passage that was not given ([7], [9])");
  });

  it("becomes the abstention when nothing is cited at all", () => {
    expect(checkCitations("Biden met Kishida in 2023.", four)).toMatchObject({
      answer: ABSTENTION,
      abstained: true,
      citations: [],
      abstentionReason: "no sentence of the answer cited a passage",
    });
    expect(checkCitations("", four)).toMatchObject({ answer: ABSTENTION, abstained: true });
  });

  it("keeps a heading over cited bullets, drops bullets without citations and a closing sources list", () => {
    const answer = [
      "Biden met these leaders in January 2023:",
      "- Kishida (Japan), 12 January [2]",
      "- Someone else, no source",
      "* Trudeau (Canada), 14 January [4].",
      "",
      "Sources:",
      "[2] Title 2",
      "[4] Title 4",
    ].join("\n");
    const checked = checkCitations(answer, four);
    expect(checked.answer).toBe(
      ["Biden met these leaders in January 2023:", "- Kishida (Japan), 12 January [1]", "* Trudeau (Canada), 14 January [2]."].join("\n"),
    );
    expect(checked.citations.map((citation) => citation.source)).toEqual(["article-2.md", "article-4.md"]);
  });

  it("drops a heading whose list items all vanished", () => {
    const checked = checkCitations("Biden met [1].\nHe also met:\n- Macron [8]", four);
    expect(checked.answer).toBe("Biden met [1].");
  });

  it("recognises an LLM's own abstention and normalises it, even when it cites", () => {
    for (const reply of [
      "I couldn't find this in the articles I have.",
      "I could not find any information about that meeting.",
      "The articles do not say what they announced [1].",
      "The provided passages don't mention a meeting in Paris.",
      "There is no information about this in the sources.",
      "Unfortunately, the passages do not specify the date [2].",
    ]) {
      expect(checkCitations(reply, four), reply).toMatchObject({ answer: ABSTENTION, abstained: true, citations: [] });
    }
  });

  it("keeps a cited claim next to an abstaining sentence", () => {
    const checked = checkCitations("The articles do not say when exactly. They met in Tokyo in May [2].", four);
    expect(checked).toMatchObject({ answer: "They met in Tokyo in May [1].", abstained: false });
  });

  it("does not mistake ordinary answers for abstentions", () => {
    expect(isAbstention("I met him.")).toBe(false);
    expect(isAbstention("The articles say they met in Tokyo.")).toBe(false);
    expect(isAbstention("There is a new agreement.")).toBe(false);
    expect(isAbstention("No, they did not meet in 2022.")).toBe(false);
  });

  it("runs as a Runnable", async () => {
    const draft = await citationChecker.invoke({ answer: "They met [2].", passages: four });
    expect(draft).toEqual({ answer: "They met [1].", abstained: false, citations: [expect.objectContaining({ n: 1, source: "article-2.md" })] });
  });
});

describe("abbreviations shared with the sentence splitter", () => {
  it("keeps a sentence with military ranks whole: 'Adm.' does not end it", async () => {
    const { checkCitations } = await import("../../../src/retrieval/compose/citations.js");
    const passage = {
      n: 1,
      chunkId: "a.md:p1",
      articleId: "a.md",
      paragraph: 1,
      text: "Gen. Mark A. Milley met Adm. Chris Grady in Washington.",
      title: "T",
      participants: [],
      score: 1,
    };
    const checked = checkCitations("Gen. Mark A. Milley met Adm. Chris Grady in Washington [1].", [passage]);
    expect(checked.answer).toBe("Gen. Mark A. Milley met Adm. Chris Grady in Washington [1].");
  });
});

describe("markers between sentences", () => {
  it("keep the space before the next sentence", async () => {
    const { checkCitations } = await import("../../../src/retrieval/compose/citations.js");
    const passage = (n: number) => ({
      n,
      chunkId: `a.md:p${n}`,
      articleId: "a.md",
      paragraph: n,
      text: `Paragraph ${n}.`,
      title: "T",
      participants: [],
      score: 1,
    });
    const checked = checkCitations("The leaders signed a memo [1] They also agreed to meet again [2].", [passage(1), passage(2)]);
    expect(checked.answer).toBe("The leaders signed a memo [1] They also agreed to meet again [2].");
  });
});
