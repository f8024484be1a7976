/**
 * The lexical (BM25) index over chunks, with MiniSearch. Building and loading
 * must use the same options (MiniSearch does not serialise functions), so both
 * go through this module. Retrieval queries it with its own search options and
 * field boosts; the fields are named in `LEXICAL_FIELDS`.
 */
import MiniSearch, { type Options } from "minisearch";
import type { Document } from "@langchain/core/documents";
import { cachedTerms, inverseDocumentFrequency } from "./corpus-terms.js";
import type { CorpusTerms, LexicalQuery } from "./types.js";
import type { ChunkMetadata, DayRange } from "../types/index.js";

/** One chunk as the lexical index sees it. `id` is the chunk id. */
export interface LexicalDocument {
  id: string;
  articleId: string;
  text: string;
  title: string;
  participants: string;
  place: string;
  date: string;
}

export const LEXICAL_FIELDS = ["text", "title", "participants", "place", "date"] as const;
export type LexicalField = (typeof LEXICAL_FIELDS)[number];

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2024-05-16" → "2024-05-16 16 May 2024", so "May 2024" and "16 May" match as words. */
export function dateTerms(date: string | undefined): string {
  const match = date?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!match) return date ?? "";
  const month = MONTHS[Number(match[2]) - 1] ?? "";
  return `${date} ${Number(match[3])} ${month} ${match[1]}`;
}

/** Lowercase and strip diacritics, so "Lukašenka" and "lukasenka" meet. */
export function normaliseTerm(term: string): string | null {
  const folded = term
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  return folded.length > 0 ? folded : null;
}

export const LEXICAL_OPTIONS: Options<LexicalDocument> = {
  idField: "id",
  fields: [...LEXICAL_FIELDS],
  storeFields: ["articleId"],
  processTerm: (term) => normaliseTerm(term),
};

export function createLexicalIndex(): MiniSearch<LexicalDocument> {
  return new MiniSearch<LexicalDocument>(LEXICAL_OPTIONS);
}

export function loadLexicalIndex(json: string): MiniSearch<LexicalDocument> {
  return MiniSearch.loadJSON<LexicalDocument>(json, LEXICAL_OPTIONS);
}

export function lexicalDocument(doc: Document<ChunkMetadata>): LexicalDocument {
  const meta = doc.metadata;
  return {
    id: meta.chunkId,
    articleId: meta.articleId,
    text: doc.pageContent,
    title: meta.title,
    participants: meta.participants.join("\n"),
    place: meta.place ?? "",
    date: dateTerms(meta.date),
  };
}

/** Word statistics from the MiniSearch index: document frequency over chunk texts, exact and fuzzy mentions. */
export function termsOfLexicalIndex(lexical: MiniSearch<LexicalDocument>): CorpusTerms {
  const mentionFields = ["text", "title", "participants"];
  return cachedTerms({
    weight: (term) => inverseDocumentFrequency(lexical.documentCount, lexical.search(term, { fields: ["text"], prefix: false, fuzzy: false }).length),
    mentions: (word) => lexical.search(word, { fields: mentionFields, prefix: false, fuzzy: false, combineWith: "AND" }).length > 0,
    nearlyMentions: (word) =>
      lexical.search(word, { fields: mentionFields, prefix: word.length >= 6, fuzzy: word.length >= 8 ? 2 : 1, combineWith: "AND" }).length > 0,
  });
}

/**
 * BM25 search: any of the words, long ones also as prefixes and with a typo or
 * two, filtered to the days asked; chunk ids best first.
 */
export function searchLexicalIndex(
  lexical: MiniSearch<LexicalDocument>,
  text: string,
  query: LexicalQuery,
  dateOf: (chunkId: string) => string | undefined,
): string[] {
  const range: DayRange | undefined = query.range;
  const results = lexical.search(text, {
    fuzzy: (term) => (term.length >= 7 ? 0.3 : term.length >= 5 ? 0.2 : false),
    prefix: (term) => term.length >= 5,
    combineWith: "OR",
    boost: query.boost,
    filter: range
      ? (result) => {
          const date = dateOf(String(result.id));
          return date !== undefined && date >= range.from && date <= range.to;
        }
      : undefined,
  });
  return results.slice(0, query.k).map((result) => String(result.id));
}
