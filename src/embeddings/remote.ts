import type { Embeddings } from "@langchain/core/embeddings";
import type { EmbeddingIdentity } from "../types/index.js";
import { ReadoutEmbeddings } from "./base.js";
import { toUnitFloat32 } from "./use-lite-model.mjs";

/**
 * Wraps a LangChain embeddings client for a server (OpenAI-compatible or
 * Ollama): normalises its vectors and learns their size from the first one.
 */
export class RemoteEmbeddings extends ReadoutEmbeddings {
  private dimensions = 0;

  constructor(
    private readonly client: Embeddings,
    private readonly provider: string,
    private readonly model: string,
    private readonly concurrentRequests = 4,
  ) {
    super({});
  }

  get identity(): EmbeddingIdentity {
    return { provider: this.provider, model: this.model, dimensions: this.dimensions };
  }

  get parallelism(): number {
    return this.concurrentRequests;
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.accept(await this.client.embedQuery(text));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const vectors = await this.client.embedDocuments(texts);
    if (vectors.length !== texts.length) {
      throw new Error(`${this.provider} returned ${vectors.length} vectors for ${texts.length} texts`);
    }
    return vectors.map((vector) => this.accept(vector));
  }

  private accept(vector: number[]): number[] {
    if (!Array.isArray(vector) || vector.length === 0) {
      throw new Error(`${this.provider} model ${this.model} returned an empty embedding`);
    }
    this.checkDimensions(vector.length);
    if (this.dimensions === 0) this.dimensions = vector.length;
    else if (vector.length !== this.dimensions) {
      throw new Error(`${this.provider} model ${this.model} returned a vector of ${vector.length} dimensions after earlier ones of ${this.dimensions}`);
    }
    return Array.from(toUnitFloat32(vector));
  }
}
