/** The bot's context type and the dependencies every composer receives. */
import type { AutoChatActionFlavor } from "@grammyjs/auto-chat-action";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context, SessionFlavor } from "grammy";
import type { BotConfig } from "../config.js";
import type { Logger } from "../log.js";
import type { ChatTurn, Citation } from "../retrieval/types.js";
import type { BotServices } from "./service-types.js";
import type { BotStats } from "./stats.js";

/** The citations of one answer, kept so its source buttons keep working. */
export interface SavedAnswer {
  /** Short random key used in callback data. */
  key: string;
  question: string;
  /** Unix time in milliseconds. */
  at: number;
  citations: Citation[];
}

export interface SessionData {
  /** Recent turns, oldest first, at most `historyTurns`. */
  turns: ChatTurn[];
  /** The last answers with sources, oldest first. */
  answers: SavedAnswer[];
  /** The language chosen with /language for this chat (else the sender's Telegram language). */
  language?: string;
}

export interface ReadoutFlavor {
  /** The question this update asks, once the addressing rules have found one. */
  question?: string;
}

export type BotContext = Context & SessionFlavor<SessionData> & AutoChatActionFlavor & I18nFlavor & ReadoutFlavor;

export interface BotDeps {
  services: BotServices;
  config: BotConfig;
  log: Logger;
  stats: BotStats;
  /** Long-running work started by handlers (a reindex), awaited on shutdown. */
  background: Set<Promise<unknown>>;
  /** Aborted when the bot stops: background work (a reindex) gives up, leaving the index as it was. */
  stopping: AbortSignal;
  /** Current time in milliseconds (tests pin it). */
  now: () => number;
  /** A new short key for an answer's source buttons (random; replays make it deterministic). */
  newKey: () => string;
}

export function isAdmin(deps: BotDeps, userId: number | undefined): boolean {
  return userId !== undefined && deps.config.adminIds.includes(userId);
}
