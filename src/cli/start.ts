/**
 * npm start
 *
 * Builds the index over the configured article folders if there is none yet
 * (progress on standard error), then runs the Telegram bot when
 * TELEGRAM_BOT_TOKEN is set, or else a chat in the terminal that drives the
 * same bot code in process.
 */
import { createBot } from "../bot/bot.js";
import { describeError } from "../bot/errors.js";
import { startTelegramBot } from "../bot/run.js";
import { createServices } from "../bot/services.js";
import { SourceSchedule } from "../bot/source-schedule.js";
import { runTerminalChat } from "../bot/terminal-chat.js";
import { type Config, readConfig } from "../config.js";
import { createEmbeddings, type ReadoutEmbeddings } from "../embeddings/index.js";
import { runIngest } from "../ingest/run.js";
import { createLogger, type Logger } from "../log.js";
import { createRecorder } from "../replay/recorder.js";
import { displayPath } from "../store/errors.js";
import { storeDisplayName, storeHasIndex } from "../store/open-store.js";
import { createProgressReporter } from "./ingest-progress.js";
import { defineCommand } from "./command.js";
import { isEntryPoint, runCli } from "./run-cli.js";

/** How long the process may take to end by itself after everything was closed. */
const EXIT_GRACE_MS = 5_000;

/** Build the index over the configured folders when there is none yet. */
export async function ensureIndex(config: Config, embeddings: ReadoutEmbeddings, log: Logger, stderr: NodeJS.WriteStream): Promise<void> {
  if (await storeHasIndex(config)) return;
  const folders = config.articleDirs.map(displayPath).join(", ");
  stderr.write(`No index in ${storeDisplayName(config)} yet: building it from ${folders} (once; later starts reuse it)…\n`);
  const reporter = createProgressReporter(stderr);
  try {
    const summary = await runIngest({ paths: config.articleDirs, config, embeddings, logger: log, onProgress: (p) => reporter.update(p) });
    stderr.write(
      `Index built in ${summary.seconds.toFixed(1)} s: ${summary.added} articles, ${summary.chunks} chunks` +
        (summary.skipped.length > 0 ? `; ${summary.skipped.length} file(s) skipped (npm run ingest shows why)` : "") +
        ".\n",
    );
  } finally {
    reporter.stop();
  }
}

/** Resolves on the first SIGINT or SIGTERM; a second one exits at once. */
function shutdownSignal(log: Logger): Promise<string> {
  return new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        log.warn({ signal }, "second signal: exiting now");
        process.exit(130);
      }
      received = true;
      log.info({ signal }, "shutting down: finishing the answers in flight");
      resolve(signal);
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

const USAGE = `Usage: readout start [--help]
       (or npm start)

Runs the Telegram bot when TELEGRAM_BOT_TOKEN is set, or else a chat in the
terminal (standard input may be a pipe: one message a line). Builds the index
over READOUT_ARTICLES_DIRS first when READOUT_INDEX_DIR holds none, and
refreshes the sources of READOUT_SOURCES_FILE on their schedule. Every
setting is an environment variable (see .env.example and the README).

Options:
  -h, --help   show this help`;

async function main(): Promise<number> {
  const config = readConfig();
  const terminal = !config.bot.token;
  // In the terminal chat, info logs would mix with the conversation; LOG_LEVEL=debug still shows everything.
  const log = createLogger(terminal && config.logLevel === "info" ? "warn" : config.logLevel);
  const embeddings = createEmbeddings(config.embeddings);
  await ensureIndex(config, embeddings, log, process.stderr);
  const services = await createServices(config, { embeddings, logger: log });
  // The sources file (READOUT_SOURCES_FILE) is refreshed on its schedule while the bot runs.
  const schedule = config.sources && services.sources ? new SourceSchedule(services.sources, log) : undefined;
  schedule?.start();
  try {
    if (terminal) {
      await runTerminalChat(services, config.bot, { input: process.stdin, output: process.stdout, logger: log, recorder: createRecorder });
      return 0;
    }
    const bot = createBot(services, config.bot, { logger: log, recorder: createRecorder });
    let running;
    try {
      running = await startTelegramBot(bot, config.bot, log);
    } catch (error) {
      process.stderr.write(`start: ${describeError(error, [config.bot.token]).message}\n`);
      await bot.readout.close();
      return 2;
    }
    const ended = running.done.then(
      () => ({ reason: "ended" as const }),
      (error: unknown) => ({ reason: "failed" as const, error }),
    );
    const outcome = await Promise.race([shutdownSignal(log).then(() => ({ reason: "signal" as const })), ended]);
    await running.stop();
    if (outcome.reason === "failed") {
      process.stderr.write(`start: the bot stopped: ${describeError(outcome.error, [config.bot.token]).message}\n`);
      return 1;
    }
    log.info({ event: "bot-stopped", reason: outcome.reason }, "bot stopped");
    return 0;
  } finally {
    await schedule?.stop();
    await services.close();
    // The embedding worker threads of a /reindex or of the first build end here, so the process can exit.
    await embeddings.close();
    exitSoonAfterStop();
  }
}

/**
 * Everything is closed by now, so the process ends by itself. Should a handle still be open (a library's
 * socket or message port), say which and exit anyway: a stop must always end the process.
 */
function exitSoonAfterStop(): void {
  setTimeout(() => {
    process.stderr.write(`start: still running ${EXIT_GRACE_MS / 1000} s after the stop (${process.getActiveResourcesInfo().join(", ")}); exiting\n`);
    process.exit();
  }, EXIT_GRACE_MS).unref();
}

/** Settings are environment variables; the only option is --help, and anything else is a mistake worth saying so. */
export const command = defineCommand({
  name: "start",
  usage: USAGE,
  options: {},
  positionals: false,
  run: main,
});

if (isEntryPoint(import.meta.url)) await runCli(command);
