import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readArticles } from "../../../src/ingest/read.js";
import { understandQuery } from "../../../src/retrieval/question/query.js";
import { buildVocabulary, type Vocabulary } from "../../../src/retrieval/question/vocabulary.js";
import type { StoredArticle } from "../../../src/store/types.js";
import { surnameKey } from "../../../src/text/names.js";

const corpus = path.resolve(import.meta.dirname, "../../../../shared/corpora/whitehouse-readouts");
const present = existsSync(corpus);
if (!present) console.warn(`Skipping query understanding over real readouts: ${corpus} is absent.`);

/** The readouts about a few leaders (chosen by file name), read with the real ingest code. */
async function readSome(): Promise<StoredArticle[]> {
  const files = readdirSync(corpus, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith(".md") && /kishida|zelensk|erdogan|modi|xi-jinping|macron|yoon/u.test(file));
  const articles: StoredArticle[] = [];
  for (const file of files) {
    for (const article of await readArticles(path.join(corpus, file), file)) {
      articles.push({ ...article, sourcePath: file, contentHash: file, ingestedAt: "" });
    }
  }
  return articles;
}

describe.skipIf(!present)("query understanding over real readouts", () => {
  let vocabulary: Vocabulary;
  beforeAll(async () => {
    vocabulary = buildVocabulary(await readSome());
  });
  const surnames = (question: string) => understandQuery(question, { today: "2025-01-20", vocabulary }).people.map(surnameKey);

  it.each([
    ["when did biden last meet kishda?", ["biden", "kishida"]],
    ["what did Zelensky tell Biden?", ["zelensky", "biden"]],
    ["when did Biden meet zelenskiy", ["biden", "zelensky"]],
    ["What did Biden and Erdogan discuss?", ["biden", "erdogan"]],
    ["did biden and modi announce anything", ["biden", "modi"]],
    ["when did Biden call Xi?", ["biden", "xi"]],
    ["what did Macron's team say", ["macron"]],
  ])("%s", (question, expected) => {
    const found = surnames(question);
    // Xi Jinping's key word for "Xi" is his family name, written first.
    expect(found.map((key) => (key === "jinping" ? "xi" : key))).toEqual(expected);
  });

  it.each([
    "what will they announce about rice and power?",
    "may they meet again?",
    "what did the leaders agree on trade?",
    "what was said about climate and energy security?",
  ])("names no one in %s", (question) => {
    expect(surnames(question)).toEqual([]);
  });
});
