/**
 * Countries, organisations, cities, venues and official titles, for finding places
 * and participants in articles and in questions.
 *
 * Matching is word-based (greedy longest match over folded words with a Map), so it
 * is linear in the text and insensitive to case, diacritics, curly apostrophes and
 * possessives ("Japan’s" is Japan). Capital-letter acronyms (US, UK, ROK) match only
 * in capitals.
 */
import { COUNTRY_TABLE } from "./lexicon/countries.js";
import { MINISTER_OF, MINISTER_QUALIFIERS, OFFICE_QUALIFIERS, OPEN_TAIL_TITLES, PORTFOLIO_CONNECTORS, PORTFOLIO_WORDS } from "./lexicon/offices.js";
import { ORGANISATION_TABLE } from "./lexicon/organisations.js";
import { SUBNATIONAL_REGIONS, VENUES } from "./lexicon/places.js";
import { TITLES } from "./lexicon/titles.js";
import { foldPhrase, foldWord, wordTokens, type WordToken } from "./fold.js";

export type EntityKind = "country" | "organisation";

export interface GazetteerEntity {
  /** Canonical short name, e.g. "South Korea", "European Union". */
  name: string;
  kind: EntityKind;
  aliases: string[];
  /** Adjectives and nouns for the people, e.g. "Korean", "South Korean". */
  demonyms: string[];
  /** The capital first, then other major cities. */
  cities: string[];
}

export type MentionKind = "country" | "organisation" | "demonym" | "city" | "venue" | "region";

export interface PlaceMention {
  /** The text as written. */
  text: string;
  start: number;
  end: number;
  kind: MentionKind;
  /** Canonical entity for countries, organisations and demonyms; the city, venue or region name otherwise. */
  canonical: string;
  /** The country a city, venue or demonym belongs to. */
  country?: string;
}

export interface MatchOptions {
  /** Match only words written with a capital initial (use on edited text, not on typed questions). */
  requireCapital?: boolean;
}

interface PhraseEntry {
  kind: MentionKind;
  canonical: string;
  country?: string;
  /** Set for capital-letter acronyms: the exact spelling required. */
  exact?: string;
}

const split = (field: string | undefined) =>
  (field ?? "")
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

function parseCountries(): GazetteerEntity[] {
  return COUNTRY_TABLE.trim()
    .split("\n")
    .map((line) => {
      const [name = "", aliases, demonyms, cities] = line.split("|");
      return { name: name.trim(), kind: "country" as const, aliases: split(aliases), demonyms: split(demonyms), cities: split(cities) };
    });
}

function parseOrganisations(): GazetteerEntity[] {
  return ORGANISATION_TABLE.trim()
    .split("\n")
    .map((line) => {
      const [name = "", aliases] = line.split("|");
      return { name: name.trim(), kind: "organisation" as const, aliases: split(aliases), demonyms: [], cities: [] };
    });
}

export const COUNTRIES: readonly GazetteerEntity[] = parseCountries();
export const ORGANISATIONS: readonly GazetteerEntity[] = parseOrganisations();

const ACRONYM = /^[A-Z][A-Z0-9]{1,5}$/;

const phraseIndex = new Map<string, PhraseEntry[]>();
let longestPhrase = 1;
/** Every proper word-prefix of a phrase, so matching stops as soon as no phrase can follow. */
const phrasePrefixes = new Set<string>();

function addPhrase(phrase: string, entry: PhraseEntry): void {
  const key = foldPhrase(phrase);
  if (!key) return;
  const entries = phraseIndex.get(key) ?? [];
  if (ACRONYM.test(phrase)) entry = { ...entry, exact: phrase };
  // The first entry for a key wins ties (the table lists the usual meaning first).
  entries.push(entry);
  phraseIndex.set(key, entries);
  const words = key.split(" ");
  longestPhrase = Math.max(longestPhrase, words.length);
  for (let n = 1; n < words.length; n++) phrasePrefixes.add(words.slice(0, n).join(" "));
}

const nameByKey = new Map<string, string>();
const demonymByKey = new Map<string, string>();
const cityByKey = new Map<string, { city: string; country: string }>();

for (const entity of [...COUNTRIES, ...ORGANISATIONS]) {
  for (const alias of [entity.name, ...entity.aliases]) {
    addPhrase(alias, { kind: entity.kind, canonical: entity.name });
    const key = foldPhrase(alias);
    if (!nameByKey.has(key)) nameByKey.set(key, entity.name);
  }
  for (const demonym of entity.demonyms) {
    const forms = [demonym];
    // Plural nouns: "Americans", "Israelis".
    if (/[ni]$/.test(demonym)) forms.push(`${demonym}s`);
    for (const form of forms) {
      addPhrase(form, { kind: "demonym", canonical: entity.name, country: entity.name });
      const key = foldPhrase(form);
      if (!demonymByKey.has(key)) demonymByKey.set(key, entity.name);
    }
  }
  for (const city of entity.cities) {
    addPhrase(city, { kind: "city", canonical: city, country: entity.name });
    const key = foldPhrase(city);
    if (!cityByKey.has(key)) cityByKey.set(key, { city, country: entity.name });
  }
}
for (const [venue, country] of VENUES) addPhrase(venue, { kind: "venue", canonical: venue, country });
for (const region of SUBNATIONAL_REGIONS) addPhrase(region, { kind: "region", canonical: region, country: "United States" });

/** Canonical name of a country or organisation from any of its names: "ROK" → "South Korea". */
export function canonicalCountry(alias: string): string | undefined {
  const trimmed = alias.trim();
  const key = foldPhrase(trimmed);
  const name = nameByKey.get(key);
  if (!name) return undefined;
  const entry = phraseIndex.get(key)?.find((candidate) => candidate.canonical === name);
  if (entry?.exact && entry.exact !== trimmed.replace(/['’]s$/, "")) return undefined;
  return name;
}

/** The country for a demonym: "Belarusian" → "Belarus", "North Korean" → "North Korea". */
export function countryForDemonym(word: string): string | undefined {
  return demonymByKey.get(foldPhrase(word));
}

/** The country a city belongs to: "Baku" → "Azerbaijan". */
export function countryForCity(city: string): string | undefined {
  return cityByKey.get(foldPhrase(city))?.country;
}

/** The gazetteer entity for a canonical name or alias. */
export function entityFor(nameOrAlias: string): GazetteerEntity | undefined {
  const name = canonicalCountry(nameOrAlias);
  return name ? ENTITY_BY_NAME.get(name) : undefined;
}

const ENTITY_BY_NAME = new Map<string, GazetteerEntity>([...COUNTRIES, ...ORGANISATIONS].map((entity) => [entity.name, entity]));

function gapJoins(text: string, left: WordToken, right: WordToken): boolean {
  if (right.start - left.end > 3) return false;
  return /^[\s,-]*$/.test(text.slice(left.end, right.start));
}

function isCapitalised(raw: string): boolean {
  const first = raw.charAt(0);
  return first !== first.toLowerCase() || /\d/.test(first);
}

/**
 * Every country, organisation, demonym, city, venue and US region mentioned in the
 * text, longest match first, in order of appearance.
 */
export function findPlaces(text: string, options: MatchOptions = {}): PlaceMention[] {
  const tokens = wordTokens(text);
  const mentions: PlaceMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    // Extend word by word while the words so far begin some phrase; remember the lengths that are phrases.
    const lengths: number[] = [];
    let key = "";
    for (let n = 1; n <= longestPhrase && i + n - 1 < tokens.length; n++) {
      if (n > 1 && !gapJoins(text, tokens[i + n - 2]!, tokens[i + n - 1]!)) break;
      key = n === 1 ? tokens[i]!.key : `${key} ${tokens[i + n - 1]!.key}`;
      if (phraseIndex.has(key)) lengths.push(n);
      if (!phrasePrefixes.has(key)) break;
    }
    for (let c = lengths.length - 1; c >= 0 && matched === 0; c--) {
      const n = lengths[c]!;
      const first = tokens[i]!;
      const last = tokens[i + n - 1]!;
      const entries = phraseIndex.get(
        tokens
          .slice(i, i + n)
          .map((token) => token.key)
          .join(" "),
      )!;
      const raw = text.slice(first.start, last.end);
      if (options.requireCapital && !isCapitalised(first.raw)) continue;
      const bare = raw.replace(/['’][sS]?$/, "");
      const entry = entries.find((candidate) => !candidate.exact || candidate.exact === bare);
      if (!entry) continue;
      mentions.push({
        text: raw,
        start: first.start,
        end: last.end,
        kind: entry.kind,
        canonical: entry.canonical,
        ...(entry.country ? { country: entry.country } : {}),
      });
      matched = n;
    }
    i += matched > 0 ? matched : 1;
  }
  return mentions;
}

/**
 * Countries and organisations the text names, by name, alias or demonym, canonical,
 * in order of first mention. Cities and venues are not counted as their country.
 */
export function findCountries(text: string, options: MatchOptions = {}): string[] {
  const seen = new Set<string>();
  for (const mention of findPlaces(text, options)) {
    if (mention.kind === "country" || mention.kind === "organisation" || mention.kind === "demonym") seen.add(mention.canonical);
  }
  return [...seen];
}

/** The first country or organisation the text names (by name, alias or demonym). */
export function findCountry(text: string, options: MatchOptions = {}): string | undefined {
  return findCountries(text, options)[0];
}

// ---- Titles ----

const titleKeys = new Set<string>();
/** First words of the titles in the table. */
const titleStarts = new Set<string>();
const titlePrefixes = new Set<string>();
let longestTitle = 1;
for (const title of TITLES) {
  if (title.includes("*")) continue;
  const key = foldPhrase(title);
  titleKeys.add(key);
  const words = key.split(" ");
  titleStarts.add(words[0]!);
  longestTitle = Math.max(longestTitle, words.length);
  for (let n = 1; n < words.length; n++) titlePrefixes.add(words.slice(0, n).join(" "));
}

const MINISTER_OF_FIRST = new Set([...MINISTER_QUALIFIERS, ...MINISTER_OF.map((head) => head.split(" ")[0]!)]);

/** Does this word name part of a portfolio ("Foreign", "Affairs", "Economics")? */
export function isPortfolioWord(word: string): boolean {
  return PORTFOLIO_WORDS.has(foldWord(word));
}

/** Titles are short: no title match looks further than this many words from where it starts. */
const TITLE_WINDOW = 16;

export interface TitleMatchOptions {
  /** Open titles: capitalised words before an open tail ("National Climate Advisor"). Default true. */
  open?: boolean;
  /**
   * The folded form of each word (`foldWord(words[k])`, e.g. `WordToken.key`), when the caller
   * has it: a caller that tries every position of a text then folds each word once, not per call.
   */
  keys?: readonly string[];
  /** Match only before this index (e.g. where the run of words ends at punctuation). */
  end?: number;
}

/**
 * Length, in words, of the longest official title starting at `words[start]`, or 0.
 * Covers the table ("Prime Minister-Designate", "Secretary of State") and the open
 * patterns "Minister of X [and Y]" and "X Minister" ("Agriculture Minister").
 *
 * Only a window of words from `start` is read (and folded, unless `keys` are given), so
 * calling it at every position of a text is linear in the text.
 */
export function matchTitle(words: readonly string[], start = 0, options: TitleMatchOptions = {}): number {
  const limit = Math.min(words.length, options.end ?? words.length, start + TITLE_WINDOW);
  if (start >= limit) return 0;
  const given = options.keys;
  const folded: string[] = [];
  /** The folded word at index k (start <= k < limit); each word folded at most once per call. */
  const keyAt = (k: number): string => {
    if (given) return given[k] ?? foldWord(words[k]!);
    return (folded[k - start] ??= foldWord(words[k]!));
  };
  // Fast rejection: most words neither open a title nor precede a title word within three words.
  const firstKey = keyAt(start);
  if (!titleStarts.has(firstKey) && !MINISTER_OF_FIRST.has(firstKey)) {
    let tailNear = false;
    for (let k = start + 1; k <= start + 3 && k < limit && !tailNear; k++) {
      const key = keyAt(k);
      tailNear = OPEN_TAIL_TITLES.has(key) || key === "minister" || key === "secretary";
    }
    if (!tailNear) return 0;
  }
  let best = 0;
  let key = "";
  for (let n = 1; n <= longestTitle && start + n - 1 < limit; n++) {
    key = n === 1 ? keyAt(start) : `${key} ${keyAt(start + n - 1)}`;
    if (titleKeys.has(key)) best = n;
    if (!titleKeys.has(key) && !titlePrefixes.has(key)) break;
  }
  // "Minister of Foreign Affairs and Trade", "Secretary for Home Affairs".
  for (let offset = 0; offset <= 1; offset++) {
    if (start + offset + 1 >= limit) break;
    if (offset === 1 && !MINISTER_QUALIFIERS.includes(keyAt(start))) continue;
    const head = `${keyAt(start + offset)} ${keyAt(start + offset + 1)}`;
    if (!MINISTER_OF.includes(head)) continue;
    let end = start + offset + 2;
    let last = end;
    while (end < limit) {
      const word = words[end]!;
      if (/^\p{Lu}/u.test(word) && PORTFOLIO_WORDS.has(keyAt(end))) last = ++end;
      else if (PORTFOLIO_CONNECTORS.has(word.toLowerCase()) && end + 1 < limit && PORTFOLIO_WORDS.has(keyAt(end + 1))) end++;
      else break;
    }
    if (last > start + offset + 2) best = Math.max(best, last - start);
  }
  // "Agriculture Minister", "Deputy Foreign Minister"; "National Climate Advisor", "Presidential Advisor".
  for (let n = 2; n <= 4 && start + n - 1 < limit; n++) {
    const tail = keyAt(start + n - 1);
    // "British National Security Advisor": the demonym is the country, not part of the title.
    let capitalisedHead = true;
    for (let k = start; k < start + n - 1 && capitalisedHead; k++) {
      const word = words[k]!;
      capitalisedHead = /^\p{Lu}\p{Ll}/u.test(word) && !PORTFOLIO_CONNECTORS.has(word.toLowerCase()) && !demonymByKey.has(keyAt(k)) && !nameByKey.has(keyAt(k));
    }
    if (options.open !== false && OPEN_TAIL_TITLES.has(tail) && capitalisedHead && /^\p{Lu}/u.test(words[start + n - 1]!)) best = Math.max(best, n);
    if (n > 3) continue;
    let portfolio = true;
    for (let k = start; k < start + n - 1 && portfolio; k++) {
      portfolio = /^\p{Lu}/u.test(words[k]!) && (PORTFOLIO_WORDS.has(keyAt(k)) || (k === start && OFFICE_QUALIFIERS.includes(keyAt(k))));
    }
    if ((tail === "minister" || tail === "secretary") && portfolio) {
      best = Math.max(best, n);
    }
  }
  return best;
}

/** True when the words are exactly an official title: isTitle("Prime Minister-Designate"). */
export function isTitle(words: string | readonly string[]): boolean {
  const list = typeof words === "string" ? words.trim().split(/\s+/) : words;
  return list.length > 0 && matchTitle(list, 0) === list.length;
}
