/** An office written after a name, between commas: "Tom Perez, Senior Advisor to the President, ...", "Leo Varadkar, the Taoiseach of Ireland". */
import { wordTokens, type WordToken } from "../../../text/fold.js";
import { isPortfolioWord, matchTitle, type PlaceMention } from "../../../text/gazetteer.js";
import { OFFICE_BEFORE_NAME, TITLE_CONNECTORS } from "../../../text/lexicon/offices.js";
import { INSTITUTION_WORD } from "../../../text/lexicon/organisations.js";
import { STATE_FORM, STATE_NOUN } from "../../../text/lexicon/state-forms.js";
import { readName, type NameRun } from "./name-run.js";
import { isCapitalisedWord, onlySpaces } from "./scan.js";

export interface Apposition {
  /** The office as written after the comma: "Minister of Economy of the Federal Republic of Serrania". */
  office: string;
  /** Offset in the text where it ends. */
  end: number;
  /** Words of the official title it starts with ("Minister of Economy": 3). */
  titleLength: number;
}

/** The clause after an apposition's comma, up to the next punctuation ("U.S." and other dotted acronyms inside it). */
const APPOSITION_CLAUSE = /^(?:\p{Lu}\.(?:\p{Lu}\.)+|[^,.;:()])+/u;

/** "Tom Perez, Senior Advisor to the President & Director of ..., " — a name, a comma, then the office. */
export function appositiveTitle(
  text: string,
  tokens: readonly WordToken[],
  run: NameRun,
  titleAt: (k: number) => number,
  places: readonly PlaceMention[],
): Apposition | undefined {
  const comma = tokens[run.nextToken];
  if (!comma || !/^,\s+$/.test(text.slice(run.end, comma.start))) return undefined;
  // "Leo Varadkar, the Taoiseach of Ireland": the office is introduced by "the".
  if (comma.key === "the" && run.nextToken + 1 < tokens.length && /^ $/.test(text.slice(comma.end, tokens[run.nextToken + 1]!.start))) {
    const m = titleAt(run.nextToken + 1);
    // "Isabel Guzmán, the Deputy Secretary of the Treasury Wally Adeyemo, ...": a list, the office is the next person's.
    const nameAfter = tokens[run.nextToken + 1 + m];
    if (m > 0 && nameAfter && onlySpaces(text.slice(tokens[run.nextToken + m]!.end, nameAfter.start)) && readName(text, tokens, run.nextToken + 1 + m, places))
      return undefined;
    if (m > 0) {
      const end = tokens[run.nextToken + m]!.end;
      return { office: text.slice(tokens[run.nextToken + 1]!.start, end), end, titleLength: m };
    }
    return undefined;
  }
  const next = comma;
  if (!isCapitalisedWord(next.raw)) return undefined;
  const n = titleAt(run.nextToken);
  if (n === 0) return undefined;
  // "Chief of Cabinet Nicolas Posse, Economy Minister Luis Caputo": the title opens the next person, not an apposition.
  const after = tokens[run.nextToken + n];
  if (
    after &&
    /^ {1,2}$/.test(text.slice(tokens[run.nextToken + n - 1]!.end, after.start)) &&
    isCapitalisedWord(after.raw) &&
    !TITLE_CONNECTORS.has(after.key) &&
    readName(text, tokens, run.nextToken + n, places) !== undefined
  ) {
    return undefined;
  }
  const rest = text.slice(next.start);
  const clause = APPOSITION_CLAUSE.exec(rest)?.[0].trim() ?? "";
  const matchedEnd = tokens[run.nextToken + n - 1]!.end;
  const matched = text.slice(next.start, matchedEnd);
  // "..., Deputy Assistant to the President and Middle East Coordinator Brett McGurk": the clause ends with the next person.
  if (OFFICE_BEFORE_NAME.test(clause)) {
    return undefined;
  }
  // "Jennifer Klein, Director of the Gender Policy Council and Zayn Siddique, Deputy Assistant ...": the next person ends it.
  const nextPerson = /\s+and\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})$/u.exec(clause);
  const afterClause = tokens.findIndex((token) => token.start >= next.start + clause.length);
  const nextApposition = afterClause > 0 && /^,\s+$/.test(text.slice(next.start + clause.length, tokens[afterClause]!.start)) && titleAt(afterClause) > 0;
  const personWords = nextPerson ? nextPerson[1]!.split(/\s+/) : [];
  const isPerson = personWords.length > 0 && personWords.every((_, k) => matchTitle(personWords, k) === 0);
  const office = nextPerson && isPerson && nextApposition && next.start + nextPerson.index >= matchedEnd ? clause.slice(0, nextPerson.index) : clause;
  const words = office.split(/\s+/).length;
  if (words <= 14 && office.length >= matched.length) return { office, end: next.start + office.length, titleLength: n };
  return { office: matched, end: matchedEnd, titleLength: n };
}

/**
 * An apposition's office and the country it ends with: "Minister of Trade of Lindmark" → "Minister
 * of Trade" of "Lindmark"; "Federal Minister of Defense of Germany" → "Federal Minister of Defense"
 * of Germany; "Minister of Economy of the Federal Republic of Serrania" → of "Serrania"; "Attorney
 * General of Nevada" → of Nevada. An organisation ("Chair of the Foreign Affairs Committee",
 * "Director of the Office of Gun Violence Prevention") stays part of the office. A country the
 * gazetteer does not know is taken as written when it looks like one: one proper name, or a people's
 * name and a state noun.
 */
export function officeAndCountry(
  office: string,
  titleLength: number,
  places: readonly PlaceMention[],
  officeStart: number,
): { title: string; country?: string } {
  const titleEnd = wordTokens(office)[titleLength - 1]?.end ?? office.length;
  const officeEnd = officeStart + office.length;
  for (const of of office.matchAll(/\s+of\s+(?:the\s+)?/g)) {
    if (of.index < titleEnd - 1) continue;
    const head = office.slice(0, of.index);
    const phrase = office.slice(of.index + of[0].length);
    const phraseStart = officeStart + of.index + of[0].length;
    // "the Office of X", "the Alaska Federation of Natives": the rest names an organisation.
    const last = head.split(/\s+/).pop() ?? "";
    if (INSTITUTION_WORD.test(last) || STATE_NOUN.test(last)) return { title: office };
    const known = places.find(
      (place) =>
        place.start === phraseStart && place.end >= officeEnd - 1 && (place.kind === "country" || place.kind === "organisation" || place.kind === "region"),
    );
    if (known) return { title: head, country: known.kind === "region" ? known.text : known.canonical };
    const bare = phrase.replace(STATE_FORM, "");
    const words = bare.split(/\s+/);
    const proper = words.every((word) => /^\p{Lu}\p{Ll}/u.test(word) && !isPortfolioWord(word) && !INSTITUTION_WORD.test(word));
    if (proper && (words.length === 1 || (words.length === 2 && STATE_NOUN.test(words[1]!)))) return { title: head, country: bare };
  }
  return { title: office };
}
