import { afterAll, beforeAll, describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { SkipError } from "../../../src/ingest/errors.js";
import { chooseCharset, decodeBody } from "../../../src/ingest/web/charset.js";
import { BlockedAddressError } from "../../../src/ingest/web/errors.js";
import { WebFetcher } from "../../../src/ingest/web/fetcher.js";
import { canonicalUrl } from "../../../src/ingest/web/url.js";
import { WebServer } from "../../helpers/web-server.js";

const PAGE = "<!doctype html><html><head><title>A page</title></head><body><p>Hello.</p></body></html>";

async function reason(promise: Promise<unknown>): Promise<SkipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SkipError) return error;
    throw error;
  }
  throw new Error("expected the fetch to be refused");
}

describe("the SSRF rules", () => {
  const server = new WebServer();
  const other = new WebServer();
  beforeAll(async () => {
    await server.start("127.0.0.1");
    await other.start("127.0.0.2");
    server.routes.set("/secret", { body: PAGE });
    other.routes.set("/page", { body: PAGE });
    other.routes.set("/to-loopback", { status: 302, headers: { location: server.url("/secret") } });
  });
  afterAll(async () => {
    await server.stop();
    await other.stop();
  });

  it("refuses a loopback address, a name that resolves to one, and file: or other schemes, by default", async () => {
    const fetcher = new WebFetcher({ hostDelayMs: 0 });
    const direct = await reason(fetcher.fetch(server.url("/secret")));
    expect(direct).toBeInstanceOf(BlockedAddressError);
    expect(direct.reason).toMatch(/private, loopback or link-local/);
    const named = await reason(fetcher.fetch(`http://localhost:${server.port}/secret`));
    expect(named).toBeInstanceOf(BlockedAddressError);
    expect(named.reason).toMatch(/localhost resolves to/);
    expect((await reason(fetcher.fetch("file:///etc/passwd"))).reason).toMatch(/only http and https/);
    expect((await reason(fetcher.fetch("ftp://example.com/x"))).reason).toMatch(/only http and https/);
    expect((await reason(fetcher.fetch("http://user:pw@example.com/"))).reason).toMatch(/user name or password/);
    for (const address of ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]/", "http://0.0.0.0/"]) {
      expect(await reason(fetcher.fetch(address))).toBeInstanceOf(BlockedAddressError);
    }
    expect(server.requests).toHaveLength(0);
  });

  it("checks every redirect: an allowed host cannot send the fetcher to loopback", async () => {
    const fetcher = new WebFetcher({ hostDelayMs: 0, allowPrivate: ["127.0.0.2"] });
    const ok = await fetcher.fetch(other.url("/page"));
    expect(ok.kind).toBe("fetched");
    const error = await reason(fetcher.fetch(other.url("/to-loopback")));
    expect(error).toBeInstanceOf(BlockedAddressError);
    expect(server.requests).toHaveLength(0);
  });

  it("checks names after DNS: a name resolving to an allowed address is fetched, one resolving to loopback is not", async () => {
    const lookup = ((hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
      const address = hostname === "news.test" ? "127.0.0.2" : "127.0.0.1";
      if ((options as { all?: boolean }).all) callback(null, [{ address, family: 4 }]);
      else callback(null, address, 4);
    }) as never;
    const fetcher = new WebFetcher({ hostDelayMs: 0, allowPrivate: ["127.0.0.2"], lookup });
    expect((await fetcher.fetch(`http://news.test:${other.port}/page`)).kind).toBe("fetched");
    const error = await reason(fetcher.fetch(`http://evil.test:${server.port}/secret`));
    expect(error.reason).toMatch(/evil\.test resolves to 127\.0\.0\.1/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("a good citizen of the web", () => {
  const server = new WebServer();
  let fetcher: WebFetcher;
  beforeAll(async () => {
    await server.start();
    fetcher = new WebFetcher({ allowPrivate: true, hostDelayMs: 150, timeoutMs: 1000, maxBytes: 100_000, maxRedirects: 2 });
    server.routes.set("/robots.txt", { headers: { "content-type": "text/plain" }, body: "User-agent: *\nDisallow: /private/\n" });
    server.routes.set("/page", { body: PAGE });
    server.routes.set("/private/page", { body: PAGE });
    server.routes.set("/etag", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else res.writeHead(200, { "content-type": "text/html", etag: '"v1"', "last-modified": "Sun, 06 Dec 2026 08:00:00 GMT" }).end(PAGE);
    });
    server.routes.set("/huge", { body: "x".repeat(200_000) });
    server.routes.set("/huge-chunked", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      for (let i = 0; i < 30; i++) res.write("y".repeat(10_000));
      res.end();
    });
    server.routes.set("/slow", { body: PAGE, delayMs: 3000 });
    server.routes.set("/image", { headers: { "content-type": "image/png" }, body: "PNG" });
    server.routes.set("/missing", { status: 404, body: "no" });
    server.routes.set("/loop1", { status: 301, headers: { location: "/loop2" } });
    server.routes.set("/loop2", { status: 301, headers: { location: "/loop1" } });
    server.routes.set("/moved", { status: 301, headers: { location: "/page" } });
  });
  afterAll(async () => {
    fetcher.close();
    await server.stop();
  });

  it("sends a descriptive User-Agent, reads robots.txt first and honours it", async () => {
    const outcome = await fetcher.fetch(server.url("/page"));
    expect(outcome.kind).toBe("fetched");
    expect(server.requests[0]!.path).toBe("/robots.txt");
    expect(server.seen("/page")[0]!.headers["user-agent"]).toMatch(/^ReadoutBot\//);
    expect((await reason(fetcher.fetch(server.url("/private/page")))).reason).toMatch(/robots\.txt .* does not allow/);
    expect(server.seen("/private/page")).toHaveLength(0);
  });

  it("makes a conditional request with the ETag it was given and reports 304 as not modified", async () => {
    const first = await fetcher.fetch(server.url("/etag"));
    expect(first.kind).toBe("fetched");
    expect(first.validators).toEqual({ etag: '"v1"', lastModified: "Sun, 06 Dec 2026 08:00:00 GMT" });
    const second = await fetcher.fetch(server.url("/etag"), { validators: first.validators });
    expect(second.kind).toBe("not-modified");
    expect(server.seen("/etag")[1]!.headers["if-none-match"]).toBe('"v1"');
    expect(server.seen("/etag")[1]!.headers["if-modified-since"]).toBe("Sun, 06 Dec 2026 08:00:00 GMT");
  });

  it("refuses what is too large, too slow, of the wrong type, missing, or redirected too often", async () => {
    expect((await reason(fetcher.fetch(server.url("/huge")))).reason).toMatch(/over the 98 KB limit/);
    expect((await reason(fetcher.fetch(server.url("/huge-chunked")))).reason).toMatch(/over the 98 KB limit/);
    expect((await reason(fetcher.fetch(server.url("/slow")))).reason).toMatch(/did not answer within 1 s/);
    expect((await reason(fetcher.fetch(server.url("/image"), { expect: "page" }))).reason).toBe("not a web page (content type image/png)");
    expect((await reason(fetcher.fetch(server.url("/missing")))).reason).toMatch(/^HTTP 404 Not Found/);
    expect((await reason(fetcher.fetch(server.url("/loop1")))).reason).toBe("more than 2 redirects");
    const moved = await fetcher.fetch(server.url("/moved"));
    expect(moved.kind === "fetched" && moved.url).toBe(server.url("/page"));
  });

  it("sends one request at a time to a host, with a pause between them", async () => {
    const before = server.requests.length;
    await Promise.all([fetcher.fetch(server.url("/page")), fetcher.fetch(server.url("/page")), fetcher.fetch(server.url("/page"))]);
    const batch = server.requests.slice(before);
    for (let i = 1; i < batch.length; i++) {
      expect(batch[i]!.startedAt).toBeGreaterThanOrEqual(batch[i - 1]!.endedAt!);
      expect(batch[i]!.startedAt - batch[i - 1]!.endedAt!).toBeGreaterThanOrEqual(140);
    }
  });
});

describe("robots.txt", () => {
  it("follows a redirected robots.txt, and treats an unreadable one (5xx) as 'disallow everything for now'", async () => {
    const moved = new WebServer();
    const broken = new WebServer();
    await moved.start();
    await broken.start();
    moved.routes.set("/robots.txt", { status: 301, headers: { location: "/real-robots.txt" } });
    moved.routes.set("/real-robots.txt", { headers: { "content-type": "text/plain" }, body: "User-agent: ReadoutBot\nDisallow: /blocked\n" });
    moved.routes.set("/open", { body: PAGE });
    moved.routes.set("/blocked", { body: PAGE });
    broken.routes.set("/robots.txt", { status: 503, body: "down" });
    broken.routes.set("/page", { body: PAGE });
    const fetcher = new WebFetcher({ allowPrivate: true, hostDelayMs: 0 });
    try {
      expect((await fetcher.fetch(moved.url("/open"))).kind).toBe("fetched");
      expect((await reason(fetcher.fetch(moved.url("/blocked")))).reason).toMatch(/does not allow fetching \/blocked/);
      expect((await reason(fetcher.fetch(broken.url("/page")))).reason).toMatch(/robots\.txt of .* could not be read \(HTTP 503\)/);
      expect(broken.seen("/page")).toHaveLength(0);
    } finally {
      fetcher.close();
      await moved.stop();
      await broken.stop();
    }
  });
});

describe("character sets", () => {
  const russian = '<html><head><meta charset="windows-1251"><title>Встреча</title></head><body><p>Президенты встретились в Минске.</p></body></html>';
  const bytes = iconv.encode(russian, "windows-1251");

  it("reads windows-1251 as declared, and despite a wrong UTF-8 header", () => {
    expect(decodeBody(bytes, "text/html; charset=windows-1251")).toContain("Президенты встретились в Минске.");
    expect(chooseCharset(bytes, "text/html; charset=utf-8")).toBe("windows-1251");
    expect(decodeBody(bytes, "text/html; charset=utf-8")).toContain("Президенты встретились в Минске.");
  });

  it("detects the set when nothing declares it, and takes UTF-8 over a wrong legacy header", () => {
    const undeclared = iconv.encode(
      "<html><body><p>Президенты встретились в Минске и обсудили торговлю, энергетику и безопасность в регионе.</p></body></html>",
      "windows-1251",
    );
    expect(decodeBody(undeclared, "text/html")).toContain("Президенты встретились в Минске");
    const utf8 = Buffer.from("<html><body><p>Société générale à Genève</p></body></html>");
    expect(decodeBody(utf8, "text/html; charset=iso-8859-1")).toContain("Société générale à Genève");
    expect(
      decodeBody(iconv.encode('<?xml version="1.0" encoding="windows-1252"?><rss><title>Café “quoted”</title></rss>', "windows-1252"), "application/xml"),
    ).toContain("Café “quoted”");
  });
});

describe("article ids from addresses", () => {
  it("drops tracking parameters and the fragment, keeps the rest", () => {
    expect(canonicalUrl("https://News.example.com/world/talks.html?utm_source=tw&id=7&fbclid=abc#comments")).toBe(
      "https://news.example.com/world/talks.html?id=7",
    );
    expect(canonicalUrl("https://example.com/a?utm_medium=x")).toBe("https://example.com/a");
  });
});
