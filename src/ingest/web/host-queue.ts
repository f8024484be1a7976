/**
 * Politeness towards each web host: at most one request at a time, and a pause
 * between the end of one request and the start of the next.
 */
export class HostQueue {
  private readonly hosts = new Map<string, { tail: Promise<void>; lastEnd: number; delayMs?: number }>();

  constructor(
    private readonly delayMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A longer pause for one host (a robots.txt Crawl-delay). */
  setDelay(host: string, delayMs: number): void {
    this.entry(host).delayMs = Math.max(this.delayMs, delayMs);
  }

  /** Run `task` when it is `host`'s turn. */
  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const entry = this.entry(host);
    const result = entry.tail.then(async () => {
      const wait = entry.lastEnd + (entry.delayMs ?? this.delayMs) - this.now();
      if (entry.lastEnd > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await task();
      } finally {
        entry.lastEnd = this.now();
      }
    });
    entry.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private entry(host: string) {
    let entry = this.hosts.get(host);
    if (!entry) this.hosts.set(host, (entry = { tail: Promise.resolve(), lastEnd: 0 }));
    return entry;
  }
}
