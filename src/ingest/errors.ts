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

/** A path given to ingest does not exist or cannot be opened: nothing is written, so a typo never empties the index. */
export class IngestInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.join("; ")}. Nothing was written; the index is as it was.`);
    this.name = "IngestInputError";
  }
}
