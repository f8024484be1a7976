import { describe, expect, it } from "vitest";
import {
  COUNTRIES,
  canonicalCountry,
  countryForCity,
  countryForDemonym,
  findCountries,
  findCountry,
  findPlaces,
  isTitle,
  matchTitle,
} from "../../src/text/gazetteer.js";

describe("gazetteer: countries", () => {
  it("covers the UN members plus Taiwan, Kosovo, Palestine and the Holy See", () => {
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(197);
    for (const name of ["Taiwan", "Kosovo", "Palestine", "Holy See"]) expect(canonicalCountry(name)).toBe(name);
  });

  it("maps aliases to one canonical name", () => {
    expect(canonicalCountry("U.S.")).toBe("United States");
    expect(canonicalCountry("America")).toBe("United States");
    expect(canonicalCountry("US")).toBe("United States");
    expect(canonicalCountry("us")).toBeUndefined();
    expect(canonicalCountry("Britain")).toBe("United Kingdom");
    expect(canonicalCountry("Republic of Korea")).toBe("South Korea");
    expect(canonicalCountry("ROK")).toBe("South Korea");
    expect(canonicalCountry("People’s Republic of China")).toBe("China");
    expect(canonicalCountry("PRC")).toBe("China");
    expect(canonicalCountry("Türkiye")).toBe("Turkey");
    expect(canonicalCountry("turkiye")).toBe("Turkey");
    expect(canonicalCountry("Côte d’Ivoire")).toBe("Cote d'Ivoire");
    expect(canonicalCountry("Vatican")).toBe("Holy See");
    expect(canonicalCountry("EU")).toBe("European Union");
    expect(canonicalCountry("G-20")).toBe("G20");
    expect(canonicalCountry("Atlantis")).toBeUndefined();
  });

  it("maps demonyms, including multi-word ones", () => {
    expect(countryForDemonym("American")).toBe("United States");
    expect(countryForDemonym("British")).toBe("United Kingdom");
    expect(countryForDemonym("Korean")).toBe("South Korea");
    expect(countryForDemonym("North Korean")).toBe("North Korea");
    expect(countryForDemonym("Chinese")).toBe("China");
    expect(countryForDemonym("Belarusian")).toBe("Belarus");
    expect(countryForDemonym("Azerbaijani")).toBe("Azerbaijan");
    expect(countryForDemonym("Israelis")).toBe("Israel");
    expect(countryForDemonym("Martian")).toBeUndefined();
  });

  it("maps cities to countries", () => {
    expect(countryForCity("Baku")).toBe("Azerbaijan");
    expect(countryForCity("Phnom Penh")).toBe("Cambodia");
    expect(countryForCity("Kyiv")).toBe("Ukraine");
  });

  it("finds countries by name, alias, possessive and demonym, longest match first", () => {
    expect(findCountries("Azerbaijan’s President met his Belarusian counterpart")).toEqual(["Azerbaijan", "Belarus"]);
    expect(findCountries("the Democratic People’s Republic of Korea’s (DPRK) launch near the ROK")).toEqual(["North Korea", "South Korea"]);
    expect(findCountry("Prime Minister Kishida of Japan")).toBe("Japan");
    expect(findCountries("let us talk about the U.S. and the UK")).toEqual(["United States", "United Kingdom"]);
    expect(findCountries("what did lukashenko offer azerbaijan")).toEqual(["Azerbaijan"]);
    expect(findCountries("roast turkey with china plates", { requireCapital: true })).toEqual([]);
  });

  it("reports places with offsets and kinds", () => {
    const text = "They met in Phnom Penh, Cambodia, and later at the White House in Washington, D.C.";
    const places = findPlaces(text);
    expect(places.map((place) => [place.kind, place.canonical])).toEqual([
      ["city", "Phnom Penh"],
      ["country", "Cambodia"],
      ["venue", "White House"],
      ["city", "Washington, D.C."],
    ]);
    for (const place of places) expect(text.slice(place.start, place.end)).toBe(place.text);
  });
});

describe("gazetteer: titles", () => {
  it("recognises official titles", () => {
    for (const title of [
      "President",
      "Vice President",
      "Prime Minister",
      "Chancellor",
      "King",
      "Crown Prince",
      "Emir",
      "Sultan",
      "Secretary of State",
      "Foreign Minister",
      "National Security Advisor",
      "Secretary-General",
      "President-elect",
      "Prime Minister-Designate",
      "Minister of Foreign Affairs and Trade",
      "Agriculture Minister",
    ]) {
      expect(isTitle(title), title).toBe(true);
    }
    expect(isTitle("Fumio Kishida")).toBe(false);
    expect(isTitle("Prime")).toBe(false);
  });

  it("measures the longest title at a position", () => {
    expect(matchTitle(["Prime", "Minister", "Fumio", "Kishida"])).toBe(2);
    expect(matchTitle(["met", "Secretary", "of", "State", "Blinken"], 1)).toBe(3);
    expect(matchTitle(["Minister", "of", "Foreign", "Affairs", "Ararat", "Mirzoyan"])).toBe(4);
    expect(matchTitle(["Fumio", "Kishida"])).toBe(0);
  });

  it("reads only a window of words from its position, so trying every position is linear", () => {
    const text = "The President met today with Prime Minister Fumio Kishida of Japan and Minister of Foreign Affairs Ararat Mirzoyan . ";
    const words = text.repeat(200).trim().split(" ");
    let reads = 0;
    const counted = new Proxy(words, {
      get(target, property, receiver) {
        if (typeof property === "string" && /^\d+$/.test(property)) reads++;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const lengths = words.map((_, k) => matchTitle(counted, k));
    expect(lengths.slice(0, 20)).toEqual([0, 1, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0]);
    expect(lengths).toEqual(words.map((_, k) => matchTitle(words.slice(k, k + 20))));
    // A few reads per position, whatever the length of the array (it was every word before the position).
    expect(reads).toBeLessThan(words.length * 24);
  });

  it("takes folded words from the caller and stops at an end index", () => {
    const words = ["Secretary", "of", "State", "Blinken"];
    expect(matchTitle(words, 0, { keys: words.map((word) => word.toLowerCase()) })).toBe(3);
    expect(matchTitle(words, 0, { end: 1 })).toBe(1);
    expect(matchTitle(["the", "Minister", "of", "Foreign", "Affairs"], 1, { end: 4 })).toBe(3);
  });
});
