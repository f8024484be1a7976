/**
 * readout replay [--index DIR] [--update] [--json] PATH...
 *
 * Replays recorded or hand-written conversations through the bot (in process,
 * no network) and compares what it says with the files. Exit code 0 when every
 * conversation passes, 1 when any fails, 2 for a usage problem.
 */
import { createServices } from "../bot/services.js";
import { createLogger } from "../log.js";
import { ConversationFileError } from "../replay/format.js";
import { formatOutcome, formatSummary, replayPaths, reportJson } from "../replay/replay.js";
import { defineCommand, UsageError } from "./command.js";
import { INDEX_OPTION, JSON_OPTION, readConfigWithIndex } from "./shared-options.js";
import { isEntryPoint, runCli } from "./run-cli.js";

const USAGE = `Usage:
  readout replay [--index DIR] [--update] [--json] PATH...
  (or npm run -s replay -- ...)

Replays conversations (.yaml files, or folders of them) through the bot, in
process, and compares what it says now with each file: recorded replies
exactly, hand-written expectations (contains, cites, abstains, ...) as written.

Options:
  --index DIR   local index folder to answer from (default: the configured store,
                READOUT_STORE: READOUT_INDEX_DIR or data/index, or PostgreSQL)
  --update      rewrite recorded replies that differ with what the bot says now
                (hand-written expectations are never rewritten)
  --json        print a machine-readable report instead of the text one
  -h, --help    show this help

Exit code: 0 all passed, 1 some failed, 2 usage or configuration problem.`;

export const command = defineCommand({
  name: "replay",
  usage: USAGE,
  options: { ...INDEX_OPTION, update: { type: "boolean", default: false }, ...JSON_OPTION },
  positionals: true,
  run: async ({ values, positionals }, { stdout, stderr }) => {
    if (positionals.length === 0) throw new UsageError("Name at least one conversation file or folder.", true);

    const config = readConfigWithIndex(values.index);
    const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
    const services = await createServices(config, { logger: log });
    try {
      const report = await replayPaths(positionals, {
        services,
        logger: log,
        update: values.update,
        onResult: (outcome) => {
          if (!values.json) stdout.write(`${formatOutcome(outcome)}\n`);
        },
      });
      if (values.json) stdout.write(`${JSON.stringify(reportJson(report), null, 2)}\n`);
      else stdout.write(`\n${formatSummary(report)}\n`);
      if (!values.json) {
        if (report.invalid > 0) stderr.write(`replay: ${report.invalid} file${report.invalid === 1 ? " is" : "s are"} not a valid conversation (see above)\n`);
        if (report.failed > 0) stderr.write(`replay: ${report.failed} conversation${report.failed === 1 ? "" : "s"} failed\n`);
      }
      // A file that is not a valid conversation is bad input (2), whatever the others did.
      return report.invalid > 0 ? 2 : report.failed > 0 ? 1 : 0;
    } catch (error) {
      if (error instanceof ConversationFileError) throw new UsageError(error.message);
      throw error;
    } finally {
      await services.close();
    }
  },
});

if (isEntryPoint(import.meta.url)) await runCli(command);
