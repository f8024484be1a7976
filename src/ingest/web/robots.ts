/**
 * robots.txt, read once an hour per origin with `robots-parser`. Following RFC 9309:
 * a missing file (4xx) allows everything, an unreachable one (5xx, network error)
 * disallows everything until it can be read.
 */
import robotsParserModule from "robots-parser";
import { BlockedAddressError } from "./errors.js";

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// The package is CommonJS (`module.exports = function`) while its types declare an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robots;

export const ROBOTS_TTL_MS = 60 * 60 * 1000;

export interface RobotsAnswer {
  allowed: boolean;
  /** Crawl-delay in milliseconds, when the file sets one for us. */
  crawlDelayMs?: number;
  /** Why it is not allowed. */
  reason?: string;
}

/** Fetches a robots.txt: its status and text, or throws on a network error. */
export type RobotsLoader = (robotsUrl: string) => Promise<{ status: number; text: string }>;

export class RobotsCache {
  private readonly cache = new Map<string, { at: number; robots?: Robots; unreachable?: string }>();

  constructor(
    private readonly userAgent: string,
    private readonly load: RobotsLoader,
    private readonly now: () => number = Date.now,
  ) {}

  async check(url: URL): Promise<RobotsAnswer> {
    const entry = await this.entry(url.origin);
    if (entry.unreachable)
      return { allowed: false, reason: `robots.txt of ${url.host} could not be read (${entry.unreachable}), so nothing there is fetched for now` };
    if (!entry.robots) return { allowed: true };
    const allowed = entry.robots.isAllowed(url.href, this.userAgent) !== false;
    const delay = entry.robots.getCrawlDelay(this.userAgent);
    return {
      allowed,
      ...(delay ? { crawlDelayMs: Math.min(delay, 60) * 1000 } : {}),
      ...(allowed ? {} : { reason: `robots.txt of ${url.host} does not allow fetching ${url.pathname}` }),
    };
  }

  private async entry(origin: string) {
    const cached = this.cache.get(origin);
    if (cached && this.now() - cached.at < ROBOTS_TTL_MS) return cached;
    const robotsUrl = `${origin}/robots.txt`;
    let entry: { at: number; robots?: Robots; unreachable?: string };
    try {
      const { status, text } = await this.load(robotsUrl);
      if (status >= 200 && status < 300) entry = { at: this.now(), robots: robotsParser(robotsUrl, text) };
      else if (status >= 400 && status < 500) entry = { at: this.now() };
      else entry = { at: this.now(), unreachable: `HTTP ${status}` };
    } catch (error) {
      // A refused address is the page's problem too: say that, not "robots.txt unreadable".
      if (error instanceof BlockedAddressError) throw error;
      entry = { at: this.now(), unreachable: (error as Error).message };
    }
    this.cache.set(origin, entry);
    return entry;
  }
}
