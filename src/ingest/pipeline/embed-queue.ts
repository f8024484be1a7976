/**
 * Collects texts to embed into batches and keeps a bounded number of batches in
 * flight, so that reading and chunking go on while the workers embed. Texts
 * with the same key (the same embedded text) are embedded once.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { EmbeddingServiceError } from "../../embeddings/errors.js";

/** Smaller batches than this cost more in per-call overhead than they win in balance. */
const MIN_TAIL_BATCH = 4;

interface Waiting {
  key: string;
  text: string;
  resolve: (vector: number[]) => void;
  reject: (error: Error) => void;
}

export class EmbedQueue {
  private readonly requested = new Map<string, Promise<number[]>>();
  private batch: Waiting[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure?: Error;
  embedded = 0;
  queued = 0;

  private readonly aborted: Promise<void>;

  constructor(
    private readonly embeddings: EmbeddingsInterface,
    private readonly batchSize: number,
    private readonly maxInFlight: number,
    private readonly options: {
      onProgress?: (done: number, total: number) => void;
      /** Stop waiting for batches when aborted; `onAbort` says what to throw. */
      signal?: AbortSignal;
      onAbort?: () => Error;
      /** Names the model in error messages. */
      model?: string;
    } = {},
  ) {
    const signal = options.signal;
    this.aborted = signal
      ? new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })))
      : new Promise(() => {});
  }

  /** The vector for `text`, embedded in some batch. */
  vector(key: string, text: string): Promise<number[]> {
    const known = this.requested.get(key);
    if (known) return known;
    const promise = new Promise<number[]>((resolve, reject) => {
      this.batch.push({ key, text, resolve, reject });
    });
    // Failures surface through `pump`/`drain`; do not also report them as unhandled.
    promise.catch(() => {});
    this.requested.set(key, promise);
    this.queued++;
    return promise;
  }

  /** Send full batches; wait while too many are in flight. Call after each file. */
  async pump(): Promise<void> {
    while (this.batch.length >= this.batchSize) {
      await this.waitForRoom();
      this.send(this.batch.splice(0, this.batchSize));
    }
    this.throwIfFailed();
  }

  /** Send what is left and wait for every vector. */
  async drain(): Promise<void> {
    while (this.batch.length > 0) {
      await this.waitForRoom();
      this.send(this.batch.splice(0, this.tailBatchSize()));
    }
    while (this.inFlight.size > 0) await this.nextSettled();
    this.throwIfFailed();
  }

  /**
   * At the end, share what is left evenly among the free slots, so that the
   * workers finish together instead of one embedding the last batch alone.
   */
  private tailBatchSize(): number {
    const free = Math.max(1, this.maxInFlight - this.inFlight.size);
    const pieces = Math.min(free, Math.ceil(this.batch.length / MIN_TAIL_BATCH));
    return Math.min(this.batchSize, Math.ceil(this.batch.length / Math.max(1, pieces)));
  }

  private async waitForRoom(): Promise<void> {
    while (this.inFlight.size >= this.maxInFlight) await this.nextSettled();
    this.throwIfFailed();
  }

  private async nextSettled(): Promise<void> {
    await Promise.race([...this.inFlight, this.aborted]);
    if (this.options.signal?.aborted) throw this.options.onAbort?.() ?? new Error("aborted");
  }

  private throwIfFailed(): void {
    if (this.options.signal?.aborted) throw this.options.onAbort?.() ?? new Error("aborted");
    if (this.failure) throw this.failure;
  }

  private send(items: Waiting[]): void {
    this.options.onProgress?.(this.embedded, this.queued);
    const task = (async () => {
      try {
        const vectors = await this.embeddings.embedDocuments(items.map((item) => item.text));
        if (vectors.length !== items.length) throw new Error(`${vectors.length} vectors returned for ${items.length} texts`);
        items.forEach((item, i) => item.resolve(vectors[i]!));
        this.embedded += items.length;
        this.options.onProgress?.(this.embedded, this.queued);
      } catch (error) {
        const failure = error instanceof EmbeddingServiceError ? error : new EmbeddingServiceError(this.options.model ?? "the embedding model", error);
        this.failure ??= failure;
        for (const item of items) item.reject(failure);
      }
    })();
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }
}
