/**
 * Running the bot against Telegram: long polling with @grammyjs/runner
 * (concurrent, per-chat order kept by the bot's `sequentialize`) by default,
 * or a webhook on a node:http server when READOUT_WEBHOOK_URL is set.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { GrammyError, HttpError, webhookCallback } from "grammy";
import type { BotConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { ReadoutBot } from "./bot.js";
import { type ApiSignal, registerCommandMenu } from "./commands.js";
import { describeError } from "./errors.js";
import { opsRoutes, startOpsServer, type OpsRoutes, type OpsServer } from "./ops-server.js";

export const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** How long shutdown waits for answers in flight (a running reindex is stopped). */
export const SHUTDOWN_GRACE_MS = 30_000;

export interface RunningBot {
  mode: "polling" | "webhook";
  /** Settles when the bot stops, rejecting if it stopped on an unrecoverable error (a revoked token, say). */
  done: Promise<void>;
  /** Stop taking updates, finish the ones in flight, confirm them to Telegram, close the bot's own resources. */
  stop(): Promise<void>;
  /** The port `/healthz` and `/metrics` are served on, when READOUT_METRICS_PORT is set. */
  metricsPort?: number;
}

/** A readable reason for a failure to reach Telegram at start. */
export function startupProblem(error: unknown, token: string | undefined): string {
  if (error instanceof GrammyError && error.error_code === 401) {
    return "Telegram refused the bot token (401 Unauthorized). Check TELEGRAM_BOT_TOKEN (from @BotFather).";
  }
  if (error instanceof GrammyError && error.error_code === 404) {
    return "Telegram answered 404 Not Found: the bot token is wrong, or TELEGRAM_API_ROOT does not point at a Bot API server.";
  }
  return `Could not reach the Telegram Bot API: ${describeError(error, [token]).message}`;
}

export class StartupError extends Error {
  override name = "StartupError";
}

/**
 * Reach Telegram and start taking updates. Start-up gives up with a
 * StartupError (one line) when Telegram refuses the token, or cannot be
 * reached within `config.startupTimeoutMs`; once running, network errors are
 * retried for as long as it takes.
 */
export async function startTelegramBot(bot: ReadoutBot, config: BotConfig, log: Logger): Promise<RunningBot> {
  const secrets = [config.token];
  const deadline = AbortSignal.timeout(config.startupTimeoutMs);
  const gaveUp = (error: unknown) => {
    if (!deadline.aborted) return new StartupError(startupProblem(error, config.token));
    const last = bot.readout.lastNetworkError();
    return new StartupError(
      `Could not reach the Telegram Bot API within ${Number((config.startupTimeoutMs / 1000).toFixed(1))} s (READOUT_STARTUP_TIMEOUT_MS)${last ? `: ${last}` : ""}`.replace(
        /\s+/g,
        " ",
      ),
    );
  };
  try {
    await bot.init(deadline as ApiSignal);
    await registerCommandMenu(bot.api, config.adminIds, log, secrets, deadline);
  } catch (error) {
    throw gaveUp(error);
  }
  const routes = opsRoutes(bot.readout.deps.stats);
  const sharedWithWebhook = config.webhook !== undefined && config.metrics?.port === config.webhook.port;
  let ops: OpsServer | undefined;
  if (config.metrics && !sharedWithWebhook) {
    ops = await startOpsServer(routes, config.metrics.port, config.metrics.host);
    log.info({ event: "metrics-started", port: ops.port, host: config.metrics.host }, `serving /healthz and /metrics on ${config.metrics.host}:${ops.port}`);
  }
  if (config.metrics) bot.readout.deps.stats.collectProcessMetrics();
  let running: RunningBot;
  try {
    running = config.webhook ? await startWebhook(bot, config, log, deadline, sharedWithWebhook ? routes : undefined) : await startPolling(bot, log, deadline);
  } catch (error) {
    await ops?.close();
    throw error instanceof GrammyError || error instanceof HttpError ? gaveUp(error) : error;
  }
  const stop = running.stop;
  return {
    ...running,
    ...(config.metrics ? { metricsPort: ops?.port ?? config.webhook?.port } : {}),
    stop: async () => {
      routes.stopping();
      await stop();
      await ops?.close();
    },
  };
}

async function startPolling(bot: ReadoutBot, log: Logger, deadline: AbortSignal): Promise<RunningBot> {
  // A webhook left from an earlier run would make getUpdates fail with 409 Conflict.
  await bot.api.deleteWebhook(undefined, deadline as ApiSignal);
  const runner: RunnerHandle = run(bot, {
    runner: { silent: true, fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 30 } },
  });
  log.info({ event: "bot-started", mode: "polling", username: bot.botInfo.username }, `@${bot.botInfo.username} is polling for updates`);
  const done = (runner.task() ?? Promise.resolve()).then(() => undefined);
  let stopping: Promise<void> | undefined;
  return {
    mode: "polling",
    done,
    stop: () =>
      (stopping ??= (async () => {
        if (runner.isRunning()) await runner.stop();
        bot.readout.stopBackground();
        const finished = await bot.readout.idle(SHUTDOWN_GRACE_MS);
        if (!finished) log.warn({ inFlight: bot.readout.inFlight() }, "stopped before every answer was sent");
        // Confirm the handled updates, so a restart does not get them again.
        const last = bot.readout.lastUpdateId();
        if (last !== undefined) {
          await bot.api.getUpdates({ offset: last + 1, limit: 1, timeout: 0 }).catch(() => undefined);
        }
        await bot.readout.close();
      })()),
  };
}

async function startWebhook(bot: ReadoutBot, config: BotConfig, log: Logger, deadline: AbortSignal, ops?: OpsRoutes): Promise<RunningBot> {
  const webhook = config.webhook!;
  // Telegram sends the secret back with every update; without a configured one, a random one per run still keeps strangers out.
  const secretToken = webhook.secret ?? randomBytes(24).toString("base64url");
  const handle = webhookCallback(bot, "http", { secretToken, onTimeout: "return", timeoutMilliseconds: 9_000 });
  const pathname = new URL(webhook.url).pathname || "/";
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "POST" && path === pathname) {
      handle(req, res).catch((error: unknown) => {
        log.error({ event: "webhook-error", error: describeError(error, [config.token, secretToken]) }, "webhook request failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (ops?.handle(req, res)) return;
    if (req.method === "GET" && path === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(webhook.port, () => resolve());
  });
  try {
    await bot.api.setWebhook(webhook.url, { secret_token: secretToken, allowed_updates: [...ALLOWED_UPDATES] }, deadline as ApiSignal);
  } catch (error) {
    server.close();
    throw error;
  }
  log.info({ event: "bot-started", mode: "webhook", port: webhook.port, url: webhook.url }, `@${bot.botInfo.username} is listening for webhook updates`);
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  let stopping: Promise<void> | undefined;
  return {
    mode: "webhook",
    done,
    stop: () =>
      (stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        bot.readout.stopBackground();
        const finished = await bot.readout.idle(SHUTDOWN_GRACE_MS);
        if (!finished) log.warn({ inFlight: bot.readout.inFlight() }, "stopped before every answer was sent");
        await bot.readout.close();
        resolveDone();
      })()),
  };
}
