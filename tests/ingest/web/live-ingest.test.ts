/** Feeds and sitemaps kept fresh: incremental refreshes, one article per story, bad input reported. */
import { describe, expect, it } from "vitest";
import { openIndex } from "../../../src/store/index-store.js";
import { readSourceState } from "../../../src/store/source-state.js";
import { STORIES, LATE_STORY, storyHtml } from "../../helpers/news-site.js";
import { useWebIngest } from "../../helpers/web-ingest.js";

describe("a feed refreshed again and again", () => {
  const web = useWebIngest({ prefix: "readout-live-", setUp: (site) => [...STORIES].reverse().forEach((story) => site.publish(story)) });
  const { site, embeddings } = web;
  const refresh = (urls: string[]) => web.ingest(urls);

  it("the first refresh ingests every item, with the page's address (no tracking parameters) as its id", async () => {
    const summary = await refresh([site.url("/feed.xml")]);
    expect(summary.skipped).toEqual([]);
    expect(summary.added).toBe(3);
    expect(summary.sources).toEqual([{ url: site.url("/feed.xml"), kind: "feed", title: "Meridian News", items: 3 }]);
    const index = await openIndex(web.indexDir, embeddings);
    const article = index.articles.get(site.url("/news/halvarsen-okafor-port-talks.html"))!;
    expect(article.meta.title).toBe("Halvarsen and Okafor agree on port access in Tessaly");
    expect(article.meta.publishedDate).toBe("2024-03-04");
    expect(article.paragraphs).toEqual(STORIES[0]!.paragraphs);
    expect(article.meta.sourceUrl).toBe(site.url("/news/halvarsen-okafor-port-talks.html"));
  });

  it("a second refresh of the unchanged feed makes only conditional requests and embeds nothing", async () => {
    const before = site.server.requests.length;
    embeddings.embeddedTexts = [];
    const summary = await refresh([site.url("/feed.xml")]);
    const requests = site.server.requests.slice(before).filter((request) => request.path !== "/robots.txt");
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) expect(request.headers["if-none-match"], request.path).toBeDefined();
    expect(summary.sources?.[0]?.notModified).toBe(true);
    expect(embeddings.embeddedTexts).toEqual([]);
    expect(summary.written).toBe(false);
    expect(summary.added + summary.updated).toBe(0);
  });

  it("when the feed changes, unchanged items cost a conditional request and a changed item is re-embedded alone", async () => {
    const changed = {
      ...STORIES[1]!,
      paragraphs: [...STORIES[1]!.paragraphs, "On Wednesday evening the ministers added a clause on shared weather stations along the river."],
    };
    site.publish(changed);
    site.publish(LATE_STORY);
    const before = site.server.requests.length;
    embeddings.embeddedTexts = [];
    const summary = await refresh([site.url("/feed.xml")]);
    expect(summary.skipped).toEqual([]);
    expect(summary.added).toBe(1);
    expect(summary.updated).toBe(1);
    expect(summary.unchanged).toBe(2);
    const pages = site.server.requests.slice(before).filter((request) => request.path.startsWith("/news/"));
    const unchangedRequests = pages.filter((request) => request.path.includes(STORIES[0]!.slug) || request.path.includes(STORIES[2]!.slug));
    expect(unchangedRequests).toHaveLength(2);
    for (const request of unchangedRequests) expect(request.headers["if-none-match"]).toBeDefined();
    // Only the new paragraph of the changed story, and the new story, were embedded.
    expect(embeddings.embeddedTexts.length).toBeGreaterThan(0);
    for (const text of embeddings.embeddedTexts)
      expect(text.includes("weather stations") || text.includes("grain corridor") || text.includes("Zarenko") || text.includes("Lindqvist")).toBe(true);
    expect(embeddings.embeddedTexts.some((text) => text.includes("weather stations"))).toBe(true);
    const state = await readSourceState(web.indexDir);
    expect(state[site.url("/feed.xml")]).toMatchObject({ kind: "feed", items: 4 });
    expect(state[site.url("/feed.xml")]!.etag).toBeTruthy();
  });

  it("a news sitemap lists the same pages: the items its dates put before our copy cost no request at all", async () => {
    const before = site.server.requests.length;
    embeddings.embeddedTexts = [];
    const summary = await refresh([site.url("/sitemap.xml")]);
    expect(summary.skipped).toEqual([]);
    expect(summary.sources?.[0]).toMatchObject({ kind: "sitemap", items: 4 });
    expect(summary.unchanged).toBe(4);
    expect(site.server.requests.slice(before).filter((request) => request.path.startsWith("/news/"))).toEqual([]);
    expect(embeddings.embeddedTexts).toEqual([]);
  });
});

describe("one story, several links", () => {
  const web = useWebIngest({
    prefix: "readout-links-",
    setUp: (site) => {
      const story = STORIES[0]!;
      const canonical = site.url("/news/port-talks.html");
      site.server.routes.set("/news/port-talks.html", { body: storyHtml(story, canonical) });
      site.server.routes.set("/amp/news/port-talks.html", { body: storyHtml(story, canonical) });
      site.server.routes.set("/r/42", { status: 301, headers: { location: "/news/port-talks.html?utm_source=newsletter&fbclid=x" } });
    },
  });
  const { site, embeddings } = web;

  it("tracking parameters, an AMP copy and a redirect all lead to one article, its canonical address", async () => {
    const urls = [site.url("/news/port-talks.html?utm_campaign=spring#top"), site.url("/amp/news/port-talks.html"), site.url("/r/42")];
    const summary = await web.ingest(urls);
    expect(summary.skipped).toEqual([]);
    expect(summary.added).toBe(1);
    expect(summary.duplicates).toEqual([]);
    const index = await openIndex(web.indexDir, embeddings);
    expect([...index.articles.keys()]).toEqual([site.url("/news/port-talks.html")]);
  });
});

describe("bad input", () => {
  const web = useWebIngest({
    prefix: "readout-bad-web-",
    fetch: { timeoutMs: 1500, maxBytes: 2 * 1024 * 1024 },
    setUp: (site) => STORIES.forEach((story) => site.publish(story)),
  });
  const { site, embeddings } = web;

  it("a 404, a timeout, a page that is not an article, broken XML, a huge file: one line each, the rest goes on, the old index stays", async () => {
    const first = await web.ingest([site.url(`/news/${STORIES[0]!.slug}.html`)]);
    expect(first.added).toBe(1);
    const urls = [
      site.url("/missing.html"),
      site.url("/slow.html"),
      site.url("/front.html"),
      site.url("/broken.xml"),
      site.url("/huge.html"),
      site.url("/private/page.html"),
      "file:///etc/passwd",
      site.url("/feed.xml"),
    ];
    const summary = await web.ingest(urls);
    const reasons = Object.fromEntries(summary.skipped.map((skip) => [skip.path.replace(site.server.origin, ""), skip.reason]));
    expect(reasons).toEqual({
      "/missing.html": `HTTP 404 Not Found from ${site.url("/missing.html")}`,
      "/slow.html": `${site.server.origin.replace("http://", "")} did not answer within 2 s`,
      "/front.html": expect.stringMatching(/^not an article: /),
      "/broken.xml": expect.stringMatching(/^broken XML on line 1: /),
      "/huge.html": "the file is over the 2.0 MB limit",
      "/private/page.html": expect.stringMatching(/robots\.txt of .* does not allow fetching \/private\/page\.html/),
      "file:///etc/passwd": "only http and https addresses can be fetched, not file:",
    });
    for (const reason of Object.values(reasons)) expect(reason).not.toContain("\n");
    expect(summary.failed).toBe(true);
    expect(summary.added).toBe(2);
    expect(summary.unchanged).toBe(1);
    const index = await openIndex(web.indexDir, embeddings);
    expect(index.articles.size).toBe(3);
    const state = await readSourceState(web.indexDir);
    expect(state[site.url("/missing.html")]!.error).toMatch(/HTTP 404/);
  });
});
