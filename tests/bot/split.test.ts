import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/bot/html.js";
import { splitHtml } from "../../src/bot/split.js";
import { MESSAGE_TEXT_LIMIT, parseTelegramHtml } from "../../src/telegram/index.js";

function visible(parts: string[]): string {
  return parts.map((part) => parseTelegramHtml(part).text).join("");
}

function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

/** A small deterministic PRNG so failures can be reproduced. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ["<b>bold</b>", "&", "<script>", "<", ">", "&amp;", '"', "😀", "𝔘", "👩‍👩‍👧", "word", "Kishida", ". ", "! ", "\n", "\n\n", " ", "é"];

function randomText(random: () => number, length: number): string {
  let text = "";
  while (text.length < length) text += PIECES[Math.floor(random() * PIECES.length)];
  return text;
}

describe("splitHtml", () => {
  it("leaves a short message whole", () => {
    expect(splitHtml("<b>hi</b> there")).toEqual(["<b>hi</b> there"]);
  });

  it("splits at paragraph boundaries first", () => {
    const paragraph = (n: number) => `Paragraph ${n}. ${"word ".repeat(150).trim()}`;
    const html = [1, 2, 3, 4, 5, 6].map(paragraph).join("\n\n");
    const parts = splitHtml(html);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
      expect(part).toMatch(/^Paragraph \d\./);
      expect(part).toMatch(/word$/);
    }
    expect(squash(visible(parts))).toBe(squash(html));
  });

  it("falls back to lines, then sentences, then words", () => {
    const lines = Array.from({ length: 80 }, (_, i) => `Line ${i} ${"x".repeat(80)}`).join("\n");
    for (const part of splitHtml(lines, 1000)) expect(part).toMatch(/^(Line \d+ x{80}\n?)+$/);

    const sentences = Array.from({ length: 60 }, (_, i) => `Sentence ${i} says ${"y".repeat(60)}.`).join(" ");
    for (const part of splitHtml(sentences, 1000)) expect(part).toMatch(/^(Sentence \d+ says y{60}\. ?)+$/);

    const words = "abcdefghi ".repeat(500);
    for (const part of splitHtml(words, 1000)) expect(part).toMatch(/^(abcdefghi ?)+$/);
  });

  it("closes and reopens tags across a cut, so each part is valid on its own", () => {
    const quote = `<b>Title</b>\n<blockquote>${escapeHtml("A long quoted paragraph & more. ".repeat(300))}</blockquote>\n<a href="https://x.org/?a=1&amp;b=2">Open</a>`;
    const parts = splitHtml(quote);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT);
      expect(() => parseTelegramHtml(part)).not.toThrow();
    }
    expect(parts[1]).toMatch(/^<blockquote>A long/);
    expect(parts[0]).toMatch(/<\/blockquote>$/);
    expect(squash(visible(parts))).toBe(squash(parseTelegramHtml(quote).text));
  });

  it("never cuts an entity, a tag or a surrogate pair, even with no spaces at all", () => {
    const html = `<i>${"&amp;😀&lt;𝔘".repeat(2000)}</i>`;
    const parts = splitHtml(html, 500);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(500);
      expect(part).toMatch(/^<i>.*<\/i>$/s);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(() => parseTelegramHtml(part)).not.toThrow();
    }
    expect(visible(parts)).toBe(parseTelegramHtml(html).text);
  });

  it("keeps HTML-hostile text intact near the split point (random texts)", () => {
    const random = prng(20240410);
    for (let round = 0; round < 40; round++) {
      const raw = randomText(random, 3000 + Math.floor(random() * 9000));
      const html = `<b>Answer</b>\n${escapeHtml(raw)}\n\n<blockquote>${escapeHtml(raw.slice(0, 2000))}</blockquote>`;
      const limit = 200 + Math.floor(random() * (MESSAGE_TEXT_LIMIT - 200));
      const parts = splitHtml(html, limit);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(limit);
        const parsed = parseTelegramHtml(part);
        expect(parsed.text.trim().length).toBeGreaterThan(0);
      }
      expect(squash(visible(parts))).toBe(squash(parseTelegramHtml(html).text));
    }
  });
});
