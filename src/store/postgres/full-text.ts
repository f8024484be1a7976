/**
 * PostgreSQL full-text search over chunks, the counterpart of the local
 * MiniSearch index: the same fields (title A, participants B, place and date C,
 * text D), folded the same way (lowercase, no accents) before PostgreSQL's
 * `simple` configuration splits them, so "Lukašenka" and "lukasenka" meet.
 */
import type { Document } from "@langchain/core/documents";
import { lexicalDocument, normaliseTerm } from "../lexical.js";
import type { LexicalQuery } from "../types.js";
import type { ChunkMetadata } from "../../types/index.js";

export function fold(text: string): string {
  return normaliseTerm(text) ?? "";
}

/** The texts of one chunk's fields, in the order of the SQL in `SEARCH_VECTOR_SQL`. */
export function searchFields(doc: Document<ChunkMetadata>): [title: string, participants: string, placeAndDate: string, text: string] {
  const fields = lexicalDocument(doc);
  return [fold(fields.title), fold(fields.participants), fold(`${fields.place}\n${fields.date}`), fold(fields.text)];
}

/** The tsvector of a chunk from the four `searchFields` at parameters $n…$n+3. */
export function searchVectorSql(n: number): string {
  return (
    `setweight(to_tsvector('simple', $${n}), 'A') || setweight(to_tsvector('simple', $${n + 1}), 'B') || ` +
    `setweight(to_tsvector('simple', $${n + 2}), 'C') || setweight(to_tsvector('simple', $${n + 3}), 'D')`
  );
}

/** Words as the query side sees them: folded runs of letters and digits, each once. */
export function queryWords(text: string): string[] {
  return [...new Set(fold(text).match(/[\p{L}\p{N}]+/gu) ?? [])];
}

/** A one-word tsquery; words of five letters or more also match as prefixes ("meet" does not, "summit" finds "summits"). */
export function wordQuery(word: string): string {
  return `'${word}'${word.length >= 5 ? ":*" : ""}`;
}

/** ts_rank's weights array, {D, C, B, A}, from the field boosts (scaled to at most 1, as ts_rank requires). */
export function rankWeights(boost: LexicalQuery["boost"]): number[] {
  const weights = [boost.text ?? 1, Math.max(boost.place ?? 1, boost.date ?? 1), boost.participants ?? 1, boost.title ?? 1];
  const top = Math.max(...weights);
  return weights.map((weight) => weight / top);
}
