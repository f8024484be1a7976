import { describe, expect, it } from "vitest";
import { checkMessageText, parseTelegramHtml, TelegramHtmlError } from "../../src/telegram/index.js";

describe("parseTelegramHtml (the Bot API's HTML rules)", () => {
  it("decodes the four named entities and numeric ones", () => {
    expect(parseTelegramHtml("a &lt;b&gt; &amp; &quot;c&quot; &#8212; &#x1F600;").text).toBe('a <b> & "c" — 😀');
  });

  it("keeps an unknown entity or a bare ampersand as text, as Telegram does", () => {
    expect(parseTelegramHtml("AT&T &nbsp; & more").text).toBe("AT&T &nbsp; & more");
  });

  it("turns supported tags into entities with UTF-16 offsets", () => {
    const parsed = parseTelegramHtml('😀 <b>bold</b> <a href="https://x.org/?a=1&amp;b=2">link</a><blockquote>q</blockquote>');
    expect(parsed.text).toBe("😀 bold linkq");
    expect(parsed.entities).toEqual([
      { type: "bold", offset: 3, length: 4 },
      { type: "text_link", offset: 8, length: 4, url: "https://x.org/?a=1&b=2" },
      { type: "blockquote", offset: 12, length: 1 },
    ]);
  });

  it.each([
    ["<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'],
    ["1 < 2", 'Unsupported start tag "" at byte offset 2'],
    ["<b>bold", `Can't find end tag corresponding to start tag "b"`],
    ["<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'],
    ["x</b>", "Unexpected end tag at byte offset 1"],
    ["é <b", "Unclosed start tag at byte offset 3"],
    ['<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
  ])("refuses %j like Telegram", (html, reason) => {
    expect(() => parseTelegramHtml(html)).toThrow(new TelegramHtmlError(reason));
  });

  it("checks empty, too long and badly encoded texts", () => {
    expect(checkMessageText("  <b> </b> ", "HTML")).toBe("Bad Request: message text is empty");
    expect(checkMessageText("x".repeat(4097), undefined)).toBe("Bad Request: message is too long");
    expect(checkMessageText("&amp;".repeat(4096), "HTML")).toBeUndefined();
    expect(checkMessageText("broken \uD83D pair", undefined)).toBe("Bad Request: strings must be encoded in UTF-8");
  });
});
