/** Fast, deterministic fake embeddings for the ingest and store tests. */
import { createHash } from "node:crypto";
import { ReadoutEmbeddings } from "../../src/embeddings/base.js";
import type { EmbeddingIdentity } from "../../src/types/index.js";

/** Deterministic bag-of-words vectors; counts the texts it embeds. */
export class CountingEmbeddings extends ReadoutEmbeddings {
  embeddedTexts: string[] = [];
  constructor(
    private readonly model = "fake-words",
    private readonly dims = 32,
  ) {
    super({});
  }
  get identity(): EmbeddingIdentity {
    return { provider: "test", model: this.model, dimensions: this.dims };
  }
  get parallelism(): number {
    return 2;
  }
  private vector(text: string): number[] {
    const vector = new Array<number>(this.dims).fill(0);
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? ["empty"]) {
      const digest = createHash("md5").update(word).digest();
      vector[digest[0]! % this.dims]! += 1;
    }
    vector[0]! += 0.01;
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embeddedTexts.push(...texts);
    return texts.map((text) => this.vector(text));
  }
  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }
}
