// Worker thread for USE-lite batch embedding. Messages in: { id, texts }.
// Messages out: { id, buffer, count } (vectors packed in one transferable
// Float32Array buffer) or { id, error }.
import { parentPort } from "node:worker_threads";
import { loadUseLite, embedNormalized } from "./use-lite-model.mjs";

let modelPromise;

parentPort.on("message", async ({ id, texts }) => {
  try {
    modelPromise ??= loadUseLite();
    const model = await modelPromise;
    const vectors = await embedNormalized(model, texts);
    const dimensions = vectors[0]?.length ?? 0;
    const packed = new Float32Array(vectors.length * dimensions);
    vectors.forEach((vector, i) => packed.set(vector, i * dimensions));
    parentPort.postMessage({ id, buffer: packed.buffer, count: vectors.length, dimensions }, [packed.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
