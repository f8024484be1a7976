/**
 * What a replay runs the bot with: the project's services with the
 * conversation's "today" and no index changes, the conversation's settings,
 * a logger that collects the bot's errors per turn, and the bot's calls in
 * the shape the recorder writes them.
 */
import { Writable } from "node:stream";
import { RunnableLambda } from "@langchain/core/runnables";
import type { BotServices } from "../bot/service-types.js";
import type { BotConfig } from "../config.js";
import { createLogger, type Logger } from "../log.js";
import type { AnswerInput, AnswerResult } from "../retrieval/types.js";
import type { InProcessCall } from "../telegram/index.js";
import type { Conversation } from "./format.js";
import type { RecordedCall } from "./format-schema.js";

export const REINDEX_NOT_REPLAYED = "/reindex is not replayed: a replay never rebuilds the index it runs against.";
export const ROLLBACK_NOT_REPLAYED = "/rollback is not replayed: a replay never changes the index it runs against.";

function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

export function toRecordedCall(call: InProcessCall): RecordedCall {
  const recorded: RecordedCall = { at: new Date(call.at).toISOString(), method: call.method, payload: plain(call.payload) ?? {} };
  if (call.response.ok) {
    const result = call.response.result as { message_id?: unknown } | undefined;
    if (result && typeof result === "object" && typeof result.message_id === "number") recorded.message_id = result.message_id;
  } else {
    recorded.error = call.response.description;
  }
  return recorded;
}

/** The project's services with the conversation's "today", each answer reported, and no reindexing. */
export function replayServices(base: BotServices, today: string, onAnswer: (result: AnswerResult) => void): BotServices {
  const answer = RunnableLambda.from(async (input: AnswerInput): Promise<AnswerResult> => {
    const result = await base.answer.invoke({ ...input, today: input.today ?? today });
    onAnswer(result);
    return result;
  });
  return {
    answer,
    ...(base.translator ? { translator: base.translator } : {}),
    describeIndex: () => base.describeIndex(),
    refresh: () => base.refresh(),
    reindex: async () => {
      throw new Error(REINDEX_NOT_REPLAYED);
    },
    rollback: async () => {
      throw new Error(ROLLBACK_NOT_REPLAYED);
    },
    close: async () => {},
  };
}

export function collectingLogger(sink: (line: string) => void, level = "error"): Logger {
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n")) {
        if (!line.trim()) continue;
        try {
          const entry = JSON.parse(line) as { msg?: string; error?: { message?: string } };
          sink([entry.msg, entry.error?.message].filter(Boolean).join(": "));
        } catch {
          sink(line);
        }
      }
      callback();
    },
  });
  return createLogger(level, stream);
}

export function replayConfig(conversation: Conversation, base: BotConfig): BotConfig {
  const { settings } = conversation;
  return {
    ...base,
    token: undefined,
    apiRoot: undefined,
    adminIds: settings.admins,
    allowedIds: settings.allowed,
    rateLimit: settings.rateLimit ?? base.rateLimit,
    historyTurns: settings.historyTurns ?? base.historyTurns,
    sessions: { ...base.sessions, storage: "memory" },
    webhook: undefined,
    recording: undefined,
  };
}
