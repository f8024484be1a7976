/**
 * Reading off the main thread: worker threads read, clean and date files
 * (reader-thread.ts), each file within a time budget. A file that takes longer
 * is skipped with its reason and its thread ended (a fresh one takes its
 * place), so one pathological page never blocks answers or an ingest; a stop
 * (Ctrl-C) ends the threads at once.
 */
import { Worker } from "node:worker_threads";
import { SkipError } from "../errors.js";
import type { ReadOptions, ReadResult } from "../read.js";
import type { ReadReply, ReadRequest } from "./reader-thread.js";

export interface ReaderPoolOptions {
  /** Threads reading files at once (at least 1). */
  workers: number;
  /** A file not read within this many milliseconds is skipped. */
  timeoutMs: number;
  read: ReadRequest["options"];
  signal?: AbortSignal;
}

interface Job {
  request: ReadRequest;
  resolve(result: ReadResult): void;
  reject(error: Error): void;
}

const WORKER_URL = new URL("./reader-worker.mjs", import.meta.url);

/** One thread and the file it is reading. */
class Reader {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private job?: Job;
  private timer?: NodeJS.Timeout;
  dead = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: (reader: Reader) => void,
  ) {
    this.worker = new Worker(WORKER_URL);
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.once("message", () => resolve());
      this.worker.once("error", reject);
    });
    this.ready.catch(() => {});
    this.worker.on("message", (reply: ReadReply | { ready: true }) => {
      if ("ready" in reply) return;
      this.settle(reply);
    });
    this.worker.on("error", (error) => this.fail(new Error(`the reader thread failed: ${error.message}`)));
    this.worker.on("exit", () => {
      if (!this.dead) this.fail(new Error("the reader thread stopped"));
    });
  }

  get busy(): boolean {
    return this.job !== undefined;
  }

  async run(job: Job): Promise<void> {
    this.job = job;
    // A thread keeps the process alive only while it reads.
    this.worker.ref();
    try {
      await this.ready;
    } catch (error) {
      this.fail(new Error(`the reader thread could not start: ${(error as Error).message}`));
      return;
    }
    if (this.job !== job) return;
    // The budget starts when the thread has the file, not while it starts up.
    this.timer = setTimeout(() => {
      this.end(new SkipError(`not read within ${(this.timeoutMs / 1000).toFixed(1)} s (READOUT_READ_TIMEOUT_MS); skipped`));
    }, this.timeoutMs);
    this.worker.postMessage(job.request);
  }

  private settle(reply: ReadReply): void {
    const job = this.job;
    if (!job || reply.id !== job.request.id) return;
    clearTimeout(this.timer);
    this.job = undefined;
    this.worker.unref();
    if ("result" in reply) job.resolve(reply.result);
    else if ("skip" in reply) job.reject(new SkipError(reply.skip));
    else job.reject(new Error(reply.error));
    this.onIdle(this);
  }

  private fail(error: Error): void {
    this.end(error);
  }

  /** End the thread (a file over its budget, a failure, a stop, the end of the run); the file it was reading fails with `error`. */
  end(error: Error = new Error("the readers were stopped")): void {
    if (this.dead) return;
    this.dead = true;
    clearTimeout(this.timer);
    const job = this.job;
    this.job = undefined;
    void this.worker.terminate();
    job?.reject(error);
    this.onIdle(this);
  }
}

export class ReaderPool {
  private readonly readers: Reader[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ReaderPoolOptions) {
    options.signal?.addEventListener("abort", () => void this.close(), { once: true });
  }

  /** How many files can be read at once: how far ahead ingest may ask. */
  get parallelism(): number {
    return Math.max(1, this.options.workers);
  }

  read(absPath: string, articleId: string): Promise<ReadResult> {
    if (this.closed) return Promise.reject(new Error("the readers were stopped"));
    return new Promise<ReadResult>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, absPath, articleId, options: this.options.read }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.closed) return;
    for (let i = this.readers.length - 1; i >= 0; i--) if (this.readers[i]!.dead) this.readers.splice(i, 1);
    while (this.queue.length > 0) {
      let reader = this.readers.find((candidate) => !candidate.busy && !candidate.dead);
      if (!reader && this.readers.length < this.parallelism) {
        reader = new Reader(this.options.timeoutMs, () => this.dispatch());
        this.readers.push(reader);
      }
      if (!reader) return;
      void reader.run(this.queue.shift()!);
    }
  }

  /** End every thread; files waiting or being read are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const waiting = this.queue.splice(0);
    for (const reader of this.readers) reader.end();
    this.readers.length = 0;
    for (const job of waiting) job.reject(new Error("the readers were stopped"));
  }
}

export type { ReadOptions };
