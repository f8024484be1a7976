/**
 * A loopback HTTP server that speaks enough of the OpenAI and Ollama APIs for
 * LangChain's chat models and embeddings to talk to it, so tests need no network.
 *
 * Chat completions are replayed from recorded fixtures (`tests/fixtures/llm/*.json`)
 * or produced by a programmable responder; embeddings are deterministic
 * hash-based vectors (texts sharing words get similar vectors). Every request is
 * logged for assertions.
 *
 * Fixture file format:
 * ```json
 * { "completions": [
 *   { "key": "<fixtureKey(last user message)>", "reply": "..." },
 *   { "match": ["substring", "another substring"], "reply": "..." },
 *   { "match": "substring", "status": 500, "error": "model crashed" }
 * ] }
 * ```
 * `key` replays exactly one prompt; `match` replays any prompt whose last user
 * message contains every substring (case-sensitive). Entries are tried in order,
 * keys first.
 *
 * Recording: with `record: { file, upstream }`, a prompt that nothing answers is
 * forwarded to a real endpoint (OpenAI-compatible base URL such as
 * `https://api.openai.com/v1`, or an Ollama URL), and the reply is appended to
 * the fixture file under the prompt's key, so the next run replays it offline.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeApi = "openai" | "ollama";

export interface FakeChatMessage {
  role: string;
  content: string;
}

/** What a responder (or a fixture) sees of a chat request. */
export interface FakeChatRequest {
  api: FakeApi;
  model: string;
  messages: FakeChatMessage[];
  /** The content of the last message with role "user". */
  lastUserMessage: string;
  /** `fixtureKey(lastUserMessage)`. */
  key: string;
  stream: boolean;
  temperature?: number;
}

/** A reply: completion text, or an HTTP error, optionally after a delay. */
export interface FakeReply {
  text?: string;
  /** HTTP status to answer with instead of a completion (e.g. 500). */
  status?: number;
  /** Error message carried in the error body. */
  error?: string;
  /** A body sent verbatim with status 200 (e.g. broken JSON). */
  rawBody?: string;
  /** Wait this long before answering (for timeout tests). */
  delayMs?: number;
}

export type FakeResponder = (request: FakeChatRequest) => string | FakeReply | undefined | Promise<string | FakeReply | undefined>;

export interface FixtureEntry extends FakeReply {
  key?: string;
  match?: string | string[];
  reply?: string;
  /** The start of the recorded prompt, for people reading the file. */
  prompt?: string;
}

export interface FakeLlmServerOptions {
  /** Fixture files (paths) or inline entries. */
  fixtures?: (string | FixtureEntry)[];
  /** Asked first; return undefined to fall through to the fixtures. */
  responder?: FakeResponder;
  /** Reply when nothing matches; default: an HTTP 404 error naming the request key. */
  fallback?: string | FakeReply;
  /** Dimension of the fake embeddings (an OpenAI request's `dimensions` wins). Default 64. */
  embeddingDimensions?: number;
  /** Split streamed completions into pieces of this many characters. Default 8. */
  streamChunkSize?: number;
  /** Forward unanswered prompts to a real endpoint and append its replies to a fixture file. */
  record?: { file: string; upstream: string; apiKey?: string };
}

export interface LoggedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** Set for chat requests. */
  chat?: FakeChatRequest;
  at: number;
}

export interface FakeLlmServer {
  /** Base URL, e.g. http://127.0.0.1:40123 (OpenAI clients add `/v1`). */
  url: string;
  /** The OpenAI-style base URL: `${url}/v1`. */
  openaiBaseUrl: string;
  requests: LoggedRequest[];
  /** Chat requests only, in order. */
  chatRequests(): FakeChatRequest[];
  close(): Promise<void>;
}

/** The fixture key of a prompt: the first 16 hex digits of its SHA-256, whitespace-normalised. */
export function fixtureKey(text: string): string {
  return createHash("sha256").update(text.replace(/\s+/g, " ").trim()).digest("hex").slice(0, 16);
}

/** Deterministic fake embedding: hashed word features, L2-normalised. Same text, same vector. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const features = words.length > 0 ? words : [text];
  for (const word of features) {
    const digest = createHash("sha256").update(word).digest();
    for (let i = 0; i < 3; i++) {
      const index = digest.readUInt32LE(i * 4) % dimensions;
      const sign = (digest[12 + i]! & 1) === 0 ? 1 : -1;
      vector[index]! += sign;
    }
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  return vector.map((value) => value / norm);
}

function loadFixtures(sources: (string | FixtureEntry)[]): FixtureEntry[] {
  const entries: FixtureEntry[] = [];
  for (const source of sources) {
    if (typeof source !== "string") {
      entries.push(source);
      continue;
    }
    const parsed = JSON.parse(readFileSync(source, "utf8")) as { completions?: FixtureEntry[] };
    if (!Array.isArray(parsed.completions)) throw new Error(`${source}: a fixture file needs a "completions" array`);
    entries.push(...parsed.completions);
  }
  return entries;
}

function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === "string" ? part : typeof part?.text === "string" ? part.text : "")).join("");
  }
  return "";
}

function toChatRequest(api: FakeApi, body: Record<string, unknown>): FakeChatRequest {
  const rawMessages = Array.isArray(body.messages) ? (body.messages as Record<string, unknown>[]) : [];
  const messages = rawMessages.map((message) => ({ role: String(message.role), content: messageText(message.content) }));
  const lastUser = [...messages].reverse().find((message) => message.role === "user")?.content ?? "";
  const options = (body.options ?? {}) as Record<string, unknown>;
  const temperature = typeof body.temperature === "number" ? body.temperature : typeof options.temperature === "number" ? options.temperature : undefined;
  return {
    api,
    model: String(body.model ?? ""),
    messages,
    lastUserMessage: lastUser,
    key: fixtureKey(lastUser),
    // Ollama streams unless told not to; OpenAI only when asked.
    stream: api === "ollama" ? body.stream !== false : body.stream === true,
    temperature,
  };
}

function findFixture(entries: FixtureEntry[], request: FakeChatRequest): FakeReply | undefined {
  const byKey = entries.find((entry) => entry.key === request.key);
  const entry =
    byKey ??
    entries.find((candidate) => {
      if (candidate.match === undefined) return false;
      const needles = Array.isArray(candidate.match) ? candidate.match : [candidate.match];
      return needles.every((needle) => request.lastUserMessage.includes(needle));
    });
  if (!entry) return undefined;
  return { ...entry, text: entry.reply ?? entry.text };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, api: FakeApi, status: number, message: string): void {
  if (api === "openai") sendJson(res, status, { error: { message, type: "fake_error", code: status } });
  else sendJson(res, status, { error: message });
}

function chunksOf(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces.length > 0 ? pieces : [""];
}

function sleep(ms: number, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    // A client that gives up (timeout) closes the socket: stop waiting for it.
    res.on("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function openaiCompletion(request: FakeChatRequest, text: string, id: string) {
  return {
    id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: request.lastUserMessage.length, completion_tokens: text.length, total_tokens: request.lastUserMessage.length + text.length },
  };
}

function writeOpenaiStream(res: http.ServerResponse, request: FakeChatRequest, text: string, id: string, size: number): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const base = { id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: request.model };
  const pieces = chunksOf(text, size);
  pieces.forEach((piece, i) => {
    const delta = i === 0 ? { role: "assistant", content: piece } : { content: piece };
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
  });
  res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
  res.write(
    `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 1, completion_tokens: text.length, total_tokens: 1 + text.length } })}\n\n`,
  );
  res.end("data: [DONE]\n\n");
}

function ollamaFinal(request: FakeChatRequest, content: string) {
  return {
    model: request.model,
    created_at: new Date().toISOString(),
    message: { role: "assistant", content },
    done: true,
    done_reason: "stop",
    total_duration: 1,
    load_duration: 1,
    prompt_eval_count: request.lastUserMessage.length,
    prompt_eval_duration: 1,
    eval_count: content.length,
    eval_duration: 1,
  };
}

function writeOllamaStream(res: http.ServerResponse, request: FakeChatRequest, text: string, size: number): void {
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  for (const piece of chunksOf(text, size)) {
    res.write(
      `${JSON.stringify({ model: request.model, created_at: new Date().toISOString(), message: { role: "assistant", content: piece }, done: false })}\n`,
    );
  }
  res.end(`${JSON.stringify(ollamaFinal(request, ""))}\n`);
}

/** Start the fake server on 127.0.0.1 and a free port. */
export async function startFakeLlmServer(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const fixtures = loadFixtures(options.fixtures ?? []);
  const defaultDimensions = options.embeddingDimensions ?? 64;
  const chunkSize = options.streamChunkSize ?? 8;
  const requests: LoggedRequest[] = [];
  let counter = 0;

  async function replyFor(request: FakeChatRequest, body: Record<string, unknown>): Promise<FakeReply> {
    const programmed = options.responder ? await options.responder(request) : undefined;
    if (programmed !== undefined) return typeof programmed === "string" ? { text: programmed } : programmed;
    const recorded = findFixture(fixtures, request);
    if (recorded) return recorded;
    if (options.record) return recordFromUpstream(request, body);
    if (options.fallback !== undefined) return typeof options.fallback === "string" ? { text: options.fallback } : options.fallback;
    return { status: 404, error: `fake LLM server: no recorded completion for key ${request.key}` };
  }

  /** Ask the real endpoint (non-streaming), keep its answer in the fixture file, and replay it. */
  async function recordFromUpstream(request: FakeChatRequest, body: Record<string, unknown>): Promise<FakeReply> {
    const record = options.record!;
    const base = record.upstream.replace(/\/+$/u, "");
    const url = request.api === "openai" ? `${base}/chat/completions` : `${base}/api/chat`;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (record.apiKey) headers.authorization = `Bearer ${record.apiKey}`;
    const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ ...body, stream: false }) });
    if (!response.ok) return { status: response.status, error: `upstream answered ${response.status}: ${(await response.text()).slice(0, 200)}` };
    const data = (await response.json()) as { choices?: { message?: { content?: string } }[]; message?: { content?: string } };
    const text = request.api === "openai" ? (data.choices?.[0]?.message?.content ?? "") : (data.message?.content ?? "");
    const entry: FixtureEntry = { key: request.key, prompt: request.lastUserMessage.slice(0, 200), reply: text };
    fixtures.unshift(entry);
    const file = existsSync(record.file) ? (JSON.parse(readFileSync(record.file, "utf8")) as { completions?: FixtureEntry[] }) : {};
    const completions = [...(file.completions ?? []), entry];
    writeFileSync(record.file, `${JSON.stringify({ ...file, completions }, null, 2)}\n`);
    return { text };
  }

  async function handleChat(api: FakeApi, body: Record<string, unknown>, logged: LoggedRequest, res: http.ServerResponse): Promise<void> {
    const request = toChatRequest(api, body);
    logged.chat = request;
    const reply = await replyFor(request, body);
    if (reply.delayMs) await sleep(reply.delayMs, res);
    if (res.destroyed || res.writableEnded) return;
    if (reply.status !== undefined && reply.status !== 200) {
      sendError(res, api, reply.status, reply.error ?? `fake error ${reply.status}`);
      return;
    }
    if (reply.rawBody !== undefined) {
      res.writeHead(200, { "content-type": request.stream && api === "openai" ? "text/event-stream" : "application/json" });
      res.end(reply.rawBody);
      return;
    }
    const text = reply.text ?? "";
    const id = `chatcmpl-fake-${++counter}`;
    if (api === "openai") {
      if (request.stream) writeOpenaiStream(res, request, text, id, chunkSize);
      else sendJson(res, 200, openaiCompletion(request, text, id));
    } else if (request.stream) {
      writeOllamaStream(res, request, text, chunkSize);
    } else {
      sendJson(res, 200, ollamaFinal(request, text));
    }
  }

  function handleOpenaiEmbeddings(body: Record<string, unknown>, res: http.ServerResponse): void {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const dimensions = typeof body.dimensions === "number" ? body.dimensions : defaultDimensions;
    const base64 = body.encoding_format === "base64";
    const data = inputs.map((input, index) => {
      const vector = fakeEmbedding(String(input ?? ""), dimensions);
      const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
      return { object: "embedding", index, embedding };
    });
    sendJson(res, 200, { object: "list", data, model: body.model, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } });
  }

  function handleOllamaEmbed(body: Record<string, unknown>, res: http.ServerResponse): void {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const dimensions = typeof body.dimensions === "number" ? body.dimensions : defaultDimensions;
    sendJson(res, 200, { model: body.model, embeddings: inputs.map((input) => fakeEmbedding(String(input ?? ""), dimensions)) });
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const raw = await readBody(req);
      const api: FakeApi = path.startsWith("/api/") ? "ollama" : "openai";
      let body: Record<string, unknown> = {};
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          sendError(res, api, 400, "fake LLM server: request body is not JSON");
          return;
        }
      }
      const logged: LoggedRequest = { method: req.method ?? "GET", path, headers: req.headers, body, at: Date.now() };
      requests.push(logged);
      const route = `${req.method} ${path}`;
      switch (route) {
        case "POST /v1/chat/completions":
        case "POST /chat/completions":
          return handleChat("openai", body, logged, res);
        case "POST /api/chat":
          return handleChat("ollama", body, logged, res);
        case "POST /v1/embeddings":
        case "POST /embeddings":
          return handleOpenaiEmbeddings(body, res);
        case "POST /api/embed":
          return handleOllamaEmbed(body, res);
        case "POST /api/embeddings":
          return sendJson(res, 200, { embedding: fakeEmbedding(String(body.prompt ?? ""), defaultDimensions) });
        case "GET /api/tags":
          return sendJson(res, 200, { models: [{ name: "fake:latest", model: "fake:latest", size: 0, digest: "fake", details: {} }] });
        case "GET /v1/models":
          return sendJson(res, 200, { object: "list", data: [{ id: "fake", object: "model", created: 0, owned_by: "fake" }] });
        default:
          return sendError(res, api, 404, `fake LLM server: no route ${route}`);
      }
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    requests,
    chatRequests: () => requests.flatMap((request) => (request.chat ? [request.chat] : [])),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
