import { afterEach, describe, expect, it } from "vitest";
import { cleanRewrite, createFollowUpRewriter } from "../../../src/retrieval/conversation/followup.js";
import { pointsBack, rewriteFollowUp } from "../../../src/retrieval/conversation/followup-rules.js";
import { createChatModel } from "../../../src/retrieval/compose/llm.js";
import type { ChatTurn } from "../../../src/retrieval/types.js";
import { startFakeLlmServer, type FakeLlmServer } from "../../helpers/fake-llm-server.js";
import { sampleVocabulary } from "../question/vocabulary-fixture.js";

const vocabulary = sampleVocabulary();
const TODAY = "2024-06-15";
const historyAfter = (previous: string, sources: string[] = ["biden-kishida-1.md"]): ChatTurn[] => [
  { question: previous, answer: "They met on 13 January 2023 [1].", sources },
];
const rewrite = (previous: string, question: string) => rewriteFollowUp({ question, history: historyAfter(previous) }, { vocabulary, today: TODAY });
/** Follow-ups of one earlier turn. */
const askedAfter = (turn: ChatTurn) => (question: string) => rewriteFollowUp({ question, history: [turn] }, { vocabulary, today: TODAY });

describe("rule-based follow-ups", () => {
  it("names each person of the previous meeting once, without fragments of names", () => {
    const asked = askedAfter({
      question: "when did biden meet the amir of qatar?",
      answer: "January 31, 2022 [1].",
      sources: ["qatar.md"],
      people: ["Joseph R", "Tamim Bin Hamad Al-Thani", "Joseph R. Biden, Jr."],
    });
    expect(asked("what did they discuss?").standalone).toBe("what did biden and Tamim Bin Hamad Al-Thani discuss?");
  });

  it("leaves a pronoun that points at a name of the question itself alone", () => {
    for (const question of [
      "when did Macron meet Scholz and what did he say?",
      "when did Harris meet her Japanese counterpart?",
      "did Harris bring her husband to Paris?",
      "who did Macron take with him to Beijing?",
    ]) {
      expect(rewrite("when did Biden meet Kishida?", question), question).toEqual({ standalone: question, isFollowUp: false });
    }
  });

  it("asks 'who else' about the subject alone, and does not stay on the meeting of the previous answer", () => {
    const asked = askedAfter({
      question: "At COP28 in Dubai, what fund did Kamala Harris welcome when she met MBZ?",
      answer: "December 2, 2023 — the ALTERRA fund [1].",
      sources: ["harris-mbz.md"],
      people: ["Kamala Harris", "Mohamed bin Zayed"],
    });
    expect(asked("who else did she sit down with on the sidelines there?")).toEqual({
      standalone: "who else did Kamala Harris sit down with on the sidelines in Dubai?",
      isFollowUp: true,
    });
    // Others at the same meeting, or anything else about it, stay on that meeting with its people.
    for (const question of ["who else attended?", "who else was at the dinner?", "what else did she say?", "anything else?"]) {
      expect(asked(question), question).toMatchObject({ carriedSources: ["harris-mbz.md"] });
    }
    expect(asked("did she also see anyone from the military there?")).toEqual({
      standalone: "did Kamala Harris also see anyone from the military in Dubai?",
      isFollowUp: true,
    });
    // Without "else", the follow-up stays on that meeting and its people.
    expect(asked("what did she thank him for?")).toMatchObject({
      standalone: "what did Kamala Harris thank Mohamed bin Zayed for?",
      carriedSources: ["harris-mbz.md"],
    });
  });

  it("carries no one else into a question that names two people", () => {
    const asked = askedAfter({
      question: "who led the US delegation to Claudia Sheinbaum's inauguration?",
      answer: "October 3, 2024 — Jill Biden … joined by Ambassador Ken Salazar [1].",
      sources: ["delegation.md"],
      people: ["Claudia Sheinbaum", "Jill Biden", "Ken Salazar"],
    });
    expect(asked("and where did Biden meet her in person?").standalone).toBe("where did Biden meet Claudia Sheinbaum in person?");
    // One person named: the others of the meeting come along as context.
    expect(asked("what did she tell Jill Biden?").standalone).toBe("what did Claudia Sheinbaum tell Jill Biden?");
    expect(asked("what did she say?").standalone).toMatch(/^what did Claudia Sheinbaum say \(with /u);
  });

  it("counts a country that stands for its leader ('the thai pm') as a party the question names", () => {
    const asked = askedAfter({
      question: "what did Kamala Harris and the canadian PM talk about?",
      answer: "November 18, 2022 — Vice President Kamala Harris met with Prime Minister Justin Trudeau of Canada [1].",
      sources: ["trudeau.md"],
      people: ["Kamala Harris", "Justin Trudeau"],
    });
    expect(asked("and which economic model of the thai pm did she praise?").standalone).toBe("which economic model of the thai pm did Kamala Harris praise?");
  });

  it("reads 'them' after a named subject as the others of the meeting", () => {
    const asked = askedAfter({
      question: "when did Kurt Campbell visit Honiara?",
      answer: "April 22, 2022 [1].",
      sources: ["honiara.md"],
      people: ["Kurt Campbell", "Manasseh Sogavare"],
    });
    expect(asked("what did he promise them?").standalone).toMatch(/^what did Kurt Campbell promise Manasseh Sogavare/u);
  });

  it.each([
    ["when did Biden meet Kishida?", "and what did they announce?", "what did Biden and Kishida announce?"],
    ["when did Biden meet Kishida?", "what about Macron?", "when did Biden meet Macron?"],
    ["when did Biden meet Kishida?", "how about Zelensky?", "when did Biden meet Zelensky?"],
    ["when did Biden meet Kishida in May 2024?", "and in 2022?", "when did Biden meet Kishida in 2022?"],
    ["when did Biden meet Kishida last month?", "and last year?", "when did Biden meet Kishida last year?"],
    ["what did Biden and Kishida agree?", "and in March 2023?", "what did Biden and Kishida agree in March 2023?"],
    ["when did Biden meet Kishida?", "where?", "where did Biden meet Kishida?"],
    ["when did Biden meet Kishida?", "where was that?", "where did Biden meet Kishida?"],
    ["where did Biden meet Kishida in May 2024?", "when was that?", "when did Biden meet Kishida in May 2024?"],
    ["when did Biden meet Kishida?", "where did they meet?", "where did Biden and Kishida meet?"],
    ["when did Biden meet Kishida in May 2024?", "what did they sign?", "what did Biden and Kishida sign in May 2024?"],
    ["where did Biden meet Kishida in May 2024?", "when did they meet again after that?", "when did Biden and Kishida meet again after May 2024?"],
    ["when did Biden meet Kishida?", "what was their agreement on chips?", "what was Biden and Kishida's agreement on chips?"],
    ["when did Biden meet Kishida?", "what did he say?", "what did Biden say (with Kishida)?"],
    ["when did Lukashenko meet Aliyev in Baku?", "what did he offer her country there?", "what did Lukashenko offer Aliyev's country in Baku?"],
    ["when did Biden meet Kishida?", "and climate?", "what did Biden and Kishida say about climate?"],
    ["when did Biden meet Kishida?", "what was discussed?", "what was discussed (Biden and Kishida)?"],
    ["when did Biden meet Kishida in 2023?", "what happened before that?", "what happened before 2023 (Biden and Kishida)?"],
    ["what did the US and Japan agree in 2023?", "what about South Korea?", "what did the US and South Korea agree in 2023?"],
    ["when did Biden meet Kishida?", "and what did Biden say?", "what did Biden say (with Kishida)?"],
    ["When did Kamala Harris meet Zelenskyy?", "which bill did she push for?", "which bill did Kamala Harris push for (with Zelenskyy)?"],
    ["When did Biden speak with Claudia Sheinbaum?", "who went to her inauguration?", "who went to Claudia Sheinbaum's inauguration (with Biden)?"],
    ["When did Biden speak with Claudia Sheinbaum?", "and where did Biden meet her?", "where did Biden meet Claudia Sheinbaum?"],
    // The object pronoun is someone other than the subject.
    ["when did Biden meet Kishida?", "did he raise chips with him?", "did Biden raise chips with Kishida?"],
    // A pronoun beside a name: the object beside the one name, or a pronoun before any name, is someone said before.
    ["when did Biden meet Kishida?", "what did Biden thank him for?", "what did Biden thank Kishida for?"],
    ["when did Biden meet Kishida?", "did he pass on an invitation from Biden?", "did Kishida pass on an invitation from Biden?"],
  ])("%s → %s", (previous, question, standalone) => {
    expect(rewrite(previous, question)).toEqual({ standalone, isFollowUp: true, carriedSources: ["biden-kishida-1.md"] });
  });

  it.each([
    ["when did Biden meet Kishida?", "what did Macron say about Ukraine?"],
    ["when did Biden meet Kishida?", "who did Zelensky meet in 2023?"],
    ["when did Biden meet Kishida?", "which leaders did the president meet in March 2023?"],
    ["when did Biden meet Kishida?", "what did the leaders agree about semiconductor export controls?"],
    ["when did Biden meet Kishida?", "When did Biden meet Kishida?"],
  ])("leaves a standalone question alone: %s → %s", (previous, question) => {
    expect(rewrite(previous, question)).toEqual({ standalone: question, isFollowUp: false });
  });

  it("is not a follow-up without history, and carries the previous turn's standalone question", () => {
    expect(rewriteFollowUp({ question: "and what did they announce?", history: [] }, { vocabulary, today: TODAY })).toEqual({
      standalone: "and what did they announce?",
      isFollowUp: false,
    });
    const history: ChatTurn[] = [
      { question: "when did Biden meet Kishida?", answer: "…", sources: ["a.md"] },
      { question: "what about Macron?", standaloneQuestion: "when did Biden meet Macron?", answer: "…", sources: ["b.md", "b.md"] },
    ];
    expect(rewriteFollowUp({ question: "and what did they announce?", history }, { vocabulary, today: TODAY })).toEqual({
      standalone: "what did Biden and Macron announce?",
      isFollowUp: true,
      carriedSources: ["b.md"],
    });
  });

  it("runs as a Runnable", async () => {
    const rewriter = createFollowUpRewriter({ vocabulary, today: TODAY });
    expect(await rewriter.invoke({ question: "and what did they announce?", history: historyAfter("when did Biden meet Kishida?") })).toMatchObject({
      standalone: "what did Biden and Kishida announce?",
      isFollowUp: true,
    });
  });
});

describe("LLM follow-up rewriting", () => {
  let server: FakeLlmServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const rewriterFor = (fake: FakeLlmServer, llmTimeoutMs = 5_000) =>
    createFollowUpRewriter({
      vocabulary,
      today: TODAY,
      llmTimeoutMs,
      model: createChatModel({ provider: "openai", model: "fake", baseUrl: fake.openaiBaseUrl, apiKey: "sk-test", timeoutMs: 5_000 }, { maxRetries: 0 }),
    });

  it("asks the model with the history and uses its rewrite", async () => {
    server = await startFakeLlmServer({ responder: () => 'Standalone question: "What did Biden and Kishida announce at the White House?"' });
    const result = await rewriterFor(server).invoke({ question: "and what did they announce?", history: historyAfter("when did Biden meet Kishida?") });
    expect(result).toEqual({ standalone: "What did Biden and Kishida announce at the White House?", isFollowUp: true, carriedSources: ["biden-kishida-1.md"] });
    const prompt = server.chatRequests()[0]!.lastUserMessage;
    expect(prompt).toContain("User: when did Biden meet Kishida?\nAssistant: They met on 13 January 2023 [1].");
    expect(prompt).toContain("Latest question: and what did they announce?");
  });

  it("treats an unchanged question as standalone", async () => {
    server = await startFakeLlmServer({ responder: (request) => request.lastUserMessage.match(/Latest question: (.*)\n/u)![1]! });
    expect(await rewriterFor(server).invoke({ question: "who did Zelensky meet in 2023?", history: historyAfter("when did Biden meet Kishida?") })).toEqual({
      standalone: "who did Zelensky meet in 2023?",
      isFollowUp: false,
    });
  });

  it("falls back to the rules when the model fails or is slow", async () => {
    server = await startFakeLlmServer({ responder: () => ({ status: 500, error: "down" }) });
    expect(await rewriterFor(server).invoke({ question: "and what did they announce?", history: historyAfter("when did Biden meet Kishida?") })).toMatchObject({
      standalone: "what did Biden and Kishida announce?",
      isFollowUp: true,
    });
    await server.close();
    server = await startFakeLlmServer({ responder: () => ({ delayMs: 5_000, text: "late" }) });
    const started = Date.now();
    expect(await rewriterFor(server, 200).invoke({ question: "what about Macron?", history: historyAfter("when did Biden meet Kishida?") })).toMatchObject({
      standalone: "when did Biden meet Macron?",
    });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("does not ask the model without history", async () => {
    server = await startFakeLlmServer({ fallback: "never" });
    expect(await rewriterFor(server).invoke({ question: "when did Biden meet Kishida?", history: [] })).toEqual({
      standalone: "when did Biden meet Kishida?",
      isFollowUp: false,
    });
    expect(server.chatRequests()).toHaveLength(0);
  });

  it("cleans what models add to a rewrite", () => {
    expect(cleanRewrite("<think>hmm</think>\n\n“When did Biden meet Macron?”\nExplanation: ...", "what about Macron?")).toBe("When did Biden meet Macron?");
    expect(cleanRewrite("   ", "q")).toBeUndefined();
  });
});

describe("pointsBack", () => {
  it("is true for a message about something said before, false for one about the bot", () => {
    for (const message of ["tell me more about that", "can you tell me more?", "and who are the others?", "what did they say?", "what does it mean?"]) {
      expect(pointsBack(message), message).toBe(true);
    }
    for (const message of ["what can this bot do?", "how should I ask you things?"]) expect(pointsBack(message), message).toBe(false);
  });
});
