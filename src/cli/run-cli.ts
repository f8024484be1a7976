/**
 * The common frame of our command-line programs: `--help` prints the command's
 * usage; bad input and known failures become a one-line message and exit code
 * 2; anything else is a bug, printed with its stack, exit code 1.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { type AnyCommand, parseCommandLine } from "./command.js";

export { UsageError, type CliContext } from "./command.js";

/** Errors of ours whose message is written for the user: shown as it is, without a stack. */
const USER_FACING_ERRORS = new Set([
  "UsageError",
  "ConfigError",
  "IndexNotFoundError",
  "IndexCorruptError",
  "IndexLockedError",
  "PostgresIndexNotFoundError",
  "MigrationError",
  "StoreConnectionError",
  "CopyRefusedError",
  "NoEarlierGenerationError",
  "RollbackUnsupportedError",
  "EmbeddingMismatchError",
  "EvalFileError",
  "IngestInputError",
  "LlmError",
]);

function isUserFacing(error: unknown): error is Error {
  return error instanceof Error && USER_FACING_ERRORS.has(error.name);
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

/**
 * Run a command with this process's arguments (after `argv`), and set the exit code.
 * `prog` names it in messages: `ask` under npm, `readout ask` from the `readout` command.
 */
export async function runCli(command: AnyCommand, argv: string[] = process.argv.slice(2), prog: string = command.name): Promise<void> {
  const context = { argv, stdout: process.stdout, stderr: process.stderr };
  try {
    const parsed = parseCommandLine(command, argv);
    if (parsed === "help") {
      process.stdout.write(`${command.usage}\n`);
      process.exitCode = 0;
      return;
    }
    process.exitCode = await command.run(parsed, context);
  } catch (error) {
    if (isUserFacing(error)) {
      process.stderr.write(`${prog}: ${error.message}\n`);
      if ((error as { showUsage?: boolean }).showUsage) process.stderr.write(`\n${command.usage}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${prog}: unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
