/** One participant per person: mentions of the same person ("Biden", "Joseph R. Biden, Jr.") merged, the fullest name and office kept. */
import { nameKey } from "../../../text/names.js";
import { escapeRegExp } from "../../../text/regexp.js";
import type { Participant } from "../../../types/index.js";
import type { Found } from "./scan.js";

/** Does a mention name an already found participant? "Biden" names "Joseph R. Biden, Jr.", "Yoon" names "Yoon Suk Yeol". */
export function samePerson(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a.join(" ") === b.join(" ")) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length === 1) return longer[0] === shorter[0] || longer[longer.length - 1] === shorter[0];
  // "López Obrador" in "Andrés Manuel López Obrador", "Mohamed bin Zayed" in "Mohamed bin Zayed Al Nahyan".
  const joined = ` ${longer.join(" ")} `;
  const part = ` ${shorter.join(" ")} `;
  if (joined.startsWith(part) || joined.endsWith(part)) return true;
  // Two full names: same first and last word ("Hamad bin Isa Al Khalifa" and "Hamad Al Khalifa").
  return shorter[0] === longer[0] && shorter[shorter.length - 1] === longer[longer.length - 1];
}

export function mergeParticipants(found: readonly Found[]): Participant[] {
  const merged: Array<{ words: string[]; participant: Participant }> = [];
  for (const person of found) {
    const words = nameKey(person.name).split(" ").filter(Boolean);
    if (words.length === 0) continue;
    const existing = merged.find((entry) => samePerson(entry.words, words));
    if (!existing) {
      merged.push({
        words,
        participant: { name: person.name, ...(person.title ? { title: person.title } : {}), ...(person.country ? { country: person.country } : {}) },
      });
      continue;
    }
    const participant = existing.participant;
    if (words.length > existing.words.length && words.length <= 6) {
      participant.name = person.name;
      existing.words = words;
    }
    // "Minister" in the headline, "Minister of Trade and Industry" in the text: the fuller office wins.
    if (
      person.title &&
      (!participant.title || (person.title.length > participant.title.length && new RegExp(`\\b${escapeRegExp(participant.title)}\\b`, "i").test(person.title)))
    ) {
      participant.title = person.title;
    }
    if (!participant.country && person.country) participant.country = person.country;
  }
  return merged.map((entry) => entry.participant);
}
