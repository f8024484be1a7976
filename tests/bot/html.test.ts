import { describe, expect, it } from "vitest";
import { escapeHtml, link, truncate } from "../../src/bot/html.js";
import { parseTelegramHtml } from "../../src/telegram/index.js";

describe("escapeHtml", () => {
  const hostile = [
    "<b>not bold</b>",
    "Tom & Jerry &amp; co",
    "<script>alert('x')</script>",
    "1 < 2 > 0",
    'quote " and &#169; and &lt;',
    "emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  ];
  it.each(hostile)("round-trips %j through Telegram's parser unchanged", (text) => {
    const parsed = parseTelegramHtml(escapeHtml(text));
    expect(parsed.text).toBe(text);
    expect(parsed.entities).toEqual([]);
  });

  it("links only http(s) URLs and escapes them", () => {
    expect(link("T & <t>", 'https://x.org/?a=1&b="2"')).toBe('<a href="https://x.org/?a=1&amp;b=%222%22">T &amp; &lt;t&gt;</a>');
    expect(link("T", "javascript:alert(1)")).toBe("T");
    expect(parseTelegramHtml(link("T", "https://x.org/?a=1&b=2")).entities[0]?.url).toBe("https://x.org/?a=1&b=2");
  });

  it("truncates without cutting a surrogate pair", () => {
    expect(truncate("😀😀😀😀", 3)).toBe("😀😀…");
    expect(truncate("short", 10)).toBe("short");
  });
});
