/**
 * What a piece of text says about the entities of a question: which people,
 * countries and places it mentions. Shared by the reranker and the answerers.
 */
import { findCountries } from "../../text/gazetteer.js";
import { foldPhrase, wordTokens } from "../../text/fold.js";
import { NAME_PARTICLES } from "../../text/lexicon/index.js";
import { nameKey, nameWordKey } from "../../text/names.js";
import { verbBase } from "../../text/verb-lemmas.js";
import { stemmer } from "stemmer";

/** Folded words of a text plus the countries it names; computed once per text and cached. */
export interface TextProfile {
  words: Set<string>;
  /** The words as name keys (transliteration variants folded), for matching people. */
  nameWords: Set<string>;
  /** Porter stems of the words, so "discussed" meets "discussion" (but "served" not "service"). */
  stems: Set<string>;
  /** Folded text with single spaces, for phrase lookups. */
  folded: string;
  countries: Set<string>;
}

const profileCache = new Map<string, TextProfile>();
const PROFILE_CACHE_LIMIT = 50_000;

export function profileOf(text: string): TextProfile {
  const cached = profileCache.get(text);
  if (cached) return cached;
  const tokens = wordTokens(text);
  const profile: TextProfile = {
    words: new Set(tokens.map((token) => token.key)),
    nameWords: new Set(tokens.flatMap((token) => token.key.split("-")).map(nameWordKey)),
    stems: new Set(tokens.map((token) => stemOf(token.key))),
    folded: ` ${tokens.map((token) => token.key).join(" ")} `,
    countries: new Set(findCountries(text)),
  };
  if (profileCache.size >= PROFILE_CACHE_LIMIT) profileCache.clear();
  profileCache.set(text, profile);
  return profile;
}

/**
 * The words that identify a person in running text: the surname (a two-letter
 * last word such as "Un" or "Yi" is too ambiguous alone), the surnames the
 * vocabulary knows, and for names of three or more words (East Asian order,
 * double surnames) every word of three letters or more that is not a particle.
 */
export function nameKeys(name: string, surnames: readonly string[] = []): string[] {
  const words = nameKey(name)
    .split(" ")
    .filter((word) => word.length > 1 && !NAME_PARTICLES.has(word));
  if (words.length === 0) return [...surnames];
  const keys = new Set<string>(surnames);
  const last = words[words.length - 1]!;
  if (last.length >= 3 || words.length === 1) keys.add(last);
  if (words.length >= 3 || last.length < 3) for (const word of words) if (word.length >= 3) keys.add(word);
  return [...keys];
}

export function mentionsPerson(profile: TextProfile, name: string, surnames?: readonly string[]): boolean {
  return nameKeys(name, surnames).some((key) => profile.nameWords.has(key));
}

export function mentionsCountry(profile: TextProfile, country: string): boolean {
  return profile.countries.has(country) || profile.folded.includes(` ${foldPhrase(country)} `);
}

export function mentionsPlace(profile: TextProfile, place: string): boolean {
  const key = foldPhrase(place);
  return key.length > 0 && profile.folded.includes(` ${key} `);
}

const stemCache = new Map<string, string>();

/**
 * The Porter stem of a folded word, after an irregular verb is brought to its
 * base form, so "met" meets "meet" (cached: the same words come back in every question).
 */
export function stemOf(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = stemmer(verbBase(word));
    if (stemCache.size > 100_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/** Whether the text has the term, or another form of it ("agreed" for "agree"). */
export function hasTerm(profile: TextProfile, term: string): boolean {
  return profile.words.has(term) || profile.stems.has(stemOf(term));
}

/**
 * Share of the question's terms found in the text (terms are already folded). With
 * weights (an inverse document frequency), a rare word counts for more than a common one.
 */
export function termCoverage(profile: TextProfile, terms: string[], weight: (term: string) => number = () => 1): number {
  let total = 0;
  let found = 0;
  for (const term of terms) {
    const w = weight(term);
    total += w;
    if (hasTerm(profile, term)) found += w;
  }
  return total === 0 ? 0 : found / total;
}

export interface EntityMatch {
  people: number;
  countries: number;
  places: number;
  /** Entities asked about in total. */
  asked: number;
  /** Entities found. */
  found: number;
}

export interface EntityQuery {
  people: string[];
  countries: string[];
  places: string[];
  /** Surname keys of people, from the vocabulary (see `QueryAnalysis.surnames`). */
  surnames?: Record<string, string[]>;
}

/** The entities of a question, as `matchEntities` takes them. */
export function entitiesOf(query: EntityQuery, parts: { countries?: boolean; places?: boolean } = {}): EntityQuery {
  return {
    people: query.people,
    countries: parts.countries === false ? [] : query.countries,
    places: parts.places === false ? [] : query.places,
    ...(query.surnames ? { surnames: query.surnames } : {}),
  };
}

/** How many of the question's entities the text mentions. */
export function matchEntities(profile: TextProfile, query: EntityQuery): EntityMatch {
  const people = query.people.filter((name) => mentionsPerson(profile, name, query.surnames?.[name])).length;
  const countries = query.countries.filter((country) => mentionsCountry(profile, country)).length;
  const places = query.places.filter((place) => mentionsPlace(profile, place)).length;
  return {
    people,
    countries,
    places,
    asked: query.people.length + query.countries.length + query.places.length,
    found: people + countries + places,
  };
}
