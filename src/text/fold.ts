/**
 * Folding and word tokens shared by the gazetteer and name matching: one notion of
 * "the same word" across case, diacritics, curly apostrophes and possessives.
 */

const APOSTROPHES = /[’‘`´ʼ′]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const SPECIAL_LETTERS: Record<string, string> = {
  ß: "ss",
  ø: "o",
  Ø: "o",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};
const SPECIAL_LETTER_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join("")}]`, "g");

/** Straighten apostrophes: ’ ‘ ` ´ ʼ become '. */
export function straightenApostrophes(text: string): string {
  return text.replace(APOSTROPHES, "'");
}

/** Remove diacritics ("Türkiye" → "Turkiye", "Łukasz" → "Lukasz"), keeping case. */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(SPECIAL_LETTER_PATTERN, (ch) => SPECIAL_LETTERS[ch] ?? ch);
}

/** Drop a trailing possessive: "Biden's" → "Biden", "Harris'" → "Harris". Expects straight apostrophes. */
export function stripPossessive(word: string): string {
  if (word.length > 2 && (word.endsWith("'s") || word.endsWith("'S"))) return word.slice(0, -2);
  if (word.length > 1 && word.endsWith("'")) return word.slice(0, -1);
  return word;
}

const foldCache = new Map<string, string>();
const FOLD_CACHE_LIMIT = 50_000;

/** The comparison form of one word: lowercase, no diacritics, straight apostrophes, no possessive. */
export function foldWord(word: string): string {
  let folded = foldCache.get(word);
  if (folded === undefined) {
    folded = /^[a-z0-9]+$/.test(word) ? word : stripPossessive(stripDiacritics(straightenApostrophes(word))).toLowerCase();
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(word, folded);
  }
  return folded;
}

/** A word in a text with its position. `raw` is exactly the text between `start` and `end`. */
export interface WordToken {
  raw: string;
  /** foldWord(raw). */
  key: string;
  start: number;
  end: number;
}

// Dotted acronyms ("U.S.", "D.C.") stay one word; otherwise letters and digits,
// with inner apostrophes and hyphens ("d'Ivoire", "Secretary-General", "Biden’s").
const WORD_PATTERN = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’‘ʼ\-‐][\p{L}\p{N}]+)*['’]?/gu;

/** Split text into words, with their offsets. Linear in the text length. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(WORD_PATTERN)) {
    const raw = match[0];
    const start = match.index;
    tokens.push({ raw, key: foldWord(raw), start, end: start + raw.length });
  }
  return tokens;
}

/** The comparison key of a phrase: its folded words joined by one space. */
export function foldPhrase(phrase: string): string {
  return wordTokens(phrase)
    .map((token) => token.key)
    .join(" ");
}
