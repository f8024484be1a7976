/**
 * Keeps the bundled corpus (data/articles/) and its evaluation set
 * (tests/eval/sample.jsonl) true to each other: every gold source exists and
 * every gold quote still appears, verbatim, inside one paragraph of it.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { normalizeForMatch, parseEvalSet, type EvalItem } from "../../src/retrieval/evaluation/evaluation.js";
import { REPO_ROOT, SAMPLE_ARTICLES_DIR } from "../helpers/paths.js";

const articlesDir = SAMPLE_ARTICLES_DIR;
const evalFile = path.join(REPO_ROOT, "tests/eval/sample.jsonl");

const items: EvalItem[] = parseEvalSet(readFileSync(evalFile, "utf8"), "tests/eval/sample.jsonl");

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

const blocks = (text: string) => text.split(/\n\s*\n/).filter((block) => block.trim() !== "");

interface FeedRecord {
  id: string;
  title: string;
  date: string;
  url: string;
  tags: string[];
  text: string;
}

/** Article id → its paragraphs, read as plainly as possible (no cleaning beyond what matching folds). */
function loadCorpus(): Map<string, string[]> {
  const corpus = new Map<string, string[]>();
  for (const file of listFiles(articlesDir)) {
    const id = path.relative(articlesDir, file).split(path.sep).join("/");
    const text = readFileSync(file, "utf8");
    const extension = path.extname(file);
    if (extension === ".md") {
      corpus.set(id, blocks(matter(text).content));
    } else if (extension === ".txt") {
      corpus.set(id, blocks(text));
    } else if (extension === ".html") {
      const { document } = parseHTML(text);
      const article = document.querySelector("article");
      if (!article) throw new Error(`${id}: no <article> element`);
      corpus.set(
        id,
        [...article.querySelectorAll("p, li")].map((element) => element.textContent ?? ""),
      );
    } else if (extension === ".json") {
      corpus.set(id, blocks((JSON.parse(text) as FeedRecord).text));
    } else if (extension === ".jsonl") {
      for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
        const record = JSON.parse(line) as FeedRecord;
        corpus.set(`${id}#${record.id}`, blocks(record.text));
      }
    } else {
      throw new Error(`${id}: unexpected file in data/articles/`);
    }
  }
  return corpus;
}

const corpus = loadCorpus();

describe("the bundled sample corpus", () => {
  it("has at least 30 articles in every format the ingest reads", () => {
    expect(corpus.size).toBeGreaterThanOrEqual(30);
    const count = (extension: string) => [...corpus.keys()].filter((id) => id.split("#")[0]!.endsWith(extension)).length;
    expect(count(".md")).toBeGreaterThanOrEqual(10);
    expect(count(".txt")).toBeGreaterThanOrEqual(5);
    expect(count(".html")).toBeGreaterThanOrEqual(5);
    expect(count(".json") + count(".jsonl")).toBeGreaterThanOrEqual(6);
  });

  it("gives every JSON record the fields the feeds promise", () => {
    for (const file of listFiles(articlesDir).filter((f) => /\.jsonl?$/.test(f))) {
      const text = readFileSync(file, "utf8");
      const records = file.endsWith(".jsonl")
        ? text
            .split("\n")
            .filter((l) => l.trim() !== "")
            .map((l) => JSON.parse(l) as FeedRecord)
        : [JSON.parse(text) as FeedRecord];
      for (const record of records) {
        expect(Object.keys(record).sort(), file).toEqual(["date", "id", "tags", "text", "title", "url"]);
        expect(record.date, file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it("keeps HTML-hostile text for the bot's escaping to be tested end to end", () => {
    const all = [...corpus.values()].flat().join("\n");
    for (const hostile of ["<script>", "<b>", "Smith & Sons"]) expect(all).toContain(hostile);
  });
});

describe("the sample evaluation set", () => {
  it("has at least 40 questions, 8 of them unanswerable", () => {
    expect(items.length).toBeGreaterThanOrEqual(40);
    expect(items.filter((item) => !item.answerable).length).toBeGreaterThanOrEqual(8);
  });

  it.each(items.filter((item) => item.answerable).map((item) => [item.id, item] as const))(
    "%s: every gold quote is a 6-15 word phrase found inside one paragraph of its source",
    (_id, item) => {
      for (const gold of item.gold) {
        const paragraphs = corpus.get(gold.source);
        expect(paragraphs, `unknown source ${gold.source}`).toBeDefined();
        expect(gold.quote).not.toMatch(/[\n\\]/);
        const words = gold.quote.trim().split(/\s+/).length;
        expect(words, gold.quote).toBeGreaterThanOrEqual(6);
        expect(words, gold.quote).toBeLessThanOrEqual(15);
        const quote = normalizeForMatch(gold.quote);
        const found = paragraphs!.some((paragraph) => normalizeForMatch(paragraph).includes(quote));
        expect(found, `"${gold.quote}" not in one paragraph of ${gold.source}`).toBe(true);
      }
    },
  );

  it("gives every answerable question keywords, and aggregation questions several sources", () => {
    for (const item of items.filter((i) => i.answerable)) {
      expect(item.keywords.length, item.id).toBeGreaterThan(0);
      if (item.kind === "aggregation") expect(item.gold.length, item.id).toBeGreaterThanOrEqual(2);
    }
  });

  it("opens every conversation with a standalone question before its follow-ups", () => {
    const seen = new Set<string>();
    for (const item of items) {
      if (item.kind === "followup") {
        expect(item.conversation, item.id).toBeDefined();
        expect(seen.has(item.conversation!), `${item.id} comes before its opening question`).toBe(true);
      }
      if (item.conversation) seen.add(item.conversation);
    }
  });
});
