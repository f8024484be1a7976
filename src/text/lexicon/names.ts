/** Words of personal names: particles, article prefixes, suffixes, honorifics and forms of address, and words that are never a name. */

/** Words inside names that are not names themselves: "bin Salman", "da Silva", "von der Leyen". */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  "bin",
  "bint",
  "ibn",
  "abu",
  "al",
  "el",
  "de",
  "da",
  "das",
  "do",
  "dos",
  "del",
  "della",
  "di",
  "du",
  "van",
  "von",
  "der",
  "den",
  "la",
  "le",
  "ter",
  "ten",
  "y",
]);

/** Arabic article prefixes written joined to a name ("al-Sabah", "Ash-Sharaa"): dropped when a name is keyed. */
export const NAME_ARTICLE_PREFIXES: ReadonlySet<string> = new Set(["al", "el", "ul", "ad", "as", "an", "ash"]);

/** A lowercase particle joined to a capitalised name word, inside a name: "Sayyid Badr al-Busaidi", "Mohammed bin-Salman". */
export const JOINED_NAME_PARTICLE = /^(?:al|el|bin|ibn|ul|ad|as|abu|ben)-\p{Lu}/u;

/** An article prefix after an apostrophe that stands for a letter: "Shia’ al-Sudani" goes on after "Shia’". */
export const ELIDED_ARTICLE_PREFIX = /^(?:al|el|ad|as|an)-\p{Lu}/u;

/** Generational suffixes written after a name: "Joseph R. Biden, Jr.", "Henry Ford II". */
export const NAME_SUFFIXES: ReadonlySet<string> = new Set(["jr", "sr", "ii", "iii", "iv"]);

/** Degrees and professional suffixes, dropped with the generational ones when a name is keyed: "Jane Roe, PhD". */
export const DEGREE_SUFFIXES: ReadonlySet<string> = new Set(["phd", "md", "esq"]);

/** Words that are not part of a name when they open or close it (name keys drop them). */
export const NAME_HONORIFICS: ReadonlySet<string> = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "dr",
  "prof",
  "sir",
  "dame",
  "lord",
  "lady",
  "hon",
  "honorable",
  "honourable",
  "his",
  "her",
  "excellency",
  "majesty",
  "highness",
  "royal",
  "sheikh",
  "sheikha",
  "h.e.",
  "h.m.",
  "h.h.",
]);

/**
 * One honorific word as written, with or without its full stop: what the vocabulary strips from the front
 * of a participant's name. Fewer words than NAME_HONORIFICS (no "hon", "royal", "sheikh"): the two were
 * tuned apart, and merging them would change which names the vocabulary keeps.
 */
export const HONORIFIC_WORD = /^(?:mr|mrs|ms|miss|dr|prof|sir|dame|lord|lady|his|her|excellency|majesty|highness|h\.?e|h\.?m|h\.?h)\.?$/iu;

/** Forms of address that a chain of titles leaves out: "His Highness President Sheikh ..." is titled "President". */
export const HONORIFIC_TITLES: ReadonlySet<string> = new Set([
  "his excellency",
  "her excellency",
  "his highness",
  "her highness",
  "his majesty",
  "her majesty",
  "his royal highness",
  "her royal highness",
  "sheikh",
  "sheikha",
  "his holiness",
]);

/** Forms of address that open a title as written: "His Royal Highness Crown Prince" is "Crown Prince". */
export const HONORIFIC_PREFIX = /^(?:(?:His|Her|Their) (?:Royal )?(?:Majesty|Highness|Excellency|Holiness)\s*)+/;

/** Capitalised words that never start or continue a personal name (function words, institutions, meeting nouns). */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set(
  "the a an on in at of for and or but with by to from during after before today yesterday tomorrow this that these those he she they we it his her their our its who which when where while as also both all each office house government administration republic kingdom ministry department state states council committee union federation embassy people assembly meeting meetings call calls visit summit conference forum session agreement statement readout county city district province".split(
    " ",
  ),
);

/** Given names that tell a "she" (the conversation's pronouns have nothing else to go by). */
export const FEMALE_GIVEN_NAMES: ReadonlySet<string> = new Set(
  `kamala jill hillary nancy janet gina deb debra jennifer liz elizabeth susan samantha linda karine lael neera shalanda marcia michelle
  melania ivanka claudia giorgia ursula mette jacinda sanna kaja angela theresa margaret sheikh hasina dina xiomara tsai ing-wen
  yulia dasha svetlana svyatlana maia salome zuzana kersti ingrida iveta roberta annalena christine kristalina ngozi amina mia
  penny julie isabel gretchen kathy katie kathleen mary maria marie anne ann anna hannah sarah sara rachel rebecca laura lisa
  karen emily emma olivia sophia julia victoria catherine caroline charlotte alice helen ellen ruth rose jane joan judith
  michèle michele sandra patricia barbara nicola yoko sanae yuriko tamara natalia natalya olena oksana iryna viktoria
  lucia luisa dilma cristina gloria sheinbaum droupadi nirmala smriti benazir indira golda tzipi ayelet shirin mahsa
  ana beatriz isabela veronica carmen dolores pilar`.split(/\s+/u),
);
