/**
 * Each stage of the hybrid retriever over a small index of our own invented
 * meetings (tests/fixtures/retrieval/articles/, see its README): dense search,
 * BM25, entity search, fusion, the date filter, the rerank features, one
 * passage per paragraph and the best article's sibling paragraphs.
 */
import type { Document } from "@langchain/core/documents";
import { describe, expect, it } from "vitest";
import type { HybridRetriever } from "../../../src/retrieval/evidence/hybrid-retriever.js";
import { DEFAULT_RETRIEVAL_SETTINGS } from "../../../src/retrieval/settings.js";
import type { Passage, QueryAnalysis } from "../../../src/retrieval/types.js";
import type { ChunkMetadata } from "../../../src/types/index.js";
import { useRetrievalFixture } from "../../helpers/temp-index.js";

/** The retriever's stages, called one at a time (they are private: the public API runs them together). */
interface Stages {
  denseSearch(query: QueryAnalysis): Promise<Document<ChunkMetadata>[]>;
  lexicalSearch(query: QueryAnalysis): Promise<Document<ChunkMetadata>[]>;
  entitySearch(query: QueryAnalysis): Document<ChunkMetadata>[];
}
const stagesOf = (retriever: HybridRetriever) => retriever as unknown as Stages;

const ARTICLE = {
  firstMeeting: "2022-03-10-varga-kettering-osterburg.md",
  lakeOrvel: "2023-06-16-varga-kettering-lake-orvel.md",
  call: "2024-02-05-varga-kettering-call.md",
  newestMeeting: "2024-09-20-osterland-brenmark-grid-accord.md",
  kalmarsted: "2023-06-20-varga-dascalu-kalmarsted.md",
  tarvasko: "2023-09-12-aaltonen-pruss-tarvasko.md",
  waterSummit: "2023-09-30-kettering-water-summit.md",
};

/** 1-based rank of the first document of this chunk id prefix, or 0 when absent. */
function rankOf(docs: Document<ChunkMetadata>[], chunkIdPrefix: string): number {
  return docs.findIndex((doc) => doc.metadata.chunkId.startsWith(chunkIdPrefix)) + 1;
}

function keys(passages: Passage[]): string[] {
  return passages.map((passage) => `${passage.articleId}#${passage.paragraph}`);
}

const fixture = useRetrievalFixture();

describe("dense, lexical and fused search", () => {
  // The paragraph says "cut the carbon emissions of their power plants"; the question shares no word with it.
  const paraphrase = "Who promised to reduce greenhouse pollution from electricity generation?";
  const paraphraseTarget = `${ARTICLE.kalmarsted}:p2`;
  // A made-up name: USE-lite knows nothing of it, BM25 weighs it as the rarest term.
  const rareName = "Tell me about Tarvasko";
  const rareTarget = `${ARTICLE.tarvasko}:p2`;

  it("dense search alone finds a paraphrase that BM25 misses", async () => {
    const query = fixture.analyze(paraphrase);
    const stages = stagesOf(fixture.retriever());
    expect(rankOf(await stages.denseSearch(query), paraphraseTarget)).toBe(1);
    const lexicalRank = rankOf(await stages.lexicalSearch(query), paraphraseTarget);
    expect(lexicalRank === 0 || lexicalRank > 10, `BM25 rank ${lexicalRank}`).toBe(true);
  });

  it("BM25 alone finds a rare name that dense search misses", async () => {
    const query = fixture.analyze(rareName);
    const stages = stagesOf(fixture.retriever());
    expect(rankOf(await stages.lexicalSearch(query), rareTarget)).toBe(1);
    const denseRank = rankOf(await stages.denseSearch(query), rareTarget);
    expect(denseRank === 0 || denseRank > 5, `dense rank ${denseRank}`).toBe(true);
  });

  it("fusion keeps the rare name that only BM25 found at the top", async () => {
    const passages = await fixture.retriever().retrieve(fixture.analyze(rareName));
    expect(keys(passages)[0]).toBe(`${ARTICLE.tarvasko}#2`);
  });

  it("fusion keeps the paraphrase that only dense search found among the ranked passages", async () => {
    const passages = await fixture.retriever().retrieve(fixture.analyze(paraphrase));
    const ranked = passages.slice(0, DEFAULT_RETRIEVAL_SETTINGS.finalK);
    expect(keys(ranked)).toContain(`${ARTICLE.kalmarsted}#2`);
  });

  it("a rare name keeps its paragraph in the top five among common words", async () => {
    const passages = await fixture.retriever().retrieve(fixture.analyze("What did the leaders agree about Tarvasko?"));
    expect(keys(passages.slice(0, 5))).toContain(`${ARTICLE.tarvasko}#2`);
  });

  it("is a LangChain retriever: invoke returns the passages as Documents", async () => {
    const retriever = fixture.retriever();
    const docs = await retriever.invoke("What is the Tarvasko project?");
    const passages = await retriever.retrieve(fixture.analyze("What is the Tarvasko project?"));
    expect(docs.map((doc) => doc.pageContent)).toEqual(passages.map((passage) => passage.text));
    expect(docs[0]!.metadata.passage).toMatchObject({ n: 1, articleId: ARTICLE.tarvasko, paragraph: 2 });
    expect(docs[0]!.metadata.articleId).toBe(ARTICLE.tarvasko);
  });
});

describe("date range", () => {
  it("every stage and every passage stays inside the asked month", async () => {
    const query = fixture.analyze("What did Varga and Kettering discuss in June 2023?");
    expect(query.dateRange).toEqual({ from: "2023-06-01", to: "2023-06-30" });
    const inJune = (date: string | undefined) => date !== undefined && date >= "2023-06-01" && date <= "2023-06-30";
    const retriever = fixture.retriever();
    const stages = stagesOf(retriever);
    const dense = await stages.denseSearch(query);
    const lexical = await stages.lexicalSearch(query);
    const entity = stages.entitySearch(query);
    for (const doc of [...dense, ...lexical, ...entity]) expect(inJune(doc.metadata.date), doc.metadata.chunkId).toBe(true);
    expect(dense.length).toBeGreaterThan(0);
    expect(rankOf(entity, ARTICLE.lakeOrvel)).toBe(1);

    const passages = await retriever.retrieve(query);
    expect(passages.length).toBeGreaterThan(0);
    for (const passage of passages) expect(inJune(passage.date), passage.articleId).toBe(true);
    expect(passages[0]!.articleId).toBe(ARTICLE.lakeOrvel);
  });

  it("a year keeps that year's meetings and calls and nothing else", async () => {
    const passages = await fixture.retriever().retrieve(fixture.analyze("What did Varga and Kettering discuss in 2024?"));
    const articles = new Set(passages.map((passage) => passage.articleId));
    expect(articles).toContain(ARTICLE.newestMeeting);
    expect(articles).toContain(ARTICLE.call);
    for (const passage of passages) expect(passage.date!.startsWith("2024-"), passage.articleId).toBe(true);
  });

  it("returns nothing for a range with no article", async () => {
    expect(await fixture.retriever().retrieve(fixture.analyze("What did Varga and Kettering discuss in 2021?"))).toEqual([]);
  });
});

describe("entity search for last and first", () => {
  const last = "When did Varga last meet Kettering?";
  // Dense and BM25 limited to their top 3, which miss the newest meeting (its wording is furthest from the question).
  const narrow = { denseK: 3, lexicalK: 3 };

  it("lists the articles naming everyone asked about, newest first for 'last', oldest first for 'first'", () => {
    const stages = stagesOf(fixture.retriever());
    const newest = stages.entitySearch(fixture.analyze(last)).map((doc) => doc.metadata.articleId);
    const oldest = stages.entitySearch(fixture.analyze("When did Varga first meet Kettering?")).map((doc) => doc.metadata.articleId);
    const order = (ids: string[]) => [...new Set(ids)];
    // The committee statement names both in its lead, so it is listed too, newest of all.
    expect(order(newest)).toEqual([
      "2024-10-01-fisheries-committee-statement.md",
      ARTICLE.newestMeeting,
      ARTICLE.call,
      ARTICLE.lakeOrvel,
      ARTICLE.firstMeeting,
    ]);
    expect(order(oldest)).toEqual([...order(newest)].reverse());
  });

  it("brings the newest meeting to the top even when dense search and BM25 miss it", async () => {
    const query = fixture.analyze(last);
    expect(query.latest).toBe(true);
    const retriever = fixture.retriever(narrow);
    const stages = stagesOf(retriever);
    expect(rankOf(await stages.denseSearch(query), ARTICLE.newestMeeting)).toBe(0);
    expect(rankOf(await stages.lexicalSearch(query), ARTICLE.newestMeeting)).toBe(0);
    expect((await retriever.retrieve(query))[0]!.articleId).toBe(ARTICLE.newestMeeting);

    // Without entity search the same question's best passage is an older meeting.
    const withoutEntities = fixture.retriever({ ...narrow, entityArticles: 0, entityArticlesForLists: 0 });
    expect((await withoutEntities.retrieve(query))[0]!.articleId).not.toBe(ARTICLE.newestMeeting);
  });

  it("puts the oldest meeting first for 'first', not a later mention of the two leaders", async () => {
    const passages = await fixture.retriever().retrieve(fixture.analyze("When did Varga first meet Kettering?"));
    expect(passages[0]!.articleId).toBe(ARTICLE.firstMeeting);
  });

  it("prefers a meeting with the people over a newer statement that only names them", async () => {
    const passages = await fixture.retriever().retrieve(fixture.analyze(last));
    expect(passages[0]!.articleId).toBe(ARTICLE.newestMeeting);
  });
});

describe("rerank features", () => {
  it("entity match: paragraphs of the asked person's articles fill the top, and not without the entity weights", async () => {
    for (const [question, article] of [
      ["What did Pruss agree?", ARTICLE.tarvasko],
      ["What did Volkovskiy agree?", "2023-04-03-varga-volkovskiy-halvik.md"],
    ] as const) {
      const query = fixture.analyze(question);
      const top = (await fixture.retriever().retrieve(query)).slice(0, 3);
      expect(
        top.map((p) => p.articleId),
        question,
      ).toEqual([article, article, article]);
      const blind = (
        await fixture.retriever({ weights: { ...DEFAULT_RETRIEVAL_SETTINGS.weights, paragraphEntities: 0, articleEntities: 0 } }).retrieve(query)
      ).slice(0, 3);
      expect(
        blind.some((p) => p.articleId !== article),
        question,
      ).toBe(true);
    }
  });

  it("carried sources: a follow-up stays on the article the previous answer cited", async () => {
    const query = fixture.analyze("What did the leaders agree?");
    for (const carried of [ARTICLE.lakeOrvel, ARTICLE.newestMeeting, ARTICLE.call]) {
      const passages = await fixture.retriever().retrieve(query, { carriedSources: [carried] });
      expect(passages[0]!.articleId, carried).toBe(carried);
    }
    // Without the follow-up, the call is not the best answer to so vague a question.
    expect((await fixture.retriever().retrieve(query))[0]!.articleId).not.toBe(ARTICLE.call);
  });

  it("date: a carried article outside the asked dates loses to one inside them", async () => {
    const query = fixture.analyze("What did the leaders agree in June 2023?");
    const passages = await fixture.retriever().retrieve(query, { carriedSources: [ARTICLE.newestMeeting] });
    expect(passages[0]!.date! >= "2023-06-01" && passages[0]!.date! <= "2023-06-30", passages[0]!.articleId).toBe(true);
    // No follow-up bonus outside the asked dates ("and in June 2023?" asks about another meeting): the carried article is not first.
    expect(passages.findIndex((passage) => passage.articleId === ARTICLE.newestMeeting)).not.toBe(0);
    // The date weight is what moves them: a bonus inside the range, the same penalty outside it.
    const undated = await fixture
      .retriever({ weights: { ...DEFAULT_RETRIEVAL_SETTINGS.weights, dateMatch: 0 } })
      .retrieve(query, { carriedSources: [ARTICLE.newestMeeting] });
    const dateMatch = DEFAULT_RETRIEVAL_SETTINGS.weights.dateMatch;
    const ranked = (list: Passage[]) =>
      new Map(list.filter((passage) => passage.score !== 0).map((passage) => [`${passage.articleId}#${passage.paragraph}`, passage]));
    const before = ranked(undated);
    let compared = 0;
    for (const [key, passage] of ranked(passages)) {
      const other = before.get(key);
      if (!other) continue;
      const inside = passage.date! >= "2023-06-01" && passage.date! <= "2023-06-30";
      expect(passage.score - other.score, key).toBeCloseTo(inside ? dateMatch : -dateMatch, 6);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it("carried sources add their weight to the carried article's paragraphs only", async () => {
    const query = fixture.analyze("What did the leaders agree?");
    const carried = await fixture.retriever().retrieve(query, { carriedSources: [ARTICLE.call] });
    const plain = await fixture
      .retriever({ weights: { ...DEFAULT_RETRIEVAL_SETTINGS.weights, carried: 0 } })
      .retrieve(query, { carriedSources: [ARTICLE.call] });
    const scores = new Map(plain.map((passage) => [`${passage.articleId}#${passage.paragraph}`, passage.score]));
    const compared = { carried: 0, other: 0 };
    for (const passage of carried.filter((p) => p.score !== 0)) {
      const other = scores.get(`${passage.articleId}#${passage.paragraph}`);
      if (other === undefined || other === 0) continue;
      const isCarried = passage.articleId === ARTICLE.call;
      expect(passage.score - other, passage.articleId).toBeCloseTo(isCarried ? DEFAULT_RETRIEVAL_SETTINGS.weights.carried : 0, 6);
      compared[isCarried ? "carried" : "other"] += 1;
    }
    expect(compared.carried).toBeGreaterThanOrEqual(1);
    expect(compared.other).toBeGreaterThanOrEqual(1);
  });
});

describe("passages", () => {
  it("one passage per paragraph: a paragraph split into two chunks comes back once, whole", async () => {
    const query = fixture.analyze("How should the river basin countries share the water of the river in a drought?");
    const retriever = fixture.retriever();
    const stages = stagesOf(retriever);
    const candidates = [...(await stages.denseSearch(query)), ...(await stages.lexicalSearch(query))].map((doc) => doc.metadata.chunkId);
    // Both parts of the long paragraph are candidates ...
    expect(candidates).toContain(`${ARTICLE.waterSummit}:p2.1`);
    expect(candidates).toContain(`${ARTICLE.waterSummit}:p2.2`);
    const passages = await retriever.retrieve(query);
    const all = keys(passages);
    // ... and the passages hold it once, as the whole paragraph.
    expect(all.filter((key) => key === `${ARTICLE.waterSummit}#2`)).toHaveLength(1);
    expect(new Set(all).size).toBe(all.length);
    const paragraph = passages.find((passage) => passage.articleId === ARTICLE.waterSummit && passage.paragraph === 2)!;
    expect(paragraph.text).toBe(fixture.index.articles.get(ARTICLE.waterSummit)!.paragraphs[1]);
    expect(paragraph.text.split(/\s+/).length).toBeGreaterThan(120);
    expect(passages.map((passage) => passage.n)).toEqual(passages.map((_, i) => i + 1));
  });

  it("appends the best article's other paragraphs after the ranked passages", async () => {
    const query = fixture.analyze("What is the Tarvasko project?");
    const passages = await fixture.retriever({ finalK: 3 }).retrieve(query);
    const ranked = passages.slice(0, 3);
    const siblings = passages.slice(3);
    expect(ranked[0]).toMatchObject({ articleId: ARTICLE.tarvasko, paragraph: 2 });
    // Every paragraph of the best article is there exactly once; the ones the ranking missed come after it.
    const article = fixture.index.articles.get(ARTICLE.tarvasko)!;
    const paragraphs = passages.filter((passage) => passage.articleId === ARTICLE.tarvasko).map((passage) => passage.paragraph);
    expect([...paragraphs].sort()).toEqual(article.paragraphs.map((_, i) => i + 1));
    expect(siblings.length).toBeGreaterThan(0);
    for (const sibling of siblings) {
      expect(sibling.articleId).toBe(ARTICLE.tarvasko);
      expect(sibling.text).toBe(article.paragraphs[sibling.paragraph - 1]);
      expect(ranked.some((passage) => passage.articleId === sibling.articleId && passage.paragraph === sibling.paragraph)).toBe(false);
    }
    expect(passages.map((passage) => passage.n)).toEqual(passages.map((_, i) => i + 1));

    const capped = await fixture.retriever({ finalK: 3, siblingParagraphs: 1 }).retrieve(query);
    expect(capped.length).toBeLessThanOrEqual(4);
    const none = await fixture.retriever({ finalK: 3, siblingParagraphs: 0 }).retrieve(query);
    expect(none).toHaveLength(3);
  });

  it("carries what an answer needs: title, dates, URL, place, participants and the article's lead", async () => {
    const [top] = await fixture.retriever().retrieve(fixture.analyze("When did Varga meet Kettering at Lake Orvel?"));
    expect(top).toMatchObject({
      articleId: ARTICLE.lakeOrvel,
      title: "Varga and Kettering Hold Talks at Lake Orvel",
      publishedDate: "2023-06-16",
      eventDate: "2023-06-15",
      date: "2023-06-15",
      url: "https://fixtures.readout.example/2023-06-16-varga-kettering-lake-orvel",
      participants: ["Odile Varga", "Tomas Kettering"],
    });
    expect(top!.lead).toMatch(/^Prime Minister Odile Varga hosted President Tomas Kettering/);
  });
});
