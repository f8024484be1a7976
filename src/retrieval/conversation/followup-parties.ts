/**
 * Who a follow-up question is about: the previous question's people (or, when it
 * named none, its countries) and the people of the meeting its answer was about,
 * each person once.
 */
import { FEMALE_GIVEN_NAMES, NAME_PARTICLES, NAME_SUFFIXES } from "../../text/lexicon/index.js";
import { nameKey } from "../../text/names.js";
import type { DetailedAnalysis } from "../question/query.js";
import type { EntitySpan } from "../question/spans.js";

/** The previous standalone question, analysed. */
export interface Context {
  text: string;
  detail: DetailedAnalysis;
  /** The people of the meeting the previous answer was about, beyond those its question named. */
  answerPeople?: Party[];
}

export interface Party {
  text: string;
  canonical: string;
}

/** "Biden", "Biden and Kishida", "Biden, Kishida and Yoon". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function uniqueParties(spans: EntitySpan[]): Party[] {
  const seen = new Set<string>();
  const found: Party[] = [];
  for (const span of spans) {
    if (seen.has(span.canonical)) continue;
    seen.add(span.canonical);
    found.push({ text: span.text.replace(/'s?$/u, ""), canonical: span.canonical });
  }
  return found;
}

/** The previous question's people, then the other people of the meeting its answer was about ("they" after "what did Lukashenko offer Azerbaijan?" are Lukashenko and Aliyev). */
export function peopleOf(context: Context): Party[] {
  const asked = uniqueParties(context.detail.entities.filter((entity) => entity.kind === "person"));
  const answered = context.answerPeople ?? [];
  // "Joseph R" (a name cut at an initial) or one inside "Joseph R. Biden, Jr." is a fragment of another name.
  const whole = answered.filter(
    (party) =>
      !/\s\p{Lu}\.?$/u.test(party.canonical.trim()) &&
      !answered.some((other) => other !== party && isPartOf(nameWords(party.canonical), nameWords(other.canonical))),
  );
  const kept = [...asked];
  for (const party of whole) {
    const words = nameWords(party.canonical);
    if (words.length === 0) continue;
    if (kept.some((other) => samePerson(words, [...nameWords(other.canonical), ...nameWords(other.text)]))) continue;
    kept.push(party);
  }
  return kept;
}

/** The words of a name that tell one person from another: no initials, particles or "Jr.". */
function nameWords(name: string): string[] {
  return nameKey(name)
    .split(" ")
    .filter((word) => word.length > 1 && !NAME_PARTICLES.has(word) && !NAME_SUFFIXES.has(word));
}

function isPartOf(part: string[], whole: string[]): boolean {
  return part.length < whole.length && part.every((word) => whole.includes(word));
}

/** Two names of one person: the same surname, or one's words all in the other. */
function samePerson(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return b.includes(a[a.length - 1]!) || a.includes(b[b.length - 1]!) || a.every((word) => b.includes(word));
}

export function isFemaleName(name: string): boolean {
  const first = name.trim().split(/\s+/u)[0]?.toLowerCase() ?? "";
  return FEMALE_GIVEN_NAMES.has(first);
}

/** The previous question's parties: its people, else its countries. */
export function parties(context: Context): string[] {
  const people = peopleOf(context);
  if (people.length > 0) return people.map((party) => party.text);
  return uniqueParties(context.detail.entities.filter((entity) => entity.kind === "country")).map((party) => party.text);
}
