/** Counters behind /stats: questions answered and reply latency since start. */
import type { IngestSummary } from "../store/types.js";

const MAX_SAMPLES = 10_000;

/** The q-quantile (0..1) of the numbers, by nearest rank; undefined for none. */
export function quantile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export class BotStats {
  readonly startedAt: number;
  questions = 0;
  abstained = 0;
  errors = 0;
  lastReindex?: { at: number; summary: IngestSummary };
  private readonly latencies: number[] = [];

  constructor(now: number = Date.now()) {
    this.startedAt = now;
  }

  recordAnswer(latencyMs: number, abstained: boolean): void {
    this.questions++;
    if (abstained) this.abstained++;
    // A ring of recent samples keeps memory bounded on a long-running bot.
    if (this.latencies.length >= MAX_SAMPLES) this.latencies.shift();
    this.latencies.push(latencyMs);
  }

  latency(): { p50?: number; p95?: number; samples: number } {
    return { p50: quantile(this.latencies, 0.5), p95: quantile(this.latencies, 0.95), samples: this.latencies.length };
  }
}
