/**
 * Feeds (RSS, Atom, RDF, JSON Feed, through `feedsmith`) and sitemaps (urlset,
 * Google News sitemaps and sitemap indexes, through `fast-xml-parser`) as lists
 * of addresses to ingest.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { DetectError, MalformedError, parseFeed } from "feedsmith";
import { SkipError } from "../errors.js";
import { decodeBody } from "./charset.js";

export interface ListingEntry {
  url: string;
  /** When the entry says it was last published or changed (ISO or RFC 822 date). */
  date?: string;
  title?: string;
}

export interface Listing {
  kind: "feed" | "sitemap" | "sitemap-index";
  title?: string;
  entries: ListingEntry[];
}

const sitemapParser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  isArray: (name) => name === "url" || name === "sitemap",
  processEntities: true,
});

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object" && "#text" in value) return text((value as Record<string, unknown>)["#text"]);
  return undefined;
}

function absolute(url: string | undefined, base: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url.trim(), base).href;
  } catch {
    return undefined;
  }
}

function readSitemap(xml: string, base: string): Listing | undefined {
  const root = sitemapParser.parse(xml) as Record<string, unknown>;
  const index = root.sitemapindex as { sitemap?: Record<string, unknown>[] } | undefined;
  if (index) {
    const entries = (index.sitemap ?? []).flatMap((sitemap) => {
      const url = absolute(text(sitemap.loc), base);
      const date = text(sitemap.lastmod);
      return url ? [{ url, ...(date ? { date } : {}) }] : [];
    });
    return { kind: "sitemap-index", entries };
  }
  const urlset = root.urlset as { url?: Record<string, unknown>[] } | undefined;
  if (urlset) {
    const entries = (urlset.url ?? []).flatMap((entry) => {
      const url = absolute(text(entry.loc), base);
      const news = entry.news as Record<string, unknown> | undefined;
      const date = text(news?.publication_date) ?? text(entry.lastmod);
      const title = text(news?.title);
      return url ? [{ url, ...(date ? { date } : {}), ...(title ? { title } : {}) }] : [];
    });
    return { kind: "sitemap", entries };
  }
  return undefined;
}

function readFeed(content: unknown, base: string): Listing {
  const { format, feed } = parseFeed(content);
  const entries: ListingEntry[] = [];
  const push = (url: string | undefined, date: string | undefined, title: string | undefined) => {
    const href = absolute(url, base);
    if (href) entries.push({ url: href, ...(date ? { date } : {}), ...(title ? { title } : {}) });
  };
  if (format === "rss" || format === "rdf") {
    for (const item of feed.items ?? []) {
      const guid = (item as { guid?: { value?: string; isPermaLink?: boolean } }).guid;
      const link = item.link ?? (guid?.isPermaLink !== false && /^https?:/.test(guid?.value ?? "") ? guid?.value : undefined);
      push(link, (item as { pubDate?: string }).pubDate ?? (item as { dc?: { date?: string } }).dc?.date, item.title);
    }
    return { kind: "feed", ...(feed.title ? { title: feed.title } : {}), entries };
  }
  if (format === "atom") {
    for (const entry of feed.entries ?? []) {
      const links = entry.links ?? [];
      const link = links.find((l) => !l.rel || l.rel === "alternate") ?? links[0];
      push(link?.href, entry.updated ?? entry.published, entry.title?.value);
    }
    return { kind: "feed", ...(feed.title?.value ? { title: feed.title.value } : {}), entries };
  }
  for (const item of feed.items ?? []) {
    push(item.url ?? (/^https?:/.test(item.id ?? "") ? item.id : undefined), item.date_modified ?? item.date_published, item.title);
  }
  return { kind: "feed", ...(feed.title ? { title: feed.title } : {}), entries };
}

/** The addresses a feed or sitemap lists. Throws SkipError for broken XML, a broken feed, or something that is neither. */
export function parseListing(body: Buffer, contentType: string, baseUrl: string): Listing {
  const content = decodeBody(body, contentType).trim();
  if (content.startsWith("{")) {
    try {
      return readFeed(JSON.parse(content) as unknown, baseUrl);
    } catch (error) {
      if (error instanceof SyntaxError) throw new SkipError(`broken JSON feed: ${error.message}`);
      throw new SkipError(`not a JSON Feed: ${(error as Error).message}`);
    }
  }
  if (!content.startsWith("<")) throw new SkipError("neither a feed nor a sitemap (no XML or JSON)");
  const valid = XMLValidator.validate(content);
  if (valid !== true) throw new SkipError(`broken XML on line ${valid.err.line}: ${valid.err.msg}`);
  const sitemap = readSitemap(content, baseUrl);
  if (sitemap) return sitemap;
  try {
    return readFeed(content, baseUrl);
  } catch (error) {
    if (error instanceof DetectError) throw new SkipError("neither a feed (RSS, Atom, JSON Feed) nor a sitemap");
    if (error instanceof MalformedError) throw new SkipError(`broken feed: ${error.message}`);
    throw new SkipError(`the feed could not be read: ${(error as Error).message}`);
  }
}

/** Whether a fetched body looks like a feed or sitemap rather than a web page. */
export function looksLikeListing(body: Buffer, contentType: string): boolean {
  const type = contentType.split(";")[0]!.trim();
  if (/xml|json|rss|atom/.test(type) && type !== "application/xhtml+xml") return true;
  if (type === "text/html" || type === "application/xhtml+xml") return false;
  const head = body.subarray(0, 1024).toString("latin1").trimStart().toLowerCase();
  return (
    head.startsWith("<?xml") ||
    head.startsWith("<rss") ||
    head.startsWith("<feed") ||
    head.startsWith("<urlset") ||
    head.startsWith("<sitemapindex") ||
    head.startsWith("{")
  );
}
