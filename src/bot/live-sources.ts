/**
 * Admin commands for live sources: /add <url> (or a forwarded message with a
 * link) ingests one article or subscribes a feed or sitemap; /subscriptions lists
 * the sources file with each source's last refresh and error. The bot only calls
 * into the services; fetching and ingest happen there.
 */
import { Composer } from "grammy";
import type { MessageEntity } from "grammy/types";
import { scrubSecrets } from "../log.js";
import { replyOptions } from "./access.js";
import { adminOnly } from "./admin.js";
import { type BotContext, type BotDeps, isAdmin } from "./context.js";
import { formatDate } from "./format.js";
import { escapeHtml, link } from "./html.js";
import { sendHtml } from "./reply.js";
import type { AddResult, AddedArticle, SourceStatus } from "./service-types.js";

export const NO_LIVE_SOURCES_TEXT = "Fetching from the web is not available here.";

function interval(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}

function articleLine(article: AddedArticle): string {
  const date = formatDate(article.date);
  return `• ${link(article.title, article.id)}${date ? ` · ${escapeHtml(date)}` : ""} · ${article.paragraphs} paragraph${article.paragraphs === 1 ? "" : "s"}`;
}

export function addResultText(result: AddResult): string {
  if (result.error) return `Could not add ${escapeHtml(result.url)}: ${escapeHtml(result.error)}`;
  const lines: string[] = [];
  const outcome = result.outcome;
  if (outcome && outcome.kind !== "page") {
    const name = outcome.title ? `<b>${escapeHtml(outcome.title)}</b> (${escapeHtml(result.url)})` : escapeHtml(result.url);
    const kind = outcome.kind === "feed" ? "feed" : outcome.kind === "sitemap" ? "sitemap" : "sitemap index";
    lines.push(
      result.subscribed
        ? `Subscribed to the ${kind} ${name}: it is refreshed on schedule from now on.`
        : `Read the ${kind} ${name} once: ${escapeHtml(result.notSubscribed ?? "not subscribed")}.`,
    );
    lines.push(`${outcome.items} items: ${result.added.length} added, ${result.updated.length} updated, ${result.unchanged} unchanged.`);
  } else if (result.added.length + result.updated.length === 0) {
    lines.push(`Nothing new: ${escapeHtml(result.url)} is already in the index and has not changed.`);
  }
  if (result.added.length > 0) lines.push(outcome?.kind === "page" ? "Added:" : "New articles:", ...result.added.slice(0, 10).map(articleLine));
  if (result.added.length > 10) lines.push(`• … and ${result.added.length - 10} more`);
  if (result.updated.length > 0) lines.push("Updated:", ...result.updated.slice(0, 10).map(articleLine));
  return lines.join("\n");
}

export function statusText(sources: SourceStatus[]): string {
  if (sources.length === 0) return "No sources are subscribed. /add a feed or sitemap, or list sources in the file READOUT_SOURCES_FILE names.";
  const lines = ["<b>Sources</b>"];
  for (const source of sources) {
    const name = source.kind === "folder" ? escapeHtml(source.source) : link(source.title ?? source.source, source.source);
    const last = source.lastRefresh ? `last refreshed ${escapeHtml(source.lastRefresh.replace("T", " ").replace(/\.\d+Z$/, " UTC"))}` : "not refreshed yet";
    const items = source.items !== undefined && source.kind !== "page" && source.kind !== "folder" ? `, ${source.items} items` : "";
    lines.push(
      `• ${name} — ${source.kind === "unknown" ? "web" : source.kind}, every ${interval(source.refreshMs)}; ${last}${items}${source.error ? `; <b>error</b>: ${escapeHtml(source.error)}` : ""}`,
    );
  }
  return lines.join("\n");
}

/** The first link of a message: a URL in its text or a text link. */
export function firstLink(text: string | undefined, entities: MessageEntity[] | undefined): string | undefined {
  for (const entity of entities ?? []) {
    if (entity.type === "text_link") return entity.url;
    if (entity.type === "url" && text) return text.slice(entity.offset, entity.offset + entity.length);
  }
  return /\bhttps?:\/\/\S+/i.exec(text ?? "")?.[0];
}

export function liveSources(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  const add = async (ctx: BotContext, url: string) => {
    const sources = deps.services.sources;
    if (!sources) {
      await ctx.reply(NO_LIVE_SOURCES_TEXT, replyOptions(ctx));
      return;
    }
    await ctx.reply(`Fetching ${url} …`, { ...replyOptions(ctx), link_preview_options: { is_disabled: true } });
    try {
      deps.log.info({ event: "add-source", by: ctx.from?.id }, "admin adds a source");
      const result = await sources.add(url);
      deps.log.info({ event: "add-source-done", added: result.added.length, updated: result.updated.length, error: result.error }, "source added");
      await sendHtml(ctx, addResultText(result));
    } catch (error) {
      const message = scrubSecrets(String((error as Error)?.message ?? error), [deps.config.token]).split("\n")[0]!;
      deps.log.error({ event: "add-source-failed", error: message }, "adding a source failed");
      await sendHtml(ctx, `Could not add ${escapeHtml(url)}: ${escapeHtml(message)}\nThe index in use is unchanged.`);
    }
  };

  composer.command("add", adminOnly(deps, "add"), async (ctx) => {
    const url = firstLink(ctx.match, undefined) ?? ctx.match.trim();
    if (!url) {
      await ctx.reply("Send /add followed by the address of an article, a feed or a sitemap: /add https://example.com/news/feed.xml", replyOptions(ctx));
      return;
    }
    await add(ctx, url);
  });

  composer.command("subscriptions", adminOnly(deps, "subscriptions"), async (ctx) => {
    const sources = deps.services.sources;
    if (!sources) {
      await ctx.reply(NO_LIVE_SOURCES_TEXT, replyOptions(ctx));
      return;
    }
    await sendHtml(ctx, statusText(await sources.status()));
  });

  // An admin forwarding a message with a link in a private chat means "add this".
  composer.on("message", async (ctx, next) => {
    const message = ctx.message;
    if (!message.forward_origin || ctx.chat.type !== "private" || !isAdmin(deps, ctx.from?.id)) return next();
    const url = firstLink(message.text ?? message.caption, message.entities ?? message.caption_entities);
    if (!url) return next();
    await add(ctx, url);
  });

  return composer;
}
