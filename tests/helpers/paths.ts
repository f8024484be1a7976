/**
 * Where things are, for every test: the checkout, its bundled corpus and test
 * fixtures, and the shared corpora beside it (../shared, read at run time,
 * never copied into the repository).
 */
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const SAMPLE_ARTICLES_DIR = path.join(REPO_ROOT, "data/articles");
export const CONVERSATIONS_DIR = path.join(REPO_ROOT, "tests/conversations");
export const INGEST_FIXTURES = path.join(REPO_ROOT, "tests/fixtures/ingest");
export const RETRIEVAL_FIXTURES = path.join(REPO_ROOT, "tests/fixtures/retrieval/articles");
export const LLM_FIXTURES = path.join(REPO_ROOT, "tests/fixtures/llm");

export const SHARED_DIR = path.resolve(REPO_ROOT, "../shared");
export const READOUTS_DIR = path.join(SHARED_DIR, "corpora/whitehouse-readouts");
export const WEB_PAGES_DIR = path.join(SHARED_DIR, "corpora/web-pages");
export const SCRAPED_PAGE = path.join(SHARED_DIR, "examples/scraped-news-page.txt");

/** A file of tests/fixtures/ingest/. */
export function ingestFixture(name: string): string {
  return path.join(INGEST_FIXTURES, name);
}
