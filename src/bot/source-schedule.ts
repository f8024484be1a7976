/**
 * Refreshing the sources file on schedule inside the bot process: every source
 * has its own interval; the ones that are due are refreshed together in one
 * ingest run in the background (answers go on meanwhile), and the services swap
 * the new index generation in as /reindex does. The file is re-read at every
 * tick, so a source added with /add joins the schedule without a restart.
 */
import type { SourceEntry } from "../config.js";
import type { Logger } from "../log.js";
import type { LiveSources } from "./service-types.js";

export const SCHEDULE_TICK_MS = 1000;

function keyOf(entry: SourceEntry): string {
  return entry.kind === "url" ? entry.url : `folder:${entry.path}`;
}

export class SourceSchedule {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly nextDue = new Map<string, number>();
  private lastProblem?: string;
  private readonly stopping = new AbortController();

  constructor(
    private readonly sources: LiveSources,
    private readonly log: Logger,
    private readonly options: { tickMs?: number; now?: () => number } = {},
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? SCHEDULE_TICK_MS);
    this.timer.unref();
  }

  /** Stop scheduling and wait for a refresh under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.running;
  }

  private tick(): void {
    if (this.running || this.stopping.signal.aborted) return;
    const now = (this.options.now ?? Date.now)();
    let entries: SourceEntry[];
    try {
      entries = this.sources.configured();
      this.lastProblem = undefined;
    } catch (error) {
      // A broken edit of the sources file is reported once; the schedule waits for a good one.
      const problem = (error as Error).message;
      if (problem !== this.lastProblem)
        this.log.error({ event: "sources-file-invalid", error: problem }, "the sources file cannot be read; refreshes wait until it is fixed");
      this.lastProblem = problem;
      return;
    }
    const due = entries.filter((entry) => (this.nextDue.get(keyOf(entry)) ?? 0) <= now);
    if (due.length === 0) return;
    for (const entry of due) this.nextDue.set(keyOf(entry), now + entry.refreshMs);
    this.log.info({ event: "sources-refresh", sources: due.length }, "refreshing sources");
    this.running = this.sources
      .refresh(due, { signal: this.stopping.signal })
      .then((summary) => {
        const failed = summary.skipped.filter((skip) => !skip.ignored);
        this.log.info(
          {
            event: "sources-refreshed",
            added: summary.added,
            updated: summary.updated,
            unchanged: summary.unchanged,
            skipped: failed.length,
            requests: summary.requests,
            seconds: Number(summary.seconds.toFixed(1)),
          },
          "sources refreshed",
        );
        for (const skip of failed) this.log.warn({ event: "source-skipped", source: skip.path, reason: skip.reason }, "source not read");
      })
      .catch((error: unknown) => {
        if (this.stopping.signal.aborted) {
          this.log.info({ event: "sources-refresh-stopped" }, "refresh stopped for shutdown; the index in use is unchanged");
          return;
        }
        this.log.error({ event: "sources-refresh-failed", error: (error as Error)?.message ?? String(error) }, "refresh failed; the index in use is unchanged");
      })
      .finally(() => {
        this.running = undefined;
      });
  }
}
