import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOllama, OllamaEmbeddings } from "@langchain/ollama";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { afterEach, describe, expect, it } from "vitest";
import { fakeEmbedding, fixtureKey, startFakeLlmServer, type FakeLlmServer } from "../helpers/fake-llm-server.js";

let server: FakeLlmServer | undefined;
const tempDirs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fake-llm-"));
  tempDirs.push(dir);
  return dir;
};

function openai(url: string, extra: Record<string, unknown> = {}) {
  return new ChatOpenAI({ model: "fake-model", apiKey: "sk-test-123456789", configuration: { baseURL: url }, maxRetries: 0, ...extra });
}

describe("fake LLM server", () => {
  it("answers OpenAI chat completions from a responder and logs the request", async () => {
    server = await startFakeLlmServer({ responder: (request) => `echo: ${request.lastUserMessage}` });
    const reply = await openai(server.openaiBaseUrl).invoke([new SystemMessage("be brief"), new HumanMessage("hello there")]);
    expect(reply.content).toBe("echo: hello there");
    const [chat] = server.chatRequests();
    expect(chat?.api).toBe("openai");
    expect(chat?.messages.map((message) => message.role)).toEqual(["system", "user"]);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-test-123456789");
  });

  it("streams OpenAI completions as server-sent events", async () => {
    server = await startFakeLlmServer({ fallback: "a streamed answer that spans several chunks", streamChunkSize: 5 });
    const pieces: string[] = [];
    for await (const chunk of await openai(server.openaiBaseUrl, { streaming: true }).stream("hi")) pieces.push(String(chunk.content));
    expect(pieces.join("")).toBe("a streamed answer that spans several chunks");
    expect(pieces.filter((piece) => piece.length > 0).length).toBeGreaterThan(3);
    expect(server.chatRequests()[0]?.stream).toBe(true);
  });

  it("answers Ollama chat (streamed NDJSON) from fixture files, by key and by match", async () => {
    const dir = tempDir();
    const file = path.join(dir, "fixture.json");
    writeFileSync(
      file,
      JSON.stringify({
        completions: [
          { key: fixtureKey("exact prompt"), reply: "by key" },
          { match: ["Biden", "Kishida"], reply: "by match" },
        ],
      }),
    );
    server = await startFakeLlmServer({ fixtures: [file] });
    const model = new ChatOllama({ model: "llama3.1", baseUrl: server.url });
    expect((await model.invoke("exact   prompt")).content).toBe("by key");
    expect((await model.invoke("did Biden meet Kishida?")).content).toBe("by match");
    await expect(model.invoke("nothing recorded")).rejects.toThrow(/no recorded completion/);
    expect(server.chatRequests().map((request) => request.api)).toEqual(["ollama", "ollama", "ollama"]);
  });

  it("gives deterministic embeddings over both APIs, with base64 decoding for OpenAI", async () => {
    server = await startFakeLlmServer({ embeddingDimensions: 32 });
    const openaiEmbeddings = new OpenAIEmbeddings({ model: "fake-embed", apiKey: "sk-test", configuration: { baseURL: server.openaiBaseUrl } });
    const ollamaEmbeddings = new OllamaEmbeddings({ model: "fake-embed", baseUrl: server.url });
    const [a, b] = await openaiEmbeddings.embedDocuments(["Biden met Kishida", "a different text"]);
    const c = await ollamaEmbeddings.embedQuery("Biden met Kishida");
    expect(a).toHaveLength(32);
    const expected = fakeEmbedding("Biden met Kishida", 32);
    a!.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
    c.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
    expect(b).not.toEqual(a);
    const dot = (x: number[], y: number[]) => x.reduce((sum, value, i) => sum + value * y[i]!, 0);
    expect(dot(fakeEmbedding("Biden met Kishida in Tokyo", 64), fakeEmbedding("Biden met Kishida", 64))).toBeGreaterThan(
      dot(fakeEmbedding("weather report for Paris", 64), fakeEmbedding("Biden met Kishida", 64)),
    );
  });

  it("records a real endpoint's replies into a fixture file and replays them offline", async () => {
    const upstream = await startFakeLlmServer({ responder: (request) => `upstream says: ${request.lastUserMessage}` });
    const file = path.join(tempDir(), "recorded.json");
    try {
      for (const provider of ["openai", "ollama"] as const) {
        const recorder = await startFakeLlmServer({
          record: { file, upstream: provider === "openai" ? upstream.openaiBaseUrl : upstream.url, apiKey: "sk-upstream" },
        });
        const model = provider === "openai" ? openai(recorder.openaiBaseUrl) : new ChatOllama({ model: "llama3.1", baseUrl: recorder.url });
        expect((await model.invoke(`question for ${provider}`)).content).toBe(`upstream says: question for ${provider}`);
        await recorder.close();
      }
      expect(upstream.requests.map((request) => request.path)).toEqual(["/v1/chat/completions", "/api/chat"]);
      expect(upstream.requests[0]?.headers.authorization).toBe("Bearer sk-upstream");
    } finally {
      await upstream.close();
    }
    const saved = JSON.parse(readFileSync(file, "utf8")) as { completions: { key: string; reply: string }[] };
    expect(saved.completions).toHaveLength(2);
    server = await startFakeLlmServer({ fixtures: [file] });
    expect((await openai(server.openaiBaseUrl).invoke("question for openai")).content).toBe("upstream says: question for openai");
  });

  it("returns programmed HTTP errors", async () => {
    server = await startFakeLlmServer({ responder: () => ({ status: 500, error: "model crashed" }) });
    await expect(openai(server.openaiBaseUrl).invoke("hi")).rejects.toThrow(/model crashed/);
  });
});
