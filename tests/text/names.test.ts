import { describe, expect, it } from "vitest";
import { editDistance, nameKey, nameSimilarity, namesMatch, surnameKey } from "../../src/text/names.js";

describe("nameKey", () => {
  it("folds case, diacritics, apostrophes and possessives", () => {
    expect(nameKey("Biden’s")).toBe(nameKey("biden"));
    expect(nameKey("Recep Tayyip Erdoğan")).toBe(nameKey("recep tayyip erdogan"));
    expect(nameKey("O’Neill")).toBe(nameKey("O'Neill"));
  });

  it("maps transliteration variants to one key", () => {
    expect(nameKey("Aleksandr Lukashenko")).toBe(nameKey("Alexander Lukashenka"));
    expect(nameKey("Zelenskyy")).toBe(nameKey("Zelensky"));
    expect(nameKey("Zelenskiy")).toBe(nameKey("Zelensky"));
    expect(nameKey("Volodymyr Zelenskyy")).toBe(nameKey("volodymyr zelensky"));
    expect(nameKey("Abdel Fattah al-Sisi")).toBe(nameKey("Abdel Fattah el-Sisi"));
    expect(nameKey("Yoon Suk-yeol")).toBe(nameKey("Yoon Suk Yeol"));
    expect(nameKey("Lukashenko")).not.toBe(nameKey("Kishida"));
  });

  it("drops honorifics, initials and suffixes", () => {
    expect(nameKey("President Joseph R. Biden, Jr.".replace("President ", ""))).toBe(nameKey("Joseph Biden"));
    expect(nameKey("Mr. Aleksandr Grigoryevich")).toBe(nameKey("Alexander Grigoryevich"));
    expect(surnameKey("Joseph R. Biden, Jr.")).toBe("biden");
  });
});

describe("typo tolerance", () => {
  it("computes Damerau-Levenshtein distance with transpositions", () => {
    expect(editDistance("kishida", "kishdia")).toBe(1);
    expect(editDistance("kishida", "kishida")).toBe(0);
    expect(editDistance("abc", "xyz")).toBe(3);
    expect(editDistance("a", "abcdef", 2)).toBe(3);
  });

  it("matches a typed name against the full name with a length-aware allowance", () => {
    expect(namesMatch("kishda", "Fumio Kishida")).toBe(true);
    expect(namesMatch("lukashenka", "Aleksandr Lukashenko")).toBe(true);
    expect(namesMatch("Zelenskiy", "Volodymyr Zelenskyy")).toBe(true);
    expect(namesMatch("Lukashenkko", "Aleksandr Lukashenko")).toBe(true);
    expect(namesMatch("Xi", "Xi Jinping")).toBe(true);
    expect(namesMatch("Li", "Xi Jinping")).toBe(false);
    expect(namesMatch("Modi", "Moon Jae-in")).toBe(false);
    expect(namesMatch("Macron", "Fumio Kishida")).toBe(false);
  });

  it("scores similarity between 0 and 1", () => {
    expect(nameSimilarity("Lukashenko", "Lukashenka")).toBe(1);
    const close = nameSimilarity("Kishida", "Kishdia");
    expect(close).toBeGreaterThan(0.8);
    expect(close).toBeLessThan(1);
    expect(nameSimilarity("Kishida", "Albanese")).toBeLessThan(0.5);
  });
});
