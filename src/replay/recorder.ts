/**
 * Recording conversations (READOUT_RECORD_DIR).
 *
 * The entry point (`npm start`) hands `createRecorder` to the bot factory,
 * which builds and installs it when recording is configured, the same way in
 * polling, webhook and terminal-chat modes: a middleware that sees each
 * incoming update as Telegram sent it, and an API transformer (the outermost,
 * so it sees each call as the bot code made it, and its final result after any
 * retries) for the outgoing calls. Calls are tied to the update being handled
 * through AsyncLocalStorage. When the update is handled, the turn — the update
 * and the calls it caused, with times — is appended to
 * `<dir>/<chat id>/<YYYY-MM-DD>.yaml` in the conversation format that
 * `npm run replay` reads (see src/replay/format.ts). Calls made later on the
 * update's behalf (a reindex editing its progress message) are appended as a
 * continuation of the turn.
 *
 * Writes to one file are queued, so chats writing at once never interleave;
 * the bot token and other secrets are scrubbed from everything written.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Middleware, Transformer } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { BotRecorder } from "../bot/bot.js";
import type { BotConfig } from "../config.js";
import { type Logger, scrubSecrets } from "../log.js";
import { Anonymizer } from "./anonymize.js";
import type { RecordedCall } from "./format-schema.js";
import { BACKGROUND_METHODS } from "./api-methods.js";
import { stringifyCompact } from "./yaml-style.js";

export interface RecorderOptions {
  /** Strings that must never be written (the bot token, a webhook secret). */
  secrets: (string | undefined)[];
  log?: Logger;
  /** Current time in milliseconds. */
  now?: () => number;
}

interface OpenTurn {
  chatId: number;
  at: number;
  update: Update;
  me: UserFromGetMe;
  calls: RecordedCall[];
  open: boolean;
}

export interface ConversationRecorder extends BotRecorder {
  /** Wait until everything recorded so far is on disk. */
  flush(): Promise<void>;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function chatOf(update: Update): { id: number; type: string } | undefined {
  const message = update.message ?? update.edited_message ?? update.channel_post ?? update.edited_channel_post ?? update.business_message;
  return message?.chat ?? update.callback_query?.message?.chat ?? update.my_chat_member?.chat ?? update.chat_member?.chat ?? update.chat_join_request?.chat;
}

function describeFailure(error: unknown): string {
  const err = error as { description?: string; message?: string };
  return String(err?.description ?? err?.message ?? error);
}

export function createRecorder(config: BotConfig, options: RecorderOptions): ConversationRecorder {
  const recording = config.recording;
  if (!recording) throw new Error("createRecorder needs config.recording (READOUT_RECORD_DIR)");
  const now = options.now ?? Date.now;
  const secrets = options.secrets;
  const context = new AsyncLocalStorage<OpenTurn>();
  const queues = new Map<string, Promise<void>>();
  let anonymizer: Anonymizer | undefined;
  let failedOnce = false;

  const header = (turn: OpenTurn): string => {
    const chat = turn.update.message?.chat ?? turn.update.callback_query?.message?.chat;
    const type = chat?.type ?? (turn.chatId > 0 ? "private" : "supergroup");
    const facts = {
      title: `Chat ${turn.chatId} (${type}), ${isoDay(turn.at)}`,
      chat: { id: turn.chatId, type },
      today: recording.today ?? isoDay(turn.at),
      bot: { id: turn.me.id, username: turn.me.username },
      settings: {
        admins: config.adminIds,
        allowed: config.allowedIds,
        rate_limit: config.rateLimit.limit,
        rate_window_ms: config.rateLimit.windowMs,
        history_turns: config.historyTurns,
      },
      recorded: { by: "readout bot", day: isoDay(turn.at), anonymized: recording.anonymize },
    };
    return [
      `# A conversation with Readout, recorded by the bot (READOUT_RECORD_DIR).`,
      `# Replay it with: npm run replay -- <this file>   (the format: README, "Testing conversations")`,
      stringifyCompact(facts).trimEnd(),
      "turns:",
      "",
    ].join("\n");
  };

  const append = (chatId: number, at: number, entry: Record<string, unknown>, first?: OpenTurn): void => {
    const file = path.join(recording.dir, String(chatId), `${isoDay(at)}.yaml`);
    const text = scrubSecrets(stringifyCompact([entry], { indentSeq: false }), secrets);
    const previous = queues.get(file) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await fs.mkdir(path.dirname(file), { recursive: true });
        let prefix = "";
        if (first) {
          const exists = await fs
            .stat(file)
            .then(() => true)
            .catch(() => false);
          if (!exists) prefix = scrubSecrets(header(first), secrets);
        }
        await fs.appendFile(file, prefix + text, "utf8");
      } catch (error) {
        // Recording must never break the bot; say so once.
        if (!failedOnce)
          options.log?.error(
            { event: "record-failed", file, error: scrubSecrets(String((error as Error).message), secrets) },
            "could not record the conversation",
          );
        failedOnce = true;
      }
    });
    queues.set(file, next);
    void next.finally(() => {
      if (queues.get(file) === next) queues.delete(file);
    });
  };

  const writeTurn = (turn: OpenTurn): void => {
    anonymizer ??= new Anonymizer(turn.me.id);
    const update = recording.anonymize ? anonymizer.update(turn.update) : turn.update;
    append(turn.chatId, turn.at, { at: new Date(turn.at).toISOString(), update, replies: turn.calls }, turn);
  };

  const middleware: Middleware = async (ctx, next) => {
    const chat = chatOf(ctx.update);
    if (!chat) return next();
    const turn: OpenTurn = { chatId: chat.id, at: now(), update: plain(ctx.update), me: ctx.me, calls: [], open: true };
    try {
      await context.run(turn, next);
    } finally {
      turn.open = false;
      writeTurn(turn);
    }
  };

  const transformer = (async (prev: Parameters<Transformer>[0], method: string, payload: unknown, signal?: AbortSignal) => {
    const at = now();
    const record = (outcome: { messageId?: number; error?: string }) => {
      const turn = context.getStore();
      const body = (plain(payload) ?? {}) as Record<string, unknown>;
      const call: RecordedCall = { at: new Date(at).toISOString(), method, payload: body };
      if (outcome.messageId !== undefined) call.message_id = outcome.messageId;
      if (outcome.error !== undefined) call.error = outcome.error;
      // Typing indicators say nothing a replay can compare.
      if (method === "sendChatAction") return;
      if (turn?.open) {
        turn.calls.push(call);
        return;
      }
      if (BACKGROUND_METHODS.has(method)) return;
      const chatId = turn?.chatId ?? (typeof body.chat_id === "number" || typeof body.chat_id === "string" ? Number(body.chat_id) : undefined);
      if (chatId === undefined || !Number.isFinite(chatId)) return;
      append(chatId, at, { at: call.at, replies: [call] });
    };
    try {
      const response = await prev(method as never, payload as never, signal as never);
      const result = response.ok ? (response.result as { message_id?: unknown } | undefined) : undefined;
      const messageId = result && typeof result === "object" && typeof result.message_id === "number" ? result.message_id : undefined;
      record(response.ok ? { messageId } : { error: response.description });
      return response;
    } catch (error) {
      record({ error: describeFailure(error) });
      throw error;
    }
  }) as Transformer;

  const flush = async () => {
    while (queues.size > 0) await Promise.allSettled([...queues.values()]);
  };
  return { transformer, middleware, flush, close: flush };
}
