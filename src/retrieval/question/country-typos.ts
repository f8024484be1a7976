/** Countries written with a typo ("Azerbijan", "Ukrane"), matched by edit distance against the gazetteer. */
import { foldPhrase } from "../../text/fold.js";
import { COUNTRIES, ORGANISATIONS } from "../../text/gazetteer.js";
import { editDistance, typoAllowance } from "../../text/names.js";
import { isCommonWord } from "./english.js";

interface CountryKey {
  key: string;
  country: string;
}
let countryKeys: Map<number, CountryKey[]> | undefined;

function countryKeysByLength(): Map<number, CountryKey[]> {
  if (!countryKeys) {
    countryKeys = new Map();
    for (const entity of [...COUNTRIES, ...ORGANISATIONS]) {
      for (const form of [entity.name, ...entity.aliases, ...entity.demonyms]) {
        const key = foldPhrase(form);
        if (key.includes(" ") || key.length < 6) continue;
        const list = countryKeys.get(key.length) ?? [];
        list.push({ key, country: entity.name });
        countryKeys.set(key.length, list);
      }
    }
  }
  return countryKeys;
}

export function fuzzyCountry(word: string): string | undefined {
  if (word.length < 6 || isCommonWord(word)) return undefined;
  const allowance = typoAllowance(word.length);
  let best: string | undefined;
  let bestDistance = allowance + 1;
  const byLength = countryKeysByLength();
  for (let length = word.length - allowance; length <= word.length + allowance; length++) {
    for (const candidate of byLength.get(length) ?? []) {
      const distance = editDistance(word, candidate.key, allowance);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate.country;
      }
    }
  }
  return best;
}
