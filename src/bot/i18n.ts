/**
 * The bot's own messages in the user's language, through grammY's i18n plugin
 * (Fluent files in ./locales). The language is the one chosen with /language
 * in this chat, else the sender's Telegram language, else English.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { I18n, type I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";

export const DEFAULT_LOCALE = "en";
/** The languages the bot speaks, in the order /language lists them. */
export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];

export type Translate = I18nFlavor["t"];

/** The chat's chosen language, read from the session once it is loaded. */
interface LanguageSession {
  session?: { language?: string };
}

export function isLocale(code: string | undefined): code is Locale {
  return code !== undefined && (LOCALES as readonly string[]).includes(code);
}

/** One of our locales for a Telegram language code ("ru", "en-GB", "pt-br"); undefined when we do not speak it. */
export function localeOf(code: string | undefined): Locale | undefined {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : undefined;
}

export function createI18n<C extends Context & I18nFlavor>(): I18n<C> {
  const i18n = new I18n<C>({
    defaultLocale: DEFAULT_LOCALE,
    // Fluent wraps placeables in Unicode isolation marks by default; they would end up in Telegram messages and links.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => {
      const chosen = (ctx as unknown as LanguageSession).session?.language;
      return localeOf(chosen) ?? localeOf(ctx.from?.language_code) ?? DEFAULT_LOCALE;
    },
  });
  for (const locale of LOCALES) {
    i18n.loadLocaleSync(locale, { source: readFileSync(fileURLToPath(new URL(`./locales/${locale}.ftl`, import.meta.url)), "utf8") });
  }
  return i18n;
}

/** The bot's messages in one locale, outside an update (the command menu, tests, English defaults). */
const shared = createI18n();
export function translator(locale: string = DEFAULT_LOCALE): Translate {
  return (key, variables) => shared.t(locale, key, variables);
}
