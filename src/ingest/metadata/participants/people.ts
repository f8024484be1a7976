/**
 * People in one stretch of text (a headline or a meeting sentence), read token by token. At each token
 * the recognisers are tried in order, each with one job, and the first that recognises a mention says
 * where reading goes on:
 * 1. a counterpart named with a country ("his Belarusian counterpart Aleksandr Lukashenko");
 * 2. one plural title for several names ("Presidents Aliyev and Lukashenko");
 * 3. where no official title starts: a name after an honorific or with an office in apposition
 *    ("Dr. Edward Glaeser", "Tom Perez, Senior Advisor to the President");
 * 4. an official title (or a chain of them) and the name after it ("Azerbaijan’s President Ilham Aliyev").
 * Words that start no mention are skipped.
 */
import { counterpartMention } from "./counterpart.js";
import { countryBefore } from "./countries.js";
import { nameFirstMention } from "./name-first.js";
import { isCapitalisedWord, scanText, type Found, type Scan } from "./scan.js";
import { titleAndNameMention } from "./title-and-name.js";
import { titleListMention } from "./title-list.js";

export type { Found } from "./scan.js";

/** News style lowercases an office after a demonym: "Belarusian leader Alyaksandr Lukashenka", "Chinese president Xi". */
function startsMention(scan: Scan, i: number): boolean {
  const token = scan.tokens[i]!;
  return isCapitalisedWord(token.raw) || (countryBefore(scan.text, token.start, scan.places) !== undefined && scan.titleAt(i) > 0);
}

/** Where reading goes on after token `i`: past the mention it starts, or at the next token. */
function readMention(scan: Scan, i: number): number {
  const counterpart = counterpartMention(scan, i);
  if (counterpart !== undefined) return counterpart;
  if (!startsMention(scan, i)) return i + 1;
  const list = titleListMention(scan, i);
  if (list !== undefined) return list;
  // "Sri Lankan National Security Advisor": a title never starts inside a place name.
  const titled = !scan.insidePlace.has(scan.tokens[i]!.start) && scan.titleAt(i) > 0;
  if (!titled) return nameFirstMention(scan, i) ?? i + 1;
  return titleAndNameMention(scan, i);
}

/** People in one stretch of text (a headline or a meeting sentence). */
export function peopleInText(text: string, options: { headline?: boolean; subjectTitle?: string } = {}): Found[] {
  const scan = scanText(text, options.subjectTitle);
  let i = 0;
  while (i < scan.tokens.length) i = readMention(scan, i);
  return scan.found;
}
