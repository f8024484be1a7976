/**
 * The offline answerer's shapes over real retrieval from the fixture index
 * (tests/fixtures/retrieval/articles/): the resolved meeting date for "when",
 * one dated line per meeting for lists, the newest or oldest meeting for
 * "last"/"first", and answers made of cited sentences from the passages.
 */
import { describe, expect, it } from "vitest";
import { answerExtractively, createExtractiveAnswerer, DEFAULT_EXTRACTIVE_SETTINGS } from "../../../src/retrieval/compose/extractive-answerer.js";
import { ABSTENTION, type AnswerDraft, type AnswererInput, type Passage } from "../../../src/retrieval/types.js";
import { answererInputFor, useRetrievalFixture } from "../../helpers/temp-index.js";

const fixture = useRetrievalFixture();

const inputFor = (question: string): Promise<AnswererInput> => answererInputFor(fixture, question);

async function answer(question: string): Promise<AnswerDraft & { passages: Passage[] }> {
  const input = await inputFor(question);
  return { ...answerExtractively(input), passages: input.passages };
}

const MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const DATE = new RegExp(`${MONTH} \\d{1,2}, \\d{4}`, "g");
const RELATIVE =
  /\b(?:earlier today|today|yesterday|this (?:morning|afternoon|evening)|last night|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b/gi;

/** Letters and digits only, without the relative days the answerer removes: for "is this sentence in that paragraph". */
const squash = (text: string) =>
  text
    .replace(RELATIVE, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

/** The sentences of an answer with the number each one cites, without list bullets, date prefixes and labels. */
function citedSentences(answer: string): { text: string; n: number }[] {
  const sentences: { text: string; n: number }[] = [];
  for (const line of answer.split("\n")) {
    for (const match of line.matchAll(/([^[\]]+?)\s*\[(\d+)\]/g)) {
      const text = match[1]!
        .replace(/^[\s.!?]+/, "")
        .replace(/^• /, "")
        .replace(/^The (?:most recent|first) in the articles I have: /, "")
        .replace(new RegExp(`^${MONTH} \\d{1,2}, \\d{4}(?: — |: )`), "")
        .trim();
      sentences.push({ text, n: Number(match[2]) });
    }
  }
  return sentences;
}

function expectCitationsFromPassages(draft: AnswerDraft, passages: Passage[]) {
  const numbers = [...draft.answer.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
  expect(new Set(numbers)).toEqual(new Set(draft.citations.map((citation) => citation.n)));
  expect(draft.citations.map((citation) => citation.n)).toEqual(draft.citations.map((_, i) => i + 1));
  for (const citation of draft.citations) {
    const passage = passages.find((p) => p.articleId === citation.source && p.paragraph === citation.paragraph);
    expect(passage, `${citation.source}#${citation.paragraph}`).toBeDefined();
    expect(citation).toMatchObject({ title: passage!.title, text: passage!.text, date: passage!.date, url: passage!.url });
  }
}

describe("when-questions", () => {
  it("give the resolved meeting date, written Month D, YYYY, not the publication date", async () => {
    // Published June 16, 2023, saying the leaders met "yesterday".
    const draft = await answer("When did Varga meet Kettering at Lake Orvel?");
    expect(draft.abstained).toBe(false);
    expect(draft.answer).toMatch(/^June 15, 2023 — /);
    expect(draft.answer).not.toMatch(/June 16|yesterday|2023-06-1/);
    expect(draft.citations[0]).toMatchObject({ source: "2023-06-16-varga-kettering-lake-orvel.md", paragraph: 1, date: "2023-06-15" });
  });

  it("list every meeting in date order when there were several, leaving out the call", async () => {
    const draft = await answer("When did Varga meet Kettering?");
    const lines = draft.answer.split("\n");
    expect(lines[0]).toBe("On 3 occasions in the articles I have:");
    expect(lines.slice(1).map((line) => line.match(DATE)?.[0])).toEqual(["March 10, 2022", "June 15, 2023", "September 20, 2024"]);
    expect(draft.answer).not.toMatch(/February 5, 2024/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^• .* \[\d\]\.$/);
  });
});

describe("list questions", () => {
  it("give one dated line per meeting, oldest first, each citing that meeting", async () => {
    const draft = await answer("Which leaders did Varga meet in 2023?");
    const [header, ...lines] = draft.answer.split("\n");
    expect(header).toBe("I found 3 meetings:");
    expect(lines.map((line) => line.match(/^• (.+?): /)?.[1])).toEqual(["April 3, 2023", "June 15, 2023", "June 20, 2023"]);
    const expected = ["2023-04-03-varga-volkovskiy-halvik.md", "2023-06-16-varga-kettering-lake-orvel.md", "2023-06-20-varga-dascalu-kalmarsted.md"];
    lines.forEach((line, i) => {
      const n = Number(line.match(/\[(\d+)\]$/)?.[1]);
      expect(draft.citations.find((citation) => citation.n === n)?.source, line).toBe(expected[i]);
    });
    // Anna Varga's trade mission is another Varga's, and in 2024.
    expect(draft.answer).not.toMatch(/Trade Mission/);
  });

  it("answer a list of one meeting from that meeting's own sentences, and count calls as calls", async () => {
    const one = await answer("Who did Varga meet in April 2023?");
    expect(one.answer).toMatch(/^April 3, 2023 — .*Volkovskiy.* \[1\]\./);
    expect(one.answer).not.toMatch(/I found/);
    expect(one.citations.map((citation) => citation.source)).toContain("2023-04-03-varga-volkovskiy-halvik.md");
    const calls = await answer("Which calls did Kettering have with Dascalu?");
    expect(calls.answer.split("\n")[0]).toBe("I found 2 calls:");
    expect(calls.answer).toMatch(/November 8, 2023/);
    expect(calls.answer).toMatch(/May 14, 2024/);
  });

  it("do not list a meeting in person among calls", async () => {
    const draft = await answer("List the calls Kettering made");
    expect(draft.answer.split("\n")[0]).toBe("I found 3 calls:");
    expect(draft.answer).not.toMatch(/September 20, 2024/);
  });
});

describe("list questions about a region", () => {
  const meeting = (n: number, articleId: string, title: string, lead: string, date: string): Passage => ({
    n,
    chunkId: `${articleId}#p1`,
    articleId,
    paragraph: 1,
    text: lead,
    title,
    participants: ["Odile Varga"],
    lead,
    score: 1 / n,
    date,
  });
  const passages = [
    meeting(
      1,
      "angola",
      "Minister Varga Meets President of Angola",
      "Minister Odile Varga met the President of Angola in Luanda to discuss the rail corridor.",
      "2024-12-03",
    ),
    meeting(2, "japan", "Minister Varga Meets Prime Minister of Japan", "Minister Odile Varga met the Prime Minister of Japan in Tokyo.", "2024-12-05"),
    meeting(
      3,
      "summit",
      "Minister Varga at the Corridor Summit",
      "Minister Odile Varga met the presidents of Zambia and the Democratic Republic of the Congo in Lobito, Angola.",
      "2024-12-04",
    ),
  ];

  it("list the meetings with that region's countries, named in the title or the lead, and no others", () => {
    const query = fixture.analyze("Which African leaders did Varga meet?");
    const draft = answerExtractively({ question: query.question, query, passages });
    expect(draft.abstained).toBe(false);
    const [header, ...lines] = draft.answer.split("\n");
    expect(header).toBe("I found 2 meetings:");
    expect(lines[0]).toMatch(/^• December 3, 2024: Minister Varga Meets President of Angola/);
    expect(lines[1]).toMatch(/^• December 4, 2024: Minister Varga at the Corridor Summit/);
  });

  it("count a meeting whose title names the region, though it names no country", () => {
    const query = fixture.analyze("Which African leaders did Varga meet?");
    const calls = meeting(4, "calls", "Minister Varga's Calls with African Leaders", "Minister Odile Varga had four calls on the rail corridor.", "2024-12-06");
    const draft = answerExtractively({ question: query.question, query, passages: [...passages, calls] });
    expect(draft.answer.split("\n")[0]).toBe("I found 3 meetings:");
    expect(draft.answer).toMatch(/December 6, 2024: Minister Varga['’]s Calls with African Leaders/);
  });

  it("answer a list narrowed to one meeting from that meeting, not from the others retrieved", () => {
    const query = fixture.analyze("Which African leaders did Varga meet?");
    const draft = answerExtractively({ question: query.question, query, passages: [passages[1]!, passages[0]!] });
    expect(draft.answer).toMatch(/Angola/);
    expect(draft.answer).not.toMatch(/Japan/);
  });

  it("name the other people of a listed meeting in full, never half a name where its lead was cut, nor a title", () => {
    const query = fixture.analyze("Which African leaders did Varga meet?");
    const opening = "Minister Odile Varga met with President Tomas Abel and Prime Minister Justin Trud";
    const cut = { ...passages[0]!, participants: ["Odile Varga", "Dr"], lead: `${"x ".repeat(200)}${opening}`.slice(-400) };
    const draft = answerExtractively({ question: query.question, query, passages: [cut, passages[2]!] });
    expect(draft.answer).toMatch(/Angola \(with Tomas Abel\) \[1\]/u);
  });

  it("abstain, saying why, when no meeting is with that region", () => {
    const query = fixture.analyze("Which Nordic leaders did Varga meet?");
    expect(answerExtractively({ question: query.question, query, passages })).toMatchObject({
      abstained: true,
      answer: ABSTENTION,
      abstentionReason: "no meeting with leaders of the Nordic countries",
    });
  });
});

/** A paragraph of the forum article the participants-list questions are about. */
function forumPassage(n: number, paragraph: number, text: string): Passage {
  return {
    n,
    chunkId: `forum#p${paragraph}`,
    articleId: "forum",
    paragraph,
    text,
    title: "Minister Varga meets business leaders",
    participants: ["Odile Varga"],
    score: 1 / n,
    date: "2023-06-16",
  };
}

describe("questions about a role in a participants list", () => {
  it("quote the list's items with that role, citing the list, dated by the meeting", () => {
    const query = fixture.analyze("Which CEOs came to the meeting with Varga in June 2023?");
    const paragraph = (n: number, paragraph: number, text: string): Passage => ({
      ...forumPassage(n, paragraph, text),
      lead: "Minister Odile Varga met the heads of four companies.",
    });
    const passages = [
      paragraph(1, 1, "Minister Odile Varga met the heads of four companies to discuss the grid accord with the CEOs."),
      paragraph(2, 4, "Minister Odile Varga; Tomas Kettering, Minister of Trade; Piet Pruss, CEO of Grenline; Jon Ek, Chairman and CEO of Osterland Rail"),
    ];
    const draft = answerExtractively({ question: query.question, query, passages });
    expect(draft.answer).toBe("June 16, 2023 — Piet Pruss, CEO of Grenline; Jon Ek, Chairman and CEO of Osterland Rail [1].");
    expect(draft.citations).toMatchObject([{ source: "forum", paragraph: 4 }]);
  });

  // As retrieval hands them over: with the cosine of question and chunk (a typical one for a relevant paragraph).
  const forum = (n: number, paragraph: number, text: string): Passage => ({ ...forumPassage(n, paragraph, text), similarity: 0.5 });
  const LIST = "Participants included: Minister Odile Varga; Piet Pruss, CEO of Grenline; Jon Ek, Chairman and CEO of Osterland Rail";

  it("quote the whole list for 'who attended'", () => {
    const query = fixture.analyze("Who attended the meeting with Varga in June 2023?");
    const draft = answerExtractively({
      question: query.question,
      query,
      passages: [forum(1, 1, "Minister Odile Varga met the heads of two companies."), forum(2, 4, LIST)],
    });
    expect(draft.answer).toBe(`June 16, 2023 — ${LIST} [1].`);
  });

  it("quote from a list only the people asked about when the list is what names them", () => {
    const query = fixture.analyze("When did Varga meet Jon Ek?");
    const draft = answerExtractively({ question: query.question, query, passages: [forum(1, 4, LIST)] });
    expect(draft.answer).toBe("June 16, 2023 — Participants included: Minister Odile Varga; Jon Ek, Chairman and CEO of Osterland Rail [1].");
  });
});

describe("last and first", () => {
  it("pick the newest and the oldest meeting", async () => {
    const last = await answer("When did Varga last meet Kettering?");
    expect(last.answer).toMatch(/^The most recent in the articles I have: September 20, 2024 — /);
    expect(last.citations.every((citation) => citation.source === "2024-09-20-osterland-brenmark-grid-accord.md")).toBe(true);
    const first = await answer("When did Varga first meet Kettering?");
    expect(first.answer).toMatch(/^The first in the articles I have: March 10, 2022 — /);
    expect(first.citations.every((citation) => citation.source === "2022-03-10-varga-kettering-osterburg.md")).toBe(true);
  });

  it("answer a what-question from the newest meeting's own paragraphs", async () => {
    const draft = await answer("What did Varga and Kettering agree when they last met?");
    expect(draft.answer).toMatch(/^The most recent in the articles I have: September 20, 2024 — /);
    expect(draft.answer).toMatch(/interconnector|cable/);
    expect(new Set(draft.citations.map((citation) => citation.source))).toEqual(new Set(["2024-09-20-osterland-brenmark-grid-accord.md"]));
  });

  it("take the newest call when calls are asked about", async () => {
    const draft = await answer("When did Kettering last speak with Dascalu?");
    expect(draft.answer).toMatch(/May 14, 2024/);
  });
});

describe("what-questions", () => {
  it("are the passages' own sentences, each cited, starting with the meeting's date", async () => {
    const draft = await answer("What did Varga and Volkovskiy discuss?");
    expect(draft.abstained).toBe(false);
    expect(draft.answer).toMatch(/^April 3, 2023 — /);
    expect(draft.answer).toMatch(/grain corridor/);
    const sentences = citedSentences(draft.answer);
    expect(sentences.length).toBeGreaterThanOrEqual(1);
    expect(sentences.length).toBeLessThanOrEqual(DEFAULT_EXTRACTIVE_SETTINGS.maxSentences);
    for (const sentence of sentences) {
      const cited = draft.citations.find((citation) => citation.n === sentence.n)!;
      expect(squash(cited.text), sentence.text).toContain(squash(sentence.text));
    }
  });

  it("keep to the settings: one sentence when asked for one", async () => {
    const input = await inputFor("What did Varga and Volkovskiy discuss?");
    const draft = await createExtractiveAnswerer({ ...DEFAULT_EXTRACTIVE_SETTINGS, maxSentences: 1 }).invoke(input);
    expect(citedSentences(draft.answer)).toHaveLength(1);
    expect(draft.citations).toHaveLength(1);
  });

  // "met" and "meet" are one verb: the sentence that says where Varga met Kettering
  // beats one that says where Varga met someone else before a "meeting".
  it("answer where two people met from the sentence naming both, not one that only shares the verb", () => {
    const query = fixture.analyze("Where did Varga meet Kettering?");
    const passage = (n: number, articleId: string, text: string, participants: string[]): Passage => ({
      n,
      chunkId: `${articleId}#p1`,
      articleId,
      paragraph: 1,
      text,
      title: articleId,
      participants,
      lead: text,
      score: 1 / n,
      date: "2023-06-16",
    });
    const passages = [
      passage(1, "varga-kettering", "Minister Odile Varga met President Tomas Kettering at the lakeside summit in Osterburg.", [
        "Odile Varga",
        "Tomas Kettering",
      ]),
      passage(
        2,
        "varga-dascalu",
        "Minister Varga met in Kalmarsted with Chancellor Dascalu ahead of a meeting of the council. Both welcomed the accord Kettering reached.",
        ["Odile Varga", "Mirela Dascalu"],
      ),
    ];
    const draft = answerExtractively({ question: query.question, query, passages });
    expect(draft.abstained).toBe(false);
    expect(draft.answer).toMatch(/^June 16, 2023 — Minister Odile Varga met President Tomas Kettering at the lakeside summit in Osterburg \[1\]\./);
  });

  it("abstain with no passages", () => {
    const query = fixture.analyze("What did Varga and Volkovskiy discuss?");
    expect(answerExtractively({ question: query.question, query, passages: [] })).toMatchObject({ answer: ABSTENTION, abstained: true, citations: [] });
  });
});

const QUESTIONS = [
  "When did Varga meet Kettering at Lake Orvel?",
  "When did Varga meet Kettering?",
  "When did Varga last meet Kettering?",
  "When did Varga first meet Kettering?",
  "Which leaders did Varga meet in 2023?",
  "Who did Varga meet in April 2023?",
  "Which calls did Kettering have with Dascalu?",
  "What did Varga and Volkovskiy discuss?",
  "What did Varga and Kettering agree when they last met?",
  "Where did Varga meet Dascalu?",
  "What did Kettering and Dascalu agree about the Kessel crossing?",
  "What is the Tarvasko project?",
  "What did the water summit decide?",
  "When did Aaltonen receive Pruss?",
  "What did Varga offer Kettering after the storms?",
  "What did Quintero and Dascalu agree?",
  "How long did the May 2024 video call between Kettering and Dascalu last?",
  "when did varga meet volkovsky",
];

describe("over many questions", () => {
  it("every citation is a retrieved passage, with its title, date, URL and text, numbered from 1", async () => {
    let answered = 0;
    for (const question of QUESTIONS) {
      const draft = await answer(question);
      if (draft.abstained) continue;
      answered += 1;
      expectCitationsFromPassages(draft, draft.passages);
    }
    expect(answered).toBe(QUESTIONS.length);
  });

  it("every sentence is in the paragraph it cites", async () => {
    const wrong: string[] = [];
    for (const question of QUESTIONS) {
      const draft = await answer(question);
      for (const sentence of citedSentences(draft.answer)) {
        const cited = draft.citations.find((citation) => citation.n === sentence.n);
        // List lines show the article's title, not a sentence: the title is checked instead.
        const source = cited ? `${cited.title} ${cited.text}` : "";
        if (!squash(source).includes(squash(sentence.text.replace(/ \(with [^)]*\)$/, ""))))
          wrong.push(`${question} → "${sentence.text}" [${sentence.n}] ${cited?.source}#${cited?.paragraph}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
