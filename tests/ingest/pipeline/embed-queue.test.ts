import { describe, expect, it } from "vitest";
import { EmbeddingServiceError } from "../../../src/embeddings/index.js";
import { EmbedQueue } from "../../../src/ingest/pipeline/embed-queue.js";
import { CountingEmbeddings } from "../../helpers/counting-embeddings.js";

class RecordingEmbeddings extends CountingEmbeddings {
  calls: number[] = [];
  inFlight = 0;
  maxInFlight = 0;
  override async embedDocuments(texts: string[]) {
    this.calls.push(texts.length);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.inFlight--;
    return super.embedDocuments(texts);
  }
}

describe("the embedding queue", () => {
  it("batches, bounds the batches in flight, embeds each text once, and returns each its own vector", async () => {
    const embeddings = new RecordingEmbeddings();
    const queue = new EmbedQueue(embeddings, 8, 2);
    const texts = Array.from({ length: 40 }, (_, i) => `text number ${i % 30}`);
    const vectors = texts.map((text) => queue.vector(text, text));
    await queue.pump();
    await queue.drain();
    const resolved = await Promise.all(vectors);
    expect(queue.embedded).toBe(30);
    expect(embeddings.embeddedTexts).toHaveLength(30);
    expect(embeddings.maxInFlight).toBeLessThanOrEqual(2);
    for (const [i, text] of texts.entries()) expect(resolved[i]).toEqual(await embeddings.embedQuery(text));
  });

  it("splits what is left at the end so that parallel workers finish together", async () => {
    const embeddings = new RecordingEmbeddings();
    const queue = new EmbedQueue(embeddings, 32, 4);
    for (let i = 0; i < 10; i++) void queue.vector(`k${i}`, `text ${i}`);
    await queue.drain();
    expect(embeddings.calls).toEqual([4, 3, 3]);
  });

  it("turns a failed call into an EmbeddingServiceError naming the model", async () => {
    const failing = new (class extends CountingEmbeddings {
      override async embedDocuments(): Promise<number[][]> {
        throw new Error("503 Service Unavailable");
      }
    })();
    const queue = new EmbedQueue(failing, 2, 1, { model: "ollama/nomic-embed-text" });
    const vector = queue.vector("a", "some text");
    await expect(queue.drain()).rejects.toThrow(EmbeddingServiceError);
    await expect(vector).rejects.toThrow("Embedding with ollama/nomic-embed-text failed: 503 Service Unavailable");
  });
});
