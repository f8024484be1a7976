/**
 * One command of `readout` (`readout ask`, `npm run ask`): its options, its
 * help, and the parsing every command shares, built on `node:util` parseArgs.
 * `-h`/`--help` is added to every command; an unknown option is refused with
 * a "did you mean" when it is close to a real one.
 */
import { parseArgs } from "node:util";
import { didYouMean } from "../text/did-you-mean.js";

export interface CliContext {
  argv: string[];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Bad input on the command line: a one-line message and exit code 2. `showUsage` adds the command's help after it. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

type OptionsConfig = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean; default?: string | boolean | string[] | boolean[] }>;

export type ParsedCommandLine<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export interface Command<O extends OptionsConfig = OptionsConfig> {
  /** The word after `readout` (and the `npm run` script's name). */
  name: string;
  /** The whole help, printed by `--help`. */
  usage: string;
  options: O;
  /** Whether the command takes arguments besides its options (paths, a question). */
  positionals: boolean;
  run(args: ParsedCommandLine<O>, context: CliContext): Promise<number>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
// biome-ignore lint/suspicious/noExplicitAny: a list of commands holds commands of every option shape
export type AnyCommand = Command<any>;

/** Keeps the options' literal types, so `run` sees `values.index` as a string and `values.json` as a boolean. */
export function defineCommand<const O extends OptionsConfig>(command: Command<O>): Command<O> {
  return command;
}

const HELP = { help: { type: "boolean", short: "h" } } as const;

/**
 * Parse a command's arguments: `"help"` when help was asked for, else its
 * values and positionals. Throws UsageError for an unknown option (with a
 * suggestion), an option without its value, or arguments to a command that takes none.
 */
export function parseCommandLine<O extends OptionsConfig>(command: Command<O>, argv: string[]): ParsedCommandLine<O> | "help" {
  const options = { ...command.options, ...HELP };
  const loose = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  if (loose.values.help === true) return "help";
  const longNames = Object.keys(options);
  const shortNames = Object.values(options).flatMap((option) => ("short" in option && option.short ? [option.short] : []));
  for (const token of loose.tokens ?? []) {
    if (token.kind !== "option" || longNames.includes(token.name) || shortNames.includes(token.name)) continue;
    const suggestion = token.rawName.startsWith("--") ? didYouMean(token.name, longNames) : undefined;
    throw new UsageError(`unknown option '${token.rawName}'${suggestion ? ` (did you mean --${suggestion}?)` : ""}`, true);
  }
  if (!command.positionals && loose.positionals.length > 0) {
    throw new UsageError(`${command.name} takes no arguments, only options: '${loose.positionals[0]}' is not one`, true);
  }
  try {
    return parseArgs({ args: argv, options: command.options, strict: true, allowPositionals: true }) as ParsedCommandLine<O>;
  } catch (error) {
    // Node's own message names the option and what it lacks ("Option '--index <value>' argument missing").
    if (((error as NodeJS.ErrnoException).code ?? "").startsWith("ERR_PARSE_ARGS")) throw new UsageError((error as Error).message, true);
    throw error;
  }
}
