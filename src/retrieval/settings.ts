/**
 * Retrieval settings. The weights are tuned on the evaluation set over the White
 * House readouts (see tests/eval/README.md and `npm run eval -- --tune`), not guessed.
 */
export interface RerankWeights {
  /** Fused dense + lexical + entity score, normalised to the best candidate. */
  fused: number;
  /** Cosine similarity of the question's and the paragraph's embeddings. */
  similarity: number;
  /** Fraction of the question's people/countries/places named in the paragraph. */
  paragraphEntities: number;
  /** ... named in the article's title, participants or the paragraph. */
  articleEntities: number;
  /** Fraction of the question's key terms in the paragraph. */
  terms: number;
  /** ... in the article's title and metadata. */
  titleTerms: number;
  /** Bonus inside the question's date range, penalty outside it. */
  dateMatch: number;
  /** The article's first paragraph (readouts say who, when and where there). */
  lead: number;
  /** An article cited by the previous answer (follow-ups). */
  carried: number;
  /** For "last"/"first" questions: the newest (oldest) meeting with the people asked about. */
  order: number;
  /** The meeting is with a country of the region the question names ("Which African leaders…"). */
  region: number;
}

export interface RetrievalSettings {
  denseK: number;
  lexicalK: number;
  /** The k of reciprocal rank fusion: 1 / (k + rank). */
  rrfK: number;
  denseWeight: number;
  lexicalWeight: number;
  entityWeight: number;
  /** Field boosts for BM25 over the lexical index. */
  lexicalBoost: Record<string, number>;
  /** Articles taken from metadata when the question names people; more for list/last/first questions. */
  entityArticles: number;
  entityArticlesForLists: number;
  entityChunksPerArticle: number;
  /** Candidates reranked. */
  rerankDepth: number;
  /** Passages returned (list questions get more). */
  finalK: number;
  listK: number;
  /** Other paragraphs of the best article added after the ranked passages. */
  siblingParagraphs: number;
  /** The first this-many hits of dense and of lexical search always stay among the passages returned. */
  channelLeaders: number;
  weights: RerankWeights;
}

export const DEFAULT_RETRIEVAL_SETTINGS: RetrievalSettings = {
  denseK: 40,
  lexicalK: 40,
  rrfK: 20,
  denseWeight: 0.6,
  lexicalWeight: 1,
  entityWeight: 0.8,
  lexicalBoost: { title: 2, participants: 2 },
  entityArticles: 25,
  entityArticlesForLists: 40,
  entityChunksPerArticle: 3,
  rerankDepth: 60,
  finalK: 6,
  listK: 20,
  siblingParagraphs: 6,
  channelLeaders: 1,
  weights: {
    fused: 1,
    similarity: 1,
    paragraphEntities: 0.4,
    articleEntities: 0.6,
    terms: 0.6,
    titleTerms: 0.2,
    dateMatch: 0.5,
    lead: 0.1,
    carried: 3,
    order: 2,
    region: 0.6,
  },
};
