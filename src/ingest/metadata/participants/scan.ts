/** One stretch of text as the participant recognisers read it: its words, places and title matches, and who was found so far. */
import { wordTokens, type WordToken } from "../../../text/fold.js";
import { findPlaces, matchTitle, type PlaceMention } from "../../../text/gazetteer.js";

/** A person named in the text. */
export interface Found {
  name: string;
  title?: string;
  country?: string;
  /** Offset where the mention starts, for ordering. */
  at: number;
}

export interface Scan {
  text: string;
  tokens: readonly WordToken[];
  /** Places the text names (capitalised), in order. */
  places: readonly PlaceMention[];
  /** Each token as written. */
  words: readonly string[];
  /** Offsets of tokens inside a multi-word place name ("Sri Lankan"): no title starts there. */
  insidePlace: ReadonlySet<number>;
  /** Length in tokens of the official title starting at token k, within its run of words (0 when none). */
  titleAt: (k: number) => number;
  /** People found so far. */
  found: Found[];
  /** The office of the first titled person, for a "counterpart" later on. */
  subjectTitle: string | undefined;
}

export function isCapitalisedWord(raw: string): boolean {
  return /^\p{Lu}/u.test(raw);
}

export function onlySpaces(text: string): boolean {
  return /^\s*$/.test(text);
}

export function scanText(text: string, subjectTitle: string | undefined): Scan {
  const tokens = wordTokens(text);
  const places = findPlaces(text, { requireCapital: true });
  const words = tokens.map((token) => token.raw);
  // A title never spans punctuation: "Yesterday, National Climate Advisor" starts after the comma.
  const runEnd = new Array<number>(tokens.length).fill(0);
  for (let k = tokens.length - 1; k >= 0; k--) {
    const next = tokens[k + 1];
    runEnd[k] = next && /^ {1,2}$/.test(text.slice(tokens[k]!.end, next.start)) && !/['’]s?$/.test(tokens[k]!.raw) ? runEnd[k + 1]! : k;
  }
  const insidePlace = new Set<number>();
  for (const place of places) for (const t of tokens) if (t.start > place.start && t.start < place.end) insidePlace.add(t.start);
  const keys = tokens.map((token) => token.key);
  const titleAt = (k: number) => (k < tokens.length ? matchTitle(words, k, { keys, end: runEnd[k]! + 1 }) : 0);
  return { text, tokens, places, words, insidePlace, titleAt, found: [], subjectTitle };
}
