/**
 * Progress of an ingest for a person: a bar on a terminal, plain lines
 * otherwise (logs, CI). Both write to standard error.
 */
import { Writable } from "node:stream";
import cliProgress from "cli-progress";
import type { IngestProgress } from "../store/types.js";

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  /** A stream for log lines that does not tear the bar. */
  logStream: NodeJS.WritableStream;
  stop(): void;
}

interface State {
  filesDone: number;
  files: number;
  embedded: number;
  queued: number;
  phase: IngestProgress["phase"];
}

const PHASE_LABEL: Record<IngestProgress["phase"], string> = {
  scan: "Scanning",
  read: "Reading",
  embed: "Embedding",
  write: "Writing",
};

export function createProgressReporter(stderr: NodeJS.WritableStream & { isTTY?: boolean }): ProgressReporter {
  return stderr.isTTY ? barReporter(stderr) : lineReporter(stderr);
}

function barReporter(stderr: NodeJS.WritableStream): ProgressReporter {
  const multibar = new cliProgress.MultiBar(
    {
      stream: stderr as NodeJS.WriteStream,
      format: "{phase} |{bar}| {percentage}% | {filesDone}/{files} files read | {embedded}/{queued} chunks embedded | {duration_formatted}",
      hideCursor: true,
      clearOnComplete: false,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const state: State = { filesDone: 0, files: 0, embedded: 0, queued: 0, phase: "scan" };
  let bar: cliProgress.SingleBar | undefined;
  const payload = () => ({
    phase: PHASE_LABEL[state.phase].padEnd(9),
    filesDone: state.filesDone,
    files: state.files,
    embedded: state.embedded,
    queued: state.queued,
  });
  return {
    update(progress) {
      apply(state, progress);
      // The bar follows the files while they are read, then the chunks still being embedded.
      const reading = state.filesDone < state.files || state.queued === 0;
      const [value, total] = reading ? [state.filesDone, state.files] : [state.embedded, state.queued];
      bar ??= multibar.create(Math.max(total, 1), 0, payload());
      bar.setTotal(Math.max(total, 1));
      bar.update(value, payload());
    },
    logStream: new Writable({
      write(chunk, _encoding, callback) {
        multibar.log(String(chunk));
        callback();
      },
    }),
    stop() {
      multibar.stop();
    },
  };
}

function lineReporter(stderr: NodeJS.WritableStream): ProgressReporter {
  const state: State = { filesDone: 0, files: 0, embedded: 0, queued: 0, phase: "scan" };
  let lastLine = 0;
  let lastPhase: IngestProgress["phase"] | undefined;
  return {
    update(progress) {
      apply(state, progress);
      const now = Date.now();
      const phaseChanged = progress.phase !== lastPhase;
      if (!phaseChanged && now - lastLine < 2000) return;
      lastLine = now;
      lastPhase = progress.phase;
      stderr.write(`${PHASE_LABEL[state.phase]}: ${state.filesDone}/${state.files} files read, ${state.embedded}/${state.queued} chunks embedded\n`);
    },
    logStream: stderr,
    stop() {},
  };
}

function apply(state: State, progress: IngestProgress): void {
  state.phase = progress.phase;
  if (progress.phase === "scan") state.files = progress.total;
  if (progress.phase === "read") {
    state.filesDone = progress.done;
    state.files = progress.total;
  }
  if (progress.phase === "embed") {
    state.embedded = progress.done;
    state.queued = progress.total;
  }
}
