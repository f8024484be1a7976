/** Suggestions for a mistyped name (an option, a command, a key of a file) among the names that exist. */
import { closest, distance } from "fastest-levenshtein";

/** The name among `candidates` that `typed` is most likely a typo of (or the one name it begins), if any is close enough. */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || typed.length === 0) return undefined;
  const prefixed = candidates.filter((candidate) => typed.length >= 2 && candidate.startsWith(typed));
  if (prefixed.length === 1) return prefixed[0];
  const best = closest(typed, candidates as string[]);
  // Two edits cover a swapped pair of letters ("jsno"); short names allow fewer, so "xy" suggests nothing.
  const allowed = typed.length <= 2 ? 1 : typed.length <= 6 ? 2 : 3;
  return distance(typed, best) <= allowed ? best : undefined;
}
