/**
 * HTML pages: the article text through @mozilla/readability over linkedom (not the
 * navigation, footers or scripts), with the title, dates and canonical URL from the
 * page's <meta> tags, <time> elements and JSON-LD.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { normaliseDate } from "../../text/calendar.js";
import type { RawDocument } from "../types.js";

type Doc = ReturnType<typeof parseHTML>["document"];
type El = ReturnType<Doc["querySelector"]>;

const BLOCKS = new Set([
  "P",
  "DIV",
  "SECTION",
  "ARTICLE",
  "MAIN",
  "BLOCKQUOTE",
  "PRE",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "UL",
  "OL",
  "LI",
  "TABLE",
  "TR",
  "FIGURE",
  "FIGCAPTION",
  "HEADER",
  "FOOTER",
  "ASIDE",
  "DL",
  "DT",
  "DD",
  "HR",
  "ADDRESS",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "NAV", "IFRAME", "FORM", "BUTTON", "SELECT"]);

function meta(document: Doc, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    const element = document.querySelector(selector);
    const value = element?.getAttribute("content") ?? element?.getAttribute("datetime") ?? element?.getAttribute("href") ?? undefined;
    if (value?.trim()) return value.trim();
  }
  return undefined;
}

function jsonLd(document: Doc): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const value: unknown = JSON.parse(script.textContent ?? "");
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) {
        if (item && typeof item === "object") {
          found.push(item as Record<string, unknown>);
          const graph = (item as Record<string, unknown>)["@graph"];
          if (Array.isArray(graph)) found.push(...graph.filter((node): node is Record<string, unknown> => !!node && typeof node === "object"));
        }
      }
    } catch {
      // A broken JSON-LD block only loses the metadata it held.
    }
  }
  return found;
}

/** Text of an element with one paragraph per block element and "- " before list items. */
export function blockText(root: NonNullable<El>): string {
  const out: string[] = [];
  const walk = (node: { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<unknown> }) => {
    if (node.nodeType === 3) {
      out.push((node.textContent ?? "").replace(/\s+/g, " "));
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === "BR") {
      out.push("\n");
      return;
    }
    const block = BLOCKS.has(name);
    if (block) out.push("\n\n");
    if (name === "LI") out.push("- ");
    if (/^H[1-6]$/.test(name)) out.push(`${"#".repeat(Number(name[1]))} `);
    for (const child of Array.from(node.childNodes)) walk(child as typeof node);
    if (block) out.push("\n\n");
  };
  walk(root as unknown as Parameters<typeof walk>[0]);
  return out
    .join("")
    .split(/\n{2,}/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .map((line) => line.trim())
        .join("\n")
        .trim(),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join("\n\n");
}

/** Elements that never hold others, and those whose end tag HTML lets a page leave out: neither deepens the page. */
const NO_NESTING = new Set(
  "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option optgroup thead tbody tfoot colgroup rt rp".split(" "),
);

/**
 * How deep a page's elements nest, read from its tags alone (linear time, no
 * parsing), stopping once past `stopAt`. Parsers and Readability recurse
 * through the tree: a page 5,000 levels deep takes minutes and overflows the stack.
 */
export function htmlNestingDepth(text: string, stopAt = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  for (const match of text.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:\s[^<>]*?)?(\/?)>/g)) {
    const name = match[2]!.toLowerCase();
    if (NO_NESTING.has(name) || match[3] === "/") continue;
    if (match[1]) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    depth++;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > stopAt) break;
    }
  }
  return deepest;
}

export function loadHtml(text: string, id: string): RawDocument {
  const { document } = parseHTML(text);
  const ld = jsonLd(document);
  const ldValue = (key: string) => {
    for (const node of ld) {
      const value = node[key];
      if (typeof value === "string" && value.trim()) return value.trim();
    }
    return undefined;
  };

  const metaTitle = meta(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[name="title"]']) ?? ldValue("headline");
  const h1 = document.querySelector("article h1, main h1, h1")?.textContent?.replace(/\s+/g, " ").trim();
  const pageTitle = document.querySelector("title")?.textContent?.replace(/\s+/g, " ").trim();
  const dateText =
    meta(document, [
      'meta[property="article:published_time"]',
      'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="date"]',
      'meta[name="pubdate"]',
      'meta[name="publish-date"]',
      'meta[name="dc.date"]',
      'meta[name="DC.date.issued"]',
      'meta[property="og:published_time"]',
      "time[datetime]",
    ]) ?? ldValue("datePublished");
  const url = meta(document, ['link[rel="canonical"]', 'meta[property="og:url"]']) ?? ldValue("url");
  const keywords = meta(document, ['meta[name="keywords"]', 'meta[name="news_keywords"]']);
  const language =
    document.documentElement?.getAttribute("lang")?.trim() || meta(document, ['meta[http-equiv="content-language"]', 'meta[property="og:locale"]']);
  const tagElements = Array.from(document.querySelectorAll('meta[property="article:tag"]') as ArrayLike<{ getAttribute(name: string): string | null }>)
    .map((element) => element.getAttribute("content")?.trim())
    .filter((tag): tag is string => !!tag);

  // Readability mutates the document, so every <meta> read happens first.
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 0, keepClasses: false }).parse();
  let body = "";
  if (article?.content) {
    const { document: fragment } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    body = blockText(fragment.body as NonNullable<El>);
  }
  if (!body.trim()) {
    const { document: fresh } = parseHTML(text);
    for (const element of fresh.querySelectorAll("nav, header, footer, aside, script, style, noscript, form")) element.remove();
    body = fresh.body ? blockText(fresh.body as NonNullable<El>) : "";
  }

  // Readability weighs JSON-LD, the <meta> tags and the headline, and drops a site name
  // appended to the title ("... - BBC News"); our own reading is the fallback.
  const title = article?.title?.replace(/\s+/g, " ").trim() || (metaTitle ?? h1 ?? pageTitle);
  const publishedDate = normaliseDate(article?.publishedTime ?? undefined) ?? normaliseDate(dateText);
  const byline = article?.byline?.replace(/\s+/g, " ").trim();
  const tags = [...new Set([...(keywords ? keywords.split(",").map((tag) => tag.trim()) : []), ...tagElements].filter(Boolean))];
  return {
    id,
    format: "html",
    body,
    tags,
    ...(title ? { title } : {}),
    ...(publishedDate ? { publishedDate } : {}),
    ...(url && /^https?:\/\//i.test(url) ? { sourceUrl: url } : {}),
    ...(byline && byline.length <= 200 ? { byline } : {}),
    ...(language && language.length <= 35 ? { language } : {}),
  };
}
