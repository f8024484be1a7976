import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddingMismatchError } from "../../src/embeddings/index.js";
import { fakeEmbedding, startFakeLlmServer, type FakeLlmServer } from "../helpers/fake-llm-server.js";
import { embeddingsFromEnv } from "../helpers/configured.js";

function norm(vector: number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

describe("remote embeddings against a loopback fake server", () => {
  let server: FakeLlmServer;
  beforeAll(async () => {
    server = await startFakeLlmServer({ embeddingDimensions: 48 });
  });
  afterAll(async () => {
    await server.close();
  });

  it("OpenAI-compatible: learns dimensions from the first vector and normalises", async () => {
    const embeddings = embeddingsFromEnv({
      READOUT_EMBEDDINGS: "openai",
      READOUT_EMBEDDINGS_BASE_URL: server.openaiBaseUrl,
      READOUT_EMBEDDINGS_MODEL: "fake-embed",
      READOUT_EMBEDDINGS_API_KEY: "sk-test-key-not-real",
    });
    expect(embeddings.identity).toEqual({ provider: "openai", model: "fake-embed", dimensions: 0 });
    const docs = await embeddings.embedDocuments(["Biden met Kishida", "Leaders discussed trade"]);
    expect(docs).toHaveLength(2);
    expect(embeddings.identity.dimensions).toBe(48);
    for (const vector of docs) expect(norm(vector)).toBeCloseTo(1, 5);
    const expected = fakeEmbedding("Biden met Kishida", 48);
    docs[0]!.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 5));
    const query = await embeddings.embedQuery("Biden met Kishida");
    expect(query).toHaveLength(48);
    const requests = server.requests.filter((request) => request.path.endsWith("/embeddings"));
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect((requests[0]!.body as { model: string }).model).toBe("fake-embed");
    await embeddings.close();
  });

  it("Ollama: embeds through /api/embed with the configured model", async () => {
    const embeddings = embeddingsFromEnv({
      READOUT_EMBEDDINGS: "ollama",
      READOUT_EMBEDDINGS_BASE_URL: server.url,
      READOUT_EMBEDDINGS_MODEL: "fake-nomic",
    });
    const before = server.requests.length;
    const docs = await embeddings.embedDocuments(["Macron called Scholz", "A summit in Vilnius"]);
    expect(docs.map((vector) => vector.length)).toEqual([48, 48]);
    expect(embeddings.identity).toEqual({ provider: "ollama", model: "fake-nomic", dimensions: 48 });
    for (const vector of docs) expect(norm(vector)).toBeCloseTo(1, 5);
    const used = server.requests.slice(before);
    expect(used.some((request) => request.path === "/api/embed" && (request.body as { model: string }).model === "fake-nomic")).toBe(true);
    await embeddings.close();
  });

  it("refuses vectors whose size differs from the index's", async () => {
    const embeddings = embeddingsFromEnv({ READOUT_EMBEDDINGS: "ollama", READOUT_EMBEDDINGS_BASE_URL: server.url, READOUT_EMBEDDINGS_MODEL: "fake-nomic" });
    embeddings.expectDimensions(768);
    const error = await embeddings.embedQuery("anything").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmbeddingMismatchError);
    expect(String((error as Error).message)).toMatch(/768 dimensions.*48 dimensions/);
  });

  it("reports a server error instead of returning vectors", async () => {
    const embeddings = embeddingsFromEnv({
      READOUT_EMBEDDINGS: "openai",
      READOUT_EMBEDDINGS_BASE_URL: `${server.url}/nowhere`,
      READOUT_EMBEDDINGS_API_KEY: "sk-test-key-not-real",
    });
    await expect(embeddings.embedDocuments(["text"])).rejects.toThrow();
  });
});
