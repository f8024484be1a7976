/** A question's word tokens, and the spans of the people, countries and places found among them. */
import type { WordToken } from "../../text/fold.js";

/** A word of the question, with its place among the words. */
export interface Token extends WordToken {
  index: number;
  /** Already part of a date, a country or a place. */
  used: boolean;
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

export function overlaps(token: WordToken, start: number, end: number): boolean {
  return token.start < end && token.end > start;
}

export function isSentenceStart(text: string, tokens: Token[], index: number): boolean {
  if (index === 0) return true;
  return /[.!?:;"“]\s*$/u.test(text.slice(tokens[index - 1]!.end, tokens[index]!.start));
}

/** Tokens next to each other with only spaces or hyphens between: one name. */
export function adjacent(text: string, left: Token, right: Token): boolean {
  return /^[\s-]{0,3}$/u.test(text.slice(left.end, right.start));
}

export function spanOf(text: string, kind: EntitySpan["kind"], canonical: string, covered: WordToken[]): EntitySpan {
  const start = Math.min(...covered.map((token) => token.start));
  const end = Math.max(...covered.map((token) => token.end));
  return { kind, canonical, start, end, text: text.slice(start, end) };
}
