/**
 * The common frame of our command-line programs: parse errors and known
 * failures become a one-line message and exit code 2; anything else is a bug,
 * printed with its stack, exit code 1.
 */
import { ConfigError } from "../config.js";

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
  "NoEarlierGenerationError",
  "EmbeddingMismatchError",
  "EvalFileError",
  "IngestInputError",
  "LlmError",
]);

function isUserFacing(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  return USER_FACING_ERRORS.has(error.name) || ((error as NodeJS.ErrnoException).code ?? "").startsWith("ERR_PARSE_ARGS");
}

export async function runCli(main: (context: CliContext) => Promise<number>, usage?: string): Promise<void> {
  const name = process.argv[1]?.split("/").pop()?.replace(/\.[cm]?[jt]s$/, "") ?? "readout";
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
