/**
 * A fetched web page as an article: the same HTML loader, cleaning and metadata as
 * a local `.html` file, with the page's canonical address as the article id.
 */
import { SkipError } from "../errors.js";
import { articlesFromText } from "../read.js";
import type { Article } from "../../types/index.js";
import { decodeBody } from "./charset.js";
import { canonicalUrl, sameSite } from "./url.js";

/**
 * The article id of a page fetched from `finalUrl`: the canonical address it names
 * (`<link rel="canonical">`, `og:url`, JSON-LD), when that is on the same site, so
 * AMP copies, redirects and tracking links collapse into one; else the final address.
 */
export function pageId(finalUrl: string, statedUrl: string | undefined): string {
  const final = new URL(finalUrl);
  if (statedUrl) {
    try {
      const stated = new URL(statedUrl, final);
      if ((stated.protocol === "http:" || stated.protocol === "https:") && sameSite(stated, final)) return canonicalUrl(stated);
    } catch {
      // An unreadable canonical link is ignored.
    }
  }
  return canonicalUrl(final);
}

/** Sentences make an article; a front page, a menu or a form has links and labels instead. */
const MIN_PROSE_WORDS = 25;

function isArticle(article: Article): boolean {
  let words = 0;
  for (const paragraph of article.paragraphs) {
    const count = paragraph.split(/\s+/).filter(Boolean).length;
    if (count >= 8 && /[.!?…]["'”’»)]*$/.test(paragraph.trim())) words += count;
  }
  return words >= MIN_PROSE_WORDS;
}

/** Decode, check that it is an article, and read it. Throws SkipError with the reason. */
export function articleFromPage(body: Buffer, contentType: string, finalUrl: string): Article {
  const html = decodeBody(body, contentType);
  if (!/<html|<body|<p[\s>]|<article/i.test(html.slice(0, 200_000))) throw new SkipError("not an HTML page");
  const provisional = canonicalUrl(finalUrl);
  let article: Article | undefined;
  try {
    article = articlesFromText(html, ".html", provisional).articles[0];
  } catch (error) {
    if (error instanceof SkipError) throw new SkipError(`not an article: ${error.reason}`);
    throw error;
  }
  if (!article || !isArticle(article)) {
    throw new SkipError("not an article: the page has no body of text long enough to read (a list of links, a form, or a front page?)");
  }
  const id = pageId(finalUrl, article.meta.sourceUrl);
  return { ...article, meta: { ...article.meta, id, sourceUrl: id } };
}
