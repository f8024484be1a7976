/** Which embedding model made a vector: recorded in every index so that models are never mixed. */

export interface EmbeddingIdentity {
  provider: string;
  model: string;
  dimensions: number;
}
