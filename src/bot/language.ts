/**
 * The language of the bot's replies: grammY's i18n plugin, negotiated at the
 * start of every update from the sender's Telegram language, and again once
 * the chat's session (which may hold a /language choice) is loaded.
 */
import type { I18n } from "@grammyjs/i18n";
import { Composer, type Middleware } from "grammy";
import { replyOptions } from "./access.js";
import type { BotContext } from "./context.js";
import { LOCALES, createI18n, localeOf, translator } from "./i18n.js";

let shared: I18n<BotContext> | undefined;

/** The i18n middleware (one plugin instance for every bot of the process: the messages never change). */
export function botI18n(): Middleware<BotContext> {
  shared ??= createI18n<BotContext>();
  return shared.middleware();
}

function choices(): string {
  return LOCALES.map((locale) => `/language ${locale} (${translator(locale)("language-name")})`).join(", ");
}

export function language(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.use(async (ctx, next) => {
    if (ctx.session.language !== undefined) await ctx.i18n.renegotiateLocale();
    return next();
  });
  composer.command("language", async (ctx) => {
    const code = ctx.match.trim();
    if (code.length === 0) {
      await ctx.reply(ctx.t("language-current", { name: ctx.t("language-name"), choices: choices() }), replyOptions(ctx));
      return;
    }
    const locale = localeOf(code);
    if (!locale) {
      await ctx.reply(ctx.t("language-unknown", { code: code.slice(0, 20), choices: choices() }), replyOptions(ctx));
      return;
    }
    ctx.session.language = locale;
    await ctx.i18n.renegotiateLocale();
    await ctx.reply(ctx.t("language-set", { name: ctx.t("language-name") }), replyOptions(ctx));
  });
  return composer;
}
