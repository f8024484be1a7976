/**
 * Web addresses as article ids: only http and https, and one spelling per page, so
 * the same story reached through two links (tracking parameters, a fragment, an
 * upper-case host) is one article.
 */
import { SkipError } from "../errors.js";

/** Query parameters that only say where a reader came from. */
const TRACKING_PARAMETER =
  /^(utm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|ref_src|ref_url|cmpid|ocid|smid|smtyp|partner|ito|at_medium|at_campaign|at_custom\d*|sr_share|share|xtor|__twitter_impression|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|s_cid|icid)$/i;

/** Parse a web address given by an admin or found in a feed; anything but http(s) is refused with a reason. */
export function parseWebUrl(input: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    throw new SkipError(`not a web address: ${JSON.stringify(input.slice(0, 200))}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SkipError(`only http and https addresses can be fetched, not ${url.protocol.replace(/:$/, "")}:`);
  }
  if (url.username || url.password) throw new SkipError("an address with a user name or password in it is not fetched");
  if (!url.hostname) throw new SkipError("the address has no host");
  return url;
}

/** The address with tracking parameters and the fragment removed: the article id of a page. */
export function canonicalUrl(input: string | URL): string {
  const url = typeof input === "string" ? parseWebUrl(input) : new URL(input.href);
  url.hash = "";
  for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
  if (url.searchParams.size === 0) url.search = "";
  return url.href;
}

/** A host with the prefixes that name the same site stripped ("www.", "m.", "amp."). */
function siteOf(hostname: string): string {
  return hostname.toLowerCase().replace(/^(?:www\d?|m|amp|mobile)\./, "");
}

/**
 * Whether a page may name `canonical` as its own address: the same site, or one
 * a subdomain of the other (an AMP or mobile copy). A page on one site cannot
 * claim to be another site's article.
 */
export function sameSite(a: URL, b: URL): boolean {
  const x = siteOf(a.hostname);
  const y = siteOf(b.hostname);
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}
