/**
 * What the whole index says about a word: how rare it is (BM25's inverse
 * document frequency over chunk texts) and whether any article mentions it at
 * all. Retrieval weighs terms by the first; the support check abstains on a
 * name no article mentions by the second. Each store answers the three
 * questions from its own full-text index; this module caches the answers.
 */
import type { CorpusTerms } from "./types.js";

export type { CorpusTerms } from "./types.js";

const CACHE_LIMIT = 50_000;

/** BM25's inverse document frequency of a term found in `df` of `documents` chunks. */
export function inverseDocumentFrequency(documents: number, df: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/** The same answers, each computed once (up to a bound). */
export function cachedTerms(source: CorpusTerms): CorpusTerms {
  const weights = new Map<string, number>();
  const mentioned = new Map<string, boolean>();
  const remember = <T>(cache: Map<string, T>, key: string, value: T): T => {
    if (cache.size > CACHE_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };
  return {
    weight: (term) => weights.get(term) ?? remember(weights, term, source.weight(term)),
    mentions: (word) => mentioned.get(word) ?? remember(mentioned, word, source.mentions(word)),
    nearlyMentions: (word) => mentioned.get(`~${word}`) ?? remember(mentioned, `~${word}`, source.nearlyMentions(word)),
  };
}
