/**
 * The Telegram emulator (floor 1: imports nothing of the project's higher rooms).
 *
 * A Bot API answered in process (`InProcessTelegram`) with Telegram's results
 * and errors, and Telegram's HTML parse mode (`parseTelegramHtml`,
 * `checkMessageText`). The bot's terminal chat, the replay runner and the
 * tests drive the real bot code through it, so nothing reaches the network
 * and everything the bot sends is checked as strictly as Telegram checks it.
 */
export { type CallbackAnswer, type InProcessCall, type InProcessCallListener, InProcessTelegram, type InProcessTelegramOptions } from "./in-process-api.js";
export { inlineButtons } from "./reply-markup.js";
export {
  checkMessageText,
  decodeEntityAt,
  type HtmlEntityType,
  MESSAGE_TEXT_LIMIT,
  type ParsedEntity,
  type ParsedHtml,
  parseTelegramHtml,
  TelegramHtmlError,
} from "./telegram-html.js";
export { DEFAULT_BOT_INFO, detectEntities, groupChat, makeUser, privateChat } from "./users.js";
