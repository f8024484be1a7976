/**
 * People in a question: runs of name words matched against the index vocabulary
 * (exactly, or with a typo allowance for words that are not English), and names
 * the index does not know but the question writes as names.
 */
import { editDistance, nameWordKey, typoAllowance } from "../../text/names.js";
import { fuzzyCountry } from "./country-typos.js";
import { englishRank, isCommonWord, isDictionaryWord, STOP_WORDS } from "./english.js";
import { ORDER_WORDS } from "./intent.js";
import { adjacent, isSentenceStart, spanOf, type EntitySpan, type Token } from "./spans.js";
import { isTitleWord } from "./titles.js";
import type { PersonEntry, PersonWordHit, Vocabulary } from "./vocabulary.js";

interface TokenHits {
  hits: PersonWordHit[];
  exact: boolean;
}

function fuzzyWordHits(key: string, vocabulary: Vocabulary, capitalised: boolean): PersonWordHit[] {
  // Four letters ("trmp", "bidn") leave one typo, toward a five-letter name of someone the articles name often (below).
  const allowance = key.length === 4 ? 1 : typoAllowance(key.length);
  if (allowance === 0) return [];
  let bestDistance = allowance + 1;
  let bestWords: string[] = [];
  for (let length = key.length - allowance; length <= key.length + allowance; length++) {
    for (const word of vocabulary.wordsByLength.get(length) ?? []) {
      // Typos keep the first letter far more often than not; requiring it avoids most false friends.
      if (word[0] !== key[0]) continue;
      const distance = editDistance(key, word, Math.min(allowance, typoAllowance(word.length)));
      if (distance > allowance || distance > typoAllowance(word.length)) continue;
      // "whiet", "blaack" in lowercase: a typo of a name that is also an ordinary word ("White", "Block") is a typo
      // of the word, unless the articles name that person often ("turmp").
      if (!capitalised && isCommonWord(word) && Math.max(...(vocabulary.byWord.get(word) ?? []).map((hit) => hit.person.count)) < WELL_KNOWN_PERSON) continue;
      if (distance < bestDistance) {
        bestDistance = distance;
        bestWords = [word];
      } else if (distance === bestDistance) {
        bestWords.push(word);
      }
    }
  }
  const hits = bestWords.flatMap((word) => vocabulary.byWord.get(word) ?? []);
  return key.length === 4 ? hits.filter((hit) => hit.person.count >= HEADLINE_PERSON) : hits;
}

/** Articles that name someone for a four-letter typo of their name to be read as them. */
const HEADLINE_PERSON = 5;

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
  // "rice" typed in lowercase, "Will" opening a question or "the Moon" is a word, not a name, unless the
  // articles only ever write it as the name of someone they name often ("trump and zelenskyy").
  if (common && (!capitalised || isSentenceStart(text, tokens, token.index)) && !isWellKnownSurname(word, vocabulary)) return undefined;
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
      if (hits.every((hit) => !hit.surname) && Math.max(...hits.map((hit) => hit.person.count)) < WELL_KNOWN_PERSON) return undefined;
    }
    return { hits, exact: true };
  }
  // Never "correct" a real word, or a word the articles use as it is, into a name: only unknown words of five letters or more get typo matching.
  if (common || isUsedEnglishWord(word) || word.length < 4 || (word.length === 4 && isDictionaryWord(word)) || vocabulary.corpusHas?.(word)) return undefined;
  let fuzzy = fuzzyWordHits(nameWordKey(word), vocabulary, capitalised);
  // "windsor casole", "san fracisco", "the darieen crisis" in lowercase: a typo is read as the name of someone the articles
  // name often, or of someone another word of whose name stands beside it ("georgiia meloni").
  const rarelyNamed = (hit: PersonWordHit) => hit.person.count < WELL_KNOWN_PERSON;
  const beside = [tokens[token.index - 1], tokens[token.index + 1]].flatMap((other) => (other ? [nameWordKey(other.key)] : []));
  if (!capitalised) fuzzy = fuzzy.filter((hit) => !rarelyNamed(hit) || hit.person.words.some((nameWord) => beside.includes(nameWord)));
  if (fuzzy.length === 0) return undefined;
  // "anggola", "georgiia": a mistyped country is no mistyped person ("Angela", "Giorgia"), unless the next or
  // previous word is another word of that person's name ("Georgiia Meloni").
  if (fuzzyCountry(word.toLowerCase())) {
    if (!fuzzy.some((hit) => hit.person.words.some((nameWord) => beside.includes(nameWord)))) return undefined;
  }
  return { hits: fuzzy, exact: false };
}

function isWellKnownSurname(word: string, vocabulary: Vocabulary): boolean {
  const hits = vocabulary.byWord.get(nameWordKey(word)) ?? [];
  return hits.some((hit) => hit.surname && hit.person.count >= WELL_KNOWN_PERSON) && vocabulary.writtenAsName?.(word) === true;
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

export function findPeople(text: string, tokens: Token[], vocabulary: Vocabulary): EntitySpan[] {
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
    // "simon harris" in lowercase: an ordinary word beside the run that is a word of one of its people's names
    // says which person ("Simon Harris", not the more often named Kamala Harris).
    const nameWordBeside = (beside: Token | undefined, next: { token: Token; hits: TokenHits }) => {
      if (!beside || beside.used) return undefined;
      const [first, second] = beside.index < next.token.index ? [beside, next.token] : [next.token, beside];
      if (!adjacent(text, first, second)) return undefined;
      const key = nameWordKey(beside.key);
      const hits = next.hits.hits.filter((hit) => hit.person.words.includes(key));
      return hits.length > 0 && !candidates[beside.index]!.hits ? { token: beside, hits: { hits, exact: true } } : undefined;
    };
    const leftWord = nameWordBeside(tokens[run[0]!.token.index - 1], run[0]!);
    if (leftWord) run.unshift(leftWord);
    const rightWord = nameWordBeside(tokens[run[run.length - 1]!.token.index + 1], run[run.length - 1]!);
    if (rightWord) run.push(rightWord);
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
      // A word between two words of the name is part of it, misspelt ("edmundo gonzales urutia"), not somebody else.
      const first = Math.min(...resolved.covered);
      const last = Math.max(...resolved.covered);
      for (const entry of remaining) if (entry.token.index > first && entry.token.index < last) resolved.covered.add(entry.token.index);
      const covered = remaining.filter((entry) => resolved.covered.has(entry.token.index)).map((entry) => entry.token);
      // Words of the same name typed in lowercase next to it ("jake sulivan") belong to it even when they are ordinary words.
      const nameWords = new Set(resolved.person.words);
      for (
        let k = covered[0]!.index - 1;
        k >= 0 && !tokens[k]!.used && nameWords.has(nameWordKey(tokens[k]!.key)) && adjacent(text, tokens[k]!, covered[0]!);
        k--
      )
        covered.unshift(tokens[k]!);
      for (
        let k = covered[covered.length - 1]!.index + 1;
        k < tokens.length && !tokens[k]!.used && nameWords.has(nameWordKey(tokens[k]!.key)) && adjacent(text, covered[covered.length - 1]!, tokens[k]!);
        k++
      )
        covered.push(tokens[k]!);
      const preceding = tokens[covered[0]!.index - 1];
      const titled = preceding !== undefined && isTitleWord(preceding.key);
      // "Hurricane Ian", "Camp David": a capitalised ordinary word right before a lone given name makes it the name of a thing.
      const namesThing =
        preceding !== undefined &&
        /^\p{Lu}/u.test(preceding.raw) &&
        !isSentenceStart(text, tokens, preceding.index) &&
        !STOP_WORDS.has(preceding.key) &&
        isCommonWord(preceding.key) &&
        adjacent(text, preceding, covered[0]!);
      const givenOnly = !remaining.some(
        (entry) => resolved.covered.has(entry.token.index) && entry.hits.hits.some((hit) => hit.person === resolved.person && hit.surname),
      );
      const strangers = [...unknownBefore, ...unknownAfter];
      if (strangers.length > 0 && covered.length === run.length) {
        // The whole run plus the unknown words is one name the index spells differently or not at all.
        const all = [...unknownBefore, ...covered, ...unknownAfter];
        found.push(spanOf(text, "person", text.slice(all[0]!.start, all[all.length - 1]!.end).replace(/'s?$/u, ""), all));
      } else if (namesThing && givenOnly) {
        // Taken, so that the thing's name is not read as an unknown person's either.
        for (const token of covered) token.used = true;
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

/**
 * Names the index does not know, written as names: two or more capitalised non-words ("Viktor Orbán",
 * "Cherelle Griner"), or one after a title ("Patriarch Bartholomew"). Kept so retrieval and the
 * answerer can see who is asked about, even when no article names them.
 */
export function takeUnknownNames(text: string, tokens: Token[], take: (span: EntitySpan, covered: Token[]) => void): void {
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
    while (run.length < 4 && isUnknownNameWord(tokens[i + run.length], text, tokens) && adjacent(text, run[run.length - 1]!, tokens[i + run.length]!))
      run.push(tokens[i + run.length]!);
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
}

const initialsCache = new WeakMap<Vocabulary, Map<string, PersonEntry>>();

/** "mbs", "AMLO": the person whose first three or four name words start with those letters (the most often named, when several). */
function personByInitials(initials: string, vocabulary: Vocabulary): PersonEntry | undefined {
  let byInitials = initialsCache.get(vocabulary);
  if (!byInitials) {
    byInitials = new Map();
    for (const person of vocabulary.people) {
      // Only people the articles name often, by a name that opens with a name ("Equity Chiraag Bains" is a misread).
      if (person.count < WELL_KNOWN_PERSON || isDictionaryWord(person.name.split(" ")[0]!.toLowerCase())) continue;
      for (const length of [3, 4]) {
        if (person.words.length < length) continue;
        const key = person.words
          .slice(0, length)
          .map((word) => word[0])
          .join("");
        const known = byInitials.get(key);
        if (!known || known.count < person.count) byInitials.set(key, person);
      }
    }
    initialsCache.set(vocabulary, byInitials);
  }
  return byInitials.get(initials);
}

/** People written by their initials ("when did Biden meet MBS?"): a word of three or four letters that is no English word. */
export function findInitialisms(text: string, tokens: readonly Token[], vocabulary: Vocabulary): { span: EntitySpan; token: Token }[] {
  return tokens.flatMap((token) => {
    if (
      token.used ||
      // Initials are typed all in capitals or all in lowercase ("MBS", "amlo"); "Cty" is a word cut short.
      !/^(?:\p{Lu}{3,4}|\p{Ll}{3,4})$/u.test(token.raw) ||
      STOP_WORDS.has(token.key) ||
      isDictionaryWord(token.key) ||
      vocabulary.byWord.has(nameWordKey(token.key)) ||
      vocabulary.corpusHas?.(token.key)
    )
      return [];
    const person = personByInitials(token.key, vocabulary);
    return person ? [{ span: spanOf(text, "person", person.name, [token]), token }] : [];
  });
}
