/**
 * The replay's own time. A conversation replays in milliseconds, but the bot
 * must see it at the pace it was had: the recorded times (or the gaps a
 * hand-written conversation gives), so that the rate limit counts messages as
 * it did live, and the bot's clock reads the conversation's day.
 */
import type { RedisType } from "../bot/rate-limit.js";

export class VirtualClock {
  constructor(private current: number) {}

  now = (): number => this.current;

  /** Move to a time; never backwards (recorded times of one chat only go forward). */
  set(ms: number): void {
    if (ms > this.current) this.current = ms;
  }

  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }
}

/** The two Redis commands the rate limiter uses, kept in memory and expiring on the virtual clock. */
export class ClockedCounterStore implements RedisType {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();

  constructor(private readonly clock: Pick<VirtualClock, "now">) {}

  async incr(key: string): Promise<number> {
    const now = this.clock.now();
    const entry = this.counters.get(key);
    if (!entry || entry.expiresAt <= now) {
      this.counters.set(key, { count: 1, expiresAt: Number.POSITIVE_INFINITY });
      return 1;
    }
    entry.count++;
    return entry.count;
  }

  async pexpire(key: string, milliseconds: number): Promise<number> {
    const entry = this.counters.get(key);
    if (!entry) return 0;
    entry.expiresAt = this.clock.now() + milliseconds;
    return 1;
  }
}
