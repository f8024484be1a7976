/**
 * The bot's figures since start — questions answered, abstentions, errors,
 * reply latency — kept once and read three ways: /stats in a chat, the
 * Prometheus `/metrics` endpoint (prom-client, a registry per bot), and the
 * structured log line of each answer.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { IngestSummary } from "../store/types.js";
import type { IndexDescription } from "./service-types.js";

const MAX_SAMPLES = 10_000;

/** Reply-time buckets in seconds: a cached answer takes tens of milliseconds, an LLM answer can take a minute. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];

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
  /** The Prometheus registry `/metrics` serves. */
  readonly registry = new Registry();
  private readonly latencies: number[] = [];
  private readonly questionsTotal: Counter;
  private readonly abstentionsTotal: Counter;
  private readonly errorsTotal: Counter;
  private readonly latencySeconds: Histogram;
  private describeIndex?: () => Promise<IndexDescription>;
  private processMetrics = false;

  constructor(now: number = Date.now()) {
    this.startedAt = now;
    const registers = [this.registry];
    this.questionsTotal = new Counter({ name: "readout_questions_total", help: "Questions answered (abstentions included)", registers });
    this.abstentionsTotal = new Counter({ name: "readout_abstentions_total", help: "Questions the articles did not answer", registers });
    this.errorsTotal = new Counter({ name: "readout_errors_total", help: "Updates whose handling failed", registers });
    this.latencySeconds = new Histogram({
      name: "readout_answer_duration_seconds",
      help: "Time from a question to its answer being sent",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const stats = this;
    const indexGauge = (name: string, help: string, read: (index: IndexDescription) => number | undefined, labelNames: string[] = []) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        async collect() {
          if (!stats.describeIndex) return;
          const index = await stats.describeIndex();
          const value = read(index);
          this.reset();
          if (value === undefined) return;
          if (labelNames.length > 0) this.set({ generation: index.generation ?? "unknown" }, value);
          else this.set(value);
        },
      });
    indexGauge("readout_index_articles", "Articles in the index being answered from", (index) => index.articles);
    indexGauge("readout_index_chunks", "Chunks (paragraphs) in the index being answered from", (index) => index.chunks);
    indexGauge("readout_index_generation", "The index generation being answered from (label); the value is 1", () => 1, ["generation"]);
    indexGauge("readout_index_updated_timestamp_seconds", "When the index being answered from was written", (index) =>
      index.updatedAt ? Date.parse(index.updatedAt) / 1000 : undefined,
    );
  }

  /** Also export the process's own figures (memory, CPU, event loop lag): for the long-running bot, not for replays. */
  collectProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    collectDefaultMetrics({ register: this.registry, prefix: "readout_" });
  }

  /** Where the index gauges read their figures (the bot's services). */
  observeIndex(describe: () => Promise<IndexDescription>): void {
    this.describeIndex = describe;
  }

  recordAnswer(latencyMs: number, abstained: boolean): void {
    this.questions++;
    this.questionsTotal.inc();
    if (abstained) {
      this.abstained++;
      this.abstentionsTotal.inc();
    }
    this.latencySeconds.observe(latencyMs / 1000);
    // A ring of recent samples keeps memory bounded on a long-running bot.
    if (this.latencies.length >= MAX_SAMPLES) this.latencies.shift();
    this.latencies.push(latencyMs);
  }

  recordError(): void {
    this.errors++;
    this.errorsTotal.inc();
  }

  latency(): { p50?: number; p95?: number; samples: number } {
    return { p50: quantile(this.latencies, 0.5), p95: quantile(this.latencies, 0.95), samples: this.latencies.length };
  }
}
