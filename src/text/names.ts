/**
 * Name normalisation for matching people across spellings: "Zelenskyy", "Zelensky"
 * and "zelenskiy" share one key; "Biden’s" is "Biden"; "Łukasz" is "lukasz".
 *
 * `nameKey` folds each word (case, diacritics, apostrophes, possessives), drops
 * honorifics, initials and suffixes, then applies transliteration rules and a
 * table of known variants. `nameSimilarity`/`namesMatch` catch typos with a
 * Damerau-Levenshtein (optimal string alignment) distance whose allowance grows
 * with the word's length.
 */
import { foldWord, wordTokens } from "./fold.js";
import { DEGREE_SUFFIXES, NAME_ARTICLE_PREFIXES, NAME_HONORIFICS, NAME_SUFFIXES } from "./lexicon/names.js";

/** Suffixes that are no part of a name's key: "Jr.", "III", "PhD". */
const SUFFIXES: ReadonlySet<string> = new Set([...NAME_SUFFIXES, ...DEGREE_SUFFIXES]);

/** Spelling variants of one name (first entry is the key all of them map to). */
const VARIANT_GROUPS: string[][] = [
  ["lukashenko", "lukashenka", "lukaschenko"],
  ["zelensky", "zelenskyy", "zelenskiy", "zelenskyi", "zelenski", "zelenskii", "selenskyj", "zelenskij"],
  ["alexander", "aleksandr", "alexandr", "aleksander", "alexandre", "aleksandar", "alyaksandr", "aliaksandr", "olexander"],
  ["alexei", "aleksei", "alexey", "aleksey", "alexej"],
  ["sergei", "sergey", "serhiy", "sergiy", "serhii"],
  ["yuri", "yury", "yuriy", "iurii"],
  ["dmitry", "dmitri", "dmitriy"],
  ["mikhail", "michail"],
  ["andriy", "andrii"],
  ["andrei", "andrey"],
  ["oleksandr", "olexandr"],
  ["tikhanovskaya", "tsikhanouskaya", "tsikhanovskaya", "tikhanovskaia"],
  ["mohammed", "mohamed", "muhammad", "mohammad", "muhammed", "mohamad"],
  ["abdullah", "abdallah"],
  ["hussein", "husain", "hussain", "husayn"],
  ["tokayev", "tokaev"],
  ["mirziyoyev", "mirziyoev"],
  ["aliyev", "aliev"],
  ["pashinyan", "pashinian"],
  ["yoon", "yun"],
  ["gaddafi", "qaddafi", "kadhafi", "qadhafi"],
  ["navalny", "navalnyy", "navalniy"],
  ["tsikhanouski", "tikhanovsky"],
  // English short forms of given names, so "Joe Biden" is "Joseph R. Biden, Jr.".
  ["joseph", "joe"],
  ["william", "bill"],
  ["robert", "bob"],
  ["james", "jim", "jimmy"],
  ["michael", "mike"],
  ["anthony", "tony"],
  ["elizabeth", "liz"],
  ["thomas", "tom"],
  ["richard", "dick"],
  ["edward", "ted"],
  ["charles", "chuck"],
  ["peter", "pete"],
  ["benjamin", "ben", "bibi"],
  ["daniel", "dan"],
  ["david", "dave"],
  ["stephen", "steve", "steven"],
  ["christopher", "chris"],
  ["nicholas", "nick"],
  ["matthew", "matt"],
  ["andrew", "andy"],
  ["ronald", "ron"],
  ["donald", "don"],
  ["martin", "marty"],
  ["samuel", "sam"],
  ["kamala"],
];

const variantKey = new Map<string, string>();
for (const group of VARIANT_GROUPS) {
  const [head] = group;
  if (!head) continue;
  for (const variant of group) variantKey.set(transliterate(foldWord(variant)), transliterate(head));
}

/**
 * Generic transliteration folding for one folded word, safe for English names:
 * "ks" → "x", doubled letters single, "-iy"/"-yy"/"-yi"/"-ii" endings → "y", "dzh"/"j".
 */
function transliterate(word: string): string {
  let out = word.replace(/[‐-]/g, "-");
  out = out.replace(/ks/g, "x");
  out = out.replace(/(iy|yy|yi|ii|ij|yj)$/, "y");
  out = out.replace(/dzh/g, "j");
  out = out.replace(/([a-z])\1+/g, "$1");
  return out;
}

/** The words of a name, folded, without honorifics, initials or suffixes. */
export function nameWords(name: string): string[] {
  const words = wordTokens(name).map((token) => token.key.replace(/\.$/, ""));
  const kept = words.filter((word, index) => {
    if (SUFFIXES.has(word.replace(/\./g, ""))) return false;
    if (/^[a-z]$/.test(word) || /^(?:[a-z]\.)+[a-z]?$/.test(word)) return false; // initials: "R."
    if (NAME_HONORIFICS.has(word) && (index === 0 || index === words.length - 1 || NAME_HONORIFICS.has(words[index - 1] ?? ""))) return false;
    return true;
  });
  return kept.length > 0 ? kept : words;
}

/** The matching key of one word of a name. */
export function nameWordKey(word: string): string {
  const folded = transliterate(foldWord(word));
  return variantKey.get(folded) ?? folded;
}

/**
 * One key for all spellings of a name: `nameKey("Aleksandr Lukashenka")` ===
 * `nameKey("Alexander Lukashenko")`; `nameKey("President Zelenskyy’s")` keeps the title
 * out only if the caller strips it (titles are the gazetteer's job).
 */
export function nameKey(name: string): string {
  return nameWords(name)
    .flatMap((word) => {
      // "Suk-yeol" is "Suk Yeol"; the article prefix of "al-Sisi"/"el-Sisi" is dropped.
      const parts = word.split("-").filter((part) => part.length > 0);
      return parts.length > 1 ? parts.filter((part) => !NAME_ARTICLE_PREFIXES.has(part)) : parts;
    })
    .map(nameWordKey)
    .join(" ");
}

/** Key of the family name (the last word): "Joseph R. Biden, Jr." → "biden". */
export function surnameKey(name: string): string {
  const words = nameKey(name).split(" ");
  return words[words.length - 1] ?? "";
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions,
 * substitutions and transpositions of neighbours), stopping early once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, prevPrev[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[cols - 1]!;
}

/** Typos allowed for a word of this length: none up to 4 letters, 1 up to 7, 2 beyond. */
export function typoAllowance(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  return 2;
}

/** True when two single name words are the same name allowing for variants and typos. */
export function nameWordsMatch(a: string, b: string): boolean {
  const ka = nameWordKey(a);
  const kb = nameWordKey(b);
  if (ka === kb) return true;
  const allowance = typoAllowance(Math.min(ka.length, kb.length));
  return allowance > 0 && editDistance(ka, kb, allowance) <= allowance;
}

/**
 * Similarity of two names in [0, 1]: 1 for the same key, else one minus the edit
 * distance of the keys over the longer key's length.
 */
export function nameSimilarity(a: string, b: string): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb) return 1;
  const longest = Math.max(ka.length, kb.length);
  if (longest === 0) return 0;
  return Math.max(0, 1 - editDistance(ka, kb) / longest);
}

/**
 * Does `query` (what a person typed: "lukashenka", "Kishida", "Zelenskiy") name the
 * person `candidate` ("Aleksandr Lukashenko")? Every word of the query must match a
 * word of the candidate, allowing variants and typos.
 */
export function namesMatch(query: string, candidate: string): boolean {
  const queryWords = nameKey(query).split(" ").filter(Boolean);
  const candidateWords = nameKey(candidate).split(" ").filter(Boolean);
  if (queryWords.length === 0 || candidateWords.length === 0) return false;
  return queryWords.every((word) => candidateWords.some((other) => nameWordsMatch(word, other)));
}
