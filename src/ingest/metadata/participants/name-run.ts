/** A personal name read word by word from a token on: capitalised words, particles, initials and a "Jr." suffix. */
import type { WordToken } from "../../../text/fold.js";
import { matchTitle, type PlaceMention } from "../../../text/gazetteer.js";
import { NAME_TITLE_ABBREVIATIONS } from "../../../text/lexicon/abbreviations.js";
import { MONTH_OR_WEEKDAY_WORD } from "../../../text/lexicon/calendar-words.js";
import { HEADLINE_WORDS } from "../../../text/lexicon/headline-words.js";
import { ELIDED_ARTICLE_PREFIX, JOINED_NAME_PARTICLE, NAME_PARTICLES, NAME_SUFFIXES, NOT_NAME_WORDS } from "../../../text/lexicon/names.js";
import { RANK_WORDS } from "../../../text/lexicon/offices.js";
import { INSTITUTION_WORD } from "../../../text/lexicon/organisations.js";
import { isCapitalisedWord, onlySpaces } from "./scan.js";

/** What follows the capitalised words of an organisation's name, not a person's: "Small Business| Administration". */
const ORGANISATION_AFTER = new RegExp(`^\\s+${INSTITUTION_WORD.source}`, "u");

export interface NameRun {
  name: string;
  end: number;
  nextToken: number;
  possessive: boolean;
}

/** Capitalised words from token `i` on, with particles, initials and a Jr./Sr. suffix. */
export function readName(text: string, tokens: readonly WordToken[], i: number, places: readonly PlaceMention[]): NameRun | undefined {
  // "Director Dr. Rahul Gupta": the honorific is not part of the name; nor a rank ("Chief Bill Brooks, Chair of ...").
  if (i + 1 < tokens.length && NAME_TITLE_ABBREVIATIONS.has(tokens[i]!.key) && text[tokens[i]!.end] === ".") i++;
  else if (
    i + 1 < tokens.length &&
    RANK_WORDS.has(tokens[i]!.key) &&
    onlySpaces(text.slice(tokens[i]!.end, tokens[i + 1]!.start)) &&
    isCapitalisedWord(tokens[i + 1]!.raw)
  )
    i++;
  let j = i;
  let last = -1;
  const placeStarts = new Set(places.filter((place) => place.kind !== "city").map((place) => place.start));
  if (placeStarts.has(tokens[i]?.start ?? -1)) return undefined;
  // A name never starts with an office: "the European Commission President, and ..." has no name.
  if (
    matchTitle(
      tokens.slice(i, i + 6).map((t) => t.raw),
      0,
      { open: false },
    ) > 0
  )
    return undefined;
  while (j < tokens.length && j - i < 6) {
    const token = tokens[j]!;
    if (j > i) {
      const gap = text.slice(tokens[j - 1]!.end, token.start);
      const previous = tokens[j - 1]!;
      const initialGap = /^\p{Lu}$/u.test(previous.raw) && /^\.\s*$/.test(gap);
      const suffixGap = /^,?\s+$/.test(gap) && NAME_SUFFIXES.has(token.key.replace(/\.$/, ""));
      if (!(onlySpaces(gap) && gap.length <= 2) && !initialGap && !suffixGap) break;
      // The name ended with a possessive ("Harris’ meeting") — unless an apostrophe stands for a letter ("Shia’ al-Sudani").
      if (/['’]s?$/.test(previous.raw) && !(/['’]$/.test(previous.raw) && ELIDED_ARTICLE_PREFIX.test(token.raw))) break;
    }
    const key = token.key;
    if (NAME_SUFFIXES.has(key) && j > i) {
      last = j;
      j++;
      break;
    }
    // An initial: "Charlotte A. Burrows" (not the article "a").
    if (j > i && /^\p{Lu}$/u.test(token.raw) && text[token.end] === ".") {
      last = j;
      j++;
      continue;
    }
    if (isCapitalisedWord(token.raw)) {
      if (NOT_NAME_WORDS.has(key) || MONTH_OR_WEEKDAY_WORD.test(key) || (j > i && HEADLINE_WORDS.has(key))) break;
      if (j > i && placeStarts.has(token.start)) break;
      if (
        j > i &&
        matchTitle(
          tokens.slice(j, j + 6).map((t) => t.raw),
          0,
          { open: false },
        ) > 0 &&
        !/^\p{Lu}$/u.test(token.raw)
      )
        break;
      last = j;
      j++;
      continue;
    }
    if (j > i && JOINED_NAME_PARTICLE.test(token.raw)) {
      // "Sayyid Badr al-Busaidi"
      last = j;
      j++;
      continue;
    }
    // "bin Zayed", "von der Leyen": particles, one or two, then a capitalised word.
    const particles = NAME_PARTICLES.has(key) ? (j + 1 < tokens.length && NAME_PARTICLES.has(tokens[j + 1]!.key) ? 2 : 1) : 0;
    if (particles > 0 && j > i && j + particles < tokens.length && isCapitalisedWord(tokens[j + particles]!.raw)) {
      j += particles - 1;
      j++;
      continue;
    }
    break;
  }
  if (last < i) return undefined;
  const first = tokens[i]!;
  const lastToken = tokens[last]!;
  let end = lastToken.end;
  // "R." and "Jr." keep their full stop.
  if (text[end] === "." && (/^\p{Lu}$/u.test(lastToken.raw) || NAME_SUFFIXES.has(lastToken.key))) end++;
  let name = text.slice(first.start, end);
  const possessive = /['’]s?$/.test(lastToken.raw);
  name = name
    .replace(/['’]s?$/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (name.length < 2 || !/\p{Ll}/u.test(name)) return undefined; // all capitals: an acronym, not a name
  // "the Small Business Administration", "Nursing Services": words of an organisation's name.
  if (!possessive && (ORGANISATION_AFTER.test(text.slice(end)) || (last > i && INSTITUTION_WORD.test(lastToken.raw)))) return undefined;
  return { name, end, nextToken: last + 1, possessive };
}
