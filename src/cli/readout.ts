/**
 * readout COMMAND [OPTIONS] — the one command-line entry point: `readout ingest|copy-index|ask|eval|replay|start`.
 * Output goes straight to standard output (no npm banner), so it can be piped.
 */
import { didYouMean } from "../text/did-you-mean.js";
import type { AnyCommand } from "./command.js";
import { isEntryPoint, runCli } from "./run-cli.js";

/** Each command's module, loaded only when it runs (their imports are heavy). */
const COMMANDS: Record<string, () => Promise<{ command: AnyCommand }>> = {
  ingest: () => import("./ingest.js"),
  "copy-index": () => import("./copy-index.js"),
  ask: () => import("./ask.js"),
  eval: () => import("./eval.js"),
  replay: () => import("./replay.js"),
  start: () => import("./start.js"),
};

const SUMMARIES: Record<string, string> = {
  ingest: "read articles from files and folders into the index",
  "copy-index": "copy the index between the local folder and PostgreSQL, vectors included",
  ask: "answer a question from the index, with its sources",
  eval: "score the answers on evaluation sets",
  replay: "replay recorded or hand-written conversations through the bot",
  start: "run the Telegram bot, or a chat in the terminal without a token",
};

export const USAGE = `Usage: readout COMMAND [OPTIONS]

Commands:
${Object.entries(SUMMARIES)
  .map(([name, summary]) => `  ${name.padEnd(12)}${summary}`)
  .join("\n")}

"readout COMMAND --help" shows a command's options. Settings are environment
variables (see .env.example and the README).`;

/** Runs the command named by the first argument (exit code 2 when there is no such command). */
export async function runReadout(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === "-h" || name === "--help" || name === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const load = name === undefined ? undefined : COMMANDS[name];
  if (!load) {
    const suggestion = name === undefined ? undefined : didYouMean(name.replace(/^-+/, ""), Object.keys(COMMANDS));
    const problem = name === undefined ? "no command given" : `unknown command '${name}'${suggestion ? ` (did you mean ${suggestion}?)` : ""}`;
    process.stderr.write(`readout: ${problem}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const { command } = await load();
  await runCli(command, rest, `readout ${command.name}`);
}

if (isEntryPoint(import.meta.url)) await runReadout(process.argv.slice(2));
