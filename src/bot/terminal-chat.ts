/**
 * The terminal chat: `npm start` without a token. It drives the same bot code
 * through the in-process Bot API as a private chat with one local user, reads
 * questions line by line from standard input (a TTY or a pipe:
 * `echo "question" | npm start`), and prints the bot's replies as text.
 * Buttons are listed as `:1`, `:2`, … and pressed by typing that.
 */
import readline from "node:readline";
import type { Message } from "grammy/types";
import type { BotConfig } from "../config.js";
import type { Logger } from "../log.js";
import { createBot, type RecorderFactory } from "./bot.js";
import { InProcessTelegram, inlineButtons, makeUser, parseTelegramHtml, type InProcessCall } from "../telegram/index.js";
import type { BotServices } from "./service-types.js";
import { createSessionStore } from "./session.js";

/** The local user; also an admin, so /stats and /reindex work from the terminal. */
export const TERMINAL_USER = makeUser(1, "You", "terminal_user");

export interface TerminalChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Prompt, typing indicator and colours; by default when the output is a TTY. */
  interactive?: boolean;
  logger: Logger;
  /** Records the chat when READOUT_RECORD_DIR is set (the entry point passes src/replay/recorder.ts). */
  recorder?: RecorderFactory;
}

const ANSI = { bold: "\x1b[1m", dim: "\x1b[2m", italic: "\x1b[3m", underline: "\x1b[4m", reset: "\x1b[0m" };

/** Telegram HTML as terminal text: links followed by their URL, quotes with a bar, bold in ANSI when `color`. */
export function renderHtml(html: string, color = false): string {
  const { text, entities } = parseTelegramHtml(html);
  const opens = new Map<number, string[]>();
  const closes = new Map<number, string[]>();
  const quoted: { from: number; to: number }[] = [];
  const add = (map: Map<number, string[]>, at: number, value: string) => map.set(at, [...(map.get(at) ?? []), value]);
  for (const entity of entities) {
    const end = entity.offset + entity.length;
    if (entity.type === "text_link" && entity.url && text.slice(entity.offset, end) !== entity.url) {
      add(closes, end, ` (${entity.url})`);
    } else if (entity.type === "blockquote" || entity.type === "expandable_blockquote") {
      quoted.push({ from: entity.offset, to: end });
    } else if (color && (entity.type === "bold" || entity.type === "italic" || entity.type === "underline")) {
      add(opens, entity.offset, ANSI[entity.type]);
      add(closes, end, ANSI.reset);
    }
  }
  const inQuote = (i: number) => quoted.some((q) => i >= q.from && i < q.to);
  let out = "";
  for (let i = 0; i <= text.length; i++) {
    for (const value of closes.get(i) ?? []) out += value;
    if (i === text.length) break;
    for (const value of opens.get(i) ?? []) out += value;
    if (inQuote(i) && (i === 0 || text[i - 1] === "\n" || !inQuote(i - 1))) {
      if (i > 0 && text[i - 1] !== "\n") out += "\n";
      out += "│ ";
    }
    out += text[i];
    if (inQuote(i) && i + 1 < text.length && !inQuote(i + 1) && text[i + 1] !== "\n") out += "\n";
  }
  return out;
}

export function renderMessage(message: Message, html: string | undefined, color = false): string {
  const body = html !== undefined ? renderHtml(html, color) : (message.text ?? "");
  const buttons = inlineButtons(message);
  if (buttons.length === 0) return body;
  const list = buttons.map((button, index) => `  :${index + 1}  ${button.text}`).join("\n");
  return `${body}\n${color ? ANSI.dim : ""}Type :1…:${buttons.length} to open one:${color ? ANSI.reset : ""}\n${list}`;
}

export async function runTerminalChat(services: BotServices, config: BotConfig, options: TerminalChatOptions): Promise<void> {
  const interactive = options.interactive ?? Boolean((options.output as NodeJS.WriteStream).isTTY);
  const color = interactive;
  const telegram = new InProcessTelegram();
  const store = createSessionStore({ ...config.sessions, storage: "memory" });
  // One local user who is trusted: no allow-list, no rate limit (piped questions arrive at once), admin commands allowed.
  const localConfig: BotConfig = {
    ...config,
    allowedIds: [],
    adminIds: [...config.adminIds, TERMINAL_USER.id],
    rateLimit: { limit: Number.MAX_SAFE_INTEGER, windowMs: config.rateLimit.windowMs },
    sessions: { ...config.sessions, storage: "memory" },
  };
  const bot = createBot(services, localConfig, {
    transport: telegram.transformer,
    botInfo: telegram.botInfo,
    sessionStore: store,
    logger: options.logger,
    ...(options.recorder ? { recorder: options.recorder } : {}),
  });
  const out = options.output;
  const write = (text: string) => out.write(text);
  let typing = false;
  const clearTyping = () => {
    if (typing) write("\r\x1b[K");
    typing = false;
  };

  telegram.onCall((call: InProcessCall) => {
    const result = call.response.ok ? call.response.result : undefined;
    if (!call.response.ok) {
      clearTyping();
      write(`[Telegram would refuse ${call.method}: ${call.response.description}]\n`);
      return;
    }
    switch (call.method) {
      case "sendChatAction":
        if (interactive && !typing) {
          typing = true;
          write(`${ANSI.dim}Readout is typing…${ANSI.reset}`);
        }
        return;
      case "sendMessage":
        clearTyping();
        write(`\n${renderMessage(result as Message, call.payload.parse_mode === "HTML" ? String(call.payload.text) : undefined, color)}\n\n`);
        return;
      case "editMessageText":
        clearTyping();
        write(
          `${color ? ANSI.dim : ""}(updated)${color ? ANSI.reset : ""} ${renderMessage(result as Message, call.payload.parse_mode === "HTML" ? String(call.payload.text) : undefined, color)}\n`,
        );
        return;
      case "answerCallbackQuery":
        if (typeof call.payload.text === "string" && call.payload.text) write(`\n(${call.payload.text})\n\n`);
        return;
    }
  });

  const rl = readline.createInterface({ input: options.input, terminal: interactive, crlfDelay: Number.POSITIVE_INFINITY });
  const prompt = () => {
    if (interactive) {
      rl.setPrompt(`${ANSI.bold}you ›${ANSI.reset} `);
      rl.prompt();
    }
  };
  const handle = async (update: Parameters<typeof bot.handleUpdate>[0]) => {
    try {
      await bot.handleUpdate(update);
    } catch (error) {
      write(`[error: ${(error as Error).message}]\n`);
    }
  };

  if (interactive) {
    write(
      `${ANSI.dim}Terminal chat with Readout — the same bot as on Telegram. Type a question; :N opens source N; /help; Ctrl-D or /quit to leave.${ANSI.reset}\n`,
    );
    await handle(telegram.userMessage({ from: TERMINAL_USER, text: "/start" }));
  }
  prompt();
  for await (const rawLine of rl) {
    const line = rawLine.trim();
    if (line === "/quit" || line === "/exit") break;
    if (line.length > 0) {
      const press = /^:(\d+)$/.exec(line);
      if (press) {
        const index = Number(press[1]);
        const withButtons = telegram
          .botMessages(TERMINAL_USER.id)
          .reverse()
          .find((message) => inlineButtons(message).length > 0);
        const count = withButtons ? inlineButtons(withButtons).length : 0;
        if (count === 0) write("(There are no buttons to press yet: ask a question first.)\n");
        else if (index < 1 || index > count) write(`(The last message has buttons :1 to :${count}.)\n`);
        else await handle(telegram.pressButton({ from: TERMINAL_USER, chatId: TERMINAL_USER.id, index, messageId: withButtons!.message_id }));
      } else {
        await handle(telegram.userMessage({ from: TERMINAL_USER, text: line }));
      }
    }
    prompt();
  }
  rl.close();
  clearTyping();
  // At the end of the input, a /reindex typed or piped in is finished, not abandoned (Ctrl-C quits at once).
  while (!(await bot.readout.idle())) {
    // still working
  }
  await bot.readout.close();
}
