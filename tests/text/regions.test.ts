/**
 * Regions that questions describe people by (src/text/regions.ts): which words
 * name one, and which countries each holds.
 */
import { describe, expect, it } from "vitest";
import { COUNTRIES } from "../../src/text/gazetteer.js";
import { REGION_GROUPS } from "../../src/text/lexicon/index.js";
import { findRegions, regionNamed, regionWords } from "../../src/text/regions.js";

const names = (question: string) => findRegions(question).map((region) => region.name);

describe("findRegions", () => {
  it("reads a region before the people or after from/of/in", () => {
    expect(names("Which African leaders did Biden meet last week?")).toEqual(["Africa"]);
    expect(names("Which Gulf leaders did Biden meet in Jeddah?")).toEqual(["the Gulf"]);
    expect(names("Which leaders from the Baltic states did Harris meet?")).toEqual(["the Baltic states"]);
    expect(names("Who did Blinken meet in the Middle East in 2023?")).toEqual(["the Middle East"]);
    expect(names("Which Latin American presidents did Biden meet in 2023?")).toEqual(["Latin America"]);
    expect(names("Which Gulf states' rulers did Biden meet?")).toEqual(["the Gulf"]);
  });

  it("takes the longest name: Central Asian is Central Asia, not Asia too; Gulf Arab is the Gulf", () => {
    expect(names("Which Central Asian leaders did Biden meet?")).toEqual(["Central Asia"]);
    expect(names("Which leaders of Southeast Asian nations came?")).toEqual(["Southeast Asia"]);
    expect(names("Which Gulf Arab leaders did Biden meet?")).toEqual(["the Gulf"]);
  });

  it("leaves organisations, seas, communities and topics alone", () => {
    expect(names("What did Biden discuss with the African Union chair?")).toEqual([]);
    expect(names("What happened in the Gulf of Mexico?")).toEqual([]);
    expect(names("Which African American leaders did Harris meet?")).toEqual([]);
    expect(names("What did the leaders say about Europe?")).toEqual([]);
    expect(names("When did Biden meet Kishida?")).toEqual([]);
  });

  it("names the words that say the region, so they are not asked of the text", () => {
    const question = "Which leaders from the Baltic states did Harris meet?";
    expect([...regionWords(question, findRegions(question))].sort()).toEqual(["baltic", "states"]);
    expect([...regionWords("Which African leaders did Biden meet?", [])]).toEqual([]);
  });
});

describe("region members", () => {
  it("are countries the gazetteer knows, by its canonical names", () => {
    const known = new Set(COUNTRIES.map((country) => country.name));
    for (const [region, members] of Object.entries(REGION_GROUPS)) {
      for (const country of members) expect(known.has(country), `${country} (${region})`).toBe(true);
    }
    for (const name of ["Africa", "Asia", "Europe", "South America", "Latin America", "Oceania"]) {
      for (const country of regionNamed(name)!.countries) expect(known.has(country), `${country} (${name})`).toBe(true);
    }
  });

  it("come from the continents for Africa, Asia and Europe", () => {
    const africa = regionNamed("Africa")!.countries;
    expect(africa.size).toBeGreaterThanOrEqual(50);
    for (const country of ["Angola", "Democratic Republic of the Congo", "Zambia", "Cabo Verde", "Egypt"]) expect(africa.has(country), country).toBe(true);
    expect(africa.has("Japan")).toBe(false);
    expect(regionNamed("Asia")!.countries.has("Japan")).toBe(true);
    expect(regionNamed("Europe")!.countries.has("Germany")).toBe(true);
    expect(regionNamed("Latin America")!.countries.has("Mexico")).toBe(true);
    expect(regionNamed("Latin America")!.countries.has("Canada")).toBe(false);
  });
});
