/**
 * The evidence support check that both answerers ask before writing anything:
 * it abstains on names, facts and dates the articles do not have, and not on
 * typos, lowercase or spelling variants of names they do have. Over the
 * retrieval fixtures (tests/fixtures/retrieval/articles/), with real retrieval.
 */
import { RunnableLambda } from "@langchain/core/runnables";
import { describe, expect, it } from "vitest";
import { answerExtractively } from "../../../src/retrieval/compose/extractive-answerer.js";
import { questionFocus } from "../../../src/retrieval/question/answer-type.js";
import { assessSupport, hardEvidence, otherNames, requiredPlaces, requireSupport, topicTerms, unknownNames } from "../../../src/retrieval/evidence/support.js";
import { understandQuery } from "../../../src/retrieval/question/query.js";
import { ABSTENTION, type AnswerDraft, type AnswererInput, type Passage } from "../../../src/retrieval/types.js";
import { answererInputFor, useRetrievalFixture } from "../../helpers/temp-index.js";

const fixture = useRetrievalFixture();

const inputFor = (question: string): Promise<AnswererInput> => answererInputFor(fixture, question);

async function assess(question: string) {
  const input = await inputFor(question);
  return assessSupport(question, input.query, input.passages);
}

describe("abstains when the articles do not say", () => {
  it("on a person or country the articles never name", async () => {
    const tonga = await assess("When did Varga meet the King of Tonga?");
    expect(tonga.supported).toBe(false);
    expect(tonga.reason).toMatch(/Tonga/);
    const stranger = await assess("When did Prime Minister Varga meet President Zorblax?");
    expect(stranger.supported).toBe(false);
    expect(stranger.reason).toMatch(/Zorblax/);
    const lowercase = await assess("when did varga meet zorblax?");
    expect(lowercase.supported).toBe(false);
    expect(lowercase.reason).toMatch(/zorblax/i);
  });

  it("on a fact no paragraph about the meeting states", async () => {
    // No paragraph mentions a gift: graded far below a question the readout answers, and any abstention says why.
    const gift = await assess("What gift did Varga give Kettering?");
    const discussed = await assess("What did Varga and Kettering discuss at Lake Orvel?");
    expect(gift.probability).toBeLessThan(discussed.probability / 2);
    if (!gift.supported) expect(gift.reason).toMatch(/gift/);
    const figure = await assess("How many soldiers did Varga and Volkovskiy agree to send?");
    expect(figure.supported).toBe(false);
    expect(figure.reason).toMatch(/figure/);
  });

  it("grades a question about what was served lower than one the readout answers, when it only mentions a service", async () => {
    const served = await assess("What was served at the dinner when Varga hosted Kettering at Lake Orvel?");
    const discussed = await assess("What did Varga and Kettering discuss at Lake Orvel?");
    expect(discussed.supported).toBe(true);
    expect(served.probability).toBeLessThan(discussed.probability / 2);
  });

  it("on how long a call lasted when its readout does not say", async () => {
    for (const question of ["How long did Varga's call with Kettering last?", "How long did the November 2023 call between Kettering and Dascalu last?"]) {
      const result = await assess(question);
      expect(result.supported, question).toBe(false);
      expect(result.reason, question).toMatch(/how long it lasted/);
    }
  });

  it("on a topic no article mentions in any form, and not on one the meeting's paragraphs only put in other words", async () => {
    const question = "What did Varga and Kettering agree about nuclear submarines?";
    const input = await inputFor(question);
    const result = assessSupport(question, input.query, input.passages, { terms: fixture.index.terms });
    expect(result.supported).toBe(false);
    expect(result.reason).toMatch(/never mention nuclear submarines/);
    // Without the index's words to look in, a topic the paragraphs lack is no hard evidence.
    expect((await assess(question)).reason ?? "").not.toMatch(/submarines/);
  });

  it("on a date range with no meeting of the people asked about", async () => {
    const noArticle = await assess("What did Varga and Kettering discuss in 2021?");
    expect(noArticle).toMatchObject({ supported: false, reason: "nothing was retrieved" });
    // April 2023 has an article (Varga with Volkovskiy), but not one with Kettering.
    const otherMeeting = await assess("What did Varga and Kettering discuss in April 2023?");
    expect(otherMeeting.supported).toBe(false);
    expect(otherMeeting.reason).toMatch(/Kettering.*2023-04-01 and 2023-04-30/);
  });

  it("on a meeting in person when the two only ever spoke by phone or video (the answerer's check)", async () => {
    const input = await inputFor("When did Kettering meet Dascalu in person?");
    // The evidence names both, so the support check alone lets it through ...
    expect(assessSupport(input.question, input.query, input.passages).supported).toBe(true);
    // ... and the answerer abstains because every meeting it found was a call.
    const draft = answerExtractively(input);
    expect(draft).toMatchObject({ answer: ABSTENTION, abstained: true, citations: [] });
    expect(draft.abstentionReason).toMatch(/only calls/);
    // Where they did meet in person, the same question is answered.
    expect(answerExtractively(await inputFor("When did Varga meet Kettering in person?")).abstained).toBe(false);
  });

  it("when nothing was retrieved at all", () => {
    const query = fixture.analyze("When did Varga meet Kettering?");
    expect(assessSupport("When did Varga meet Kettering?", query, [])).toMatchObject({
      supported: false,
      reason: "nothing was retrieved",
      passages: [],
      about: [],
    });
  });
});

describe("does not abstain on names the articles have", () => {
  const answerable = [
    "when did varga meet kettering?",
    "When did Varga meet Ketering?",
    "When did prime minister varga meet kettring?",
    "WHEN DID VARGA MEET KETTERING?",
    "When did Varga meet Alexander Volkovsky?",
    "when did odile varga meet aleksandr volkovskiy",
    "When did Varga meet the Dravian president?",
    "What did Varga and Volkovskiy's talks cover?",
    "When did Aaltonen receive Pruss?",
    "How long did the May 2024 video call between Kettering and Dascalu last?",
    "What did Varga and Kettering agree about fisheries?",
    // A figure written in words ("a mission of forty companies").
    "How many companies did Anna Varga take to Serrano?",
  ];

  it.each(answerable)("%s", async (question) => {
    const result = await assess(question);
    expect(result.reason).toBeUndefined();
    expect(result.supported).toBe(true);
    expect(result.passages.length).toBeGreaterThan(0);
  });

  it("the supporting passages name everyone asked about; 'about' keeps the meetings of those people", async () => {
    const result = await assess("When did Varga meet Volkovskiy?");
    expect(result.passages.length).toBeGreaterThan(0);
    for (const passage of result.passages) expect(`${passage.title} ${passage.participants.join(" ")} ${passage.text}`).toMatch(/Volkovskiy/);
    expect(new Set(result.about.map((passage) => passage.articleId))).toEqual(new Set(["2023-04-03-varga-volkovskiy-halvik.md"]));
  });
});

describe("the parts of the check", () => {
  const passage = (text: string, title = "Varga Meets Kettering"): Passage => ({
    n: 1,
    chunkId: "a.md#p1",
    articleId: "a.md",
    paragraph: 1,
    text,
    title,
    participants: ["Odile Varga", "Tomas Kettering"],
    score: 1,
  });

  it("otherNames takes an acronym, plural or not, for no name: 'CEOs' need not be written so", () => {
    const ceos = fixture.analyze("Which CEOs did Varga meet?");
    expect(otherNames(ceos.question, ceos)).toEqual([]);
    expect(unknownNames(ceos.question, ceos, [passage("Varga met Piet Pruss, CEO of Grenline.")])).toEqual([]);
    const sherpas = fixture.analyze("Which Sherpas did Varga meet?");
    expect(otherNames(sherpas.question, sherpas)).toEqual(["Sherpas"]);
  });

  it("otherNames takes a country written with a typo, understood as that country, for no name: 'bellgian'", () => {
    const belgian = fixture.analyze("when did varga welcome the bellgian prime minister?");
    expect(belgian.countries).toContain("Belgium");
    expect(otherNames(belgian.question, belgian)).toEqual([]);
  });

  it("questionFocus finds the thing asked for", () => {
    expect(questionFocus("What gift did Varga give Kettering?")).toEqual({ word: "gift", wantsNumber: false });
    expect(questionFocus("What was served at the dinner?")).toEqual({ word: "served", wantsNumber: false });
    expect(questionFocus("How many soldiers will they send?")).toEqual({ word: "soldiers", wantsNumber: true });
    expect(questionFocus("How much did the cable cost?")).toEqual({ word: "cost", wantsNumber: true });
    expect(questionFocus("How long did the call last?")).toEqual({ word: "", wantsNumber: true, duration: true });
    expect(questionFocus("What did Varga and Kettering discuss?")).toBeUndefined();
    expect(questionFocus("When did Varga meet Kettering?")).toBeUndefined();
  });

  it("topicTerms reads what the question is about, without names or dates", () => {
    const question = "What did Varga and Kettering agree about tariffs on electric vehicles in 2024?";
    expect(topicTerms(question, fixture.analyze(question))).toEqual(["tariffs", "electric", "vehicles"]);
    expect(topicTerms("What did Varga and Kettering discuss?", fixture.analyze("What did Varga and Kettering discuss?"))).toEqual([]);
  });

  it("requiredPlaces keeps only places the meeting is said to be at", () => {
    expect(requiredPlaces("When did Varga meet Kettering in Osterburg?", ["Osterburg"])).toEqual(["Osterburg"]);
    expect(requiredPlaces("Did the Osterburg talks go well?", ["Osterburg"])).toEqual([]);
  });

  it("unknownNames flags capitalised and non-English words the evidence lacks, but not typos of words it has", () => {
    const evidence = [passage("Prime Minister Odile Varga met President Tomas Kettering in Osterburg.")];
    const ask = (question: string) => unknownNames(question, fixture.analyze(question), evidence);
    expect(ask("When did Varga meet Zorblax?")).toEqual(["Zorblax"]);
    // A person or country query understanding recognised is not an "unknown name": the entity check
    // (supportingPassages) catches it when the evidence lacks it.
    expect(ask("When did Varga meet President Zorblax?")).toEqual([]);
    expect(ask("When did Varga meet the King of Tonga?")).toEqual([]);
    expect(ask("when did varga meet zorblax?")).toEqual(["zorblax"]);
    expect(ask("When did Varga meet Ketterin?")).toEqual([]);
    expect(ask("When did Varga meet Kettering in Osterburg?")).toEqual([]);
    expect(ask("When did the leaders discuss their priorities?")).toEqual([]);
  });

  it("requireSupport asks the answerer only when the evidence supports an answer", async () => {
    const calls: string[] = [];
    const inner = RunnableLambda.from((input: AnswererInput): AnswerDraft => {
      calls.push(input.question);
      return { answer: "An answer [1].", abstained: false, citations: [] };
    });
    const guarded = requireSupport(inner);
    const refused = await guarded.invoke(await inputFor("When did Varga meet the King of Tonga?"));
    expect(refused).toMatchObject({ answer: ABSTENTION, abstained: true, citations: [] });
    expect(refused.abstentionReason).toMatch(/Tonga/);
    expect(calls).toEqual([]);
    const answered = await guarded.invoke(await inputFor("When did Varga meet Kettering at Lake Orvel?"));
    expect(answered.answer).toBe("An answer [1].");
    expect(calls).toEqual(["When did Varga meet Kettering at Lake Orvel?"]);
  });
});

describe("a typo that swaps two letters", () => {
  const passage: Passage = {
    n: 1,
    chunkId: "a#1",
    articleId: "a.md",
    paragraph: 1,
    text: "Prime Minister Varga met Chancellor Kettering in Osterburg.",
    title: "Readout of Prime Minister Varga's Meeting with Chancellor Kettering",
    participants: ["Varga", "Kettering"],
    score: 1,
  };
  const corpusWords = new Set(["varga", "kettering", "osterburg", "yulia"]);
  const terms = { weight: () => 1, mentions: (word: string) => corpusWords.has(word), nearlyMentions: () => false };
  const hard = (question: string) => hardEvidence(question, understandQuery(question, { today: "2024-06-15" }), [passage], terms);

  it("is a word the articles have, not a name they never mention ('yulai' for 'yulia')", () => {
    expect(hard("did varga ever meet yulai?")).not.toHaveProperty("reason");
    expect(hard("did varga ever meet zorblx?")).toEqual({ reason: "the articles never mention zorblx" });
  });
});
