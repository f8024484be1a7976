/**
 * A temporary index built with the real ingest (loaders, cleaning, metadata,
 * chunking) and the offline embeddings, for tests that need real retrieval:
 * over the retrieval fixtures (tests/fixtures/retrieval/articles/, our own invented
 * meetings) or the bundled sample corpus (data/articles/). Build it once per
 * test file (`beforeAll`) and close it in `afterAll`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { afterAll, beforeAll } from "vitest";
import os from "node:os";
import path from "node:path";
import { UseLiteEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { createLogger } from "../../src/log.js";
import { HybridRetriever } from "../../src/retrieval/evidence/hybrid-retriever.js";
import { understandQuery } from "../../src/retrieval/question/query.js";
import type { RetrievalSettings } from "../../src/retrieval/settings.js";
import type { AnswererInput, QueryAnalysis } from "../../src/retrieval/types.js";
import { buildVocabulary, type Vocabulary } from "../../src/retrieval/question/vocabulary.js";
import { openIndex, type LoadedIndex } from "../../src/store/index-store.js";
import type { IngestSummary } from "../../src/store/types.js";
import { RETRIEVAL_FIXTURES } from "./paths.js";

/** "Today" for the fixture questions, after every fixture meeting. */
export const FIXTURE_TODAY = "2025-01-15";

export interface TempIndex {
  /** The temporary folder; the index is in `dir`. */
  root: string;
  dir: string;
  summary: IngestSummary;
  index: LoadedIndex;
  embeddings: UseLiteEmbeddings;
  vocabulary: Vocabulary;
  /** The question as the chain's query understanding reads it (today = FIXTURE_TODAY unless given). */
  analyze(question: string, today?: string): QueryAnalysis;
  /** A retriever over the index with these settings (defaults otherwise). */
  retriever(settings?: Partial<RetrievalSettings>): HybridRetriever;
  close(): Promise<void>;
}

/** Ingest `paths` into a fresh temporary index and open it. */
export async function buildTempIndex(paths: string[], prefix = "readout-retrieval-"): Promise<TempIndex> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  const dir = path.join(root, "index");
  // One model on the test's own thread: small corpora do not pay for worker start-up.
  const embeddings = new UseLiteEmbeddings({ workers: 0, batchSize: 32 });
  try {
    const summary = await runIngest({ paths, indexDir: dir, embeddings, logger: createLogger("silent") });
    if (summary.failed) throw new Error(`ingest failed: ${JSON.stringify(summary.skipped)}`);
    const index = await openIndex(dir, embeddings);
    const vocabulary = buildVocabulary(index.articles.values());
    const analyze = (question: string, today = FIXTURE_TODAY) => understandQuery(question, { today, vocabulary });
    return {
      root,
      dir,
      summary,
      index,
      embeddings,
      vocabulary,
      analyze,
      retriever: (settings = {}) => new HybridRetriever(index, embeddings, (question) => analyze(question), settings),
      close: async () => {
        await embeddings.close();
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await embeddings.close();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The retrieval fixture index, built once for the calling test file (in its
 * `beforeAll`) and closed after it. The returned object stands for the index:
 * use it inside tests, not at the top level of the file.
 */
export function useRetrievalFixture(): TempIndex {
  let built: TempIndex | undefined;
  beforeAll(async () => {
    built = await buildTempIndex([RETRIEVAL_FIXTURES]);
  }, 120_000);
  afterAll(async () => {
    await built?.close();
  });
  return new Proxy({} as TempIndex, {
    get(_target, property) {
      if (!built) throw new Error("the retrieval fixture index is only ready inside tests (after beforeAll)");
      const value = Reflect.get(built, property);
      return typeof value === "function" ? value.bind(built) : value;
    },
  });
}

/** What an answerer gets for a question over an index: the question, its analysis, the retrieved passages. */
export async function answererInputFor(index: TempIndex, question: string): Promise<AnswererInput> {
  const query = index.analyze(question);
  return { question, query, passages: await index.retriever().retrieve(query) };
}

/** The citation every answer about the Lake Orvel meeting of the retrieval fixtures starts with. */
export const LAKE_ORVEL_CITATION = {
  n: 1,
  source: "2023-06-16-varga-kettering-lake-orvel.md",
  title: "Varga and Kettering Hold Talks at Lake Orvel",
  date: "2023-06-15",
  url: "https://fixtures.readout.example/2023-06-16-varga-kettering-lake-orvel",
  paragraph: 1,
  text: "Prime Minister Odile Varga hosted President Tomas Kettering of Osterland yesterday at her summer residence on Lake Orvel for a day of talks.",
};
