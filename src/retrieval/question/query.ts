/**
 * `question/` — understanding one standalone question; this module is its entry
 * and the other modules its parts: dates (`dates.ts` and `date-*.ts`), people
 * (`people.ts`, `vocabulary.ts`), countries with typos, intent, the expected
 * answer type and the shape of the question.
 *
 * Query understanding: what a (standalone) question asks about — dates resolved
 * against today, people, countries and places in the index's own spellings, the
 * kind of answer wanted, and the key terms — in well under a millisecond or two.
 *
 * Names are matched word by word against the index vocabulary with the shared
 * name keys (case, diacritics, possessives and transliteration variants folded)
 * and, for words that are not English, an edit-distance allowance that grows with
 * length ("kishda" → Kishida). A common English word is read as a name only when
 * it is capitalised inside the sentence ("Susan Rice"), never when typed in
 * lowercase ("rice exports") and never as a typo of a name.
 */
import { RunnableLambda } from "@langchain/core/runnables";
import { foldPhrase, wordTokens, type WordToken } from "../../text/fold.js";
import { canonicalCountry, findPlaces, ORGANISATIONS } from "../../text/gazetteer.js";
import { editDistance, nameWordKey, typoAllowance } from "../../text/names.js";
import { CHAT_SHORTHAND, MONTH_NAMES, MONTH_NUMBERS } from "../../text/lexicon/index.js";
import { findRegionMentions } from "../../text/regions.js";
import type { AskedRegion, QueryAnalysis } from "../types.js";
import { asksMeetingDate, expectedAnswerType } from "./answer-type.js";
import { fuzzyCountry } from "./country-typos.js";
import { parseDates, todayIso, type DateMention } from "./dates.js";
import { isCommonWord, isDictionaryWord, STOP_WORDS, warmUpEnglish } from "./english.js";
import { detectIntent, EARLIEST, LATEST, ORDER_WORDS } from "./intent.js";
import { findInitialisms, findPeople, takeUnknownNames } from "./people.js";
import { overlaps, spanOf, type EntitySpan, type Token } from "./spans.js";
import { isTitleWord } from "./titles.js";
import { emptyVocabulary, namesAfterTitles, type Vocabulary } from "./vocabulary.js";

export interface UnderstandOptions {
  /** YYYY-MM-DD; relative dates ("last week") are resolved against it. */
  today: string;
  vocabulary?: Vocabulary;
}

function maskDates(text: string, mentions: DateMention[]): string {
  let masked = text;
  for (const mention of mentions) masked = masked.slice(0, mention.start) + " ".repeat(mention.end - mention.start) + masked.slice(mention.end);
  return masked;
}

/** A question's analysis plus where in the (normalised) question each entity and date is. */
export interface DetailedAnalysis {
  analysis: QueryAnalysis;
  entities: EntitySpan[];
  dates: DateMention[];
}

/**
 * Normalise a question's spacing and apostrophes, and month names mistyped next to a number
 * ("in ocotber 2021", "auugst 12"); every offset this module reports is into this text.
 */
export function normaliseQuestion(question: string): string {
  return withMonthTyposFixed(withoutShorthand(question.replace(/[’‘]/gu, "'").replace(/\s+/gu, " ").trim()));
}

/** "wat did biden & kishida talk abt" → "what did biden and kishida talk about": shorthand standing alone, in lowercase. */
function withoutShorthand(text: string): string {
  return text.replace(/(?<=^|\s)([a-z0-9]+\/?|&)(?=$|[\s?!.,])/gu, (word) => CHAT_SHORTHAND[word] ?? word);
}

/** Month names long enough to tell from a typo ("may", "june" and "july" are too short). */
const LONG_MONTHS = MONTH_NAMES.filter((month) => month.length >= 5);

function withMonthTyposFixed(text: string): string {
  return text.replace(/\b(\d{1,4}\s+)?(\p{L}{5,})/gu, (whole, before: string | undefined, word: string, offset: number) => {
    const rest = text.slice(offset + whole.length);
    // "12 ocotber", "ocotber 12", "ocotber 2021"; not "In 2025 Marco Rubio", nor a name's first word ("Avril Haines").
    const dayBefore = before !== undefined && Number(before) >= 1 && Number(before) <= 31;
    const after = /^\s+(?:(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?|\d{4})\b/u.test(rest);
    const lower = word.toLowerCase();
    if ((!dayBefore && !after) || MONTH_NUMBERS[lower] !== undefined || isDictionaryWord(lower)) return whole;
    if (/^\p{Lu}/u.test(word) && /^\s+\p{Lu}/u.test(rest)) return whole;
    const month = LONG_MONTHS.find((name) => editDistance(lower, name, typoAllowance(lower.length)) <= typoAllowance(lower.length));
    if (!month) return whole;
    const written = /^\p{Lu}/u.test(word) ? month[0]!.toUpperCase() + month.slice(1) : month;
    return `${before ?? ""}${written}`;
  });
}

/** Question words and verbs too general to help find a paragraph. */
const QUESTION_FILLER = new Set([
  "did",
  "does",
  "do",
  "has",
  "have",
  "had",
  "was",
  "were",
  "is",
  "are",
  "which",
  "what",
  "when",
  "where",
  "who",
  "whom",
  "why",
  "how",
  "many",
  "much",
  "date",
  "day",
]);

/** Understand one standalone question, with the positions of what was found. */
export function analyseQuestion(question: string, options: UnderstandOptions): DetailedAnalysis {
  const vocabulary = options.vocabulary ?? emptyVocabulary();
  const text = normaliseQuestion(question);
  const dates = parseDates(text, options.today, vocabulary.newestDate ? { newestDate: vocabulary.newestDate } : {});

  // "Central Asian leaders": the region's words are neither a person nor a place, but stay terms.
  const regionMentions = findRegionMentions(text);
  const inRegionName = (token: WordToken) => regionMentions.some((mention) => overlaps(token, mention.start, mention.end));
  const tokens: Token[] = wordTokens(text).map((token, index) => ({
    ...token,
    index,
    used: dates.mentions.some((mention) => overlaps(token, mention.start, mention.end)) || inRegionName(token),
  }));
  const entities: EntitySpan[] = [];
  const take = (span: EntitySpan, covered: Token[]) => {
    entities.push(span);
    for (const token of covered) token.used = true;
  };

  // Countries, organisations, demonyms, cities and venues from the gazetteer.
  for (const mention of findPlaces(text)) {
    const covered = tokens.filter((token) => overlaps(token, mention.start, mention.end));
    if (covered.length === 0 || covered.some((token) => token.used)) continue;
    const lowercase = !/\p{Lu}/u.test(mention.text);
    if (mention.kind === "city" || mention.kind === "venue" || mention.kind === "region") {
      if (lowercase && isCommonWord(foldPhrase(mention.text))) continue;
      // "Austin" the Secretary, not the city, when the index names him more often than the place.
      const surnameHits = covered.length === 1 ? vocabulary.byWord.get(nameWordKey(covered[0]!.key))?.filter((hit) => hit.surname) : undefined;
      const placeCount = vocabulary.places.get(foldPhrase(mention.canonical))?.count ?? 0;
      if (surnameHits && surnameHits.length > 0 && surnameHits[0]!.person.count > placeCount) continue;
      take(spanOf(text, "place", mention.canonical, covered), covered);
    } else {
      take(spanOf(text, "country", mention.canonical, covered), covered);
    }
  }

  // Places the index's metadata names ("Hiroshima", "the Kantei"), by phrase.
  for (let i = 0; i < tokens.length; i++) {
    for (let n = Math.min(vocabulary.placeWords, tokens.length - i); n >= 1; n--) {
      const span = tokens.slice(i, i + n);
      if (span.some((token) => token.used)) continue;
      const place = vocabulary.places.get(span.map((token) => token.key).join(" "));
      if (!place) continue;
      if (n === 1 && (STOP_WORDS.has(span[0]!.key) || (isCommonWord(span[0]!.key) && !/^\p{Lu}/u.test(span[0]!.raw)))) continue;
      // A single word that is also a person's surname stays a person ("Austin").
      if (n === 1 && (vocabulary.byWord.get(nameWordKey(span[0]!.key))?.[0]?.person.count ?? 0) > place.count) continue;
      take(spanOf(text, "place", place.name, span), span);
      i += n - 1;
      break;
    }
  }

  // People: the index's vocabulary first, then names written after a title ("President Zorblax").
  for (const span of findPeople(text, tokens, vocabulary)) {
    take(
      span,
      tokens.filter((token) => overlaps(token, span.start, span.end)),
    );
  }
  for (const { span, token } of findInitialisms(text, tokens, vocabulary)) take(span, [token]);
  let searchFrom = 0;
  for (const name of namesAfterTitles(text)) {
    const at = text.indexOf(name, searchFrom);
    if (at < 0) continue;
    searchFrom = at + name.length;
    if (name.split(" ").every((word) => isCommonWord(word))) continue;
    const nameTokens = tokens.filter((token) => token.start >= at && token.end <= at + name.length);
    if (nameTokens.length === 0 || nameTokens.some((token) => token.used)) continue;
    take(spanOf(text, "person", name, nameTokens), nameTokens);
  }

  // Countries' acronyms typed in lowercase ("the uae president", "prc"), when they are no English word ("us").
  for (const token of tokens) {
    if (token.used || token.raw !== token.raw.toLowerCase() || token.raw.length < 2 || isDictionaryWord(token.key) || STOP_WORDS.has(token.key)) continue;
    const country = canonicalCountry(token.raw.toUpperCase());
    if (country && canonicalCountry(token.raw) === undefined && !ORGANISATIONS.some((organisation) => organisation.name === country))
      take(spanOf(text, "country", country, [token]), [token]);
  }

  // Countries with a typo ("Azerbijan", "Ukrane").
  for (const token of tokens) {
    if (token.used || STOP_WORDS.has(token.key)) continue;
    const country = fuzzyCountry(token.key);
    if (country) take(spanOf(text, "country", country, [token]), [token]);
  }

  // Names the index does not know, written as names ("Viktor Orbán", "Patriarch Bartholomew").
  takeUnknownNames(text, tokens, take);

  // Everything not used for a date or a name is a candidate term; title words stay ("prime minister").
  const regions: AskedRegion[] = [];
  for (const { region, describes } of regionMentions) {
    if (!regions.some((asked) => asked.name === region.name)) regions.push({ name: region.name, describes });
  }
  const terms: string[] = [];
  for (const token of tokens) {
    if (token.used && !inRegionName(token)) continue;
    const word = token.key;
    if (word.length < 2 && !/^\d$/u.test(word)) continue;
    if (STOP_WORDS.has(word) || ORDER_WORDS.has(word) || QUESTION_FILLER.has(word)) continue;
    if (!terms.includes(word)) terms.push(word);
  }

  entities.sort((a, b) => a.start - b.start);
  const unique = (kind: EntitySpan["kind"]) => [...new Set(entities.filter((entity) => entity.kind === kind).map((entity) => entity.canonical))];
  const undated = maskDates(text, dates.mentions);
  const people = unique("person");
  const countrySpans = entities.filter((entity) => entity.kind === "country");
  const parties = [...new Set(countrySpans.filter((entity) => namesAParty(text, entity, countrySpans)).map((entity) => entity.canonical))];
  const surnames = surnamesOf(people, options.vocabulary);
  const analysis: QueryAnalysis = {
    question: text,
    ...(dates.range ? { dateRange: dates.range } : {}),
    ...(dates.yearGuessed ? { dateYearGuessed: true } : {}),
    people,
    ...(surnames ? { surnames } : {}),
    countries: unique("country"),
    ...(parties.length > 0 ? { partyCountries: parties } : {}),
    places: unique("place"),
    ...(regions.length > 0 ? { regions } : {}),
    terms,
    intent: detectIntent(undated, dates.mentions.length > 0),
    answerType: expectedAnswerType(text),
    asksMeetingDate: asksMeetingDate(text),
    // "How long did the call last?": there "last" is the verb.
    latest: LATEST.test(undated) && !/\bhow long\b/iu.test(undated),
    earliest: EARLIEST.test(undated),
  };
  return { analysis, entities, dates: dates.mentions };
}

/**
 * A country that stands for someone the question asks about: "the King of Tonga",
 * "Morocco's king", "the Japanese prime minister". A country named otherwise
 * ("US–Mexico trade", "Switzerland's role in Iran") is a topic.
 */
function namesAParty(text: string, country: EntitySpan, countries: readonly EntitySpan[]): boolean {
  const before = text.slice(0, country.start);
  const after = text.slice(country.end);
  const word = String.raw`([\p{L}-]+)`;
  const titleBefore = new RegExp(String.raw`${word}\s+of\s+(?:the\s+)?$`, "u").exec(before)?.[1];
  const titleAfter = new RegExp(String.raw`^(?:['’]s)?\s+${word}`, "u").exec(after)?.[1];
  if ([titleBefore, titleAfter].some((candidate) => candidate !== undefined && isTitleWord(candidate))) return true;
  // "What did Armenia and Azerbaijan agree?": a country that does what the question asks about stands for its leaders.
  // It is the subject right after the auxiliary, or joined by "and" to a country that is; "visit Japan and Korea" is not.
  const afterAuxiliary = (span: EntitySpan) => /\b(?:did|does|do|has|have|had|will|would)\s+(?:the\s+)?$/iu.test(text.slice(0, span.start));
  const isSubject = (span: EntitySpan): boolean => {
    if (afterAuxiliary(span)) return true;
    const joined = countries.find((other) => other.end <= span.start && /^\s+and\s+(?:the\s+)?$/iu.test(text.slice(other.end, span.start)));
    return joined !== undefined && afterAuxiliary(joined);
  };
  return isSubject(country) && !/^\s*['’]s\b/u.test(after) && /^\s+(?:and\s+)?[a-z]+\b/u.test(after);
}

/** The surname keys the vocabulary knows for these people, when it knows any. */
function surnamesOf(people: string[], vocabulary: Vocabulary | undefined): Record<string, string[]> | undefined {
  if (!vocabulary || people.length === 0) return undefined;
  const found: Record<string, string[]> = {};
  for (const name of people) {
    const entry = vocabulary.people.find((person) => person.name === name);
    if (entry && entry.surnames.length > 0) found[name] = entry.surnames;
  }
  return Object.keys(found).length > 0 ? found : undefined;
}

/** Understand one standalone question. Pure, synchronous and fast (no I/O). */
export function understandQuery(question: string, options: UnderstandOptions): QueryAnalysis {
  return analyseQuestion(question, options).analysis;
}

export interface QueryUnderstandingOptions {
  vocabulary?: Vocabulary;
  /** Fixed "today" (YYYY-MM-DD); otherwise the real date at each call. */
  today?: string;
}

export interface QueryUnderstandingInput {
  question: string;
  /** Overrides the configured today for this call. */
  today?: string;
}

/**
 * Query understanding as a chain step: a question (or `{question, today}`) in,
 * a `QueryAnalysis` out.
 */
export function createQueryUnderstanding(options: QueryUnderstandingOptions = {}) {
  warmUpEnglish();
  // The first call compiles patterns and loads tables; pay for it now, not on the first question.
  understandQuery("Did the Ukranian president meet Biden in Paris last week?", { today: options.today ?? todayIso(), vocabulary: options.vocabulary });
  return RunnableLambda.from((input: string | QueryUnderstandingInput): QueryAnalysis => {
    const { question, today } = typeof input === "string" ? { question: input, today: undefined } : input;
    return understandQuery(question, { today: today ?? options.today ?? todayIso(), vocabulary: options.vocabulary });
  }).withConfig({ runName: "UnderstandQuery" });
}
