/** Recogniser: "his Belarusian counterpart Aleksandr Lukashenko". */
import { NOT_NAME_WORDS } from "../../../text/lexicon/names.js";
import { countryBefore } from "./countries.js";
import { readName } from "./name-run.js";
import { isCapitalisedWord, onlySpaces, type Scan } from "./scan.js";

/**
 * A counterpart named with a country ("his Belarusian counterpart Aleksandr Lukashenko"; a country the gazetteer
 * does not know is taken as written: "his Lindmark counterpart"), given the office of the text's first titled
 * person. Returns the token after the name, or undefined when token `i` starts no such mention.
 */
export function counterpartMention(scan: Scan, i: number): number | undefined {
  const { text, tokens, places } = scan;
  const token = tokens[i]!;
  if (token.key !== "counterpart" && token.key !== "counterparts") return undefined;
  const previous = tokens[i - 1];
  const written =
    previous && isCapitalisedWord(previous.raw) && /^ $/.test(text.slice(previous.end, token.start)) && !NOT_NAME_WORDS.has(previous.key)
      ? previous.raw.replace(/['’]s$/, "")
      : undefined;
  const country = countryBefore(text, token.start, places) ?? written;
  const name = i + 1 < tokens.length && onlySpaces(text.slice(token.end, tokens[i + 1]!.start)) ? readName(text, tokens, i + 1, places) : undefined;
  if (!name || !country) return undefined;
  scan.found.push({ name: name.name, country, at: token.start, ...(scan.subjectTitle ? { title: scan.subjectTitle } : {}) });
  return name.nextToken;
}
