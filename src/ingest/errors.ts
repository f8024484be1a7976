/** Why a file (or a record in it) was not ingested. `reason` is one line, fit for a summary. */
export class SkipError extends Error {
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    const line = reason.replace(/\s+/g, " ").trim();
    super(line, options);
    this.name = "SkipError";
    this.reason = line;
  }
}

/** A record of a multi-record file (JSON array, JSON lines) that could not be read; the others still load. */
export interface RecordProblem {
  /** `file.jsonl#<line or record>`. */
  id: string;
  reason: string;
}
