/**
 * What the whole index says about a word: how rare it is (BM25's inverse
 * document frequency over chunk texts) and whether any article mentions it at
 * all. Retrieval weighs terms by the first; the support check abstains on a
 * name no article mentions by the second.
 */
import type { LoadedIndex } from "../store/index-store.js";

export interface CorpusTerms {
  /** Inverse document frequency of a folded term: rare names weigh more than "leaders". */
  weight(term: string): number;
  /** Whether any chunk's text, title or participants has the word (case and accents folded). */
  mentions(word: string): boolean;
  /** Whether they have it or a word one or two edits away ("anounce" → "announce"). */
  nearlyMentions(word: string): boolean;
}

const CACHE_LIMIT = 50_000;

export function corpusTerms(index: Pick<LoadedIndex, "lexical">): CorpusTerms {
  const weights = new Map<string, number>();
  const mentioned = new Map<string, boolean>();
  const remember = <T>(cache: Map<string, T>, key: string, value: T): T => {
    if (cache.size > CACHE_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };
  return {
    weight(term) {
      const known = weights.get(term);
      if (known !== undefined) return known;
      const lexical = index.lexical;
      const df = lexical.search(term, { fields: ["text"], prefix: false, fuzzy: false }).length;
      return remember(weights, term, Math.log(1 + (lexical.documentCount - df + 0.5) / (df + 0.5)));
    },
    mentions(word) {
      const known = mentioned.get(word);
      if (known !== undefined) return known;
      const hits = index.lexical.search(word, { fields: ["text", "title", "participants"], prefix: false, fuzzy: false, combineWith: "AND" });
      return remember(mentioned, word, hits.length > 0);
    },
    nearlyMentions(word) {
      const key = `~${word}`;
      const known = mentioned.get(key);
      if (known !== undefined) return known;
      const hits = index.lexical.search(word, { fields: ["text", "title", "participants"], prefix: word.length >= 6, fuzzy: word.length >= 8 ? 2 : 1, combineWith: "AND" });
      return remember(mentioned, key, hits.length > 0);
    },
  };
}
