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

export const PUBLIC_COMMANDS: BotCommand[] = [
  { command: "start", description: "What I know and how to ask" },
  { command: "help", description: "How to use this bot" },
  { command: "ask", description: "Ask a question (needed in groups): /ask who met whom?" },
  { command: "sources", description: "The sources of my last answer again" },
  { command: "source", description: "One source of my last answer in full: /source 2" },
  { command: "reset", description: "Forget this conversation and start afresh" },
];

export const ADMIN_COMMANDS: BotCommand[] = [
  { command: "stats", description: "Index size, last ingest, questions answered, latency" },
  { command: "reindex", description: "Re-read the article folders and rebuild the index" },
  { command: "add", description: "Ingest an article, or subscribe a feed or sitemap: /add <url>" },
  { command: "subscriptions", description: "The subscribed sources, their last refresh and errors" },
];

/**
 * Public commands for everyone; admins also get the admin commands in their
 * own chat scope. A failure for one admin (who never opened a chat with the
 * bot, say) is logged and does not stop the others.
 */
export async function registerCommandMenu(api: Api, adminIds: number[], log: Logger, secrets: (string | undefined)[] = []): Promise<void> {
  await api.setMyCommands(PUBLIC_COMMANDS, { scope: { type: "default" } });
  for (const adminId of adminIds) {
    try {
      await api.setMyCommands([...PUBLIC_COMMANDS, ...ADMIN_COMMANDS], { scope: { type: "chat", chat_id: adminId } });
    } catch (error) {
      log.warn({ adminId, error: scrubSecrets(String((error as Error).message), secrets) }, "could not set the admin command menu");
    }
  }
}

function dateRangeText(range: { from: string; to: string } | undefined): string {
  if (!range) return "";
  const from = formatDate(range.from);
  const to = formatDate(range.to);
  return from === to ? ` from ${from}` : ` dated ${from} to ${to}`;
}

export async function startText(deps: BotDeps, ctx: BotContext): Promise<string> {
  const index = await deps.services.describeIndex();
  const lines = [
    `<b>Hello! I answer questions about meetings</b> — heads of state meeting, officials' calls, committee sessions — from news articles and official readouts, and I cite the exact paragraphs I used.`,
    "",
    `I know <b>${index.articles}</b> article${index.articles === 1 ? "" : "s"}${escapeHtml(dateRangeText(index.dateRange))}.`,
  ];
  if (index.examples.length > 0) {
    lines.push("", "Try asking:", ...index.examples.slice(0, 4).map((q) => `• ${escapeHtml(q)}`));
  }
  lines.push(
    "",
    ctx.chat?.type === "private"
      ? "Just type a question. Follow-ups work too (“and what did they announce?”); /reset forgets the conversation."
      : `In this group, mention me (@${escapeHtml(ctx.me.username)}), reply to one of my messages, or use /ask.`,
    "/help lists every command.",
  );
  return lines.join("\n");
}

export function helpText(deps: BotDeps, ctx: BotContext): string {
  const lines = [
    "<b>How to ask</b>",
    ctx.chat?.type === "private"
      ? "Type a question, e.g. <i>When did Biden last meet Kishida?</i> Follow-ups use the conversation so far."
      : `In groups: mention me (@${escapeHtml(ctx.me.username)} your question), reply to one of my messages, or use /ask your question.`,
    "Answers carry numbered citations [1], [2]…; the buttons under an answer show each source paragraph in full.",
    "",
    "<b>Commands</b>",
    ...PUBLIC_COMMANDS.map((c) => `/${c.command} — ${escapeHtml(c.description)}`),
  ];
  if (deps.config.adminIds.includes(ctx.from?.id ?? Number.NaN)) {
    lines.push("", "<b>Admin</b>", ...ADMIN_COMMANDS.map((c) => `/${c.command} — ${escapeHtml(c.description)}`));
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
    await ctx.reply("Done — I've forgotten this conversation. Your next question starts afresh.", replyOptions(ctx));
  });

  composer.command("sources", async (ctx) => {
    const last = ctx.session.answers.at(-1);
    if (!last) {
      await ctx.reply("I have no sources to show yet: ask a question first.", replyOptions(ctx));
      return;
    }
    const html = `Sources for “${escapeHtml(last.question)}”\n\n${formatSourcesList(last.citations)}`;
    await sendHtml(ctx, html, { keyboard: sourceKeyboard(last.key, last.citations) });
  });

  composer.command("source", async (ctx) => {
    const last = ctx.session.answers.at(-1);
    const n = Number.parseInt(ctx.match.trim().replace(/^\[|\]$/g, ""), 10);
    if (!last) {
      await ctx.reply("I have no sources to show yet: ask a question first.", replyOptions(ctx));
      return;
    }
    const citation = orderedCitations(last.citations).find((c) => c.n === n);
    if (!citation) {
      const numbers = orderedCitations(last.citations).map((c) => c.n);
      await ctx.reply(`My last answer has sources ${numbers.join(", ")}. Try /source ${numbers[0]}.`, replyOptions(ctx));
      return;
    }
    await sendHtml(ctx, formatSourceDetail(citation));
  });

  return composer;
}
