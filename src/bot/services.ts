/**
 * What the bot needs from the rest of Readout. The bot only talks to this
 * interface; `createServices` (in `create-services.ts`) wires the real index,
 * chain and ingest behind it.
 */
import type { AnswerChain } from "../retrieval/types.js";
import type { IngestProgress, IngestSummary } from "../store/types.js";

export interface IndexDescription {
  articles: number;
  chunks: number;
  dateRange?: { from: string; to: string };
  /** When the index was last written (ISO time). */
  updatedAt?: string;
  /** A few questions this index can answer, for /start. */
  examples: string[];
}

export interface BotServices {
  /** The current answer chain; replaced after a reindex, so read it for each question. */
  readonly answer: AnswerChain;
  describeIndex(): Promise<IndexDescription>;
  /** Re-run ingest over the configured folders and switch to the new index when done. */
  reindex(onProgress: (progress: IngestProgress) => void): Promise<IngestSummary>;
  close(): Promise<void>;
}
