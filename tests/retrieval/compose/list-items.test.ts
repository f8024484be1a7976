/** Participants lists in paragraphs, and the items that answer "Which CEOs…?" (src/retrieval/compose/list-items.ts). */
import { describe, expect, it } from "vitest";
import { itemsAbout, listItems } from "../../../src/retrieval/compose/list-items.js";

const PARTICIPANTS =
  "Vice President Odile Varga; Tomas Kettering, Minister of Trade; Lena Aaltonen, Chief Executive of Nordvolt; " +
  "Piet Pruss, CEO of Grenline; Anna Marsh, Director of the Port Authority; Jon Ek, Chairman and CEO of Osterland Rail";

describe("listItems", () => {
  it("splits a participants paragraph into its items", () => {
    expect(listItems(PARTICIPANTS)).toHaveLength(6);
    expect(listItems(PARTICIPANTS)[1]).toBe("Tomas Kettering, Minister of Trade");
  });

  it("leaves prose alone, even with semicolons", () => {
    expect(
      listItems("The ministers discussed trade; they agreed on a task force. The talks will go on in May; a treaty may follow; nothing is certain."),
    ).toEqual([]);
    expect(listItems("Varga met Kettering; they talked.")).toEqual([]);
  });
});

describe("itemsAbout", () => {
  it("keeps the items that name the role asked about, in any form", () => {
    expect(itemsAbout(PARTICIPANTS, "ceos")).toEqual(["Piet Pruss, CEO of Grenline", "Jon Ek, Chairman and CEO of Osterland Rail"]);
    expect(itemsAbout(PARTICIPANTS, "ministers")).toEqual(["Tomas Kettering, Minister of Trade"]);
    expect(itemsAbout("Kettering met the CEOs of two firms.", "ceos")).toEqual([]);
  });
});
