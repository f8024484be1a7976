/**
 * The names the index knows, for recognising them in questions whatever the
 * spelling: people (full names and surnames, with how many articles name them),
 * places (from the articles' metadata) and countries.
 *
 * People come from the articles' participants and, as a fallback where the
 * metadata is thin, from names written after an official title in the article
 * title and lead paragraph ("Prime Minister Fumio Kishida of Japan").
 */
import { wordTokens } from "../text/fold.js";
import { canonicalCountry, findPlaces, matchTitle } from "../text/gazetteer.js";
import { foldPhrase } from "../text/fold.js";
import { nameKey, nameWordKey, nameWords } from "../text/names.js";
import type { StoredArticle } from "../store/types.js";
import { isCommonWord, STOP_WORDS } from "./english.js";

export interface PersonEntry {
  /** The most common full spelling in the index, e.g. "Fumio Kishida". */
  name: string;
  /** Name-word keys (`nameWordKey`), in order; the last is the surname. */
  words: string[];
  /** Articles that name this person. */
  count: number;
  titles: string[];
  countries: string[];
}

export interface PersonWordHit {
  person: PersonEntry;
  /** The word is the person's surname (last word), or any word of a name of three or more words. */
  surname: boolean;
}

export interface Vocabulary {
  people: PersonEntry[];
  /** Name-word key → the people whose name has that word. */
  byWord: Map<string, PersonWordHit[]>;
  /** Name-word keys by length, for typo search. */
  wordsByLength: Map<number, string[]>;
  /** Folded place phrase → the place as the metadata writes it, with a count. */
  places: Map<string, { name: string; count: number }>;
  /** Longest place phrase, in words. */
  placeWords: number;
  /** Countries the index mentions in metadata, canonical, with article counts. */
  countries: Map<string, number>;
}

interface PersonDraft {
  key: string;
  spellings: Map<string, number>;
  articles: Set<string>;
  titles: Set<string>;
  countries: Set<string>;
}

/** Drop a leading official title: "President Joe Biden" → "Joe Biden". */
function withoutTitle(name: string): string {
  const raw = name.trim().split(/\s+/u);
  const skip = matchTitle(raw, 0);
  return skip > 0 && skip < raw.length ? raw.slice(skip).join(" ") : name.trim();
}

/** Keep a name only if it looks like one: letters, at least one word not a stop word. */
function plausibleName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || words.length > 6) return false;
  if (!/\p{Lu}/u.test(name)) return false;
  return words.some((word) => word.length > 1 && !STOP_WORDS.has(word));
}

/**
 * Names written right after an official title: "Prime Minister Fumio Kishida of
 * Japan" → "Fumio Kishida". The first word after the title is always taken; more
 * words while they are capitalised and not ordinary words ("Meets", "Call").
 */
export function namesAfterTitles(text: string): string[] {
  const tokens = wordTokens(text);
  const raws = tokens.map((token) => token.raw);
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const titleLength = matchTitle(raws, i);
    if (titleLength === 0) continue;
    const words: string[] = [];
    let j = i + titleLength;
    while (j < tokens.length && words.length < 4) {
      const token = tokens[j]!;
      if (!/^\p{Lu}/u.test(token.raw)) break;
      const gap = text.slice(tokens[j - 1]!.end, token.start);
      const afterInitial = /^\p{Lu}$/u.test(tokens[j - 1]!.raw) && /^\.\s*$/u.test(gap);
      if (/[.,;:!?(]/u.test(gap) && !afterInitial) break;
      if (matchTitle(raws, j) > 0) break;
      if (canonicalCountry(token.raw)) break;
      if (words.length > 0 && isCommonWord(token.key)) break;
      if (words.length === 0 && STOP_WORDS.has(token.key)) break;
      words.push(token.raw.replace(/['’]s?$/u, ""));
      j++;
      if (/['’]s?$/u.test(token.raw)) break; // "Biden's Meeting": the possessive ends the name
    }
    if (words.length > 0) {
      const written = text.slice(tokens[i + titleLength]!.start, tokens[j - 1]!.end).replace(/['’]s?$/u, "");
      names.push(written.replace(/\s+/gu, " "));
    }
    i = Math.max(i, j - 1);
  }
  return names;
}

/** Build the vocabulary over the articles of an index. Linear in the metadata, plus one title and lead paragraph per article. */
export function buildVocabulary(articles: Iterable<StoredArticle>): Vocabulary {
  const drafts = new Map<string, PersonDraft>();
  const places = new Map<string, { name: string; count: number }>();
  const countries = new Map<string, number>();

  const addPerson = (raw: string, articleId: string, title?: string, country?: string) => {
    const name = withoutTitle(raw.replace(/\s+/gu, " "));
    if (!plausibleName(name)) return;
    const key = nameKey(name);
    if (!key) return;
    let draft = drafts.get(key);
    if (!draft) {
      draft = { key, spellings: new Map(), articles: new Set(), titles: new Set(), countries: new Set() };
      drafts.set(key, draft);
    }
    const spelling = name.replace(/,?\s+(?:Jr|Sr)\.?$/u, "");
    draft.spellings.set(spelling, (draft.spellings.get(spelling) ?? 0) + 1);
    draft.articles.add(articleId);
    if (title) draft.titles.add(title);
    if (country) draft.countries.add(country);
  };
  const addPlace = (raw: string) => {
    for (const part of raw.split(/[,;]/u)) {
      const name = part.trim().replace(/^the\s+/iu, "");
      if (name.length < 2 || canonicalCountry(name)) continue;
      const key = foldPhrase(name);
      if (!key || STOP_WORDS.has(key)) continue;
      const entry = places.get(key);
      if (entry) entry.count++;
      else places.set(key, { name, count: 1 });
    }
  };
  const addCountry = (name: string | undefined) => {
    const canonical = name ? canonicalCountry(name) : undefined;
    if (canonical) countries.set(canonical, (countries.get(canonical) ?? 0) + 1);
  };

  for (const article of articles) {
    const { meta } = article;
    for (const participant of meta.participants) {
      addPerson(participant.name, meta.id, participant.title, participant.country);
      addCountry(participant.country);
    }
    for (const name of namesAfterTitles(meta.title)) addPerson(name, meta.id);
    if (article.paragraphs[0]) for (const name of namesAfterTitles(article.paragraphs[0])) addPerson(name, meta.id);
    if (meta.place) {
      addPlace(meta.place);
      for (const mention of findPlaces(meta.place)) addCountry(mention.country ?? mention.canonical);
    }
  }

  const people = mergeSurnameOnly([...drafts.values()]);
  const byWord = new Map<string, PersonWordHit[]>();
  const wordsByLength = new Map<number, string[]>();
  for (const person of people) {
    const long = person.words.length >= 3;
    person.words.forEach((word, index) => {
      if (word.length < 2 || STOP_WORDS.has(word)) return;
      const hits = byWord.get(word) ?? [];
      if (hits.some((hit) => hit.person === person)) return;
      hits.push({ person, surname: index === person.words.length - 1 || (long && word.length >= 4) });
      byWord.set(word, hits);
      const sameLength = wordsByLength.get(word.length) ?? [];
      if (hits.length === 1) sameLength.push(word);
      wordsByLength.set(word.length, sameLength);
    });
  }
  for (const hits of byWord.values()) hits.sort((a, b) => b.person.count - a.person.count);
  const placeWords = Math.max(1, ...[...places.keys()].map((key) => key.split(" ").length));
  return { people, byWord, wordsByLength, places, placeWords, countries };
}

function mostCommon(spellings: Map<string, number>): string {
  let best = "";
  let bestCount = -1;
  for (const [spelling, count] of spellings) {
    // Prefer the more frequent spelling; among equals, the fuller one.
    if (count > bestCount || (count === bestCount && spelling.length > best.length)) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

/**
 * A participant named by surname only ("Kishida") is the same person as the
 * most frequent full name with that surname ("Fumio Kishida").
 */
function mergeSurnameOnly(drafts: PersonDraft[]): PersonEntry[] {
  const full = drafts.filter((draft) => draft.key.includes(" "));
  const bySurname = new Map<string, PersonDraft>();
  for (const draft of full.sort((a, b) => b.articles.size - a.articles.size)) {
    const words = draft.key.split(" ");
    const surname = words[words.length - 1]!;
    if (!bySurname.has(surname)) bySurname.set(surname, draft);
  }
  const kept: PersonDraft[] = [...full];
  for (const draft of drafts) {
    if (draft.key.includes(" ")) continue;
    const owner = bySurname.get(draft.key);
    if (!owner) {
      kept.push(draft);
      continue;
    }
    for (const id of draft.articles) owner.articles.add(id);
    for (const title of draft.titles) owner.titles.add(title);
    for (const country of draft.countries) owner.countries.add(country);
  }
  return kept
    .map((draft) => ({
      name: mostCommon(draft.spellings),
      words: draft.key.split(" ").map(nameWordKey),
      count: draft.articles.size,
      titles: [...draft.titles],
      countries: [...draft.countries],
    }))
    .sort((a, b) => b.count - a.count);
}

/** An empty vocabulary: names are then recognised only by the gazetteer (countries, places). */
export function emptyVocabulary(): Vocabulary {
  return { people: [], byWord: new Map(), wordsByLength: new Map(), places: new Map(), placeWords: 1, countries: new Map() };
}
