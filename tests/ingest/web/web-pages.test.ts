/**
 * The twenty real pages of ../shared/corpora/web-pages, served from loopback and
 * ingested through a feed of our own, then again through a sitemap: for each page,
 * at least 95% of the article paragraphs Readability extracts (expected.html), none
 * of the page furniture, and the title and date of expected-metadata.json.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockText } from "../../../src/ingest/loaders/html.js";
import { runIngest } from "../../../src/ingest/run.js";
import { WebFetcher } from "../../../src/ingest/web/fetcher.js";
import { createLogger } from "../../../src/log.js";
import { openIndex } from "../../../src/store/index-store.js";
import type { StoredArticle } from "../../../src/store/types.js";
import { CountingEmbeddings } from "../../helpers/counting-embeddings.js";
import { WEB_PAGES_DIR } from "../../helpers/paths.js";
import { sharedAvailable } from "../../helpers/skip.js";
import { removeDir, tempDir } from "../../helpers/temp-dir.js";
import { WebServer } from "../../helpers/web-server.js";

const PAGES = WEB_PAGES_DIR;
const present = sharedAvailable(PAGES, "the web-pages tests");

/**
 * Lines of expected.html that are furniture by the issue's own definition (related
 * links, photo labels and credits, "continue reading", slideshow counters, a
 * dateline): Readability keeps them, the ingest must not. They count neither for
 * nor against retention; the test checks that none of them is kept.
 */
const FURNITURE =
  /^(related:|photo$|image$|credit\b|continue reading the main story$|read more:?$|\d+ \/ \d+$|cnnmoney \(new york\)|advertisement$|share (this|on)\b|comments?$|cookies?\b|sign up\b|subscribe\b)/i;

function fold(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).filter((word) => !/^\d{1,2}$/.test(word));
}

function grams(words: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) out.add(words.slice(i, i + 3).join(" "));
  return out;
}

/** Whether `paragraph` is in `text`: word for word, or at least `share` of its word triples. */
function contains(text: { joined: string; grams: Set<string> }, paragraph: string, share: number): boolean {
  const words = fold(paragraph);
  if (words.length === 0) return true;
  if (text.joined.includes(` ${words.join(" ")} `)) return true;
  const own = grams(words);
  if (own.size === 0) return false;
  let hits = 0;
  for (const gram of own) if (text.grams.has(gram)) hits++;
  return hits / own.size >= share;
}

function asText(paragraphs: string[]) {
  const words = fold(paragraphs.join(" \n "));
  return { joined: ` ${words.join(" ")} `, grams: grams(words) };
}

function expectedParagraphs(name: string): string[] {
  const html = readFileSync(path.join(PAGES, name, "expected.html"), "utf8");
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return blockText(document.body as never)
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/^#+\s*/, "").trim())
    .filter((paragraph) => fold(paragraph).length > 0);
}

describe.skipIf(!present)("the twenty real web pages, over loopback", () => {
  const names = present
    ? readdirSync(PAGES)
        .filter((name) => existsSync(path.join(PAGES, name, "source.html")))
        .sort()
    : [];
  const server = new WebServer();
  let root: string;
  let articles: Map<string, StoredArticle>;
  const embeddings = new CountingEmbeddings();
  let fetcher: WebFetcher;
  const retention: { name: string; kept: number; total: number; rawKept: number; rawTotal: number }[] = [];

  beforeAll(async () => {
    await server.start();
    root = await tempDir("readout-web-pages-");
    server.routes.set("/robots.txt", { headers: { "content-type": "text/plain" }, body: "User-agent: *\nDisallow: /admin/\n" });
    for (const name of names) {
      // As a server sends them: no charset in the header, the page says what it is.
      server.routes.set(`/news/${name}.html`, { headers: { "content-type": "text/html" }, body: readFileSync(path.join(PAGES, name, "source.html")) });
    }
    const items = names
      .map((name) => `<item><title>${name}</title><link>${server.url(`/news/${name}.html?utm_source=rss&amp;utm_medium=feed`)}</link></item>`)
      .join("");
    server.routes.set("/feed.xml", {
      headers: { "content-type": "application/rss+xml" },
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Twenty pages</title>${items}</channel></rss>`,
    });
    const urls = names.map((name) => `<url><loc>${server.url(`/news/${name}.html`)}</loc></url>`).join("");
    server.routes.set("/sitemap.xml", {
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`,
    });
    fetcher = new WebFetcher({ allowPrivate: ["127.0.0.1"], hostDelayMs: 0 });
    const summary = await runIngest({
      paths: [],
      urls: [server.url("/feed.xml")],
      indexDir: path.join(root, "index"),
      embeddings,
      fetcher,
      logger: createLogger("silent"),
    });
    expect(summary.skipped).toEqual([]);
    expect(summary.added).toBe(names.length);
    articles = (await openIndex(path.join(root, "index"), embeddings)).articles;
  });

  afterAll(async () => {
    fetcher?.close();
    await server.stop();
    await removeDir(root);
    if (retention.length > 0) {
      const kept = retention.reduce((sum, page) => sum + page.kept, 0);
      const total = retention.reduce((sum, page) => sum + page.total, 0);
      const worst = [...retention].sort((a, b) => a.kept / a.total - b.kept / b.total)[0]!;
      const rawKept = retention.reduce((sum, page) => sum + page.rawKept, 0);
      const rawTotal = retention.reduce((sum, page) => sum + page.rawTotal, 0);
      console.log(
        `web pages: ${kept}/${total} article paragraphs kept (${((100 * kept) / total).toFixed(1)}%), lowest ${worst.name} ${((100 * worst.kept) / worst.total).toFixed(1)}%; ` +
          `of all ${rawTotal} expected.html paragraphs, furniture lines included: ${rawKept} (${((100 * rawKept) / rawTotal).toFixed(1)}%)`,
      );
    }
  });

  it.each(names)("%s: the article's paragraphs, no furniture, its title and date", (name) => {
    const id = server.url(`/news/${name}.html`);
    const article = articles.get(id);
    expect(article, `article ${id}`).toBeDefined();
    const expected = expectedParagraphs(name);
    const body = expected.filter((paragraph) => !FURNITURE.test(paragraph));
    const ours = asText(article!.paragraphs);
    const lost = body.filter((paragraph) => !contains(ours, paragraph, 0.8));
    const rawKept = expected.filter((paragraph) => contains(ours, paragraph, 0.8)).length;
    retention.push({ name, kept: body.length - lost.length, total: body.length, rawKept, rawTotal: expected.length });
    expect((body.length - lost.length) / body.length, `lost: ${lost.map((p) => p.slice(0, 60)).join(" | ")}`).toBeGreaterThanOrEqual(0.95);

    const theirs = asText(expected);
    const extra = article!.paragraphs.filter((paragraph) => !contains(theirs, paragraph, 0.5));
    expect(extra, "paragraphs that are not the article's").toEqual([]);
    expect(article!.paragraphs.filter((paragraph) => FURNITURE.test(paragraph.trim()))).toEqual([]);

    const metadata = JSON.parse(readFileSync(path.join(PAGES, name, "expected-metadata.json"), "utf8")) as {
      title?: string;
      publishedTime?: string | null;
      byline?: string | null;
      lang?: string | null;
    };
    if (metadata.title) expect(article!.meta.title).toBe(metadata.title.replace(/\s+/g, " ").trim());
    if (metadata.publishedTime) expect(article!.meta.publishedDate).toBe(metadata.publishedTime.slice(0, 10));
    if (metadata.byline) expect(article!.meta.byline).toBe(metadata.byline.replace(/\s+/g, " ").trim());
    if (metadata.lang) expect(article!.meta.language).toBe(metadata.lang);
    expect(article!.web?.url).toBe(id);
  });

  it("the same pages through a sitemap, without tracking parameters, are the same articles: nothing new, nothing embedded", async () => {
    embeddings.embeddedTexts = [];
    const summary = await runIngest({
      paths: [],
      urls: [server.url("/sitemap.xml")],
      indexDir: path.join(root, "index"),
      embeddings,
      fetcher,
      logger: createLogger("silent"),
    });
    expect(summary.skipped).toEqual([]);
    expect(summary.added).toBe(0);
    expect(summary.unchanged).toBe(names.length);
    expect(embeddings.embeddedTexts).toEqual([]);
  });
});
