/** The public commands: /start, /help, /ask, /sources, /source, /reset — and the menu registered with setMyCommands. */
import { type Api, Composer } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "../log.js";
import { replyOptions } from "./access.js";
import type { BotContext, BotDeps } from "./context.js";
import { formatDate, formatSourceDetail, formatSourcesList, orderedCitations, sourceKeyboard } from "./format.js";
import { escapeHtml } from "./html.js";
import { answerQuestion } from "./questions.js";
import { sendHtml } from "./reply.js";
import { scrubSecrets } from "../log.js";
import { DEFAULT_LOCALE, LOCALES, type Translate, localeOf, translator } from "./i18n.js";

/** grammY types its signals with the abort-controller shim's AbortSignal, which the platform's satisfies at run time. */
export type ApiSignal = Parameters<Api["getMe"]>[0];

const PUBLIC_COMMAND_NAMES = ["start", "help", "ask", "sources", "source", "reset", "language"];
const ADMIN_COMMAND_NAMES = ["stats", "reindex", "rollback", "add", "subscriptions"];

const menu = (names: string[], t: Translate): BotCommand[] => names.map((command) => ({ command, description: t(`cmd-${command}`) }));

/** The commands everyone has, described in a language. */
export function publicCommands(t: Translate = translator()): BotCommand[] {
  return menu(PUBLIC_COMMAND_NAMES, t);
}

export function adminCommands(t: Translate = translator()): BotCommand[] {
  return menu(ADMIN_COMMAND_NAMES, t);
}

export const PUBLIC_COMMANDS: BotCommand[] = publicCommands();
export const ADMIN_COMMANDS: BotCommand[] = adminCommands();

/**
 * Public commands for everyone; admins also get the admin commands in their
 * own chat scope. A failure for one admin (who never opened a chat with the
 * bot, say) is logged and does not stop the others.
 */
export async function registerCommandMenu(
  api: Api,
  adminIds: number[],
  log: Logger,
  secrets: (string | undefined)[] = [],
  signal?: AbortSignal,
): Promise<void> {
  // English for everyone, and each other language for the users whose Telegram speaks it.
  const languages = LOCALES.map((locale) => ({ t: translator(locale), language_code: locale === DEFAULT_LOCALE ? undefined : locale }));
  for (const { t, language_code } of languages) {
    await api.setMyCommands(publicCommands(t), { scope: { type: "default" }, ...(language_code ? { language_code } : {}) }, signal as ApiSignal);
  }
  for (const adminId of adminIds) {
    try {
      for (const { t, language_code } of languages) {
        await api.setMyCommands(
          [...publicCommands(t), ...adminCommands(t)],
          { scope: { type: "chat", chat_id: adminId }, ...(language_code ? { language_code } : {}) },
          signal as ApiSignal,
        );
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      log.warn({ adminId, error: scrubSecrets(String((error as Error).message), secrets) }, "could not set the admin command menu");
    }
  }
}

/** A day in the reader's language: "April 10, 2024", "10 апреля 2024 г.". */
function localDate(iso: string, locale: string): string {
  if (locale === DEFAULT_LOCALE || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso) ?? iso;
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

function dateRangeText(range: { from: string; to: string } | undefined, t: Translate, locale: string): string {
  if (!range) return "";
  const from = localDate(range.from, locale);
  const to = localDate(range.to, locale);
  return from === to ? t("start-range-one", { from }) : t("start-range", { from, to });
}

export async function startText(deps: BotDeps, ctx: BotContext): Promise<string> {
  const index = await deps.services.describeIndex();
  const t = ctx.t;
  // The language the messages are in: a Telegram language we do not speak gets English.
  const locale = localeOf(await ctx.i18n.getLocale()) ?? DEFAULT_LOCALE;
  const lines = [t("start-intro"), "", t("start-known", { count: index.articles, range: escapeHtml(dateRangeText(index.dateRange, t, locale)) })];
  if (index.examples.length > 0) {
    lines.push("", t("start-try"), ...index.examples.slice(0, 4).map((q) => `• ${escapeHtml(q)}`));
  }
  lines.push("", ctx.chat?.type === "private" ? t("start-private") : t("start-group", { username: escapeHtml(ctx.me.username) }), t("start-help"));
  // The articles are English: without an LLM to translate, questions must be too.
  if (!deps.services.translator && locale !== DEFAULT_LOCALE) lines.push("", t("start-english"));
  return lines.join("\n");
}

export function helpText(deps: BotDeps, ctx: BotContext): string {
  const t = ctx.t;
  const lines = [
    t("help-title"),
    ctx.chat?.type === "private" ? t("help-private") : t("help-group", { username: escapeHtml(ctx.me.username) }),
    t("help-citations"),
    "",
    t("help-commands"),
    ...publicCommands(t).map((c) => `/${c.command} — ${escapeHtml(c.description)}`),
  ];
  if (deps.config.adminIds.includes(ctx.from?.id ?? Number.NaN)) {
    lines.push("", t("help-admin"), ...adminCommands(t).map((c) => `/${c.command} — ${escapeHtml(c.description)}`));
  }
  return lines.join("\n");
}

export function commands(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command("start", async (ctx) => {
    await sendHtml(ctx, await startText(deps, ctx));
  });

  composer.command("help", async (ctx) => {
    await sendHtml(ctx, helpText(deps, ctx));
  });

  composer.command("ask", async (ctx) => {
    await answerQuestion(deps, ctx, ctx.match);
  });

  composer.command("reset", async (ctx) => {
    ctx.session.turns = [];
    await ctx.reply(ctx.t("reset-done"), replyOptions(ctx));
  });

  composer.command("sources", async (ctx) => {
    const last = ctx.session.answers.at(-1);
    if (!last) {
      await ctx.reply(ctx.t("no-sources-yet"), replyOptions(ctx));
      return;
    }
    const html = `${ctx.t("sources-for", { question: escapeHtml(last.question) })}\n\n${formatSourcesList(last.citations, ctx.t)}`;
    await sendHtml(ctx, html, { keyboard: sourceKeyboard(last.key, last.citations) });
  });

  composer.command("source", async (ctx) => {
    const last = ctx.session.answers.at(-1);
    const n = Number.parseInt(ctx.match.trim().replace(/^\[|\]$/g, ""), 10);
    if (!last) {
      await ctx.reply(ctx.t("no-sources-yet"), replyOptions(ctx));
      return;
    }
    const citation = orderedCitations(last.citations).find((c) => c.n === n);
    if (!citation) {
      const numbers = orderedCitations(last.citations).map((c) => c.n);
      await ctx.reply(ctx.t("source-numbers", { numbers: numbers.join(", "), first: String(numbers[0]) }), replyOptions(ctx));
      return;
    }
    await sendHtml(ctx, formatSourceDetail(citation, ctx.t));
  });

  return composer;
}
