import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  createChatModel,
  createConfiguredLlmAnswerer,
  createLlmAnswerer,
  describeLlmFailure,
  LlmUnavailableError,
} from "../../../src/retrieval/compose/llm.js";
import { ABSTENTION, type AnswererInput, type Passage, type QueryAnalysis } from "../../../src/retrieval/types.js";
import { startFakeLlmServer, type FakeLlmServer } from "../../helpers/fake-llm-server.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/llm/answers.json");
const API_KEY = "sk-test-0123456789abcdefSECRET";

function passage(n: number, text: string, extra: Partial<Passage> = {}): Passage {
  return {
    n,
    chunkId: `halvorsen-okonjo.md#p${n}`,
    articleId: "halvorsen-okonjo.md",
    paragraph: n,
    text,
    title: "Prime Minister Halvorsen hosts President Okonjo in Oslo",
    date: "2024-03-14",
    place: "Oslo, Norway",
    url: "https://example.org/halvorsen-okonjo",
    participants: ["Ingrid Halvorsen", "Ada Okonjo"],
    score: 1,
    ...extra,
  };
}

const PASSAGES = [
  passage(1, "The two leaders first met at a climate conference in 2021."),
  passage(2, "Prime Minister Ingrid Halvorsen welcomed President Ada Okonjo to Oslo on 14 March 2024 for talks on energy and fisheries."),
  passage(3, "The leaders agreed to open a joint fisheries research centre and to hold annual ministerial consultations."),
  passage(4, "Foreign ministers will meet every autumn to review progress.", {
    articleId: "consultations.md",
    chunkId: "consultations.md#p4",
    title: "Consultations announced",
    date: "2024-03-15",
  }),
];

function query(question: string): QueryAnalysis {
  return { question, people: ["Ingrid Halvorsen", "Ada Okonjo"], countries: [], places: [], terms: [], intent: "what", latest: false, earliest: false };
}
const input = (question: string, passages = PASSAGES): AnswererInput => ({ question, query: query(question), passages });

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

for (const provider of ["openai", "ollama"] as const) {
  describe(`LLM answerer over ${provider}`, () => {
    const answererFor = (fake: FakeLlmServer, timeoutMs = 5_000) =>
      createLlmAnswerer(
        createChatModel(
          { provider, model: "fake-model", baseUrl: provider === "openai" ? fake.openaiBaseUrl : fake.url, apiKey: API_KEY, timeoutMs },
          { maxRetries: 0 },
        )!,
        { timeoutMs },
      );

    it("sends the question and the numbered passages, and checks the reply's citations", async () => {
      server = await startFakeLlmServer({ fixtures: [FIXTURES] });
      const draft = await answererFor(server).invoke(input("When did Halvorsen last meet Okonjo?"));

      const [request] = server.chatRequests();
      expect(request?.api).toBe(provider);
      expect(request?.temperature).toBe(0);
      expect(request?.messages.map((message) => message.role)).toEqual(["system", "user"]);
      expect(request?.messages[0]?.content).toContain(ABSTENTION);
      const prompt = request!.lastUserMessage;
      expect(prompt).toContain("Question: When did Halvorsen last meet Okonjo?");
      expect(prompt).toContain(
        '[2] "Prime Minister Halvorsen hosts President Okonjo in Oslo" | meeting date: 2024-03-14 | Oslo, Norway\nPrime Minister Ingrid Halvorsen welcomed',
      );
      expect(prompt).toContain('[4] "Consultations announced" | meeting date: 2024-03-15');

      // [7] was never given and the uncited sentence goes; bold and the sources list are stripped.
      expect(draft.answer).toBe(
        "Prime Minister Halvorsen last met President Okonjo on 14 March 2024 in Oslo [1]. They agreed to open a joint fisheries research centre [1][2].",
      );
      expect(draft.abstained).toBe(false);
      expect(draft.citations).toEqual([
        {
          n: 1,
          source: "halvorsen-okonjo.md",
          title: PASSAGES[1]!.title,
          date: "2024-03-14",
          url: "https://example.org/halvorsen-okonjo",
          paragraph: 2,
          text: PASSAGES[1]!.text,
        },
        {
          n: 2,
          source: "halvorsen-okonjo.md",
          title: PASSAGES[2]!.title,
          date: "2024-03-14",
          url: "https://example.org/halvorsen-okonjo",
          paragraph: 3,
          text: PASSAGES[2]!.text,
        },
      ]);
    });

    it("keeps a list with a heading, drops a bullet citing a passage it was not given, removes reasoning", async () => {
      server = await startFakeLlmServer({ fixtures: [FIXTURES] });
      const draft = await answererFor(server).invoke(input("What did Halvorsen and Okonjo agree?"));
      expect(draft.answer).toBe("They agreed on:\n- a joint fisheries research centre [1]\n- annual ministerial consultations [1][2]");
      expect(draft.citations.map((citation) => [citation.source, citation.paragraph])).toEqual([
        ["halvorsen-okonjo.md", 3],
        ["consultations.md", 4],
      ]);
    });

    it("normalises the model's own abstention", async () => {
      server = await startFakeLlmServer({ fixtures: [FIXTURES] });
      expect(await answererFor(server).invoke(input("Did Halvorsen meet the Pope?"))).toEqual({
        answer: ABSTENTION,
        abstained: true,
        citations: [],
        abstentionReason: "LLM: the answerer said the passages do not answer the question",
      });
    });

    it("abstains when every citation points outside the passages", async () => {
      server = await startFakeLlmServer({ fixtures: [FIXTURES] });
      expect(await answererFor(server).invoke(input("Where did Halvorsen meet Okonjo in 2022?"))).toEqual({
        answer: ABSTENTION,
        abstained: true,
        citations: [],
        abstentionReason: "LLM: every citation pointed to a passage that was not given ([5], [6])",
      });
    });

    it("does not call the model when there are no passages", async () => {
      server = await startFakeLlmServer({ fallback: "should not be asked [1]" });
      expect(await answererFor(server).invoke(input("Anything?", []))).toEqual({
        answer: ABSTENTION,
        abstained: true,
        citations: [],
        abstentionReason: "no passages were retrieved",
      });
      expect(server.chatRequests()).toHaveLength(0);
    });

    it("turns an HTTP 500 into a clear error without the key", async () => {
      server = await startFakeLlmServer({ responder: () => ({ status: 500, error: `internal failure for key ${API_KEY}` }) });
      const error = await answererFor(server)
        .invoke(input("When did Halvorsen last meet Okonjo?"))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LlmUnavailableError);
      const message = (error as Error).message;
      expect(message).toMatch(/^The language model at 127\.0\.0\.1:\d+ did not answer: HTTP 500/);
      expect(message).not.toContain(API_KEY);
      expect(message).not.toContain("0123456789abcdef");
    });

    it("gives up after the timeout with a clear error", async () => {
      server = await startFakeLlmServer({ responder: () => ({ delayMs: 5_000, text: "too late [1]" }) });
      const started = Date.now();
      const error = await answererFor(server, 300)
        .invoke(input("When did Halvorsen last meet Okonjo?"))
        .catch((caught: unknown) => caught);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect((error as Error).message).toMatch(/did not answer: no reply within 0\.3 s/);
    });

    it("reports a reply that is not JSON", async () => {
      server = await startFakeLlmServer({ responder: () => ({ rawBody: "<html>gateway error" }) });
      const error = await answererFor(server)
        .invoke(input("When did Halvorsen last meet Okonjo?"))
        .catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(/did not answer: the reply was not valid JSON/);
    });
  });
}

describe("endpoint errors", () => {
  it("says when nothing listens at the address", async () => {
    const answerer = createConfiguredLlmAnswerer({ provider: "ollama", model: "m", baseUrl: "http://127.0.0.1:9", timeoutMs: 2_000 }, { maxRetries: 0 })!;
    await expect(answerer.invoke(input("When?"))).rejects.toThrow("The language model at 127.0.0.1:9 did not answer: could not connect");
  });

  it("keeps keys out of any reason", () => {
    const reason = describeLlmFailure(
      Object.assign(new Error("401 Incorrect API key provided: sk-abc123*****wxyz. Bearer sk-live-abcdef"), { status: 401 }),
      undefined,
      [],
    );
    expect(reason).toBe("HTTP 401: Incorrect API key provided: [redacted]. Bearer [redacted]");
  });

  it("has no model when none is configured", () => {
    expect(createChatModel({ provider: "none", timeoutMs: 1000 })).toBeUndefined();
    expect(createConfiguredLlmAnswerer({ provider: "none", timeoutMs: 1000 })).toBeUndefined();
  });
});
