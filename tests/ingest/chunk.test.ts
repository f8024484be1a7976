import { describe, expect, it } from "vitest";
import { chunkArticle, chunkId, JOIN_SEPARATOR, MAX_CHUNK_WORDS, parseChunkId, splitLongParagraph } from "../../src/ingest/chunk.js";
import type { Article, Chunk } from "../../src/types/index.js";

function article(paragraphs: string[], meta: Partial<Article["meta"]> = {}): Article {
  return {
    meta: { id: "news/talks.md", title: "Ministers hold talks", publishedDate: "2024-05-16", tags: [], participants: [], format: "markdown", ...meta },
    paragraphs,
  };
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Every chunk's text is a substring of its one paragraph, or exactly its paragraphs joined. */
function expectProvenance(source: Article, chunks: Chunk[]): void {
  for (const chunk of chunks) {
    expect(chunk.articleId).toBe(source.meta.id);
    if (chunk.paragraphs.length === 1) {
      expect(source.paragraphs[chunk.paragraphs[0]! - 1]).toContain(chunk.text);
    } else {
      expect(chunk.text).toBe(chunk.paragraphs.map((n) => source.paragraphs[n - 1]).join(JOIN_SEPARATOR));
    }
  }
  // Every paragraph is covered, in order.
  const covered = [...new Set(chunks.flatMap((chunk) => chunk.paragraphs))];
  expect(covered).toEqual(source.paragraphs.map((_, i) => i + 1));
}

function sentence(i: number): string {
  return `Sentence number ${i} of the long paragraph talks about the budget, the schedule and the staff of the agency.`;
}

describe("chunkArticle", () => {
  it("one chunk per ordinary paragraph, numbered from 1, with exact text", () => {
    const source = article([
      "The foreign ministers met in Oslo on Friday to prepare the summit.",
      "They agreed on a joint statement about fisheries and shipping lanes in the north.",
    ]);
    const chunks = chunkArticle(source);
    expect(chunks.map((chunk) => [chunk.id, chunk.paragraphs, chunk.text])).toEqual([
      ["news/talks.md:p1", [1], source.paragraphs[0]],
      ["news/talks.md:p2", [2], source.paragraphs[1]],
    ]);
    expectProvenance(source, chunks);
  });

  it("embeds each chunk with the article's title and meeting date as context", () => {
    const source = article(["The foreign ministers met in Oslo on Friday to prepare the summit."], { eventDate: "2024-05-10" });
    const [chunk] = chunkArticle(source);
    expect(chunk!.embedText).toBe(`Ministers hold talks (2024-05-10)\n${source.paragraphs[0]}`);
    const undated = chunkArticle(article(["An undated paragraph with enough words to stand alone here."], { publishedDate: undefined }));
    expect(undated[0]!.embedText).toBe("Ministers hold talks\nAn undated paragraph with enough words to stand alone here.");
  });

  it("splits a long paragraph on sentence boundaries; every part keeps the paragraph number", () => {
    const long = Array.from({ length: 16 }, (_, i) => sentence(i + 1)).join(" ");
    expect(words(long)).toBeGreaterThan(2 * MAX_CHUNK_WORDS);
    const source = article(["The ministers met today in Oslo to review the agency.", long]);
    const chunks = chunkArticle(source);
    const parts = chunks.filter((chunk) => chunk.paragraphs[0] === 2);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((chunk) => chunk.id)).toEqual(parts.map((_, i) => `news/talks.md:p2.${i + 1}`));
    for (const part of parts) {
      expect(part.paragraphs).toEqual([2]);
      expect(words(part.text)).toBeLessThanOrEqual(MAX_CHUNK_WORDS);
      expect(part.text).toMatch(/^Sentence number \d+/);
      expect(part.text).toMatch(/agency\.$/);
    }
    // Parts are consecutive and lose nothing.
    expect(parts.map((chunk) => chunk.text).join(" ")).toBe(long);
    expectProvenance(source, chunks);
  });

  it("a single overlong sentence is cut after semicolons, else between words, into exact pieces", () => {
    const list = Array.from({ length: 60 }, (_, i) => `item number ${i + 1} of the list`).join("; ");
    const parts = splitLongParagraph(list);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(list).toContain(part);
      expect(words(part)).toBeLessThanOrEqual(MAX_CHUNK_WORDS);
      expect(part).toMatch(/list;?$/);
    }
    expect(parts.join(" ")).toBe(list);
    const run = `The list runs on ${"and on ".repeat(200)}to the end.`;
    const pieces = splitLongParagraph(run);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join(" ")).toBe(run);
    for (const piece of pieces) expect(words(piece)).toBeLessThanOrEqual(MAX_CHUNK_WORDS);
  });

  it("joins a lone lead-in and a dateline to the next paragraph, recording both numbers", () => {
    const source = article([
      "WASHINGTON —",
      "The President met today with the Prime Minister to discuss trade and energy policy.",
      "Participants included:",
      "Secretary Ann Lee; Ambassador Tom Ray; Director Kim Park; Deputy Secretary Jo Hale.",
    ]);
    const chunks = chunkArticle(source);
    expect(chunks.map((chunk) => [chunk.id, chunk.paragraphs])).toEqual([
      ["news/talks.md:p1-2", [1, 2]],
      ["news/talks.md:p3-4", [3, 4]],
    ]);
    expect(chunks[1]!.text).toBe(`Participants included:${JOIN_SEPARATOR}Secretary Ann Lee; Ambassador Tom Ray; Director Kim Park; Deputy Secretary Jo Hale.`);
    expectProvenance(source, chunks);
  });

  it("a tiny last paragraph joins the one before it", () => {
    const source = article(["The ministers met today in Oslo and agreed on a plan for the fisheries.", "Talks continue."]);
    const chunks = chunkArticle(source);
    expect(chunks.map((chunk) => chunk.id)).toEqual(["news/talks.md:p1-2"]);
    expectProvenance(source, chunks);
  });

  it("a fragment is not glued to a paragraph that has to be split", () => {
    const long = Array.from({ length: 10 }, (_, i) => sentence(i + 1)).join(" ");
    const source = article(["Background:", long]);
    const chunks = chunkArticle(source);
    expect(chunks[0]!.id).toBe("news/talks.md:p1");
    expect(chunks.slice(1).every((chunk) => chunk.paragraphs[0] === 2)).toBe(true);
    expectProvenance(source, chunks);
  });

  it("ids are unique and stable across runs", () => {
    const source = article([
      "Short.",
      "The ministers met today in Oslo and agreed on a plan for the fisheries.",
      Array.from({ length: 12 }, (_, i) => sentence(i + 1)).join(" "),
      "End.",
    ]);
    const first = chunkArticle(source).map((chunk) => chunk.id);
    expect(new Set(first).size).toBe(first.length);
    expect(chunkArticle(source).map((chunk) => chunk.id)).toEqual(first);
  });

  it("a record's chunk ids hold one '#' (the record's) and read back into article id and paragraphs", () => {
    const source = article(
      ["Short.", "The ministers met today in Oslo and agreed on a plan for the fisheries.", Array.from({ length: 12 }, (_, i) => sentence(i + 1)).join(" ")],
      { id: "feeds/trade.jsonl#rec-7" },
    );
    const chunks = chunkArticle(source);
    expect(chunks.map((chunk) => chunk.id)).toEqual(["feeds/trade.jsonl#rec-7:p1-2", "feeds/trade.jsonl#rec-7:p3.1", "feeds/trade.jsonl#rec-7:p3.2"]);
    for (const chunk of chunks) {
      expect(chunk.id.split("#")).toHaveLength(2);
      const parsed = parseChunkId(chunk.id)!;
      expect(parsed.articleId).toBe("feeds/trade.jsonl#rec-7");
      expect(parsed.first).toBe(chunk.paragraphs[0]);
      expect(parsed.last ?? parsed.first).toBe(chunk.paragraphs[chunk.paragraphs.length - 1]);
      expect(chunkId(parsed.articleId, parsed)).toBe(chunk.id);
    }
  });

  it("chunk ids parse from the end, whatever the article id holds", () => {
    expect(parseChunkId("odd:p1/name.md:p3.2")).toEqual({ articleId: "odd:p1/name.md", first: 3, part: 2 });
    expect(parseChunkId("a.md:p12")).toEqual({ articleId: "a.md", first: 12 });
    expect(parseChunkId("a.md")).toBeUndefined();
    expect(parseChunkId("a.md#p1")).toBeUndefined();
  });
});
