/**
 * A small news site of our own on loopback, for the live-source tests: article
 * pages with ETags, an RSS feed that can grow, a sitemap, robots.txt, and the
 * bad cases (a missing page, a slow one, a front page that is not an article,
 * broken XML, a huge file).
 */
import { createHash } from "node:crypto";
import type http from "node:http";
import { WebServer } from "./web-server.js";

export interface Story {
  slug: string;
  title: string;
  date: string;
  paragraphs: string[];
}

function etagOf(text: string): string {
  return `"${createHash("sha1").update(text).digest("hex").slice(0, 12)}"`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function storyHtml(story: Story, canonical?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${story.title} | Meridian News</title>
<meta property="og:title" content="${story.title}"><meta property="article:published_time" content="${story.date}T09:00:00Z">
${canonical ? `<link rel="canonical" href="${canonical}">` : ""}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<main><article><h1>${story.title}</h1>
${story.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join("\n")}
</article>
<aside><h2>Related stories</h2><ul><li><a href="/x">Markets rally</a></li><li><a href="/y">Weather turns</a></li></ul></aside></main>
<footer>© 2024 Meridian News. All rights reserved.</footer></body></html>`;
}

/** Serve a body with an ETag, answering 304 to a matching If-None-Match. */
function conditional(res: http.ServerResponse, req: http.IncomingMessage, type: string, body: string): void {
  const etag = etagOf(body);
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, { etag }).end();
    return;
  }
  res.writeHead(200, { "content-type": type, etag }).end(body);
}

export class NewsSite {
  readonly server = new WebServer();
  readonly stories = new Map<string, Story>();
  /** Slugs the feed lists, newest first. */
  feed: string[] = [];

  async start(host = "127.0.0.1"): Promise<string> {
    const origin = await this.server.start(host);
    const routes = this.server.routes;
    routes.set("/robots.txt", { headers: { "content-type": "text/plain" }, body: "User-agent: *\nDisallow: /private/\n" });
    routes.set("/feed.xml", (req, res) => conditional(res, req, "application/rss+xml; charset=utf-8", this.rss()));
    routes.set("/sitemap.xml", (req, res) => conditional(res, req, "application/xml", this.sitemap()));
    routes.set("/missing.html", { status: 404, body: "Not here" });
    routes.set("/slow.html", { body: "<html><body><p>late</p></body></html>", delayMs: 5000 });
    routes.set("/front.html", {
      body: `<html><head><title>Meridian News</title></head><body><nav>${Array.from({ length: 30 }, (_, i) => `<a href="/s${i}">Story ${i}</a>`).join(" ")}</nav></body></html>`,
    });
    routes.set("/broken.xml", {
      headers: { "content-type": "application/rss+xml" },
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><title>A</title></channel>`,
    });
    routes.set("/huge.html", (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const part = `<p>${"word ".repeat(2000)}</p>`;
      for (let i = 0; i < 700; i++) res.write(part);
      res.end();
    });
    return origin;
  }

  url(path: string): string {
    return this.server.url(path);
  }

  /** Publish (or change) a story; `inFeed` puts it at the top of the feed. */
  publish(story: Story, inFeed = true): void {
    this.stories.set(story.slug, story);
    this.server.routes.set(`/news/${story.slug}.html`, (req, res) => conditional(res, req, "text/html; charset=utf-8", storyHtml(story)));
    if (inFeed && !this.feed.includes(story.slug)) this.feed.unshift(story.slug);
  }

  rss(): string {
    const items = this.feed
      .map((slug) => this.stories.get(slug)!)
      .map(
        (story) =>
          `<item><title>${escapeXml(story.title)}</title><link>${escapeXml(this.url(`/news/${story.slug}.html?utm_source=rss&utm_medium=feed`))}</link><guid isPermaLink="false">${story.slug}</guid></item>`,
      )
      .join("\n");
    return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Meridian News</title><link>${this.url("/")}</link>\n${items}\n</channel></rss>`;
  }

  sitemap(): string {
    const urls = this.feed
      .map((slug) => this.stories.get(slug)!)
      .map(
        (story) =>
          `<url><loc>${this.url(`/news/${story.slug}.html`)}</loc><news:news><news:publication><news:name>Meridian</news:name><news:language>en</news:language></news:publication><news:publication_date>${story.date}</news:publication_date><news:title>${escapeXml(story.title)}</news:title></news:news></url>`,
      )
      .join("\n");
    return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls}\n</urlset>`;
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}

/** Invented meetings, written for these tests. */
export const STORIES: Story[] = [
  {
    slug: "halvarsen-okafor-port-talks",
    title: "Halvarsen and Okafor agree on port access in Tessaly",
    date: "2024-03-04",
    paragraphs: [
      "Prime Minister Ingrid Halvarsen of Norveland met President Chidi Okafor of Lagosia in Tessaly on Monday to discuss access to the northern ports.",
      "The two leaders agreed that cargo ships from Lagosia would use the port of Vell for the next ten years, with customs checks shared between both countries.",
      "Halvarsen said the agreement would cut shipping times by a third, and Okafor called it the most important trade step of his term.",
    ],
  },
  {
    slug: "marquena-visit-brennholm",
    title: "Foreign Minister Marquena visits Brennholm for water talks",
    date: "2024-03-05",
    paragraphs: [
      "Foreign Minister Lucia Marquena of Serrania arrived in Brennholm on Tuesday for two days of talks on the shared river basin.",
      "Marquena and her counterpart Tomas Adler signed a memorandum on flood warnings and agreed to meet again before the autumn rains.",
      "Officials said the talks also covered fishing rights, which remain unresolved after three earlier rounds.",
    ],
  },
  {
    slug: "council-rail-summit",
    title: "Regional council holds rail summit in Ostrava Nova",
    date: "2024-03-06",
    paragraphs: [
      "The regional transport council met in Ostrava Nova on Wednesday and chose the coastal route for the new high-speed line.",
      "Council chair Mira Vesk said construction would start next spring and that the line would carry its first passengers in 2029.",
      "Two members voted against the plan, citing its cost of 4.2 billion crowns.",
    ],
  },
];

/** A story published after the bot started, for the live-refresh tests. */
export const LATE_STORY: Story = {
  slug: "zarenko-lindqvist-grain-call",
  title: "Zarenko and Lindqvist discuss grain corridor by phone",
  date: "2024-03-08",
  paragraphs: [
    "President Aleksei Zarenko of Volgaria spoke by phone with Chancellor Britta Lindqvist of Hallmark on Friday about reopening the grain corridor through the Karst Sea.",
    "Zarenko offered to guarantee safe passage for forty cargo ships a month, and Lindqvist promised naval escorts from Hallmark for the first convoys.",
    "The two leaders agreed to meet in person in Sundvik next month to sign the corridor treaty.",
  ],
};
