/**
 * What a text says about a question's entities and terms: the measures the
 * reranker, the support check and the answerer share (src/retrieval/evidence/evidence.ts).
 */
import { describe, expect, it } from "vitest";
import {
  hasTerm,
  matchEntities,
  mentionsCountry,
  mentionsPerson,
  mentionsPlace,
  nameKeys,
  profileOf,
  stemOf,
  termCoverage,
} from "../../../src/retrieval/evidence/evidence.js";

describe("nameKeys", () => {
  it("is the surname, folded, for one- and two-word names", () => {
    expect(nameKeys("Joe Biden")).toEqual(["biden"]);
    expect(nameKeys("Xi Jinping")).toEqual(["jinping"]);
    expect(nameKeys("Kishida")).toEqual(["kishida"]);
    expect(nameKeys("Aleksandr Lukashenka")).toEqual(nameKeys("Alexander Lukashenko"));
  });

  it("adds every long word of a name of three words or more", () => {
    expect(nameKeys("Luiz Inácio Lula da Silva").sort()).toEqual(["inacio", "luiz", "lula", "silva"]);
  });

  // "yoon" folds to "yon" (doubled letters), so a length test on the folded word once left it out.
  it("keys East Asian names by the family name too", () => {
    expect(nameKeys("Yoon Suk Yeol")).toContain(nameKeys("Yoon")[0]);
    expect(mentionsPerson(profileOf("President Yoon thanked the President for his hospitality."), "Yoon Suk Yeol")).toBe(true);
  });

  it("does not take the UN for Kim Jong Un", () => {
    expect(mentionsPerson(profileOf("The leaders discussed reform of the UN Security Council."), "Kim Jong Un")).toBe(false);
  });
  it("does not take a particle for the person", () => {
    expect(mentionsPerson(profileOf("The recycling bin was full."), "Mohammed bin Salman")).toBe(false);
  });
});

describe("profileOf and the mentions", () => {
  const profile = profileOf("President Zelenskyy and Aleksandr Lukashenka met Japanese officials in Hiroshima; the Kingdom of the Netherlands sent aid.");

  it("is computed once per text", () => {
    expect(profileOf("The same text.")).toBe(profileOf("The same text."));
  });

  it("finds people under their spelling variants, and not people it does not name", () => {
    expect(mentionsPerson(profile, "Volodymyr Zelensky")).toBe(true);
    expect(mentionsPerson(profile, "Alexander Lukashenko")).toBe(true);
    expect(mentionsPerson(profile, "Fumio Kishida")).toBe(false);
  });

  it("finds countries by name, long form or demonym, and places by phrase", () => {
    expect(mentionsCountry(profile, "Japan")).toBe(true);
    expect(mentionsCountry(profile, "Netherlands")).toBe(true);
    expect(mentionsCountry(profile, "France")).toBe(false);
    expect(mentionsPlace(profile, "Hiroshima")).toBe(true);
    expect(mentionsPlace(profile, "Tokyo")).toBe(false);
    expect(mentionsPlace(profile, "")).toBe(false);
  });

  it("matchEntities counts what was asked and what was found", () => {
    expect(matchEntities(profile, { people: ["Volodymyr Zelensky", "Fumio Kishida"], countries: ["Japan"], places: ["Hiroshima"] })).toEqual({
      people: 1,
      countries: 1,
      places: 1,
      asked: 4,
      found: 3,
    });
    expect(matchEntities(profile, { people: [], countries: [], places: [] })).toMatchObject({ asked: 0, found: 0 });
  });
});

describe("termCoverage", () => {
  const profile = profileOf("The leaders discussed semiconductors and agreed on shipbuilding.");

  it("is the fraction of terms the text has, inflected forms included", () => {
    expect(termCoverage(profile, ["discuss", "semiconductor", "fisheries"])).toBeCloseTo(2 / 3, 6);
    expect(termCoverage(profile, ["agree"])).toBe(1);
    expect(termCoverage(profile, ["tariffs"])).toBe(0);
    expect(termCoverage(profile, [])).toBe(0);
  });
});

describe("stemOf", () => {
  it("brings irregular verbs to their base form, so the question's verb finds the article's", () => {
    expect(stemOf("met")).toBe(stemOf("meet"));
    expect(stemOf("spoke")).toBe(stemOf("speak"));
    expect(stemOf("held")).toBe(stemOf("hold"));
    expect(hasTerm(profileOf("President Biden met President Erdoğan in Vilnius."), "meet")).toBe(true);
    expect(hasTerm(profileOf("They spoke by phone."), "speak")).toBe(true);
  });

  it("stems regular words as before and leaves nouns alone", () => {
    expect(stemOf("discussed")).toBe(stemOf("discussion"));
    expect(stemOf("meeting")).toBe("meet");
    expect(stemOf("news")).toBe(stemOf("news"));
    expect(hasTerm(profileOf("The leaders left the summit."), "summits")).toBe(true);
    expect(hasTerm(profileOf("Metro lines were discussed."), "meet")).toBe(false);
  });
});
