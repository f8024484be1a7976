/**
 * A loopback Telegram Bot API server for end-to-end tests and the load bench.
 *
 * Why not only `telegram-test-api`: its getUpdates ignores `offset` and
 * `timeout` (no long polling, so a runner would spin; no redelivery of
 * unconfirmed updates), it lacks setMyCommands, sendChatAction and
 * getMyCommands, every message it returns is typed as a private chat, and it
 * does not check HTML the way Telegram does. This server speaks the same HTTP
 * protocol as Telegram (`POST /bot<token>/<method>` with JSON, form or query
 * parameters), long-polls getUpdates with offset confirmation, and answers
 * every other method with `InProcessTelegram` — the same Bot API semantics the
 * terminal chat and the replay runner use, including Telegram's HTML parsing
 * errors, so nothing the bot sends can pass here and fail on Telegram.
 *
 * The test side plays the users: `sendText`, `press`, and waits on the calls
 * the bot makes (`waitFor`).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ApiResponse, Chat, Message, Update, User } from "grammy/types";
import { InProcessTelegram, type InProcessCall, privateChat } from "../../src/telegram/index.js";

export interface BotApiServerOptions {
  token: string;
  username?: string;
  /** Print each call on stderr (debugging). */
  verbose?: boolean;
}

export interface RecordedCall extends InProcessCall {
  /** Index in `calls`. */
  seq: number;
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  const type = req.headers["content-type"] ?? "";
  const query = Object.fromEntries(new URL(req.url ?? "/", "http://x").searchParams);
  if (raw.length === 0) return query;
  if (type.includes("application/json")) return { ...query, ...(JSON.parse(raw) as Record<string, unknown>) };
  if (type.includes("application/x-www-form-urlencoded")) return { ...query, ...Object.fromEntries(new URLSearchParams(raw)) };
  throw new Error(`unsupported content type ${type}`);
}

export class BotApiServer {
  readonly telegram: InProcessTelegram;
  readonly token: string;
  /** Every call the bot made, except getUpdates, in order. */
  readonly calls: RecordedCall[] = [];
  /** How many getUpdates requests the bot made (a runner that spins would show here). */
  getUpdatesRequests = 0;

  private readonly queue: Update[] = [];
  private readonly pollers = new Set<() => void>();
  private readonly callWaiters = new Set<() => void>();
  private readonly server: http.Server;
  private apiRoot = "";

  constructor(options: BotApiServerOptions) {
    this.token = options.token;
    this.telegram = new InProcessTelegram({ botInfo: { username: options.username ?? "readout_test_bot", first_name: "Readout" } });
    this.telegram.onCall((call) => {
      if (options.verbose) process.stderr.write(`[bot-api] ${call.method} ${JSON.stringify(call.payload).slice(0, 200)} → ${call.response.ok}\n`);
      this.calls.push({ ...call, seq: this.calls.length });
      for (const wake of [...this.callWaiters]) wake();
    });
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        this.respond(res, { ok: false, error_code: 500, description: `Internal Server Error: ${(error as Error).message}` });
      });
    });
  }

  /** Listen on a free loopback port; returns the API root to give the bot (TELEGRAM_API_ROOT). */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
    return this.apiRoot;
  }

  async stop(): Promise<void> {
    for (const wake of [...this.pollers]) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get url(): string {
    return this.apiRoot;
  }

  // ---- the user side ------------------------------------------------------

  push(update: Update): Update {
    this.queue.push(update);
    for (const wake of [...this.pollers]) wake();
    return update;
  }

  sendText(from: User, text: string, options: { chat?: Chat; replyTo?: number } = {}): Update {
    return this.push(this.telegram.userMessage({ from, chat: options.chat ?? privateChat(from), text, replyTo: options.replyTo }));
  }

  press(from: User, index: number, options: { chat?: Chat; messageId?: number } = {}): Update {
    const chatId = (options.chat ?? privateChat(from)).id;
    return this.push(this.telegram.pressButton({ from, chatId, index, messageId: options.messageId }));
  }

  /** Updates not yet confirmed by the bot (offset). */
  pending(): number {
    return this.queue.length;
  }

  /** Wait until `count` calls after `since` match; returns them. */
  async waitFor(predicate: (call: RecordedCall) => boolean, options: { since?: number; count?: number; timeoutMs?: number } = {}): Promise<RecordedCall[]> {
    const { since = 0, count = 1, timeoutMs = 30_000 } = options;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.slice(since).filter(predicate);
      if (found.length >= count) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(
          `Timed out after ${timeoutMs} ms waiting for ${count} call(s); saw ${found.length}. Last calls: ${this.calls
            .slice(-5)
            .map((c) => c.method)
            .join(", ")}`,
        );
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.callWaiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, remaining);
        this.callWaiters.add(done);
      });
    }
  }

  /** Messages the bot sent successfully to a chat since call `since`. */
  sentTo(chatId: number, since = 0): (Message.TextMessage & { html: string })[] {
    return this.calls
      .slice(since)
      .filter((c) => c.method === "sendMessage" && c.response.ok && Number(c.payload.chat_id) === chatId)
      .map((c) => ({ ...(c.response as { result: Message.TextMessage }).result, html: String(c.payload.text) }));
  }

  failures(since = 0): RecordedCall[] {
    return this.calls.slice(since).filter((c) => !c.response.ok);
  }

  // ---- the bot side -------------------------------------------------------

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? "").split("?")[0] ?? "");
    if (!match) return this.respond(res, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== this.token) return this.respond(res, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2] as string;
    let payload: Record<string, unknown>;
    try {
      payload = await readBody(req);
    } catch (error) {
      return this.respond(res, { ok: false, error_code: 400, description: `Bad Request: ${(error as Error).message}` });
    }
    if (method.toLowerCase() === "getupdates") return this.getUpdates(req, res, payload);
    this.respond(res, this.telegram.call(method, payload));
  }

  private async getUpdates(_req: http.IncomingMessage, res: http.ServerResponse, p: Record<string, unknown>): Promise<void> {
    this.getUpdatesRequests++;
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeoutMs = Math.max(0, Number(p.timeout ?? 0)) * 1000;
    // Updates below the offset are confirmed: Telegram forgets them.
    if (offset > 0) while (this.queue.length > 0 && (this.queue[0] as Update).update_id < offset) this.queue.shift();
    if (this.queue.length === 0 && timeoutMs > 0) {
      let closed = false;
      res.on("close", () => (closed = true));
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.pollers.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        this.pollers.add(done);
        res.on("close", done);
      });
      if (closed) return;
      if (offset > 0) while (this.queue.length > 0 && (this.queue[0] as Update).update_id < offset) this.queue.shift();
    }
    this.respond(res, { ok: true, result: this.queue.slice(0, limit) });
  }

  private respond(res: http.ServerResponse, body: ApiResponse<unknown>): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(body.ok ? 200 : body.error_code, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
}
