/**
 * Web sources into articles: a page, a feed or a sitemap (an index of sitemaps
 * too), each asked for conditionally. A listing that did not change costs one
 * request; an item whose page did not change costs one conditional request, or
 * none when the listing dates it before our last fetch. Bad input anywhere gets
 * a one-line reason and the rest goes on.
 */
import type { SourceOutcome, SourceState, StoredArticle, WebOrigin } from "../../store/types.js";
import { SkipError } from "../errors.js";
import type { Article } from "../../types/index.js";
import type { FetchOutcome, WebFetcher } from "./fetcher.js";
import { looksLikeListing, parseListing, type Listing, type ListingEntry } from "./listing.js";
import { articleFromPage } from "./page.js";
import { canonicalUrl } from "./url.js";

/** What the ingest run lends the collector. */
export interface WebIngestHooks {
  /** The indexed article that `url` (a page's address, tracking parameters removed) led to. */
  known(url: string): StoredArticle | undefined;
  /** Whether this run already took the article with this id (the same story through another link). */
  taken(id: string): boolean;
  /** Keep an indexed article as it is: its page did not change. */
  keep(article: StoredArticle): void;
  /** Ingest a fetched article (compared with the index like any other). */
  ingest(article: Article, web: WebOrigin): void | Promise<void>;
  skip(label: string, reason: string): void;
  /** Stop between requests (Ctrl-C). */
  checkAbort(): void;
}

export interface CollectOptions {
  /** At most this many items of one feed or sitemap, newest first when they are dated. */
  maxItems: number;
  now?: () => Date;
}

function reasonOf(error: unknown): string {
  if (error instanceof SkipError) return error.reason;
  return `could not be read: ${((error as Error)?.message ?? String(error)).split("\n")[0]}`;
}

function newestFirst(entries: ListingEntry[], max: number): ListingEntry[] {
  const dated = entries.map((entry, order) => ({ entry, order, time: entry.date ? Date.parse(entry.date) : Number.NaN }));
  if (dated.some((item) => !Number.isNaN(item.time))) {
    dated.sort((a, b) => (Number.isNaN(b.time) ? -Infinity : b.time) - (Number.isNaN(a.time) ? -Infinity : a.time) || a.order - b.order);
  }
  const seen = new Set<string>();
  const out: ListingEntry[] = [];
  for (const { entry } of dated) {
    let key: string;
    try {
      key = canonicalUrl(entry.url);
    } catch {
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
    if (out.length >= max) break;
  }
  return out;
}

export class WebCollector {
  /** The state of every source met in this run, to be saved once the index is written. */
  readonly state: Record<string, SourceState>;
  readonly outcomes: SourceOutcome[] = [];
  private readonly now: () => Date;

  constructor(
    private readonly fetcher: WebFetcher,
    previousState: Record<string, SourceState>,
    private readonly hooks: WebIngestHooks,
    private readonly options: CollectOptions,
  ) {
    this.state = { ...previousState };
    this.now = options.now ?? (() => new Date());
  }

  /** Ingest every source; never throws for bad input. */
  async collect(urls: readonly string[]): Promise<void> {
    for (const url of urls) {
      this.hooks.checkAbort();
      await this.source(url);
    }
  }

  private async source(input: string): Promise<void> {
    let url: string;
    try {
      url = canonicalUrl(input);
    } catch (error) {
      this.hooks.skip(input, reasonOf(error));
      this.outcomes.push({ url: input, kind: "page", items: 0, error: reasonOf(error) });
      return;
    }
    const previous = this.state[url];
    // What a source is, is only known from a refresh that worked.
    const settled = previous && !previous.error ? previous : undefined;
    const refreshedAt = this.now().toISOString();
    try {
      // A source known to be a page is asked for with its article's validators.
      if (settled?.kind === "page" || (!settled && this.hooks.known(url))) {
        await this.page({ url }, url);
        this.state[url] = { kind: "page", refreshedAt, items: 1 };
        this.outcomes.push({ url, kind: "page", items: 1 });
        return;
      }
      const validators = settled ? { etag: settled.etag, lastModified: settled.lastModified } : undefined;
      const outcome = await this.fetcher.fetch(url, { expect: settled ? "feed" : "any", ...(validators ? { validators } : {}) });
      if (outcome.kind === "not-modified" && settled) {
        this.state[url] = { ...settled, refreshedAt };
        this.outcomes.push({ url, kind: settled.kind, items: settled.items ?? 0, notModified: true, ...(settled.title ? { title: settled.title } : {}) });
        return;
      }
      if (outcome.kind === "not-modified") throw new SkipError("the server answered 304 Not Modified to a request that was not conditional");
      if (!looksLikeListing(outcome.body, outcome.contentType)) {
        await this.page({ url }, url, outcome);
        this.state[url] = { kind: "page", refreshedAt, items: 1 };
        this.outcomes.push({ url, kind: "page", items: 1 });
        return;
      }
      const listing = parseListing(outcome.body, outcome.contentType, outcome.url);
      const failuresBefore = this.failures;
      const items = await this.listing(listing, url);
      // An item that failed is asked for again next time: keep no validators that would hide it.
      const clean = this.failures === failuresBefore;
      this.state[url] = {
        kind: listing.kind,
        refreshedAt,
        items,
        ...(listing.title ? { title: listing.title } : {}),
        ...(clean && outcome.validators.etag ? { etag: outcome.validators.etag } : {}),
        ...(clean && outcome.validators.lastModified ? { lastModified: outcome.validators.lastModified } : {}),
      };
      this.outcomes.push({ url, kind: listing.kind, items, ...(listing.title ? { title: listing.title } : {}) });
    } catch (error) {
      if ((error as Error)?.name === "IngestAbortedError") throw error;
      const reason = reasonOf(error);
      this.hooks.skip(url, reason);
      this.state[url] = { ...(previous ?? { kind: "page" }), refreshedAt, error: reason } as SourceState;
      this.outcomes.push({ url, kind: previous?.kind ?? "page", items: 0, error: reason });
    }
  }

  private failures = 0;

  /** The items of a feed or sitemap; the children of a sitemap index, each asked for conditionally. */
  private async listing(listing: Listing, label: string): Promise<number> {
    if (listing.kind !== "sitemap-index") {
      const entries = newestFirst(listing.entries, this.options.maxItems);
      for (const entry of entries) {
        this.hooks.checkAbort();
        try {
          await this.page(entry, entry.url);
        } catch (error) {
          if ((error as Error)?.name === "IngestAbortedError") throw error;
          this.failures++;
          this.hooks.skip(entry.url, reasonOf(error));
        }
      }
      return entries.length;
    }
    let count = 0;
    for (const child of newestFirst(listing.entries, this.options.maxItems)) {
      this.hooks.checkAbort();
      const key = canonicalUrl(child.url);
      const previous = this.state[key];
      const refreshedAt = this.now().toISOString();
      try {
        const outcome = await this.fetcher.fetch(child.url, {
          expect: "feed",
          ...(previous ? { validators: { etag: previous.etag, lastModified: previous.lastModified } } : {}),
        });
        if (outcome.kind === "not-modified") {
          this.state[key] = { ...previous!, refreshedAt };
          continue;
        }
        const inner = parseListing(outcome.body, outcome.contentType, outcome.url);
        if (inner.kind === "sitemap-index") throw new SkipError("a sitemap index inside a sitemap index is not followed");
        const before = this.failures;
        const items = await this.listing(inner, child.url);
        count += items;
        const clean = this.failures === before;
        this.state[key] = {
          kind: inner.kind,
          refreshedAt,
          items,
          ...(clean && outcome.validators.etag ? { etag: outcome.validators.etag } : {}),
          ...(clean && outcome.validators.lastModified ? { lastModified: outcome.validators.lastModified } : {}),
        };
      } catch (error) {
        if ((error as Error)?.name === "IngestAbortedError") throw error;
        this.failures++;
        this.hooks.skip(`${child.url} (in ${label})`, reasonOf(error));
      }
    }
    return count;
  }

  /** One page: skipped when the listing dates it before our copy, else asked for conditionally. */
  private async page(entry: ListingEntry, label: string, fetched?: FetchOutcome): Promise<void> {
    const url = canonicalUrl(entry.url);
    const old = this.hooks.known(url);
    if (old && this.hooks.taken(old.meta.id)) return;
    if (!fetched && old?.web && entry.date) {
      const listed = Date.parse(entry.date);
      if (!Number.isNaN(listed) && listed < Date.parse(old.web.fetchedAt)) {
        this.hooks.keep(old);
        return;
      }
    }
    const outcome =
      fetched ??
      (await this.fetcher.fetch(entry.url, {
        expect: "page",
        ...(old?.web ? { validators: { etag: old.web.etag, lastModified: old.web.lastModified } } : {}),
      }));
    if (outcome.kind === "not-modified") {
      if (old) this.hooks.keep(old);
      return;
    }
    let article: Article;
    try {
      article = articleFromPage(outcome.body, outcome.contentType, outcome.url);
    } catch (error) {
      throw new SkipError(reasonOf(error));
    }
    if (this.hooks.taken(article.meta.id)) return;
    const web: WebOrigin = {
      url,
      finalUrl: canonicalUrl(outcome.url),
      ...(outcome.validators.etag ? { etag: outcome.validators.etag } : {}),
      ...(outcome.validators.lastModified ? { lastModified: outcome.validators.lastModified } : {}),
      fetchedAt: this.now().toISOString(),
    };
    void label;
    await this.hooks.ingest(article, web);
  }
}
