/**
 * A polite and careful HTTP client for admin-configured sources: a descriptive
 * User-Agent, robots.txt honoured, one request at a time per host with a pause,
 * conditional requests (ETag, Last-Modified), a timeout, a size cap, a limit on
 * redirects with every hop checked again, and content-type checks.
 *
 * Safe by default: only http(s), and no private, loopback, link-local or
 * otherwise non-public address, checked after DNS resolution on every hop
 * (`request-filtering-agent`), unless `allowPrivate` lets some through.
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import zlib from "node:zlib";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { DEFAULT_USER_AGENT } from "../../config.js";
import { SkipError } from "../errors.js";
import { BlockedAddressError } from "./errors.js";
import { HostQueue } from "./host-queue.js";
import type { FetchConfig } from "../../config.js";
import { RobotsCache } from "./robots.js";
import { parseWebUrl } from "./url.js";

/** The configured fetch settings (see `FetchConfig`), and how names are resolved. */
export interface FetchSettings extends Omit<FetchConfig, "maxItems"> {
  /** Name resolution (tests map names to loopback); default `dns.lookup`. */
  lookup?: LookupFunction;
}

export const DEFAULT_FETCH_SETTINGS: FetchSettings = {
  userAgent: DEFAULT_USER_AGENT,
  timeoutMs: 20_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  hostDelayMs: 1000,
  allowPrivate: false,
};

/** What a server said last time, for a conditional request. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type Expected = "page" | "feed" | "any";

export type FetchOutcome =
  | { kind: "fetched"; url: string; requestedUrl: string; contentType: string; body: Buffer; validators: Validators }
  | { kind: "not-modified"; url: string; requestedUrl: string; validators: Validators };

const ACCEPT: Record<Expected, string> = {
  page: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
  feed: "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.1",
  any: "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml,text/xml,application/json;q=0.9,*/*;q=0.1",
};

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)$/;
const FEED_TYPES = /^(application\/(rss\+xml|atom\+xml|rdf\+xml|feed\+json|json|xml|x-rss\+xml)|text\/(xml|plain))$/;

function acceptsType(expected: Expected, type: string): boolean {
  if (type === "") return true; // no Content-Type: judged by the content
  if (expected === "page") return HTML_TYPES.test(type);
  if (expected === "feed") return FEED_TYPES.test(type);
  return HTML_TYPES.test(type) || FEED_TYPES.test(type);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The agent's own refusal, in words an admin can act on. */
function describeNetworkError(error: Error & { code?: string }, url: URL): SkipError {
  const blocked = /DNS lookup (\S+?)\(.*is not allowed/.exec(error.message);
  if (blocked) {
    const address = blocked[1];
    const via = address === url.hostname.replace(/^\[|\]$/g, "") ? "" : ` (${url.hostname} resolves to ${address})`;
    return new BlockedAddressError(
      `${url.host} is a private, loopback or link-local address${via}, which is not fetched; READOUT_FETCH_ALLOW_PRIVATE allows it for intranets and tests`,
    );
  }
  if (error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") return new SkipError(`the host ${url.hostname} was not found`);
  if (error.code === "ECONNREFUSED") return new SkipError(`${url.host} refused the connection`);
  if (error.code === "ECONNRESET") return new SkipError(`${url.host} closed the connection`);
  return new SkipError(`${url.host} could not be reached: ${error.message.split("\n")[0]}`);
}

export class WebFetcher {
  readonly settings: FetchSettings;
  /** Requests sent (robots.txt included), and how many of them were conditional: for summaries and tests. */
  readonly counts = { requests: 0, conditional: 0, notModified: 0 };
  private readonly queue: HostQueue;
  private readonly robots: RobotsCache;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(settings: Partial<FetchSettings> = {}) {
    this.settings = { ...DEFAULT_FETCH_SETTINGS, ...settings };
    const allow = this.settings.allowPrivate;
    const filter = allow === true ? { allowPrivateIPAddress: true } : { allowPrivateIPAddress: false, allowIPAddressList: allow === false ? [] : allow };
    this.httpAgent = new RequestFilteringHttpAgent(filter);
    this.httpsAgent = new RequestFilteringHttpsAgent(filter);
    this.queue = new HostQueue(this.settings.hostDelayMs);
    this.robots = new RobotsCache(this.settings.userAgent, async (robotsUrl) => {
      // RFC 9309: follow at least five redirects (http to https, a www. host), each checked like any request.
      let url = new URL(robotsUrl);
      for (let hop = 0; ; hop++) {
        const current = url;
        const response = await this.queue.run(url.host, () => this.request(current, { accept: "text/plain,*/*;q=0.1" }, 512 * 1024));
        const location = header(response.headers, "location");
        if (response.status >= 300 && response.status < 400 && location && hop < 5) {
          url = parseWebUrl(location, url.href);
          continue;
        }
        return { status: response.status, text: response.body.toString("utf8") };
      }
    });
  }

  /**
   * Fetch `input`, following redirects. Throws SkipError with a one-line reason for
   * anything that is not a usable answer (refused address, robots.txt, HTTP error,
   * timeout, too large, wrong content type).
   */
  async fetch(input: string, options: { expect?: Expected; validators?: Validators } = {}): Promise<FetchOutcome> {
    const expected = options.expect ?? "any";
    const requestedUrl = parseWebUrl(input).href;
    let url = parseWebUrl(input);
    for (let hop = 0; ; hop++) {
      const robots = await this.robots.check(url);
      if (!robots.allowed) throw new SkipError(robots.reason ?? "robots.txt does not allow it");
      if (robots.crawlDelayMs) this.queue.setDelay(url.host, robots.crawlDelayMs);
      const headers: Record<string, string> = { accept: ACCEPT[expected] };
      if (options.validators?.etag) headers["if-none-match"] = options.validators.etag;
      if (options.validators?.lastModified) headers["if-modified-since"] = options.validators.lastModified;
      const conditional = "if-none-match" in headers || "if-modified-since" in headers;
      const current = url;
      const response = await this.queue.run(url.host, () => this.request(current, headers, this.settings.maxBytes, conditional));
      const location = header(response.headers, "location");
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
        if (hop >= this.settings.maxRedirects) throw new SkipError(`more than ${this.settings.maxRedirects} redirects`);
        url = parseWebUrl(location, url.href);
        continue;
      }
      const validators: Validators = {
        ...(header(response.headers, "etag") ? { etag: header(response.headers, "etag") } : {}),
        ...(header(response.headers, "last-modified") ? { lastModified: header(response.headers, "last-modified") } : {}),
      };
      if (response.status === 304) {
        this.counts.notModified++;
        return { kind: "not-modified", url: url.href, requestedUrl, validators: { ...options.validators, ...validators } };
      }
      if (response.status < 200 || response.status >= 300) {
        const status = `HTTP ${response.status} ${http.STATUS_CODES[response.status] ?? ""}`.trim();
        throw new SkipError(`${status} from ${url.href}`);
      }
      const contentType = (header(response.headers, "content-type") ?? "").toLowerCase();
      const type = contentType.split(";")[0]!.trim();
      if (!acceptsType(expected, type)) {
        throw new SkipError(`${expected === "feed" ? "not a feed or sitemap" : "not a web page"} (content type ${type})`);
      }
      if (response.body.length === 0) throw new SkipError(`empty response from ${url.href}`);
      return { kind: "fetched", url: url.href, requestedUrl, contentType, body: response.body, validators };
    }
  }

  /** One HTTP request, no redirects followed. */
  private request(url: URL, headers: Record<string, string>, maxBytes: number, conditional = false): Promise<Response> {
    const client = url.protocol === "https:" ? https : http;
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const fail = (error: SkipError) => {
        if (settled) return;
        settled = true;
        request.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new SkipError(`${url.host} did not answer within ${Math.round(this.settings.timeoutMs / 1000)} s`)),
        this.settings.timeoutMs,
      );
      const request = client.request(
        url,
        {
          method: "GET",
          agent: url.protocol === "https:" ? this.httpsAgent : this.httpAgent,
          headers: { "user-agent": this.settings.userAgent, "accept-encoding": "gzip, deflate, br", ...headers },
          ...(this.settings.lookup ? { lookup: this.settings.lookup } : {}),
        },
        (response) => {
          // Counted once a server answered: a refused address never reached one.
          this.counts.requests++;
          if (conditional) this.counts.conditional++;
          const status = response.statusCode ?? 0;
          const declared = Number(header(response.headers, "content-length"));
          if (status >= 200 && status < 300 && Number.isFinite(declared) && declared > maxBytes) {
            fail(new SkipError(`the file is ${formatBytes(declared)}, over the ${formatBytes(maxBytes)} limit`));
            return;
          }
          const encoding = (header(response.headers, "content-encoding") ?? "").toLowerCase().trim();
          const stream =
            encoding === "gzip" || encoding === "x-gzip"
              ? response.pipe(zlib.createGunzip())
              : encoding === "deflate"
                ? response.pipe(zlib.createInflate())
                : encoding === "br"
                  ? response.pipe(zlib.createBrotliDecompress())
                  : response;
          const parts: Buffer[] = [];
          let size = 0;
          stream.on("data", (part: Buffer) => {
            size += part.length;
            if (size > maxBytes) fail(new SkipError(`the file is over the ${formatBytes(maxBytes)} limit`));
            else parts.push(part);
          });
          stream.on("error", (error: Error) => fail(new SkipError(`broken response from ${url.host}: ${error.message}`)));
          stream.on("end", () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve({ status, headers: response.headers, body: Buffer.concat(parts) });
          });
        },
      );
      request.on("error", (error: Error & { code?: string }) => {
        clearTimeout(timer);
        fail(describeNetworkError(error, url));
      });
      request.on("close", () => clearTimeout(timer));
      request.end();
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
