/**
 * Regions that questions describe people by ("Which African leaders…",
 * "leaders from the Gulf", "presidents he met in Central Asia"), each with
 * the countries in it, by the gazetteer's canonical names.
 *
 * Continents come from the countries-list package; the smaller groupings are
 * listed here by their usual membership (the Gulf Cooperation Council, the Arab
 * League, ASEAN and Timor-Leste, the Pacific Islands Forum's sovereign members…).
 */
import { countries as COUNTRY_LIST } from "countries-list";
import { findCountries } from "./gazetteer.js";
import { foldPhrase } from "./fold.js";

export interface Region {
  /** "Africa", "the Gulf". */
  name: string;
  countries: ReadonlySet<string>;
}

const CONTINENT_CODES: Record<string, string> = {
  Africa: "AF",
  Asia: "AS",
  Europe: "EU",
  "North America": "NA",
  "South America": "SA",
  Oceania: "OC",
};

const CENTRAL_AMERICA = ["Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Panama"];
const CARIBBEAN = [
  "Antigua and Barbuda", "Bahamas", "Barbados", "Cuba", "Dominica", "Dominican Republic", "Grenada", "Haiti", "Jamaica",
  "Saint Kitts and Nevis", "Saint Lucia", "Saint Vincent and the Grenadines", "Trinidad and Tobago", "Guyana", "Suriname",
];

export const REGION_GROUPS: Record<string, string[]> = {
  "the Gulf": ["Saudi Arabia", "United Arab Emirates", "Qatar", "Kuwait", "Bahrain", "Oman"],
  "the Nordic countries": ["Denmark", "Finland", "Iceland", "Norway", "Sweden"],
  "the Baltic states": ["Estonia", "Latvia", "Lithuania"],
  "the Middle East": [
    "Bahrain", "Egypt", "Iran", "Iraq", "Israel", "Jordan", "Kuwait", "Lebanon", "Oman", "Palestine", "Qatar",
    "Saudi Arabia", "Syria", "Turkey", "United Arab Emirates", "Yemen",
  ],
  "the Arab world": [
    "Algeria", "Bahrain", "Comoros", "Djibouti", "Egypt", "Iraq", "Jordan", "Kuwait", "Lebanon", "Libya", "Mauritania",
    "Morocco", "Oman", "Palestine", "Qatar", "Saudi Arabia", "Somalia", "Sudan", "Syria", "Tunisia",
    "United Arab Emirates", "Yemen",
  ],
  "Central America": CENTRAL_AMERICA,
  "the Caribbean": CARIBBEAN,
  "the Pacific Islands": [
    "Fiji", "Kiribati", "Marshall Islands", "Micronesia", "Nauru", "Palau", "Papua New Guinea", "Samoa",
    "Solomon Islands", "Tonga", "Tuvalu", "Vanuatu",
  ],
  "Southeast Asia": [
    "Brunei", "Cambodia", "Indonesia", "Laos", "Malaysia", "Myanmar", "Philippines", "Singapore", "Thailand",
    "Vietnam", "Timor-Leste",
  ],
  "Central Asia": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
};

/** How questions say each region: the adjective before the people, the noun after "from", "of" or "in". */
const REGION_WORDS: Array<{ region: string; adjectives: string[]; nouns: string[] }> = [
  { region: "Africa", adjectives: ["african"], nouns: ["africa"] },
  { region: "Asia", adjectives: ["asian"], nouns: ["asia"] },
  { region: "Europe", adjectives: ["european"], nouns: ["europe"] },
  { region: "North America", adjectives: ["north american"], nouns: ["north america"] },
  { region: "South America", adjectives: ["south american"], nouns: ["south america"] },
  { region: "Latin America", adjectives: ["latin american"], nouns: ["latin america"] },
  { region: "Oceania", adjectives: ["oceanian"], nouns: ["oceania"] },
  { region: "the Gulf", adjectives: ["gulf", "gulf arab"], nouns: ["the gulf", "the persian gulf", "the arabian gulf"] },
  { region: "the Nordic countries", adjectives: ["nordic"], nouns: ["the nordics", "the nordic countries", "the nordic region"] },
  { region: "the Baltic states", adjectives: ["baltic"], nouns: ["the baltics", "the baltic states", "the baltic countries"] },
  { region: "the Middle East", adjectives: ["middle eastern", "middle east"], nouns: ["the middle east"] },
  { region: "the Arab world", adjectives: ["arab"], nouns: ["the arab world"] },
  { region: "Central America", adjectives: ["central american"], nouns: ["central america"] },
  { region: "the Caribbean", adjectives: ["caribbean"], nouns: ["the caribbean"] },
  { region: "the Pacific Islands", adjectives: ["pacific island", "pacific islands"], nouns: ["the pacific islands"] },
  { region: "Southeast Asia", adjectives: ["southeast asian", "south east asian"], nouns: ["southeast asia", "south east asia"] },
  { region: "Central Asia", adjectives: ["central asian"], nouns: ["central asia"] },
];

/** The people or countries a region describes: "African leaders", "Gulf states", "Nordic counterparts". */
const PEOPLE =
  "leaders?|heads? of (?:state|government)|presidents?|prime ministers?|counterparts?|countries|nations|states|partners?|" +
  "officials?|ministers?|foreign ministers?|kings?|monarchs?|governments?|allies|delegations?|rulers?|premiers?";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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

const longestFirst = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map(phrase).join("|");

const PATTERNS = REGION_WORDS.map(({ region, adjectives, nouns }) => {
  const bareNouns = nouns.map((noun) => noun.replace(/^the /, ""));
  return {
    region,
    /** Any way of saying the region, longest first ("baltic states" whole rather than "baltic"). */
    word: new RegExp(`\\b(?:${longestFirst([...adjectives, ...bareNouns])})\\b`, "gi"),
    /** At a word: the adjective before people, "African leaders", "Gulf states' rulers". */
    adjective: new RegExp(`^(?:${longestFirst(adjectives)})(?:[\\s-]+(?:state|states'?|arab|country|nation))?\\s+(?:${PEOPLE})\\b`, "i"),
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
