/**
 * Regions that questions describe people by ("Which African leaders…",
 * "leaders from the Gulf", "presidents he met in Central Asia"), each with
 * the countries in it, by the gazetteer's canonical names.
 *
 * Continents come from the countries-list package; the smaller groupings and the
 * words questions use for each region are in the lexicon (lexicon/regions.ts).
 */
import { countries as COUNTRY_LIST } from "countries-list";
import { findCountries } from "./gazetteer.js";
import { foldPhrase } from "./fold.js";
import { CENTRAL_AMERICA, CONTINENT_CODES, REGION_GROUPS, REGION_PEOPLE, REGION_WORDS } from "./lexicon/regions.js";
import { escapeRegExp } from "./regexp.js";

export interface Region {
  /** "Africa", "the Gulf". */
  name: string;
  countries: ReadonlySet<string>;
}

function phrase(words: string): string {
  return escapeRegExp(words).replace(/ /g, "[\\s-]+");
}

const continentMembers = new Map<string, Set<string>>();
for (const country of Object.values(COUNTRY_LIST)) {
  const found = findCountries(country.name);
  if (found.length !== 1) continue; // territories the gazetteer does not list as countries
  for (const [name, code] of Object.entries(CONTINENT_CODES)) {
    if (code === country.continent) (continentMembers.get(name) ?? continentMembers.set(name, new Set()).get(name)!).add(found[0]!);
  }
}

function membersOf(region: string): Set<string> {
  if (region === "Latin America") {
    return new Set([...continentMembers.get("South America")!, "Mexico", ...CENTRAL_AMERICA, "Cuba", "Dominican Republic", "Haiti"]);
  }
  return continentMembers.get(region) ?? new Set(REGION_GROUPS[region]);
}

const REGIONS = new Map<string, Region>(REGION_WORDS.map(({ region }) => [region, { name: region, countries: membersOf(region) }]));

const longestFirst = (words: string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(phrase)
    .join("|");

const PATTERNS = REGION_WORDS.map(({ region, adjectives, nouns }) => {
  const bareNouns = nouns.map((noun) => noun.replace(/^the /, ""));
  return {
    region,
    /** Any way of saying the region, longest first ("baltic states" whole rather than "baltic"). */
    word: new RegExp(`\\b(?:${longestFirst([...adjectives, ...bareNouns])})\\b`, "gi"),
    /** At a word: the adjective before people, "African leaders", "Gulf states' rulers". */
    adjective: new RegExp(`^(?:${longestFirst(adjectives)})(?:[\\s-]+(?:state|states'?|arab|country|nation))?\\s+(?:${REGION_PEOPLE})\\b`, "i"),
    /** At a word: the noun, but not "the African Union", "the Gulf of Mexico", "Asian Americans". */
    noun: new RegExp(`^(?:${longestFirst(bareNouns)})\\b(?![\\s-]+(?:union|commission|council|cooperation|development|of|americans?)\\b)`, "i"),
  };
});

/** What comes before a region's noun: "leaders from the Gulf", "his trip across Central Asia". */
const BEFORE_NOUN = /\b(?:from|of|in|across|around|to)\s+(?:the\s+)?$/i;

export interface RegionMention {
  region: Region;
  /** "African leaders", "leaders from the Gulf": who; "in Central Asia": where. */
  describes: "people" | "place";
  /** Offsets of the words naming it ("Central Asian") in the question. */
  start: number;
  end: number;
}

/** The regions a question describes its people or places by, in the order it names them. */
export function findRegions(question: string): Region[] {
  return [...new Set(findRegionMentions(question).map(({ region }) => region))];
}

/** Where the question names its regions. */
export function findRegionMentions(question: string): RegionMention[] {
  const found: RegionMention[] = [];
  for (const pattern of PATTERNS) {
    for (const match of question.matchAll(pattern.word)) {
      const start = match.index;
      const end = start + match[0].length;
      // Only where the words describe people or places, not "the Gulf of Mexico" or "African Union".
      const rest = question.slice(start);
      const before = BEFORE_NOUN.exec(question.slice(0, start));
      if (pattern.adjective.test(rest)) found.push({ region: REGIONS.get(pattern.region)!, describes: "people", start, end });
      else if (before && pattern.noun.test(rest)) {
        found.push({ region: REGIONS.get(pattern.region)!, describes: /^(?:from|of)\b/i.test(before[0]) ? "people" : "place", start, end });
      }
    }
  }
  // "Central Asian" names Central Asia, not Asia as well.
  const outermost = found.filter((a) => !found.some((b) => b !== a && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start));
  return outermost.sort((a, b) => a.start - b.start);
}

export function regionNamed(name: string): Region | undefined {
  return REGIONS.get(name);
}

/** The folded words a question uses for its regions ("african", "gulf"): not terms a meeting must contain. */
export function regionWords(question: string, regions: readonly Region[]): Set<string> {
  const words = new Set<string>();
  for (const pattern of PATTERNS) {
    if (!regions.some((region) => region.name === pattern.region)) continue;
    for (const match of question.matchAll(pattern.word)) for (const word of foldPhrase(match[0]).split(" ")) words.add(word);
  }
  return words;
}
