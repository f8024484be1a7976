/** Recognisers of mentions that start with the name: "Dr. Edward Glaeser" (honorific + name), "Tom Perez, Senior Advisor to the President" (apposition). */
import { NAME_TITLE_ABBREVIATIONS } from "../../../text/lexicon/abbreviations.js";
import { appositiveTitle, officeAndCountry, type Apposition } from "./apposition.js";
import { countryAfter, countryBefore } from "./countries.js";
import { readName, type NameRun } from "./name-run.js";
import type { Scan } from "./scan.js";

/** A name and the office written after it between commas, with the country the office or the text gives. Returns the token after the office. */
function appositionMention(scan: Scan, at: number, run: NameRun, apposition: Apposition): number {
  const { text, tokens, places } = scan;
  const officeEnd = apposition.end;
  const stated = officeAndCountry(apposition.office, apposition.titleLength, places, officeEnd - apposition.office.length);
  const office = stated.title;
  const country = countryBefore(text, tokens[run.nextToken]!.start, places) ?? stated.country ?? countryAfter(text, officeEnd, places);
  scan.found.push({ name: run.name, at, ...(office ? { title: office } : {}), ...(country ? { country } : {}) });
  // The office's own words ("Director of the Office of Political Strategy and Outreach") name nobody,
  // nor does the organisation a list item gives after it ("Kenneth Chenault, Chairman, General Catalyst; ...").
  let next = run.nextToken;
  while (next < tokens.length && tokens[next]!.start < officeEnd) next++;
  const organisation = /^,\s+(\p{Lu}[^,;.()]{0,80})(?=;|\.?\s*$)/u.exec(text.slice(officeEnd));
  if (organisation) while (next < tokens.length && tokens[next]!.start < officeEnd + organisation[0].length) next++;
  return next;
}

/**
 * A person named first at token `i` (no official title there): after an honorific with its full stop
 * ("Dr. Edward Glaeser"), or with an office in apposition ("Tom Perez, Senior Advisor to the President").
 * Returns the token after the mention, or undefined when there is none.
 */
export function nameFirstMention(scan: Scan, i: number): number | undefined {
  const { text, tokens, places } = scan;
  const token = tokens[i]!;
  const honorific = NAME_TITLE_ABBREVIATIONS.has(token.key) && text[token.end] === "." && i + 1 < tokens.length;
  const run = readName(text, tokens, honorific ? i + 1 : i, places);
  if (!run || run.name.split(/\s+/).length < 2 || run.possessive) return undefined;
  const apposition = appositiveTitle(text, tokens, run, scan.titleAt, places);
  if (apposition) return appositionMention(scan, token.start, run, apposition);
  if (!honorific) return undefined;
  scan.found.push({ name: run.name, at: token.start });
  return run.nextToken;
}
