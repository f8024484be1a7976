import { afterAll, describe, expect, it } from "vitest";
import { UseLiteEmbeddings } from "../../src/embeddings/index.js";

const texts = [
  "President Biden met Prime Minister Kishida of Japan at the White House.",
  "The leaders discussed the security alliance and cooperation on clean energy.",
  "",
  "Ministers of the Nordic council met in Oslo to agree a joint statement on fisheries, " +
    "with a long list of participants and outcomes that runs well past a single sentence.",
  "Premier Li Qiang held a call with Chancellor Scholz.",
];

function norm(vector: number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * b[i]!, 0) / (norm(a) * norm(b));
}

describe("USE-lite embeddings", () => {
  const inProcess = new UseLiteEmbeddings({ workers: 0, batchSize: 2 });
  const pooled = new UseLiteEmbeddings({ workers: 2, batchSize: 2 });
  afterAll(async () => {
    await inProcess.close();
    await pooled.close();
  });

  it("states its identity: provider, model and 512 dimensions", () => {
    expect(inProcess.identity).toEqual({ provider: "use-lite", model: "universal-sentence-encoder-lite", dimensions: 512 });
  });

  it("returns unit-length 512-dimension vectors for queries and documents", async () => {
    const query = await inProcess.embedQuery("When did Biden meet Kishida?");
    expect(query).toHaveLength(512);
    expect(norm(query)).toBeCloseTo(1, 5);
    const docs = await inProcess.embedDocuments(texts);
    expect(docs).toHaveLength(texts.length);
    for (const vector of docs) {
      expect(vector).toHaveLength(512);
      expect(norm(vector)).toBeCloseTo(1, 5);
      expect(vector.every(Number.isFinite)).toBe(true);
    }
  });

  it("gives worker-thread vectors identical to main-thread ones, in order", async () => {
    const [main, workers] = await Promise.all([inProcess.embedDocuments(texts), pooled.embedDocuments(texts)]);
    expect(workers).toEqual(main);
    // A query embedded alone on the main thread equals the same text embedded in a worker batch.
    expect(await inProcess.embedQuery(texts[0]!)).toEqual(main[0]);
  });

  it("places related sentences closer than unrelated ones", async () => {
    const [a, b, c] = await pooled.embedDocuments([
      "The president met the prime minister to discuss trade.",
      "The two leaders held talks on trade and tariffs.",
      "Bake the bread for forty minutes at high heat.",
    ]);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!));
  });

  it("handles an empty list and many concurrent calls on the pool", async () => {
    expect(await pooled.embedDocuments([])).toEqual([]);
    const calls = await Promise.all([0, 1, 2, 3, 4].map((i) => pooled.embedDocuments([`meeting number ${i}`, `call ${i}`])));
    const again = await inProcess.embedDocuments(["meeting number 3", "call 3"]);
    expect(calls[3]).toEqual(again);
  });

  it("can be closed twice and starts a fresh pool when used again", async () => {
    const temporary = new UseLiteEmbeddings({ workers: 1, batchSize: 4 });
    await temporary.embedDocuments(["warm"]);
    await temporary.close();
    await temporary.close();
    expect(await temporary.embedDocuments(["again"])).toHaveLength(1);
    await temporary.close();
  });
});
