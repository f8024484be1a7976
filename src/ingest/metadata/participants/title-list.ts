/** Recogniser: one plural title for two or more people, "Presidents Aliyev and Lukashenko". */
import { matchTitle } from "../../../text/gazetteer.js";
import { readName, type NameRun } from "./name-run.js";
import { onlySpaces, type Scan } from "./scan.js";

/**
 * The plural title at token `i` as one person's title, and how many tokens it takes: "Presidents" (1),
 * "Foreign Ministers" (2, the plural on the last word), "Attorneys General" (2, the plural on the first word).
 */
function pluralTitle(scan: Scan, i: number): { title: string; length: number } | undefined {
  const { tokens, words } = scan;
  const token = tokens[i]!;
  if (!(/s$/.test(token.raw) && token.raw.length > 3)) return undefined;
  // Titles are short: a window of the words that follow is enough.
  const singular = [token.raw.slice(0, -1), ...words.slice(i + 1, i + 16)];
  const twoWord = i + 1 < tokens.length ? [token.raw, tokens[i + 1]!.raw.replace(/s$/, ""), ...words.slice(i + 2, i + 16)] : [];
  // "Attorneys General": the plural is on the first word.
  const firstPlural = i + 1 < tokens.length ? [token.raw.slice(0, -1), tokens[i + 1]!.raw, ...words.slice(i + 2, i + 16)] : [];
  if (matchTitle(singular) === 1) return { title: token.raw.slice(0, -1), length: 1 };
  if (twoWord.length > 0 && matchTitle(twoWord) === 2 && /s$/.test(tokens[i + 1]!.raw))
    return { title: `${token.raw} ${tokens[i + 1]!.raw.slice(0, -1)}`, length: 2 };
  if (firstPlural.length > 0 && matchTitle(firstPlural, 0, { open: false }) === 2)
    return { title: `${token.raw.slice(0, -1)} ${tokens[i + 1]!.raw}`, length: 2 };
  return undefined;
}

/** The names listed from token `j` on ("Aliyev and Lukashenko", "A, B and C"), and the token after them. */
function listedNames(scan: Scan, j: number): { names: NameRun[]; next: number } {
  const { text, tokens, places } = scan;
  const names: NameRun[] = [];
  // "Presidents Aliyev and Lukashenko"; not "Board of Directors; Keely Cat-Wells, Founder" (a list goes on after the title).
  while (j < tokens.length && (names.length > 0 || onlySpaces(text.slice(tokens[j - 1]!.end, tokens[j]!.start)))) {
    const run = readName(text, tokens, j, places);
    if (!run) break;
    names.push(run);
    j = run.nextToken;
    // "Dana Nessel of Michigan and Keith Ellison of Minnesota"
    const of = /^\s+of\s+/.exec(text.slice(run.end));
    if (of) {
      const place = places.find((mention) => mention.start === run.end + of[0].length);
      if (place) while (j < tokens.length && tokens[j]!.start < place.end) j++;
    }
    const joiner = tokens[j];
    if (joiner && (joiner.key === "and" || /^\s*,\s*$/.test(text.slice(run.end, joiner.start)))) {
      if (joiner.key === "and") j++;
      continue;
    }
    break;
  }
  return { names, next: j };
}

/** Two or more people under one plural title at token `i`: the token after them, or undefined when there are not two. */
export function titleListMention(scan: Scan, i: number): number | undefined {
  const plural = pluralTitle(scan, i);
  if (!plural) return undefined;
  const { names, next } = listedNames(scan, i + plural.length);
  if (names.length < 2) return undefined;
  const at = scan.tokens[i]!.start;
  for (const run of names) scan.found.push({ name: run.name, title: plural.title, at });
  return next;
}
