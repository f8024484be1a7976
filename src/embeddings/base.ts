import { Embeddings } from "@langchain/core/embeddings";
import type { EmbeddingIdentity } from "../types/index.js";
import { EmbeddingMismatchError } from "./identity.js";

/**
 * A LangChain `Embeddings` that knows which model it is (recorded in the index
 * so that models are never mixed) and owns resources to release with `close()`.
 */
export abstract class ReadoutEmbeddings extends Embeddings {
  /** dimensions is 0 until known (remote providers learn it from the first vector). */
  abstract get identity(): EmbeddingIdentity;
  /** How many batches (`embedDocuments` calls) to keep in flight at once during ingest. */
  abstract get parallelism(): number;

  private expectedDimensions = 0;

  /** Load models or open connections ahead of the first query. */
  async warmup(): Promise<void> {}

  /** Release workers and connections. Safe to call twice. */
  async close(): Promise<void> {}

  /**
   * The index was built with vectors of this size: a vector of another size
   * from this model means the endpoint now serves a different model.
   */
  expectDimensions(dimensions: number): void {
    this.expectedDimensions = dimensions;
  }

  protected checkDimensions(dimensions: number): void {
    if (this.expectedDimensions > 0 && dimensions !== this.expectedDimensions) {
      throw new EmbeddingMismatchError({ ...this.identity, dimensions: this.expectedDimensions }, { ...this.identity, dimensions });
    }
  }
}
