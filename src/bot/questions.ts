/** Answering questions: the chain with the chat's history, the reply with sources and buttons, the memory of the turn. */
import { randomBytes } from "node:crypto";
import { Composer } from "grammy";
import { appendTurn, turnFromResult } from "../retrieval/conversation.js";
import type { ChatTurn } from "../retrieval/types.js";
import { replyOptions } from "./access.js";
import type { BotContext, BotDeps, SavedAnswer } from "./context.js";
import { formatAnswer, sourceKeyboard } from "./format.js";
import { sendHtml } from "./reply.js";
import { SAVED_ANSWERS } from "./session.js";

const ASK_EXAMPLE = "When did Biden last meet Kishida?";

export function newAnswerKey(): string {
  return randomBytes(6).toString("base64url");
}

export async function answerQuestion(deps: BotDeps, ctx: BotContext, rawQuestion: string): Promise<void> {
  const question = rawQuestion.trim();
  if (question.length === 0) {
    const how = ctx.chat?.type === "private" ? "Just type it" : `Mention me (@${ctx.me.username}) or use /ask`;
    await ctx.reply(`What would you like to know? ${how}, for example: /ask ${ASK_EXAMPLE}`, replyOptions(ctx));
    return;
  }
  const started = deps.now();
  ctx.chatAction = "typing";
  const history = ctx.session.turns.slice(-deps.config.historyTurns);
  await deps.services.refresh();
  const result = await deps.services.answer.invoke({ question, history });

  const key = deps.newKey();
  const html = formatAnswer(result);
  const keyboard = result.abstained ? undefined : sourceKeyboard(key, result.citations);
  const sent = await sendHtml(ctx, html, { keyboard });
  const latencyMs = deps.now() - started;

  if (keyboard) {
    const saved: SavedAnswer = { key, question, at: deps.now(), citations: result.citations };
    ctx.session.answers = [...ctx.session.answers, saved].slice(-SAVED_ANSWERS);
  }
  const turn: ChatTurn = { ...turnFromResult(result), question };
  ctx.session.turns = appendTurn(ctx.session.turns, turn, deps.config.historyTurns);

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
      await ctx.reply("I don't know that command. /help lists what I can do.");
      return;
    }
    await ctx.reply("I can only read text messages. Type your question, for example: " + ASK_EXAMPLE);
  });
  return composer;
}
