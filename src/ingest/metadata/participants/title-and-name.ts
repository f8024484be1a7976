/**
 * Recogniser: an official title, then the name ("Prime Minister Anthony Albanese", "Azerbaijan’s President
 * Ilham Aliyev", "President of France Emmanuel Macron", "The Minister of Trade and Industry, Ilse Marrow,").
 */
import { isPortfolioWord } from "../../../text/gazetteer.js";
import { MEETING_NOUN_PHRASE } from "../../../text/lexicon/meeting-words.js";
import { HONORIFIC_PREFIX, HONORIFIC_TITLES } from "../../../text/lexicon/names.js";
import { TITLE_CONNECTORS } from "../../../text/lexicon/offices.js";
import { INSTITUTION_WORD } from "../../../text/lexicon/organisations.js";
import { COUNTRY_KINDS, countryAfter, countryBefore } from "./countries.js";
import { readName, type NameRun } from "./name-run.js";
import { isCapitalisedWord, onlySpaces, type Scan } from "./scan.js";

/** Capitalised words that end with an institution noun, then a capitalised word: " Food and Drug Administration| Dr. Janet ...". */
const ORGANISATION_NAME = new RegExp(`^\\s+(?:\\p{Lu}[\\p{L}'’-]*\\s+(?:(?:and|&|of|for|the)\\s+)*){0,5}${INSTITUTION_WORD.source}(?=\\s+\\p{Lu})`, "u");

/** A chain of titles from token `i`: "His Highness President Sheikh", "Crown Prince and Prime Minister". */
function titleChain(scan: Scan, i: number): { title: string | undefined; end: number } {
  const { text, tokens, titleAt } = scan;
  let j = i;
  const parts: string[] = [];
  while (j < tokens.length) {
    // Titles in a chain follow each other: "Chair of the Board; Sheriff Peter ..." is two people's.
    if (j > i && !/^\s*[,&/]?\s*$/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) break;
    const n = titleAt(j);
    if (n === 0) break;
    const raw = text.slice(tokens[j]!.start, tokens[j + n - 1]!.end).replace(HONORIFIC_PREFIX, "");
    if (raw && !HONORIFIC_TITLES.has(raw.toLowerCase())) parts.push(raw);
    j += n;
    const joiner = tokens[j];
    if (joiner?.key === "and" && j + 1 < tokens.length && titleAt(j + 1) > 0 && isCapitalisedWord(tokens[j + 1]!.raw)) {
      j++;
    }
  }
  // A lowercase office ("Belarusian leader") is written as a title.
  const title =
    parts
      .map((part) => (/^\p{Ll}/u.test(part) ? part.replace(/(^|\s)(\p{Ll})/gu, (_, lead: string, ch: string) => lead + ch.toUpperCase()) : part))
      .join(" and ") || undefined;
  return { title, end: j };
}

/** "Ambassador to Israel Tom Nides", "Advisor for International Economics Mike Pyle", "Coordinator for Gaza Sigrid Kaag": the office's place or portfolio after "to"/"for". */
function officeFor(scan: Scan, title: string, j: number): { title: string; end: number } {
  const { text, tokens, places } = scan;
  if (!(j < tokens.length && (tokens[j]!.key === "to" || tokens[j]!.key === "for") && /^ $/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))))
    return { title, end: j };
  let k = j + 1;
  if (tokens[k]?.key === "the") k++;
  const place = places.find((mention) => mention.start === tokens[k]?.start && COUNTRY_KINDS.has(mention.kind) && mention.kind !== "demonym");
  let end = k;
  if (place) {
    while (end < tokens.length && tokens[end]!.start < place.end) end++;
  } else {
    while (
      end < tokens.length &&
      end - k < 5 &&
      isCapitalisedWord(tokens[end]!.raw) &&
      (isPortfolioWord(tokens[end]!.raw) || (end > k && TITLE_CONNECTORS.has(tokens[end]!.key)))
    )
      end++;
  }
  const spaced =
    end > k && tokens.slice(j, end).every((token, offset) => offset === 0 || /^ {1,2}$/.test(text.slice(tokens[j + offset - 1]!.end, token.start)));
  if (spaced && end < tokens.length && isCapitalisedWord(tokens[end]!.raw))
    return { title: `${title} ${text.slice(tokens[j]!.start, tokens[end - 1]!.end)}`, end };
  return { title, end: j };
}

/** Walk back from the title at token `i` over capitalised words and connectors, to where the whole office starts. */
function extendTitleBack(scan: Scan, i: number): { start: number; country?: string } | undefined {
  const { text, tokens, places } = scan;
  let k = i - 1;
  let start = i;
  while (k >= 0 && /^ {1,2}$/.test(text.slice(tokens[k]!.end, tokens[k + 1]!.start))) {
    const token = tokens[k]!;
    if (places.some((place) => place.end === token.end && COUNTRY_KINDS.has(place.kind))) break;
    if (isCapitalisedWord(token.raw)) start = k;
    else if (!TITLE_CONNECTORS.has(token.key)) break;
    k--;
  }
  if (start === i) return undefined;
  const country = countryBefore(text, tokens[start]!.start, places);
  return { start: tokens[start]!.start, ...(country ? { country } : {}) };
}

/** The name right after the title at token `j`, or between commas after it ("The Minister of Trade and Industry, Ilse Marrow, held ..."). */
function nameAfterTitle(scan: Scan, j: number, titleStart: number, country: string | undefined): NameRun | undefined {
  const { text, tokens, places } = scan;
  const gapToName = j < tokens.length ? text.slice(tokens[j - 1]!.end, tokens[j]!.start) : "";
  const run = j < tokens.length && onlySpaces(gapToName) && gapToName.length <= 2 ? readName(text, tokens, j, places) : undefined;
  if (run) return run;
  // "Polish Secretary of State, Head of the National Security Bureau, Jacek Siewiera."
  if (gapToName === ", " && (country !== undefined || /(?:\b(?:the|The)|['’]s?)\s+$/.test(text.slice(Math.max(0, titleStart - 20), titleStart)))) {
    const named = readName(text, tokens, j, places);
    if (named && named.name.split(/\s+/).length >= 2 && !named.possessive && /^(?:[,.;)]|\s*$)/.test(text.slice(named.end))) return named;
  }
  return undefined;
}

/**
 * "President Putin’s war", "President Milei of Argentina’s administration": named in passing, not present.
 * In a headline, "President Biden’s Meeting with ..." names the subject; "President Biden’s Special Advisor’s Trip" does not.
 */
function namedInPassing(scan: Scan, run: NameRun): boolean {
  const { text, places } = scan;
  const ofPossessive = /^,?\s+of\s+(?:the\s+)?(?:\p{Lu}[\p{L}-]*\s+){0,4}\p{Lu}[\p{L}-]*['’]s\b/u.exec(text.slice(run.end));
  // "of the People’s Republic of China" is a country, not a possessive.
  const ofCountryName = ofPossessive
    ? places.some((place) => place.start > run.end && place.start <= run.end + ofPossessive[0].length && place.end > run.end + ofPossessive[0].length)
    : false;
  const possessiveCountry = ofPossessive !== null && !ofCountryName;
  return (run.possessive || possessiveCountry) && !MEETING_NOUN_PHRASE.test(text.slice(run.end));
}

/** An official title at token `i` and the person it names, with the country the text gives. Returns the token to read next. */
export function titleAndNameMention(scan: Scan, i: number): number {
  const { text, tokens, places } = scan;
  const titleStart = tokens[i]!.start;
  const chain = titleChain(scan, i);
  let title = chain.title;
  let j = chain.end;
  let country = countryBefore(text, titleStart, places);
  if (title) ({ title, end: j } = officeFor(scan, title, j));
  // "Diplomatic Counselor to the President", "Head of the Office of the President": the office belongs to the longer title.
  if (title && /\b(?:to|of|for) the\s+$/.test(text.slice(Math.max(0, titleStart - 12), titleStart))) {
    const extended = extendTitleBack(scan, i);
    if (extended) {
      title = text.slice(extended.start, tokens[j - 1]!.end);
      country = extended.country ?? country;
    }
  }
  const titleTextEnd = tokens[j - 1]!.end;
  // "President of France Emmanuel Macron"
  const ofCountry = countryAfter(text, tokens[j - 1]!.end, places);
  if (ofCountry) {
    const place = places.find((mention) => mention.canonical === ofCountry && mention.start > tokens[j - 1]!.end);
    if (place) {
      country ??= ofCountry;
      while (j < tokens.length && tokens[j]!.start < place.end) j++;
    }
  }
  // "Commissioner of the U.S. Food and Drug Administration Dr. Janet Woodcock": after "of <country>", an organisation's name ends the office.
  const organisation = ofCountry && tokens[j - 1]!.end > titleTextEnd ? ORGANISATION_NAME.exec(text.slice(tokens[j - 1]!.end)) : null;
  if (title && organisation) {
    const end = tokens[j - 1]!.end + organisation[0].length;
    title = `${title}${text.slice(titleTextEnd, end)}`.replace(/\s+/g, " ");
    while (j < tokens.length && tokens[j]!.start < end) j++;
  }
  // "the President’s Meeting": an office in the possessive names nobody after it.
  if (/['’]s?$/.test(tokens[j - 1]!.raw)) return Math.max(j, i + 1);
  const run = nameAfterTitle(scan, j, titleStart, country);
  if (!run) return Math.max(j, i + 1);
  if (!namedInPassing(scan, run)) {
    country ??= countryAfter(text, run.end, places);
    scan.found.push({ name: run.name, at: titleStart, ...(title ? { title } : {}), ...(country ? { country } : {}) });
    if (title && scan.subjectTitle === undefined) scan.subjectTitle = title;
  }
  return run.nextToken;
}
