/**
 * Which countries a meeting was with, and where it was: what "Which African
 * leaders…" and "in Central Asia" are checked against.
 */
import { findPlaces } from "../../text/gazetteer.js";
import type { Region } from "../../text/regions.js";
import type { AskedRegion } from "../types.js";

export interface RegionAsked {
  region: Region;
  describes: AskedRegion["describes"];
}

const LEADER_TITLES = [
  "presidents?",
  "prime ministers?",
  "premiers?",
  "chancellors?",
  "kings?",
  "queens?",
  "emirs?",
  "amirs?",
  "crown princes?",
  "sultans?",
  "monarchs?",
  "leaders?",
  "heads? of state",
  "heads? of government",
  "foreign ministers?",
  "ministers?",
  "vice presidents?",
  "counterparts?",
  "delegations?",
];

/** "Prime Minister" or "prime minister", not "PRIME minister": each word's first letter either case. */
const eitherCase = (pattern: string) => pattern.replace(/\b([a-z])/g, (letter) => `[${letter.toUpperCase()}${letter}]`);

/**
 * A leader's title and "of" or "from" just before a country: "President Lourenço of",
 * "the Presidents of Kazakhstan, the Kyrgyz Republic, …", "leaders from the Democratic Republic of the Congo";
 * not "the sovereignty of" (case matters: the words between are capitalised names).
 */
const LEADER_OF = new RegExp(
  String.raw`\b(?:${LEADER_TITLES.map(eitherCase).join("|")})(?:\s+\p{Lu}[\p{L}'’.-]*){0,4}\s+(?:of|from)\s+(?:the\s+)?(?:[^.;]*?,\s*(?:and\s+)?(?:the\s+)?)?$`,
  "u",
);

/** A leader's title right after a demonym: "Angolan President", "Japanese Prime Minister". */
const TITLE_AFTER = new RegExp(String.raw`^\s+(?:${LEADER_TITLES.map(eitherCase).join("|")})\b`, "u");

export interface MeetingCountries {
  /** The countries of the people met. */
  parties: ReadonlySet<string>;
  /** The country the meeting took place in. */
  places: ReadonlySet<string>;
}

export interface MeetingFacts {
  title: string;
  participants: readonly string[];
  place?: string | undefined;
  /** The start of the article's first paragraph. */
  lead?: string | undefined;
}

/**
 * Countries a meeting is with: those its title and participants name; else the
 * leaders' countries its lead names ("the President of Angola", "Prime Minister
 * Kallas of Estonia"); else the country it took place in (a city or venue counts
 * for its country). Topics ("support for Ukraine") and venues ("at UNGA") are
 * not parties.
 */
export function meetingCountries(meeting: MeetingFacts): MeetingCountries {
  const parties = new Set<string>();
  for (const mention of findPlaces([meeting.title, ...meeting.participants].join(" \n "))) {
    if (mention.kind === "country" || mention.kind === "demonym") parties.add(mention.canonical);
  }
  const lead = meeting.lead ?? "";
  const places = new Set<string>();
  for (const mention of findPlaces(meeting.place ?? "")) {
    const country = mention.kind === "country" || mention.kind === "demonym" ? mention.canonical : mention.country;
    if (country) places.add(country);
  }
  if (parties.size > 0) return { parties, places };
  for (const mention of findPlaces(lead)) {
    if (places.has(mention.canonical)) continue;
    if (mention.kind === "country" && LEADER_OF.test(lead.slice(Math.max(0, mention.start - 200), mention.start))) parties.add(mention.canonical);
    // "Angolan President João Lourenço".
    if (mention.kind === "demonym" && TITLE_AFTER.test(lead.slice(mention.end, mention.end + 40))) parties.add(mention.canonical);
  }
  return { parties, places };
}

/** Whether the meeting's countries include one of each region. */
export function isInRegions(countries: MeetingCountries, regions: readonly RegionAsked[]): boolean {
  const has = (set: ReadonlySet<string>, region: Region) => [...set].some((country) => region.countries.has(country));
  return regions.every(({ region, describes }) => has(countries.parties, region) || (describes === "place" && has(countries.places, region)));
}
