/** Abbreviations written with a full stop: before names, in dates, and in running text. */

/**
 * Honorifics and abbreviated ranks written with a full stop before a name ("Dr. Rahul Gupta",
 * "Gen. Mark A. Milley"): the participant reader skips them, the name starts after them.
 * "Cmdr." is an abbreviation (below) but not read as one of these.
 */
export const NAME_TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "dr",
  "mr",
  "mrs",
  "ms",
  "prof",
  "gen",
  "adm",
  "lt",
  "col",
  "maj",
  "capt",
  "sgt",
  "rev",
  "sen",
  "rep",
  "gov",
  "amb",
  "hon",
]);

/**
 * Abbreviations after which a full stop does not end a sentence ("Adm. Chris Grady", "Jan. 5", "Gen. Milley"),
 * for the sentence splitter of ingest and the citation checker alike: the name titles above and more. Words
 * that often do end a sentence ("etc.", "Inc.", "Jr.") are not here: splitting there is the safer mistake.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  ...NAME_TITLE_ABBREVIATIONS,
  "cmdr",
  "st",
  "ft",
  "mt",
  "jan",
  "feb",
  "apr",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "no",
  "nos",
  "vol",
  "vs",
  "e.g",
  "i.e",
  "cf",
  "approx",
  "est",
  "dept",
  "pres",
  "sec",
  "asst",
]);
