/**
 * The names the index knows, for recognising them in questions whatever the
 * spelling: people (full names and surnames, with how many articles name them),
 * places (from the articles' metadata) and countries.
 *
 * People come from the articles' participants and, as a fallback where the
 * metadata is thin, from names written after an official title in the article
 * title and lead paragraph ("Prime Minister Fumio Kishida of Japan").
 */
import { foldWord, wordTokens } from "../../text/fold.js";
import { HEADLINE_TAIL_WORDS, HONORIFIC_WORD, MINISTER_QUALIFIERS, TITLES } from "../../text/lexicon/index.js";
import { canonicalCountry, findPlaces, matchTitle } from "../../text/gazetteer.js";
import { foldPhrase } from "../../text/fold.js";
import { nameKey, nameWordKey, nameWords } from "../../text/names.js";
import type { StoredArticle } from "../../store/types.js";
import { isCommonWord, STOP_WORDS } from "./english.js";
import { isTitleWord } from "./titles.js";

export interface PersonEntry {
  /** The most common full spelling in the index, e.g. "Fumio Kishida". */
  name: string;
  /** Name-word keys (`nameWordKey`), in order. */
  words: string[];
  /** The words that serve as a surname: the last word of any spelling ("Kishida Fumio" and "Fumio Kishida" give both). */
  surnames: string[];
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
  /** Whether the index's texts have this folded word as it is: such a word is never "corrected" into a similar name ("Hamas" is not "Hamad"). */
  corpusHas?: (word: string) => boolean;
  /** Whether the index's texts write this word capitalised, as a name, nearly every time ("trump" yes, "young" no); see written-as-name.ts. */
  writtenAsName?: (word: string) => boolean;
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
  /** The newest meeting (or publication) date of the articles, YYYY-MM-DD: a date asked without a year is at most this recent. */
  newestDate?: string;
}

interface PersonDraft {
  /** The sorted name-word keys: one draft for "Fumio Kishida" and "Kishida Fumio". */
  key: string;
  words: Set<string>;
  /** How often each word stood last or alone: the surname is the word used that way most. */
  surnames: Map<string, number>;
  spellings: Map<string, number>;
  articles: Set<string>;
  titles: Set<string>;
  countries: Set<string>;
}

const TITLE_FIRST_WORDS = new Set([...TITLES.map((title) => foldWord(title.split(/[\s-]+/u)[0] ?? "")), ...MINISTER_QUALIFIERS]);
const MINISTERIAL = new Set(["minister", "secretary"]);

/**
 * A participant's name as a name: no leading title or honorific ("President",
 * "Dr."), no trailing headline word ("Call"), no "Jr."; undefined when nothing
 * that looks like a name is left.
 */
export function cleanPersonName(raw: string): string | undefined {
  let words = raw.replace(/[’]/gu, "'").trim().split(/\s+/u);
  const titleLength = matchTitle(words, 0);
  if (titleLength > 0 && titleLength < words.length) words = words.slice(titleLength);
  while (words.length > 1 && (HONORIFIC_WORD.test(words[0]!) || isTitleWord(words[0]!.replace(/[.,]$/u, "")))) words = words.slice(1);
  while (words.length > 0 && (HEADLINE_TAIL_WORDS.has(words[words.length - 1]!.toLowerCase()) || /^(?:jr|sr)\.?$/iu.test(words[words.length - 1]!)))
    words = words.slice(0, -1);
  const name = words
    .join(" ")
    .replace(/,$/u, "")
    .replace(/['’]s?$/u, "");
  const keys = nameWords(name).filter((word) => word.length > 1 && !STOP_WORDS.has(word) && !HEADLINE_TAIL_WORDS.has(word) && !HONORIFIC_WORD.test(word));
  if (keys.length === 0 || words.length > 6 || !/^\p{Lu}/u.test(name)) return undefined;
  // A lone ordinary word ("Assembly", "Department") is not a name; nor is anything with a title or a place in it.
  if (words.length === 1 && (isCommonWord(keys[0]!) || isTitleWord(keys[0]!))) return undefined;
  if (words.some((word) => isTitleWord(word.replace(/[.,]$/u, "")))) return undefined;
  if (findPlaces(name).some((mention) => mention.kind !== "demonym" && mention.text.length >= name.length - 1)) return undefined;
  if (/\b(?:county|city|state|department|council|committee|assembly|agency|office|house|ministry|university|group|forum)\b/iu.test(name)) return undefined;
  return name;
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
  // matchTitle folds every word it is given: call it only where a title can start, on a window.
  const titleAt = (index: number) => {
    const token = tokens[index]!;
    if (!/^\p{Lu}/u.test(token.raw)) return 0;
    const next = tokens[index + 1]?.key;
    const afterNext = tokens[index + 2]?.key;
    if (!TITLE_FIRST_WORDS.has(token.key) && !MINISTERIAL.has(next ?? "") && !MINISTERIAL.has(afterNext ?? "")) return 0;
    return matchTitle(raws.slice(index, index + 12), 0);
  };
  for (let i = 0; i < tokens.length; i++) {
    const titleLength = titleAt(i);
    if (titleLength === 0) continue;
    const words: string[] = [];
    let j = i + titleLength;
    while (j < tokens.length && words.length < 4) {
      const token = tokens[j]!;
      if (!/^\p{Lu}/u.test(token.raw)) break;
      const gap = text.slice(tokens[j - 1]!.end, token.start);
      const afterInitial = /^\p{Lu}$/u.test(tokens[j - 1]!.raw) && /^\.\s*$/u.test(gap);
      if (/[.,;:!?(]/u.test(gap) && !afterInitial) break;
      if (titleAt(j) > 0) break;
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

  // The same participants come back article after article: clean each spelling once.
  const cleaned = new Map<string, string | undefined>();
  const keyWords = new Map<string, string[]>();
  const addPerson = (raw: string, articleId: string, title?: string, country?: string) => {
    let name = cleaned.get(raw);
    if (!cleaned.has(raw)) {
      name = cleanPersonName(raw);
      cleaned.set(raw, name);
    }
    if (!name) return;
    let words = keyWords.get(name);
    if (!words) {
      words = nameKey(name)
        .split(" ")
        .filter((word) => word.length > 0);
      keyWords.set(name, words);
    }
    if (words.length === 0) return;
    const key = [...words].sort().join(" ");
    let draft = drafts.get(key);
    if (!draft) {
      draft = { key, words: new Set(words), surnames: new Map(), spellings: new Map(), articles: new Set(), titles: new Set(), countries: new Set() };
      drafts.set(key, draft);
    }
    const last = words[words.length - 1]!;
    draft.surnames.set(last, (draft.surnames.get(last) ?? 0) + 1);
    draft.spellings.set(name, (draft.spellings.get(name) ?? 0) + 1);
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

  let newestDate: string | undefined;
  for (const article of articles) {
    const { meta } = article;
    const date = meta.eventDate ?? meta.publishedDate;
    if (date && (!newestDate || date > newestDate)) newestDate = date;
    for (const participant of meta.participants) {
      addPerson(participant.name, meta.id, participant.title, participant.country);
      addCountry(participant.country);
    }
    for (const name of namesAfterTitles(meta.title)) addPerson(name, meta.id);
    // The lead names the participants in its first sentence; read it only where the metadata is thin.
    const fullNames = meta.participants.filter((participant) => participant.name.trim().includes(" ")).length;
    if (fullNames < 2 && article.paragraphs[0]) for (const name of namesAfterTitles(article.paragraphs[0].slice(0, 400))) addPerson(name, meta.id);
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
    for (const word of person.words) {
      if (word.length === 0 || STOP_WORDS.has(word)) continue;
      const hits = byWord.get(word) ?? [];
      if (hits.some((hit) => hit.person === person)) continue;
      // In a name of three words or more, any word of four letters or more may be what people call them, and so may
      // the first, however short ("Yoon Suk Yeol": the family name comes first).
      hits.push({ person, surname: person.surnames.includes(word) || (long && (word.length >= 4 || word === person.words[0])) });
      byWord.set(word, hits);
      const sameLength = wordsByLength.get(word.length) ?? [];
      if (hits.length === 1) sameLength.push(word);
      wordsByLength.set(word.length, sameLength);
    }
  }
  for (const hits of byWord.values()) hits.sort((a, b) => b.person.count - a.person.count);
  const placeWords = Math.max(1, ...[...places.keys()].map((key) => key.split(" ").length));
  return { people, byWord, wordsByLength, places, placeWords, countries, ...(newestDate ? { newestDate } : {}) };
}

/**
 * The spelling to show and to match paragraphs by: the most common one that ends
 * with the word used alone most often ("Fumio Kishida", not "Kishida Fumio", when
 * articles say "Prime Minister Kishida").
 */
function displayName(draft: PersonDraft): string {
  const [surname] = [...draft.surnames.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  const ending = new Map([...draft.spellings].filter(([spelling]) => nameKey(spelling).split(" ").at(-1) === surname));
  return mostCommon(ending.size > 0 ? ending : draft.spellings);
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  for (const value of a) if (b.has(value)) return true;
  return false;
}

/** Two drafts can be one person when neither their offices nor their countries disagree. */
function compatible(a: PersonDraft, b: PersonDraft): boolean {
  const fold = (values: Set<string>) => new Set([...values].map((value) => value.toLowerCase()));
  return overlaps(fold(a.titles), fold(b.titles)) && overlaps(fold(a.countries), fold(b.countries));
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
 * A participant named by one word only ("Kishida", "Xi", "Jon") is the most
 * frequent person whose full name ends with that word, or failing that, has it.
 */
function mergeSurnameOnly(drafts: PersonDraft[]): PersonEntry[] {
  const full = drafts.filter((draft) => draft.words.size > 1).sort((a, b) => b.articles.size - a.articles.size);
  const bySurname = new Map<string, PersonDraft>();
  const byAnyWord = new Map<string, PersonDraft>();
  for (const draft of full) {
    for (const surname of draft.surnames.keys()) if (!bySurname.has(surname)) bySurname.set(surname, draft);
    for (const word of draft.words) if (!byAnyWord.has(word)) byAnyWord.set(word, draft);
  }
  const kept: PersonDraft[] = [...full];
  for (const draft of drafts) {
    if (draft.words.size > 1) continue;
    const bySurnameOwner = bySurname.get(draft.key);
    const byWordOwner = byAnyWord.get(draft.key);
    // "Xi" is Xi Jinping, but "King Charles" is not Charles Michel: a match on another word needs the same office or country.
    const owner = bySurnameOwner ?? (byWordOwner && compatible(draft, byWordOwner) ? byWordOwner : undefined);
    if (!owner) {
      kept.push(draft);
      continue;
    }
    for (const id of draft.articles) owner.articles.add(id);
    for (const title of draft.titles) owner.titles.add(title);
    for (const country of draft.countries) owner.countries.add(country);
    owner.surnames.set(draft.key, (owner.surnames.get(draft.key) ?? 0) + draft.articles.size);
  }
  return kept
    .map((draft) => {
      const name = displayName(draft);
      return {
        name,
        words: nameKey(name).split(" ").map(nameWordKey),
        surnames: [...draft.surnames.keys()].map(nameWordKey),
        count: draft.articles.size,
        titles: [...draft.titles],
        countries: [...draft.countries],
      };
    })
    .sort((a, b) => b.count - a.count);
}

/** An empty vocabulary: names are then recognised only by the gazetteer (countries, places). */
export function emptyVocabulary(): Vocabulary {
  return { people: [], byWord: new Map(), wordsByLength: new Map(), places: new Map(), placeWords: 1, countries: new Map() };
}
