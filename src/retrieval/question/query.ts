/**
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
import { wordTokens, type WordToken } from "../../text/fold.js";
import { COUNTRIES, findPlaces, ORGANISATIONS } from "../../text/gazetteer.js";
import { foldPhrase } from "../../text/fold.js";
import { editDistance, nameWordKey, typoAllowance } from "../../text/names.js";
import { findRegionMentions } from "../../text/regions.js";
import { asksMeetingDate, expectedAnswerType, mainClause } from "./answer-type.js";
import { parseDates, todayIso, type DateMention } from "./dates.js";
import { englishRank, isCommonWord, isDictionaryWord, STOP_WORDS, warmUpEnglish } from "./english.js";
import { isTitleWord } from "./titles.js";
import type { AskedRegion, QueryAnalysis } from "../types.js";
import { emptyVocabulary, namesAfterTitles, type PersonEntry, type PersonWordHit, type Vocabulary } from "./vocabulary.js";

export interface UnderstandOptions {
  /** YYYY-MM-DD; relative dates ("last week") are resolved against it. */
  today: string;
  vocabulary?: Vocabulary;
}

/** Words about ordering, not content: they set `latest`/`earliest` and are not terms. */
const ORDER_WORDS = new Set(["last", "latest", "lately", "first", "earliest", "recent", "recently", "newest", "previous", "previously", "initial", "initially", "most"]);
/** Question words and verbs too general to help find a paragraph. */
const QUESTION_FILLER = new Set(["did", "does", "do", "has", "have", "had", "was", "were", "is", "are", "which", "what", "when", "where", "who", "whom", "why", "how", "many", "much", "date", "day"]);

interface Token extends WordToken {
  index: number;
  /** Already part of a date, a country or a place. */
  used: boolean;
}

function overlaps(token: WordToken, start: number, end: number): boolean {
  return token.start < end && token.end > start;
}

function isSentenceStart(text: string, tokens: Token[], index: number): boolean {
  if (index === 0) return true;
  return /[.!?:;"“]\s*$/u.test(text.slice(tokens[index - 1]!.end, tokens[index]!.start));
}

// ---- countries with typos ("Azerbijan", "Ukrane") ----

interface CountryKey {
  key: string;
  country: string;
}
let countryKeys: Map<number, CountryKey[]> | undefined;

function countryKeysByLength(): Map<number, CountryKey[]> {
  if (!countryKeys) {
    countryKeys = new Map();
    for (const entity of [...COUNTRIES, ...ORGANISATIONS]) {
      for (const form of [entity.name, ...entity.aliases, ...entity.demonyms]) {
        const key = foldPhrase(form);
        if (key.includes(" ") || key.length < 6) continue;
        const list = countryKeys.get(key.length) ?? [];
        list.push({ key, country: entity.name });
        countryKeys.set(key.length, list);
      }
    }
  }
  return countryKeys;
}

function fuzzyCountry(word: string): string | undefined {
  if (word.length < 6 || isCommonWord(word)) return undefined;
  const allowance = typoAllowance(word.length);
  let best: string | undefined;
  let bestDistance = allowance + 1;
  const byLength = countryKeysByLength();
  for (let length = word.length - allowance; length <= word.length + allowance; length++) {
    for (const candidate of byLength.get(length) ?? []) {
      const distance = editDistance(word, candidate.key, allowance);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate.country;
      }
    }
  }
  return best;
}

// ---- people ----

interface TokenHits {
  hits: PersonWordHit[];
  exact: boolean;
}

function fuzzyWordHits(key: string, vocabulary: Vocabulary): PersonWordHit[] {
  const allowance = typoAllowance(key.length);
  if (allowance === 0) return [];
  let bestDistance = allowance + 1;
  let bestWords: string[] = [];
  for (let length = key.length - allowance; length <= key.length + allowance; length++) {
    for (const word of vocabulary.wordsByLength.get(length) ?? []) {
      // Typos keep the first letter far more often than not; requiring it avoids most false friends.
      if (word[0] !== key[0]) continue;
      const distance = editDistance(key, word, Math.min(allowance, typoAllowance(word.length)));
      if (distance > allowance || distance > typoAllowance(word.length)) continue;
      if (distance < bestDistance) {
        bestDistance = distance;
        bestWords = [word];
      } else if (distance === bestDistance) {
        bestWords.push(word);
      }
    }
  }
  return bestWords.flatMap((word) => vocabulary.byWord.get(word) ?? []);
}

/** "III" in "Charles III", "Jr." (a Roman numeral only in capitals: "Xi" is a name). */
function isNumeralOrSuffix(raw: string): boolean {
  return /^[IVX]{2,4}$/u.test(raw) || /^(?:jr|sr)\.?$/iu.test(raw);
}

/** An English word people use (among the 50,000 most frequent): "infrastructure" is one, "yoon" is not. */
function isUsedEnglishWord(word: string): boolean {
  const rank = englishRank(word);
  return isDictionaryWord(word) && rank !== undefined && rank < 50_000;
}

/** Below this many articles, a person's name word typed in lowercase that is also an English word ("infrastructure") is read as the word. */
const WELL_KNOWN_PERSON = 3;

function hitsFor(token: Token, text: string, tokens: Token[], vocabulary: Vocabulary): TokenHits | undefined {
  if (token.used) return undefined;
  const word = token.key;
  if (word.length < 2 || STOP_WORDS.has(word) || ORDER_WORDS.has(word) || /^\d/u.test(word)) return undefined;
  // "Charles III", "Joseph Biden Jr.", "President": numerals, suffixes and titles are not name words.
  if (isNumeralOrSuffix(token.raw) || isTitleWord(word)) return undefined;
  const capitalised = /^\p{Lu}/u.test(token.raw);
  const common = isCommonWord(word);
  // "rice" typed in lowercase, "Will" opening a question or "the Moon" is a word, not a name.
  if (common && (!capitalised || isSentenceStart(text, tokens, token.index))) return undefined;
  if (common && /\b(?:the|a|an|this|that|these|those|our|their|its|his|her|my|your)\s+$/iu.test(text.slice(0, token.start))) return undefined;
  const parts = word.split("-").filter((part) => part.length > 0);
  const keys = [nameWordKey(word), ...(parts.length > 1 ? parts.map(nameWordKey) : [])];
  for (const key of keys) {
    const hits = vocabulary.byWord.get(key);
    if (!hits || hits.length === 0) continue;
    if (!capitalised) {
      // In lowercase, an English word is a name only for someone the articles name often ("xi", "kamala"),
      // and a common given name alone ("hurricane ian") is nobody's.
      if (isUsedEnglishWord(word) && Math.max(...hits.map((hit) => hit.person.count)) < WELL_KNOWN_PERSON) return undefined;
      if (hits.every((hit) => !hit.surname) && englishRank(word) !== undefined && Math.max(...hits.map((hit) => hit.person.count)) < WELL_KNOWN_PERSON) return undefined;
    }
    return { hits, exact: true };
  }
  // Never "correct" a real word, or a word the articles use as it is, into a name: only unknown words of five letters or more get typo matching.
  if (common || word.length < 5 || vocabulary.corpusHas?.(word)) return undefined;
  const fuzzy = fuzzyWordHits(nameWordKey(word), vocabulary);
  return fuzzy.length > 0 ? { hits: fuzzy, exact: false } : undefined;
}

/** Tokens next to each other with only spaces or hyphens between: one name. */
function adjacent(text: string, left: Token, right: Token): boolean {
  return /^[\s\-]{0,3}$/u.test(text.slice(left.end, right.start));
}

/** The person a run of name words refers to, or undefined when it is ambiguous. */
function resolvePerson(run: { token: Token; hits: TokenHits }[]): { person: PersonEntry; covered: Set<number> } | undefined {
  const scores = new Map<PersonEntry, { matched: Set<number>; surname: boolean; exact: number }>();
  for (const { token, hits } of run) {
    for (const hit of hits.hits) {
      const score = scores.get(hit.person) ?? { matched: new Set<number>(), surname: false, exact: 0 };
      score.matched.add(token.index);
      score.surname ||= hit.surname;
      if (hits.exact) score.exact++;
      scores.set(hit.person, score);
    }
  }
  const ranked = [...scores.entries()].sort(
    ([a, sa], [b, sb]) => sb.matched.size - sa.matched.size || Number(sb.surname) - Number(sa.surname) || sb.exact - sa.exact || b.count - a.count,
  );
  const [best, second] = ranked;
  if (!best) return undefined;
  const [person, score] = best;
  // A given name alone ("John") fits many people: take it only when one person clearly dominates.
  if (!score.surname && score.matched.size === 1 && second && second[1].matched.size === 1 && second[0].count * 2 > person.count) return undefined;
  return { person, covered: score.matched };
}

/** A capitalised word the vocabulary does not know and English does not have: part of a name ("Jiechi"). */
function isUnknownNameWord(token: Token | undefined, text: string, tokens: Token[], strict = false): boolean {
  if (!token || token.used || !/^\p{Lu}/u.test(token.raw) || /^\p{Lu}{2,}$/u.test(token.raw)) return false;
  // Next to a known name an uncommon word will do ("Kim Jong"); alone, only a word no dictionary has.
  if (STOP_WORDS.has(token.key) || (strict ? isDictionaryWord(token.key) : isCommonWord(token.key))) return false;
  if (isTitleWord(token.key) || isNumeralOrSuffix(token.raw)) return false;
  return !isSentenceStart(text, tokens, token.index);
}

function findPeople(text: string, tokens: Token[], vocabulary: Vocabulary): EntitySpan[] {
  const found: EntitySpan[] = [];
  const candidates = tokens.map((token) => ({ token, hits: hitsFor(token, text, tokens, vocabulary) }));
  let i = 0;
  while (i < candidates.length) {
    if (!candidates[i]!.hits) {
      i++;
      continue;
    }
    const run: { token: Token; hits: TokenHits }[] = [];
    let j = i;
    while (j < candidates.length && candidates[j]!.hits && (run.length === 0 || adjacent(text, run[run.length - 1]!.token, candidates[j]!.token))) {
      run.push(candidates[j] as { token: Token; hits: TokenHits });
      j++;
    }
    // Unknown capitalised words right next to the run belong to the same name: "Yang Jiechi" is not "John Yang".
    const before = tokens[run[0]!.token.index - 1];
    const unknownBefore = isUnknownNameWord(before, text, tokens) && adjacent(text, before!, run[0]!.token) ? [before!] : [];
    const unknownAfter: Token[] = [];
    for (let k = run[run.length - 1]!.token.index + 1; k < tokens.length && unknownAfter.length < 3; k++) {
      const next = tokens[k]!;
      const previous = unknownAfter[unknownAfter.length - 1] ?? run[run.length - 1]!.token;
      if (!isUnknownNameWord(next, text, tokens) || !adjacent(text, previous, next)) break;
      unknownAfter.push(next);
    }
    // Resolve the run greedily: the best person, then whatever words are left.
    let remaining = run;
    while (remaining.length > 0) {
      const resolved = resolvePerson(remaining);
      if (!resolved) break;
      const covered = remaining.filter((entry) => resolved.covered.has(entry.token.index)).map((entry) => entry.token);
      // Words of the same name typed in lowercase next to it ("jake sulivan") belong to it even when they are ordinary words.
      const nameWords = new Set(resolved.person.words);
      for (let k = covered[0]!.index - 1; k >= 0 && !tokens[k]!.used && nameWords.has(nameWordKey(tokens[k]!.key)) && adjacent(text, tokens[k]!, covered[0]!); k--) covered.unshift(tokens[k]!);
      for (let k = covered[covered.length - 1]!.index + 1; k < tokens.length && !tokens[k]!.used && nameWords.has(nameWordKey(tokens[k]!.key)) && adjacent(text, covered[covered.length - 1]!, tokens[k]!); k++) covered.push(tokens[k]!);
      const preceding = tokens[covered[0]!.index - 1];
      const titled = preceding !== undefined && isTitleWord(preceding.key);
      const givenOnly = !remaining.some((entry) => resolved.covered.has(entry.token.index) && entry.hits.hits.some((hit) => hit.person === resolved.person && hit.surname));
      const strangers = [...unknownBefore, ...unknownAfter];
      if (strangers.length > 0 && covered.length === run.length) {
        // The whole run plus the unknown words is one name the index spells differently or not at all.
        const all = [...unknownBefore, ...covered, ...unknownAfter];
        found.push(spanOf(text, "person", text.slice(all[0]!.start, all[all.length - 1]!.end).replace(/'s?$/u, ""), all));
      } else if (!(titled && givenOnly)) {
        // "King Charles": a title is followed by a surname or a full name, so a lone given name there is someone else.
        found.push(spanOf(text, "person", resolved.person.name, covered));
      }
      remaining = remaining.filter((entry) => !resolved.covered.has(entry.token.index));
    }
    i = j;
  }
  return found;
}

function spanOf(text: string, kind: EntitySpan["kind"], canonical: string, covered: WordToken[]): EntitySpan {
  const start = Math.min(...covered.map((token) => token.start));
  const end = Math.max(...covered.map((token) => token.end));
  return { kind, canonical, start, end, text: text.slice(start, end) };
}

// ---- intent ----

const PLURAL_ASKED = "leaders|officials|countries|heads|presidents|prime ministers|ministers|people|meetings|calls|visits|nations|governments|counterparts|partners|allies|summits|times|dates|ceos|executives|members|senators|governors|lawmakers|delegations|trips";
const PERSON_ASKED = "leader|official|president|prime minister|minister|general|king|queen|prince|emir|head|ambassador|envoy|chancellor|senator|governor|counterpart|advisor|adviser|secretary|ceo|person|diplomat";

function detectIntent(text: string, hasDate: boolean): QueryAnalysis["intent"] {
  const q = mainClause(text).toLowerCase().replace(/\s+/gu, " ");
  if (
    // "which African leaders", not "what did the leaders agree".
    new RegExp(String.raw`\b(?:which|what)\s+(?:(?!(?:did|do|does|was|were|is|are|has|have|had|will|would|can|could|the)\b)[\w-]+\s+){0,2}(?:${PLURAL_ASKED})\b`, "u").test(q) ||
    /\b(?:list|how many (?:times|meetings|calls|visits|trips|summits)|how often|all (?:the )?(?:meetings|calls|leaders|times|visits)|every (?:meeting|call|time)|each (?:meeting|call|time))\b/u.test(q) ||
    (/\bwho (?:all )?(?:has|have|did) [\w' .-]+? (?:meet|met|call|called|speak|spoke|talk|talked|host|hosted|see|visit|visited)\b/u.test(q) && (hasDate || /\b(?:trip|visit|tour|travels?)\b/u.test(q)))
  ) {
    return "list";
  }
  // The question word that opens the question decides ("what did they discuss when they met?" is a what).
  const lead = /^(?:(?:and|so|but|also|then|ok(?:ay)?)[,\s]+)*(?:(?:in|on|at|with|for|to|from|during|since|by)\s+)?(when|where|who|whom|whose|what|which|how|why)\b(.*)$/u.exec(q);
  const word = lead?.[1] ?? /\b(when|where|who|whom|whose|what|which|how|why)\b/u.exec(q)?.[1];
  const rest = lead?.[2] ?? q;
  if (word === "when" || /\b(?:what|which) (?:date|day|time|year|month)\b|\bhow long ago\b/u.test(q)) return "when";
  if (word === "where" || /\b(?:what|which) (?:city|country|place|venue|location|capital)\b/u.test(q)) return "where";
  if (word === "who" || word === "whom" || word === "whose") return "who";
  if ((word === "which" || word === "what") && new RegExp(String.raw`^\s+(?:[\w-]+\s+){0,2}(?:${PERSON_ASKED})\b`, "u").test(rest)) return "who";
  if (word === "what" || word === "which" || word === "how" || word === "why") return "what";
  if (/\b(?:discuss|agree|announce|offer|sign|talk about|raise|say)\b/u.test(q)) return "what";
  return "other";
}

const LATEST = /\b(?:latest|most recent(?:ly)?|more recently|recently|lately|newest|last(?! (?:week|weekend|month|year|quarter|spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|few|couple|several|two|three|four|five|six|seven|eight|nine|ten|days?|weeks?|months?|years?)\b))\b/iu;
const EARLIEST = /\b(?:earliest|first(?! (?:lady|minister|deputy|vice|secretary|quarter|half|week|day|month|year|time zone)\b)|initially|for the first time)\b/iu;

function maskDates(text: string, mentions: DateMention[]): string {
  let masked = text;
  for (const mention of mentions) masked = masked.slice(0, mention.start) + " ".repeat(mention.end - mention.start) + masked.slice(mention.end);
  return masked;
}

/** Where the question names a person, country or place, and who or what it is. */
export interface EntitySpan {
  kind: "person" | "country" | "place";
  /** Canonical name (index spelling for people, gazetteer name for countries). */
  canonical: string;
  start: number;
  end: number;
  /** The words as written. */
  text: string;
}

/** A question's analysis plus where in the (normalised) question each entity and date is. */
export interface DetailedAnalysis {
  analysis: QueryAnalysis;
  entities: EntitySpan[];
  dates: DateMention[];
}

/** Normalise a question's spacing and apostrophes; every offset this module reports is into this text. */
export function normaliseQuestion(question: string): string {
  return question.replace(/[’‘]/gu, "'").replace(/\s+/gu, " ").trim();
}

/** Understand one standalone question, with the positions of what was found. */
export function analyseQuestion(question: string, options: UnderstandOptions): DetailedAnalysis {
  const vocabulary = options.vocabulary ?? emptyVocabulary();
  const text = normaliseQuestion(question);
  const dates = parseDates(text, options.today);

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
    take(span, tokens.filter((token) => overlaps(token, span.start, span.end)));
  }
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

  // Countries with a typo ("Azerbijan", "Ukrane").
  for (const token of tokens) {
    if (token.used || STOP_WORDS.has(token.key)) continue;
    const country = fuzzyCountry(token.key);
    if (country) take(spanOf(text, "country", country, [token]), [token]);
  }

  // Names the index does not know, written as names: two or more capitalised non-words ("Viktor Orbán",
  // "Cherelle Griner"), or one after a title ("Patriarch Bartholomew"). Kept so retrieval and the
  // answerer can see who is asked about, even when no article names them.
  // A capitalised ordinary word may open such a name ("Yang Jiechi") but not close it ("Lobito Corridor").
  const opensName = (index: number) => {
    const token = tokens[index];
    const next = tokens[index + 1];
    if (!token || token.used || !/^\p{Lu}\p{Ll}/u.test(token.raw) || STOP_WORDS.has(token.key) || isTitleWord(token.key)) return false;
    if (isSentenceStart(text, tokens, index) || !next || !adjacent(text, token, next)) return false;
    return isUnknownNameWord(next, text, tokens, true);
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!isUnknownNameWord(tokens[i], text, tokens) && !opensName(i)) continue;
    const run = [tokens[i]!];
    while (run.length < 4 && isUnknownNameWord(tokens[i + run.length], text, tokens) && adjacent(text, run[run.length - 1]!, tokens[i + run.length]!)) run.push(tokens[i + run.length]!);
    // At least one word no dictionary has: "Yang Jiechi" is a name, "Trilateral Fentanyl" is not.
    const strange = run.some((token) => isUnknownNameWord(token, text, tokens, true));
    const previous = tokens[i - 1];
    const afterTitle = previous !== undefined && /^\p{Lu}/u.test(previous.raw) && isTitleWord(previous.key) && adjacent(text, previous, run[0]!);
    if (strange && (run.length >= 2 || afterTitle)) {
      const name = text.slice(run[0]!.start, run[run.length - 1]!.end).replace(/'s?$/u, "");
      // "in Puerto Lenne": after a preposition of place it is a place.
      const kind = !afterTitle && /\b(?:in|at|to|from|near|outside|inside|visit(?:ed)?|toured?)\s+$/iu.test(text.slice(0, run[0]!.start)) ? "place" : "person";
      take(spanOf(text, kind, name, run), run);
    }
    i += run.length - 1;
  }

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
  const parties = [...new Set(entities.filter((entity) => entity.kind === "country" && namesAParty(text, entity)).map((entity) => entity.canonical))];
  const surnames = surnamesOf(people, options.vocabulary);
  const analysis: QueryAnalysis = {
    question: text,
    ...(dates.range ? { dateRange: dates.range } : {}),
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
function namesAParty(text: string, country: EntitySpan): boolean {
  const before = text.slice(0, country.start);
  const after = text.slice(country.end);
  const word = String.raw`([\p{L}-]+)`;
  const titleBefore = new RegExp(String.raw`${word}\s+of\s+(?:the\s+)?$`, "u").exec(before)?.[1];
  const titleAfter = new RegExp(String.raw`^(?:['’]s)?\s+${word}`, "u").exec(after)?.[1];
  return [titleBefore, titleAfter].some((candidate) => candidate !== undefined && isTitleWord(candidate));
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
