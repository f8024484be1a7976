/**
 * The lexicon: the domain words that ingest, retrieval and the citation checker share, one data
 * module per concept and each concept with one owner. Modules hold words and word patterns only,
 * no logic; the text toolkit (gazetteer, names, sentences) and the rooms above read them.
 *
 * - abbreviations: abbreviations with a full stop; the honorifics and ranks among them
 * - names: particles, article prefixes, suffixes, honorifics, forms of address, not-name words
 * - titles: the official titles table; offices: office heads, qualifiers, portfolios, ranks
 * - meeting-words: meeting, participation, place and call verbs, meeting nouns, participant lists
 * - calendar-words: months, weekdays, day words; tense-words: future, planned and background markers
 * - topic-words: where a sentence turns to its topic; headline-words: words after a name in a headline
 * - chat-shorthand: what "wat", "abt", "w/" and "&" stand for in a typed question
 * - countries, organisations, places, state-forms, regions: the gazetteer's data; numbers: number words
 */
export * from "./abbreviations.js";
export * from "./calendar-words.js";
export * from "./chat-shorthand.js";
export * from "./countries.js";
export * from "./headline-words.js";
export * from "./meeting-words.js";
export * from "./names.js";
export * from "./numbers.js";
export * from "./offices.js";
export * from "./organisations.js";
export * from "./places.js";
export * from "./regions.js";
export * from "./state-forms.js";
export * from "./tense-words.js";
export * from "./titles.js";
export * from "./topic-words.js";
