/** Admin commands: /stats, /reindex and /rollback. The bot checks the sender itself, whatever menu Telegram shows. */
import { type Api, Composer } from "grammy";
import { scrubSecrets } from "../log.js";
import type { IngestProgress, IngestSummary } from "../store/types.js";
import { replyOptions } from "./access.js";
import { type BotContext, type BotDeps, isAdmin } from "./context.js";
import { formatDate } from "./format.js";
import { escapeHtml } from "./html.js";
import { sendHtml } from "./reply.js";

/** How often the progress message may be edited (Telegram allows about one edit a second per chat). */
export const PROGRESS_EDIT_INTERVAL_MS = 2000;

const PHASES: Record<IngestProgress["phase"], string> = {
  scan: "Scanning the folders",
  read: "Reading articles",
  embed: "Embedding paragraphs",
  write: "Writing the index",
};

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function progressText(progress: IngestProgress): string {
  const total = progress.total > 0 ? `${progress.done}/${progress.total}` : `${progress.done}`;
  return `Reindexing… ${PHASES[progress.phase] ?? progress.phase}: ${total}`;
}

export function summaryText(summary: IngestSummary): string {
  const lines = [
    `<b>Reindex ${summary.failed ? "finished with problems" : "done"}</b> in ${summary.seconds.toFixed(1)} s.`,
    `Files read: ${summary.filesRead}; added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, removed ${summary.removed}.`,
    `Chunks: ${summary.chunks} (${summary.chunksEmbedded} embedded).`,
  ];
  if (summary.duplicates.length > 0) lines.push(`Duplicates skipped: ${summary.duplicates.length}.`);
  if (summary.skipped.length > 0) {
    lines.push(`Skipped ${summary.skipped.length} file(s):`);
    for (const skip of summary.skipped.slice(0, 10)) lines.push(`• ${escapeHtml(skip.path)}: ${escapeHtml(skip.reason)}`);
    if (summary.skipped.length > 10) lines.push(`• … and ${summary.skipped.length - 10} more`);
  }
  const notices = summary.notices ?? [];
  if (notices.length > 0) {
    lines.push(`Indexed with a note (${notices.length}):`);
    for (const { id, notice } of notices.slice(0, 5)) lines.push(`• ${escapeHtml(id)}: ${escapeHtml(notice)}`);
    if (notices.length > 5) lines.push(`• … and ${notices.length - 5} more`);
  }
  return lines.join("\n");
}

/** Runs one reindex at a time, reporting by editing a single message, throttled. */
export class Reindexer {
  private running?: { startedAt: number; by?: number };

  constructor(private readonly deps: BotDeps) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  async start(ctx: BotContext): Promise<void> {
    const { deps } = this;
    if (this.running) {
      await ctx.reply(
        `A reindex is already running (started ${duration(deps.now() - this.running.startedAt)} ago). I'll report here when it is done.`,
        replyOptions(ctx),
      );
      return;
    }
    this.running = { startedAt: deps.now(), by: ctx.from?.id };
    const status = await ctx.reply("Reindexing… starting.", replyOptions(ctx));
    const reporter = new ProgressMessage(ctx.api, status.chat.id, status.message_id, deps);
    // Runs in the background: the chat stays responsive (updates in a chat are handled in order).
    const task = (async () => {
      try {
        deps.log.info({ event: "reindex-start", by: ctx.from?.id }, "reindex started");
        const summary = await deps.services.reindex((progress) => reporter.update(progressText(progress)), deps.stopping);
        deps.stats.lastReindex = { at: deps.now(), summary };
        deps.log.info({ event: "reindex-done", ...summary, duplicates: summary.duplicates.length, skipped: summary.skipped.length }, "reindex done");
        await reporter.finish(summaryText(summary));
      } catch (error) {
        if (deps.stopping.aborted) {
          deps.log.info({ event: "reindex-stopped" }, "reindex stopped: the bot is shutting down");
          await reporter.finish("<b>Reindex stopped</b>: the bot is shutting down. The previous index is still in use.");
          return;
        }
        const message = scrubSecrets(String((error as Error)?.message ?? error), [deps.config.token]);
        deps.log.error({ event: "reindex-failed", error: message }, "reindex failed");
        await reporter.finish(`<b>Reindex failed</b>: ${escapeHtml(message)}\nThe previous index is still in use.`);
      } finally {
        this.running = undefined;
      }
    })();
    deps.background.add(task);
    void task.finally(() => deps.background.delete(task));
  }
}

/** Edits one message with the latest progress, at most every PROGRESS_EDIT_INTERVAL_MS, one edit at a time. */
class ProgressMessage {
  private lastEditAt = 0;
  private lastText = "";
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: Api,
    private readonly chatId: number,
    private readonly messageId: number,
    private readonly deps: BotDeps,
  ) {}

  update(text: string): void {
    const now = this.deps.now();
    const html = escapeHtml(text);
    if (html === this.lastText || now - this.lastEditAt < PROGRESS_EDIT_INTERVAL_MS) return;
    this.lastEditAt = now;
    this.edit(html);
  }

  async finish(html: string): Promise<void> {
    this.edit(html);
    await this.chain;
  }

  private edit(html: string): void {
    if (html === this.lastText) return;
    this.lastText = html;
    this.chain = this.chain.then(async () => {
      try {
        await this.api.editMessageText(this.chatId, this.messageId, html, { parse_mode: "HTML" });
      } catch (error) {
        this.deps.log.debug({ error: scrubSecrets(String((error as Error).message), [this.deps.config.token]) }, "progress edit failed");
      }
    });
  }
}

export async function statsText(deps: BotDeps): Promise<string> {
  const index = await deps.services.describeIndex();
  const range = index.dateRange ? `, ${formatDate(index.dateRange.from)} – ${formatDate(index.dateRange.to)}` : "";
  const latency = deps.stats.latency();
  const lines = [
    `<b>Index</b>: ${index.articles} articles, ${index.chunks} chunks${escapeHtml(range)}.`,
    `<b>Last ingest</b>: ${index.updatedAt ? escapeHtml(index.updatedAt) : "unknown"}.`,
  ];
  if (index.generation) lines.push(`<b>Generation</b>: ${escapeHtml(index.generation)}.`);
  const last = deps.stats.lastReindex;
  if (last) {
    const s = last.summary;
    lines.push(
      `<b>Last /reindex</b>: ${new Date(last.at).toISOString()} — added ${s.added}, updated ${s.updated}, removed ${s.removed}, skipped ${s.skipped.length}, ${s.seconds.toFixed(1)} s.`,
    );
  }
  lines.push(
    `<b>Since start</b> (${duration(deps.now() - deps.stats.startedAt)} ago): ${deps.stats.questions} questions answered (${deps.stats.abstained} without an answer), ${deps.stats.errors} errors.`,
    latency.samples > 0
      ? `<b>Reply time</b>: p50 ${seconds(latency.p50 ?? 0)}, p95 ${seconds(latency.p95 ?? 0)} over ${latency.samples} answers.`
      : "<b>Reply time</b>: no answers yet.",
  );
  return lines.join("\n");
}

/** Middleware that lets only admins through and politely refuses everyone else. */
export function adminOnly(deps: BotDeps, command: string) {
  return async (ctx: BotContext, next: () => Promise<void>) => {
    if (isAdmin(deps, ctx.from?.id)) return next();
    deps.log.info({ event: "admin-refused", command, userId: ctx.from?.id, chatId: ctx.chat?.id }, "admin command from a non-admin");
    await ctx.reply(ctx.t("admin-only", { command }), replyOptions(ctx));
  };
}

export function admin(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const reindexer = new Reindexer(deps);

  composer.command("stats", adminOnly(deps, "stats"), async (ctx) => {
    await sendHtml(ctx, await statsText(deps));
  });

  composer.command("reindex", adminOnly(deps, "reindex"), async (ctx) => {
    await reindexer.start(ctx);
  });

  composer.command("rollback", adminOnly(deps, "rollback"), async (ctx) => {
    if (reindexer.busy) {
      await ctx.reply("A reindex is running: roll back after it is done.", replyOptions(ctx));
      return;
    }
    try {
      const live = await deps.services.rollback();
      deps.log.info({ event: "rollback", by: ctx.from?.id, generation: live.generation }, "index rolled back");
      await sendHtml(
        ctx,
        `<b>Rolled back.</b> The index written ${escapeHtml(live.updatedAt)} is live again: ${live.articles} articles, ${live.chunks} chunks.`,
      );
    } catch (error) {
      const message = scrubSecrets(String((error as Error)?.message ?? error), [deps.config.token]);
      deps.log.warn({ event: "rollback-failed", error: message }, "rollback failed");
      await sendHtml(ctx, `<b>Rollback failed</b>: ${escapeHtml(message)}\nThe index in use is unchanged.`);
    }
  });

  return composer;
}
