import { describe, expect, it } from "vitest";
import { sentenceSpans, splitSentences } from "../../src/text/sentences.js";

describe("splitSentences", () => {
  it("keeps abbreviations, initials and decimals inside sentences", () => {
    const text =
      "President Joseph R. Biden, Jr. met the U.S. team today. Mr. Park and Dr. Lee spoke on Jan. 5 with Gen. Ortiz. Growth was 3.5 percent, e.g. in exports. The talks ended.";
    expect(splitSentences(text)).toEqual([
      "President Joseph R. Biden, Jr. met the U.S. team today.",
      "Mr. Park and Dr. Lee spoke on Jan. 5 with Gen. Ortiz.",
      "Growth was 3.5 percent, e.g. in exports.",
      "The talks ended.",
    ]);
  });

  it("returns exact substrings with offsets", () => {
    const text = "  First one here.   Second one, with Sen. Novak!  Third?  ";
    const spans = sentenceSpans(text);
    expect(spans.map((span) => span.text)).toEqual(["First one here.", "Second one, with Sen. Novak!", "Third?"]);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it("still ends a sentence after an abbreviation that closes it", () => {
    expect(splitSentences("The aid came from the U.S. The talks began later.")).toEqual(["The aid came from the U.S.", "The talks began later."]);
    expect(splitSentences("He arrived in Washington, D.C. The talks began.")).toEqual(["He arrived in Washington, D.C.", "The talks began."]);
    expect(splitSentences("“We are ready,” he said. “Let us begin.” They did.")).toEqual(["“We are ready,” he said.", "“Let us begin.”", "They did."]);
    expect(splitSentences("The vote was 52-48. No. 10 Downing Street replied.")).toEqual(["The vote was 52-48.", "No. 10 Downing Street replied."]);
  });

  it("handles empty text", () => {
    expect(splitSentences("   ")).toEqual([]);
  });
});
