/**
 * Whether the articles use a word only as a name: "trump", "rice" and "johnson"
 * are English words, but the articles write them capitalised inside sentences
 * (as names) nearly every time, while "young" and "party" appear in lowercase
 * too. A question typed in lowercase may then mean the person by such a word.
 * Each word is counted over the texts once, on first asking, and remembered.
 */

/** Above this share of lowercase occurrences, the articles use the word as a word. */
const LOWERCASE_SHARE = 0.1;

/** At least this many capitalised occurrences inside sentences, so that a word seen once or twice proves nothing. */
const NAME_OCCURRENCES = 3;

export function writtenAsNameIn(texts: () => Iterable<string>): (word: string) => boolean {
  const known = new Map<string, boolean>();
  return (word) => {
    const key = word.toLowerCase();
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const answer = countUsage(texts(), key);
    known.set(key, answer);
    return answer;
  };
}

function countUsage(texts: Iterable<string>, word: string): boolean {
  if (!/^\p{L}+$/u.test(word)) return false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "giu");
  let asName = 0;
  let lowercase = 0;
  for (const text of texts) {
    for (const match of text.matchAll(pattern)) {
      if (/^\p{Ll}/u.test(match[0])) lowercase++;
      else if (!opensSentence(text, match.index)) asName++;
    }
  }
  return asName >= NAME_OCCURRENCES && lowercase <= LOWERCASE_SHARE * (asName + lowercase);
}

/** A capital after a sentence end (or at the start of the text) says nothing about names. */
function opensSentence(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 4), at);
  return at === 0 || /(?:^|[.!?:;"“]\s*|\n\s*)$/u.test(before);
}
