import type { EmbeddingIdentity } from "../types/index.js";
import { ReadoutEmbeddings } from "./base.js";
import { USE_LITE_DIMENSIONS, embedNormalized, loadUseLite, type UseLiteModel } from "./use-lite-model.mjs";
import { EmbeddingWorkerPool } from "./worker-pool.js";

export const USE_LITE_MODEL = "universal-sentence-encoder-lite";

export interface UseLiteOptions {
  /** Worker threads for `embedDocuments`; 0 embeds on the calling thread. */
  workers: number;
  /** Texts per model call. */
  batchSize: number;
}

/**
 * Universal Sentence Encoder lite, offline (TensorFlow.js WASM, one thread per
 * model instance). Queries run on the calling thread, where latency matters;
 * documents are embedded in batches over a pool of worker threads.
 */
export class UseLiteEmbeddings extends ReadoutEmbeddings {
  private model?: Promise<UseLiteModel>;
  private pool?: EmbeddingWorkerPool;
  private readonly workers: number;
  private readonly batchSize: number;

  constructor(options: UseLiteOptions) {
    super({});
    this.workers = Math.max(0, Math.floor(options.workers));
    this.batchSize = Math.max(1, Math.floor(options.batchSize));
  }

  get identity(): EmbeddingIdentity {
    return { provider: "use-lite", model: USE_LITE_MODEL, dimensions: USE_LITE_DIMENSIONS };
  }

  /** One batch at a time in process; two per worker so none waits for its next batch. */
  get parallelism(): number {
    return this.workers === 0 ? 1 : this.workers * 2;
  }

  override async warmup(): Promise<void> {
    await this.embedQuery("warm up");
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await embedNormalized(await this.localModel(), [text]);
    return Array.from(vector!);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const batches: string[][] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) batches.push(texts.slice(i, i + this.batchSize));
    const results: Float32Array[][] = [];
    if (this.workers === 0) {
      const model = await this.localModel();
      for (const batch of batches) results.push(await embedNormalized(model, batch));
    } else {
      this.pool ??= new EmbeddingWorkerPool(this.workers, new URL("./use-lite-worker.mjs", import.meta.url));
      const pool = this.pool;
      results.push(...(await Promise.all(batches.map((batch) => pool.embed(batch)))));
    }
    return results.flat().map((vector) => Array.from(vector));
  }

  override async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  private localModel(): Promise<UseLiteModel> {
    this.model ??= loadUseLite().catch((error: unknown) => {
      this.model = undefined;
      throw error;
    });
    return this.model;
  }
}
