/**
 * The common frame of our command-line programs: parse errors and known
 * failures become a one-line message and exit code 2; anything else is a bug,
 * printed with its stack, exit code 1.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export class UsageError extends Error {
  override name = "UsageError";
}

export interface CliContext {
  argv: string[];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Errors of ours whose message is written for the user: shown as it is, without a stack. */
const USER_FACING_ERRORS = new Set([
  "UsageError",
  "ConfigError",
  "IndexNotFoundError",
  "IndexCorruptError",
  "IndexLockedError",
  "EmbeddingMismatchError",
  "EvalFileError",
  "IngestInputError",
  "LlmError",
]);

function isUserFacing(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  return USER_FACING_ERRORS.has(error.name) || ((error as NodeJS.ErrnoException).code ?? "").startsWith("ERR_PARSE_ARGS");
}

/** Whether the module at `moduleUrl` is the script this process was started with (paths compared as files, so spaces, non-ASCII letters and symlinks are no matter). */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}

export async function runCli(main: (context: CliContext) => Promise<number>, usage?: string): Promise<void> {
  const name = process.argv[1] ? path.basename(process.argv[1]).replace(/\.[cm]?[jt]s$/, "") : "readout";
  try {
    process.exitCode = await main({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr });
  } catch (error) {
    if (isUserFacing(error)) {
      process.stderr.write(`${name}: ${error.message}\n`);
      if (usage && (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) process.stderr.write(`\n${usage}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${name}: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
