import type { EmbeddingIdentity } from "../types/index.js";

/** "use-lite/universal-sentence-encoder-lite (512 dimensions)" */
export function describeIdentity(identity: EmbeddingIdentity): string {
  const dims = identity.dimensions > 0 ? `${identity.dimensions} dimensions` : "dimensions not yet known";
  return `${identity.provider}/${identity.model} (${dims})`;
}

/** Raised when an index built by one embedding model is used with another. */
export class EmbeddingMismatchError extends Error {
  constructor(
    readonly indexed: EmbeddingIdentity,
    readonly configured: EmbeddingIdentity,
    readonly indexDir?: string,
  ) {
    const where = indexDir ? `The index in ${indexDir}` : "The index";
    super(
      `${where} was built with ${describeIdentity(indexed)}, but the configured embeddings are ` +
        `${describeIdentity(configured)}. Vectors from different models cannot be mixed: ` +
        `set READOUT_EMBEDDINGS/READOUT_EMBEDDINGS_MODEL back to the indexed model, or rebuild the index ` +
        `with the new one (npm run ingest -- --rebuild PATH...).`,
    );
    this.name = "EmbeddingMismatchError";
  }
}

/** Same provider and model, and the same dimensions where both are known. */
export function sameIdentity(a: EmbeddingIdentity, b: EmbeddingIdentity): boolean {
  if (a.provider !== b.provider || a.model !== b.model) return false;
  return a.dimensions <= 0 || b.dimensions <= 0 || a.dimensions === b.dimensions;
}
