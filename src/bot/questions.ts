/** Answering questions: the chain with the chat's history, the reply with sources and buttons, the memory of the turn. */
import { randomBytes } from "node:crypto";
import { Composer } from "grammy";
import { appendTurn, continuesConversation, turnFromResult } from "../retrieval/conversation/turns.js";
import { ABSTENTION, type AnswerResult, type ChatTurn } from "../retrieval/types.js";
import { dominantScript } from "../text/script.js";
import { replyOptions } from "./access.js";
import type { BotContext, BotDeps, SavedAnswer } from "./context.js";
import { formatAnswer, sourceKeyboard } from "./format.js";
import { type Translate, translator } from "./i18n.js";
import { sendHtml } from "./reply.js";
import { SAVED_ANSWERS } from "./session.js";

const ASK_EXAMPLE = "When did Biden last meet Kishida?";

export function newAnswerKey(): string {
  return randomBytes(6).toString("base64url");
}

/**
 * The messages for a question: a question in Cyrillic is answered in Russian
 * whatever the user's Telegram language; any other question in the user's language.
 */
function messagesFor(ctx: BotContext, script: ReturnType<typeof dominantScript>): Translate {
  return script === "cyrillic" ? translator("ru") : ctx.t;
}

export async function answerQuestion(deps: BotDeps, ctx: BotContext, rawQuestion: string): Promise<void> {
  const question = rawQuestion.trim();
  if (question.length === 0) {
    const text =
      ctx.chat?.type === "private"
        ? ctx.t("ask-empty-private", { example: ASK_EXAMPLE })
        : ctx.t("ask-empty-group", { example: ASK_EXAMPLE, username: ctx.me.username });
    await ctx.reply(text, replyOptions(ctx));
    return;
  }
  const started = deps.now();
  const script = dominantScript(question);
  const searchable = script === "latin";
  const t = messagesFor(ctx, script);
  const translate = searchable ? undefined : deps.services.translator;
  if (!searchable && !translate) {
    // Searching English articles with a Russian question finds nothing; saying so beats "I couldn't find this".
    await ctx.reply(t("unsearchable-language", { example: ASK_EXAMPLE }), replyOptions(ctx));
    const latencyMs = deps.now() - started;
    deps.stats.recordAnswer(latencyMs, true);
    deps.log.info(
      { event: "answer", chatId: ctx.chat?.id, chatType: ctx.chat?.type, userId: ctx.from?.id, latencyMs, abstained: true, unsearchable: script },
      "answered",
    );
    return;
  }
  ctx.chatAction = "typing";
  const history = ctx.session.turns.slice(-deps.config.historyTurns);
  await deps.services.refresh();
  const searchQuestion = translate ? await translate.toEnglish(question) : question;
  const result: AnswerResult = await deps.services.answer.invoke({ question: searchQuestion, history });

  let shown = result;
  let translated = false;
  if (result.abstained && result.answer.trim() === ABSTENTION) {
    shown = { ...result, answer: t("abstention") };
  } else if (translate) {
    const back = await translate.fromEnglish(result.answer, question);
    shown = { ...result, answer: back.text };
    translated = back.translated;
  }

  const key = deps.newKey();
  const html = formatAnswer(shown, t) + (translated ? `\n\n<i>${t("translation-note")}</i>` : "");
  const keyboard = result.abstained ? undefined : sourceKeyboard(key, result.citations);
  const sent = await sendHtml(ctx, html, { keyboard });
  const latencyMs = deps.now() - started;

  if (keyboard) {
    const saved: SavedAnswer = { key, question, at: deps.now(), citations: result.citations };
    ctx.session.answers = [...ctx.session.answers, saved].slice(-SAVED_ANSWERS);
  }
  // The turn keeps the English question, so that follow-ups are understood against the articles.
  if (continuesConversation(result)) {
    const turn: ChatTurn = { ...turnFromResult(result), question: searchQuestion };
    ctx.session.turns = appendTurn(ctx.session.turns, turn, deps.config.historyTurns);
  }

  deps.stats.recordAnswer(latencyMs, result.abstained);
  // The same figures /metrics serves, so logs alone tell an operator how the bot is doing.
  const index = await deps.services.describeIndex().catch(() => undefined);
  deps.log.info(
    {
      event: "answer",
      chatId: ctx.chat?.id,
      chatType: ctx.chat?.type,
      userId: ctx.from?.id,
      latencyMs,
      chainMs: Math.round(result.latencyMs),
      abstained: result.abstained,
      sources: result.citations.map((c) => `${c.source}#p${c.paragraph}`),
      historyTurns: history.length,
      parts: sent.length,
      ...(translate ? { translated: { script, answer: translated } } : {}),
      totals: { questions: deps.stats.questions, abstentions: deps.stats.abstained, errors: deps.stats.errors },
      index: index ? { generation: index.generation, articles: index.articles, chunks: index.chunks } : undefined,
    },
    "answered",
  );
}

export function questions(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("message", async (ctx) => {
    if (ctx.question !== undefined) return answerQuestion(deps, ctx, ctx.question);
    if (ctx.chat.type !== "private") return;
    if (ctx.message.text?.startsWith("/")) {
      await ctx.reply(ctx.t("unknown-command"));
      return;
    }
    await ctx.reply(ctx.t("text-only", { example: ASK_EXAMPLE }));
  });
  return composer;
}
