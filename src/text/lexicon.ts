/**
 * Domain words shared by ingest, retrieval and the citation checker, each with
 * one owner: abbreviations that do not end a sentence, particles inside names,
 * meeting verbs, month and weekday names, number words.
 */

/**
 * Abbreviations after which a full stop does not end a sentence ("Adm. Chris Grady", "Jan. 5", "Gen. Milley"),
 * for the sentence splitter of ingest and the citation checker alike. Words that often do end a sentence
 * ("etc.", "Inc.", "Jr.") are not here: splitting there is the safer mistake.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj",
  "amb", "hon", "rev", "st", "ft", "mt", "jan", "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
  "no", "nos", "vol", "vs", "e.g", "i.e", "cf", "approx", "est", "dept", "pres", "sec", "asst",
]);

/** Words inside names that are not names themselves: "bin Salman", "da Silva", "von der Leyen". */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  "bin", "bint", "ibn", "abu", "al", "el", "de", "da", "das", "do", "dos", "del", "della", "di", "du",
  "van", "von", "der", "den", "la", "le", "ter", "ten", "y",
]);

/** Arabic article prefixes written joined to a name ("al-Sabah", "Ash-Sharaa"): dropped when a name is keyed. */
export const NAME_ARTICLE_PREFIXES: ReadonlySet<string> = new Set(["al", "el", "ul", "ad", "as", "an", "ash"]);

/** Words that say a sentence reports a meeting, a call or a session. */
export const MEETING_VERB =
  /\b(?:met|meet|meets|meeting|meetings|spoke|speaks|speak|(?:call|called|calls)(?!\s+(?:on|upon|for|off|out|into|it)\b)|talked|talks|held|holds|hosted|hosts|welcomed|welcomes|received|receives|convened|convenes|visited|visits|joined|participated|conversation|summit|session|hearing|gathered|sat down|videoconference|video conference|telephoned|phoned|attended|attend|attends|convening|roundtable|briefed|traveled|travelled|led an? (?:\w+ )?delegation)\b/i;

/** The base forms a question uses after "did": "when did they last talk?", "when did Biden visit Kyiv?". */
export const MEETING_VERB_BASE = /\b(?:meet|speak|talk|call|visit|host|see|welcome|receive|convene|gather|phone|sit down|get together|attend|travel)\b/i;

/** Nouns that name a meeting, a call or a gathering ("the 2022 summit", "their last call"). */
export const MEETING_NOUN =
  /^(?:meetings?|calls?|summits?|visits?|talks|conversations?|sessions?|conferences?|trips?|readouts?|bilaterals?|dinners?|lunch(?:es)?|breakfasts?|audiences?|retreats?|forums?|hearings?|gatherings?|roundtables?|videoconferences?|g\d+|state|official|working|phone|video|virtual|in-person)$/iu;

const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"] as const;

/** Month names and their usual abbreviations, for building patterns. */
export const MONTH_PATTERN = `${MONTH_NAMES.join("|")}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec`;

export const WEEKDAY_PATTERN = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

/** Cardinal number words, for spotting figures written out ("forty minutes", "two more weeks"). */
export const NUMBER_WORD_PATTERN =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen";
