/** The country a mention gives before or after a person: "Azerbaijan’s President", "Republic of Korea (ROK) President", "of Japan". */
import type { PlaceMention } from "../../../text/gazetteer.js";

export const COUNTRY_KINDS = new Set(["country", "organisation", "demonym"]);

/** A country/organisation/demonym mention ending right before `start` (allowing a possessive and a parenthetical). */
export function countryBefore(text: string, start: number, places: readonly PlaceMention[]): string | undefined {
  for (let i = places.length - 1; i >= 0; i--) {
    const place = places[i]!;
    if (place.end > start) continue;
    if (!COUNTRY_KINDS.has(place.kind)) return undefined;
    const gap = text.slice(place.end, start);
    if (/^\s*\)?\s*(?:\([^()]{1,20}\)\s*)?$/.test(gap)) return place.country ?? place.canonical;
    return undefined;
  }
  return undefined;
}

/** "of Japan", "of the Republic of Korea", ", NATO" right after `end`. */
export function countryAfter(text: string, end: number, places: readonly PlaceMention[]): string | undefined {
  const after = /^,?\s+of\s+(?:the\s+)?/i.exec(text.slice(end));
  if (!after) return undefined;
  const at = end + after[0].length;
  const place = places.find((mention) => mention.start === at);
  if (place && (place.kind === "country" || place.kind === "organisation")) return place.canonical;
  return undefined;
}
