/**
 * `evidence/` — finding the paragraphs (this module) and judging whether they
 * support an answer (`support.ts`, with sentence-level evidence and the fitted
 * answer model).
 *
 * Hybrid retrieval: dense search in the HNSW index and BM25 search in the lexical
 * index, fused by weighted reciprocal rank, plus the articles whose metadata names
 * the question's people; then a rerank that rewards paragraphs matching the
 * question's names, dates and key terms. Returns numbered passages (one per
 * paragraph) ready for an answerer.
 */
import { BaseRetriever } from "@langchain/core/retrievers";
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { SearchIndex, StoredArticle } from "../../store/types.js";
import type { ChunkMetadata, DayRange } from "../../types/index.js";
import type { CorpusTerms } from "./corpus-terms.js";
import { entitiesOf, matchEntities, profileOf, termCoverage, type TextProfile } from "./evidence.js";
import { isInRegions, meetingCountries, type MeetingCountries } from "../question/meeting-countries.js";
import { askedKind, askedRegions, asksForMeetingList, kindOf, specificTerms } from "../question/question-shape.js";
import { DEFAULT_RETRIEVAL_SETTINGS, type RetrievalSettings } from "../settings.js";
import type { Passage, QueryAnalysis } from "../types.js";
import { inferEventPlaces } from "./event-places.js";

/** What retrieval reads from an opened index (local or PostgreSQL). */
export type RetrievalIndex = Pick<SearchIndex, "articles" | "chunk" | "chunksOfArticle" | "nearest" | "matching" | "vectorsOf" | "terms">;

export interface RetrieveOptions {
  /** Articles cited by the previous answer, preferred when the question is a follow-up. */
  carriedSources?: string[];
  /** The question's embedding, when the caller has it already. */
  queryVector?: number[];
}

interface Candidate {
  chunkId: string;
  doc: Document<ChunkMetadata>;
  denseRank?: number;
  lexicalRank?: number;
  entityRank?: number;
  fused: number;
  score: number;
}

function isListQuestion(query: QueryAnalysis): boolean {
  return query.answerType === undefined ? query.intent === "list" || asksForMeetingList(query.question) : query.answerType === "list";
}

export function inRange(date: string | undefined, range: DayRange | undefined): boolean {
  if (!range) return true;
  return date !== undefined && date >= range.from && date <= range.to;
}

function articleProfile(article: StoredArticle | undefined, meta: ChunkMetadata, place: string | undefined): TextProfile {
  const participants = article?.meta.participants.map((p) => [p.title, p.name, p.country].filter(Boolean).join(" ")) ?? meta.participants;
  return profileOf([meta.title, ...participants, place ?? ""].join(" \n "));
}

/** How much of an article's first paragraph a passage carries as its lead. */
export const LEAD_CHARS = 400;

export class HybridRetriever extends BaseRetriever<ChunkMetadata & { passage: Passage }> {
  lc_namespace = ["readout", "retrievers", "hybrid"];
  readonly settings: RetrievalSettings;
  readonly terms: CorpusTerms;
  /** Places of meetings held beside a summit whose readouts name only the summit (see event-places.ts). */
  private readonly summitPlaces: Map<string, string>;

  /** Where the article's meeting took place: its own place, else its summit's. */
  private placeOf(meta: ChunkMetadata): string | undefined {
    return meta.place ?? this.summitPlaces.get(meta.articleId);
  }

  constructor(
    private readonly index: RetrievalIndex,
    private readonly embeddings: EmbeddingsInterface,
    private readonly analyze: (question: string) => QueryAnalysis,
    settings: Partial<RetrievalSettings> = {},
    terms: CorpusTerms = index.terms,
  ) {
    super();
    this.terms = terms;
    this.summitPlaces = inferEventPlaces(index.articles.values());
    this.settings = { ...DEFAULT_RETRIEVAL_SETTINGS, ...settings, weights: { ...DEFAULT_RETRIEVAL_SETTINGS.weights, ...settings.weights } };
  }

  override async _getRelevantDocuments(question: string): Promise<Document<ChunkMetadata & { passage: Passage }>[]> {
    const passages = await this.retrieve(this.analyze(question));
    return passages.map((passage) => {
      const doc = this.index.chunk(passage.chunkId)!;
      return new Document({ pageContent: passage.text, metadata: { ...doc.metadata, passage } });
    });
  }

  /**
   * A retriever for one question already understood: the chain calls it through
   * `invoke`, so retrieval is traced like any LangChain retriever, without
   * analysing the question a second time.
   */
  forQuery(query: QueryAnalysis, options: RetrieveOptions = {}): BaseRetriever<{ passage: Passage }> {
    return new UnderstoodQueryRetriever(this, query, options);
  }

  /** Retrieve, fuse, rerank; one passage per paragraph, best first, numbered from 1. */
  async retrieve(query: QueryAnalysis, options: RetrieveOptions = {}): Promise<Passage[]> {
    const candidates = new Map<string, Candidate>();
    const add = (doc: Document<ChunkMetadata>, source: "denseRank" | "lexicalRank" | "entityRank", rank: number) => {
      const id = doc.metadata.chunkId;
      let candidate = candidates.get(id);
      if (!candidate) {
        candidate = { chunkId: id, doc, fused: 0, score: 0 };
        candidates.set(id, candidate);
      }
      if (candidate[source] === undefined) candidate[source] = rank;
    };

    const queryVector = unitLength(options.queryVector ?? (await this.embeddings.embedQuery(query.question)));
    const [dense, lexical] = await Promise.all([this.denseSearch(query, queryVector), this.lexicalSearch(query)]);
    dense.forEach((doc, rank) => add(doc, "denseRank", rank + 1));
    lexical.forEach((doc, rank) => add(doc, "lexicalRank", rank + 1));
    this.entitySearch(query).forEach((doc, rank) => add(doc, "entityRank", rank + 1));
    for (const articleId of options.carriedSources ?? []) {
      for (const doc of this.index.chunksOfArticle(articleId)) add(doc, "entityRank", 1);
    }

    const s = this.settings;
    const rrf = (rank: number | undefined) => (rank === undefined ? 0 : 1 / (s.rrfK + rank));
    for (const c of candidates.values()) {
      c.fused = s.denseWeight * rrf(c.denseRank) + s.lexicalWeight * rrf(c.lexicalRank) + s.entityWeight * rrf(c.entityRank);
    }
    const pool = [...candidates.values()].sort((a, b) => b.fused - a.fused).slice(0, s.rerankDepth);
    const maxFused = pool[0]?.fused ?? 1;
    const carried = new Set(options.carriedSources ?? []);
    // "When did they last meet?" is decided by the dates of the meetings with the people, not by wording.
    const byOrder = query.latest || query.earliest;
    // The stored vectors of the pool, read once (one query on PostgreSQL), serve the rerank and the passages' similarity.
    const vectors = await this.index.vectorsOf(pool.map((c) => c.chunkId));
    for (const c of pool) c.score = this.rerankScore(c, query, maxFused, carried, byOrder ? 0 : similarity(queryVector, vectors.get(c.chunkId)));
    if (query.latest || query.earliest) this.rewardOrder(pool, query);
    pool.sort((a, b) => b.score - a.score);
    this.keepChannelLeaders(pool, isListQuestion(query) ? this.settings.listK : this.settings.finalK);

    const passages = this.withSiblings(this.toPassages(pool, query));
    const siblings = [...new Set(passages.map((passage) => passage.chunkId))].filter((id) => !vectors.has(id));
    if (siblings.length > 0) for (const [id, vector] of await this.index.vectorsOf(siblings)) vectors.set(id, vector);
    return passages.map((passage) => ({ ...passage, similarity: similarity(queryVector, vectors.get(passage.chunkId)) }));
  }

  /**
   * The best hit of dense search and of lexical search each keep a place among
   * the passages returned, even when the rerank (which rewards shared words)
   * would push them out: a paraphrase only the embedding found must reach the answerer.
   */
  private keepChannelLeaders(pool: Candidate[], limit: number): void {
    const keep = this.settings.channelLeaders;
    for (const channel of ["denseRank", "lexicalRank"] as const) {
      for (let rank = 1; rank <= keep; rank++) {
        const at = pool.findIndex((c) => c[channel] === rank);
        if (at < limit - 1 || at < 0) continue;
        const [leader] = pool.splice(at, 1);
        pool.splice(limit - 1, 0, leader!);
      }
    }
  }

  /**
   * The other paragraphs of the best article, after the ranked passages: an
   * answer about one meeting may need its third paragraph even when the ranking
   * did not. They count as retrieved, so an answer may cite them.
   */
  private withSiblings(passages: Passage[]): Passage[] {
    const top = passages[0];
    const article = top ? this.index.articles.get(top.articleId) : undefined;
    if (!top || !article) return passages;
    const present = new Set(passages.filter((p) => p.articleId === top.articleId).map((p) => p.paragraph));
    const extra: Passage[] = [];
    for (const doc of this.index.chunksOfArticle(top.articleId)) {
      const paragraph = mainParagraph(article, doc.metadata.paragraphs);
      if (present.has(paragraph) || extra.length >= this.settings.siblingParagraphs) continue;
      present.add(paragraph);
      extra.push({
        ...top,
        n: passages.length + extra.length + 1,
        chunkId: doc.metadata.chunkId,
        paragraph,
        text: article.paragraphs[paragraph - 1] ?? doc.pageContent,
        score: 0,
      });
    }
    return [...passages, ...extra];
  }

  private rerankScore(c: Candidate, query: QueryAnalysis, maxFused: number, carried: Set<string>, similarity: number): number {
    const w = this.settings.weights;
    const meta = c.doc.metadata;
    const article = this.index.articles.get(meta.articleId);
    const paragraph = profileOf(c.doc.pageContent);
    const header = articleProfile(article, meta, this.placeOf(meta));
    const entityQuery = entitiesOf(query);
    const inParagraph = matchEntities(paragraph, entityQuery);
    const inArticle = matchEntities(header, entityQuery);
    const asked = inParagraph.asked;
    const entityFraction = asked === 0 ? 0 : Math.max(inParagraph.found, 0) / asked;
    const articleFraction = asked === 0 ? 0 : Math.max(inArticle.found, inParagraph.found) / asked;
    // The fused score knows only the embedding's rank; the cosine itself says how close the paragraph is.
    let score = w.fused * (c.fused / maxFused) + w.similarity * similarity;
    score += w.paragraphEntities * entityFraction;
    score += w.articleEntities * articleFraction;
    // "meet", "discuss", "leaders" say nothing about which meeting: only the question's specific words count.
    const idf = (term: string) => this.terms.weight(term);
    const terms = specificTerms(query);
    score += w.terms * termCoverage(paragraph, terms, idf);
    score += w.titleTerms * termCoverage(header, terms, idf);
    const regions = askedRegions(query);
    if (regions.length > 0 && isInRegions(this.meetingCountriesOf(article, meta), regions)) score += w.region;
    if (query.dateRange) score += inRange(meta.date, query.dateRange) ? w.dateMatch : -w.dateMatch;
    if (meta.paragraphs[0] === 1) score += w.lead;
    // A follow-up is about the meeting just answered, unless it names other people ("what about Macron?") or other dates ("and in 2022?").
    if (carried.has(meta.articleId) && (asked === 0 || articleFraction === 1) && inRange(meta.date, query.dateRange)) score += w.carried;
    return score;
  }

  private readonly countriesCache = new WeakMap<StoredArticle, MeetingCountries>();

  /** The countries the meeting is with ("Which African leaders…" asks for them). */
  private meetingCountriesOf(article: StoredArticle | undefined, meta: ChunkMetadata): MeetingCountries {
    const cached = article && this.countriesCache.get(article);
    if (cached) return cached;
    const countries = meetingCountries({
      title: meta.title,
      participants: article?.meta.participants.map((p) => [p.name, p.country].filter(Boolean).join(" of ")) ?? meta.participants,
      place: this.placeOf(meta),
      lead: article?.paragraphs[0]?.slice(0, LEAD_CHARS),
    });
    if (article) this.countriesCache.set(article, countries);
    return countries;
  }

  /**
   * "When did X last meet Y?": among candidates whose article is a meeting with
   * everyone asked about, the newest (or oldest) gets the largest bonus.
   */
  private rewardOrder(pool: Candidate[], query: QueryAnalysis): void {
    const people = entitiesOf(query, { countries: false, places: false });
    const dates = new Set<string>();
    // "When did they last meet face to face?": calls are not candidates for the newest meeting, and the reverse.
    const kind = askedKind(query.question);
    const eligible = pool.filter((c) => {
      const article = this.index.articles.get(c.doc.metadata.articleId);
      if (kind && article) {
        const actual = kindOf({ title: c.doc.metadata.title, lead: article.paragraphs[0]?.slice(0, LEAD_CHARS), text: c.doc.pageContent });
        if (actual !== undefined && actual !== kind) return false;
      }
      const ok =
        query.people.length === 0 || matchEntities(articleProfile(article, c.doc.metadata, this.placeOf(c.doc.metadata)), people).found === query.people.length;
      if (ok && c.doc.metadata.date) dates.add(c.doc.metadata.date);
      return ok;
    });
    const ordered = [...dates].sort();
    if (query.latest) ordered.reverse();
    const rankOf = new Map(ordered.map((date, rank) => [date, rank]));
    for (const c of eligible) {
      const rank = rankOf.get(c.doc.metadata.date ?? "");
      if (rank !== undefined) c.score += this.settings.weights.order / (1 + rank);
    }
  }

  private async denseSearch(query: QueryAnalysis, queryVector?: number[]): Promise<Document<ChunkMetadata>[]> {
    const vector = queryVector ?? unitLength(await this.embeddings.embedQuery(query.question));
    return this.index.nearest(vector, this.settings.denseK, query.dateRange);
  }

  private async lexicalSearch(query: QueryAnalysis): Promise<Document<ChunkMetadata>[]> {
    const expansions = [...query.people, ...query.countries, ...query.places].join(" ");
    const text = `${query.terms.join(" ")} ${expansions}`;
    return this.index.matching(text, { k: this.settings.lexicalK, boost: this.settings.lexicalBoost, ...(query.dateRange ? { range: query.dateRange } : {}) });
  }

  /**
   * Articles whose title or participants name every person and country asked
   * about, newest first (or oldest first for "first" questions): the only way to
   * be complete for "last time", "first time" and list questions.
   */
  private entitySearch(query: QueryAnalysis): Document<ChunkMetadata>[] {
    const entityQuery = entitiesOf(query, { places: false });
    const asked = entityQuery.people.length + entityQuery.countries.length;
    if (asked === 0) return [];
    const matching: StoredArticle[] = [];
    for (const article of this.index.articles.values()) {
      const date = article.meta.eventDate ?? article.meta.publishedDate;
      if (!inRange(date, query.dateRange)) continue;
      const header = profileOf([article.meta.title, ...article.meta.participants.map((p) => `${p.title ?? ""} ${p.name} ${p.country ?? ""}`)].join(" \n "));
      const lead = profileOf(article.paragraphs.slice(0, 2).join("\n"));
      const found = Math.max(matchEntities(header, entityQuery).found, matchEntities(lead, entityQuery).found);
      if (found === asked) matching.push(article);
    }
    const listing = isListQuestion(query);
    const cap = listing || query.latest || query.earliest ? this.settings.entityArticlesForLists : this.settings.entityArticles;
    if (matching.length > cap && !(query.latest || query.earliest || listing)) return [];
    if (listing && matching.length > cap) {
      // "Which leaders did Harris host for breakfast?": keep the meetings that mention breakfast.
      const terms = specificTerms(query);
      const relevant = matching.filter((article) => termCoverage(profileOf(`${article.meta.title}\n${article.paragraphs.join("\n")}`), terms) > 0);
      if (terms.length > 0 && relevant.length > 0) matching.splice(0, matching.length, ...relevant);
    }
    const dateOf = (article: StoredArticle) => article.meta.eventDate ?? article.meta.publishedDate ?? "";
    matching.sort((a, b) => (query.earliest ? dateOf(a).localeCompare(dateOf(b)) : dateOf(b).localeCompare(dateOf(a))));
    const docs: Document<ChunkMetadata>[] = [];
    for (const article of matching.slice(0, cap)) {
      const chunks = this.index.chunksOfArticle(article.meta.id);
      docs.push(...chunks.slice(0, this.settings.entityChunksPerArticle));
    }
    return docs;
  }

  private toPassages(pool: Candidate[], query: QueryAnalysis): Passage[] {
    const limit = isListQuestion(query) ? this.settings.listK : this.settings.finalK;
    const seen = new Set<string>();
    const passages: Passage[] = [];
    for (const c of pool) {
      const meta = c.doc.metadata;
      const article = this.index.articles.get(meta.articleId);
      if (!article) continue;
      const paragraph = mainParagraph(article, meta.paragraphs);
      const key = `${meta.articleId}#${paragraph}`;
      if (seen.has(key)) continue;
      seen.add(key);
      passages.push({
        n: passages.length + 1,
        chunkId: meta.chunkId,
        articleId: meta.articleId,
        paragraph,
        text: article.paragraphs[paragraph - 1] ?? c.doc.pageContent,
        title: meta.title,
        date: meta.date,
        publishedDate: meta.publishedDate,
        eventDate: meta.eventDate,
        url: meta.sourceUrl,
        place: this.placeOf(meta),
        participants: meta.participants,
        lead: article.paragraphs[0]?.slice(0, LEAD_CHARS),
        score: c.score,
      });
      if (passages.length >= limit) break;
    }
    return passages;
  }
}

/** Cosine of the question and a chunk, from the stored vector (both unit length); 0 when unknown. */
function similarity(queryVector: number[], vector: number[] | undefined): number {
  if (!vector || vector.length !== queryVector.length) return 0;
  let dot = 0;
  for (let i = 0; i < vector.length; i++) dot += vector[i]! * queryVector[i]!;
  return dot;
}

/** The vector scaled to length 1 (remote embeddings need not be), so a dot product with a stored unit vector is the cosine. */
function unitLength(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm === 0 || Math.abs(norm - 1) < 1e-6 ? vector : vector.map((value) => value / norm);
}

class UnderstoodQueryRetriever extends BaseRetriever<{ passage: Passage }> {
  lc_namespace = ["readout", "retrievers", "hybrid"];

  constructor(
    private readonly hybrid: HybridRetriever,
    private readonly query: QueryAnalysis,
    private readonly options: RetrieveOptions,
  ) {
    super();
  }

  override async _getRelevantDocuments(): Promise<Document<{ passage: Passage }>[]> {
    const passages = await this.hybrid.retrieve(this.query, this.options);
    return passages.map((passage) => new Document({ pageContent: passage.text, metadata: { passage } }));
  }
}

/** For a chunk joined from several paragraphs, the one that carries its content: the longest. */
function mainParagraph(article: StoredArticle, paragraphs: number[]): number {
  let best = paragraphs[0] ?? 1;
  for (const n of paragraphs) {
    if ((article.paragraphs[n - 1]?.length ?? 0) > (article.paragraphs[best - 1]?.length ?? 0)) best = n;
  }
  return best;
}
