import { Worker } from "node:worker_threads";

interface Job {
  id: number;
  texts: string[];
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: Map<number, Job>;
}

interface WorkerReply {
  id: number;
  buffer?: ArrayBuffer;
  count?: number;
  dimensions?: number;
  error?: string;
}

const MAX_CRASHES = 3;

/**
 * A fixed pool of worker threads that embed batches of texts. Each worker gets
 * up to `queueDepth` batches at once so it never waits for the next message.
 * Idle workers are unref'd: a forgotten `close()` does not keep the process alive.
 */
export class EmbeddingWorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private crashes = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly workerUrl: URL,
    private readonly queueDepth = 2,
  ) {
    if (size < 1) throw new Error("A worker pool needs at least one worker");
  }

  embed(texts: string[]): Promise<Float32Array[]> {
    if (this.closed) return Promise.reject(new Error("The embedding worker pool is closed"));
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, texts, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new Error("The embedding worker pool was closed");
    for (const job of this.queue.splice(0)) job.reject(error);
    const workers = this.workers.splice(0);
    for (const { inFlight } of workers) for (const job of inFlight.values()) job.reject(error);
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const target = this.pickWorker();
      if (!target) return;
      const job = this.queue.shift()!;
      target.inFlight.set(job.id, job);
      target.worker.ref();
      target.worker.postMessage({ id: job.id, texts: job.texts });
    }
  }

  private pickWorker(): PoolWorker | undefined {
    while (this.workers.length < this.size) this.workers.push(this.spawn());
    let best: PoolWorker | undefined;
    for (const candidate of this.workers) {
      if (candidate.inFlight.size >= this.queueDepth) continue;
      if (!best || candidate.inFlight.size < best.inFlight.size) best = candidate;
    }
    return best;
  }

  private spawn(): PoolWorker {
    // execArgv: [] keeps loaders (tsx, vitest) out of the plain-JavaScript worker.
    const worker = new Worker(this.workerUrl, { execArgv: [] });
    const entry: PoolWorker = { worker, inFlight: new Map() };
    worker.unref();
    worker.on("message", (reply: WorkerReply) => this.onReply(entry, reply));
    worker.on("error", (error) => this.onCrash(entry, error));
    worker.on("exit", (code) => {
      if (!this.closed) this.onCrash(entry, new Error(`embedding worker exited with code ${code}`));
    });
    return entry;
  }

  private onReply(entry: PoolWorker, reply: WorkerReply): void {
    const job = entry.inFlight.get(reply.id);
    if (!job) return;
    entry.inFlight.delete(reply.id);
    if (entry.inFlight.size === 0) entry.worker.unref();
    if (reply.error !== undefined) {
      job.reject(new Error(`Embedding failed in a worker thread: ${reply.error}`));
    } else {
      const packed = new Float32Array(reply.buffer!);
      const dims = reply.dimensions!;
      const vectors: Float32Array[] = [];
      for (let i = 0; i < reply.count!; i++) vectors.push(packed.subarray(i * dims, (i + 1) * dims));
      job.resolve(vectors);
    }
    this.dispatch();
  }

  private onCrash(entry: PoolWorker, error: Error): void {
    const index = this.workers.indexOf(entry);
    if (index === -1) return;
    this.workers.splice(index, 1);
    void entry.worker.terminate();
    for (const job of entry.inFlight.values()) job.reject(new Error(`Embedding worker failed: ${error.message}`));
    entry.inFlight.clear();
    this.crashes++;
    if (this.crashes >= MAX_CRASHES) {
      for (const job of this.queue.splice(0)) job.reject(new Error(`Embedding workers keep failing: ${error.message}`));
      return;
    }
    this.dispatch();
  }
}
