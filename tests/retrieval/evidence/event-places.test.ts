import { describe, expect, it } from "vitest";
import { inferEventPlaces } from "../../../src/retrieval/evidence/event-places.js";
import type { StoredArticle } from "../../../src/store/types.js";

function article(id: string, date: string, lead: string, place?: string, title = "Readout"): StoredArticle {
  return {
    meta: { id, title, tags: [], participants: [], ...(place ? { place } : {}), format: "markdown", publishedDate: date },
    paragraphs: [lead],
    sourcePath: `/articles/${id}`,
    contentHash: id,
    ingestedAt: "2024-01-01T00:00:00Z",
  };
}

const SUMMIT = [
  article("xi.md", "2022-11-14", "President Biden met with President Xi in Bali, Indonesia, ahead of the G20 Summit.", "Bali, Indonesia"),
  article("g7.md", "2022-11-15", "Leaders of NATO and the G7 met on the margins of the G20 Summit in Bali.", "Bali, Indonesia"),
  article("erdogan.md", "2022-11-15", "President Biden met with President Erdogan on the margins of the G20 Summit. He expressed his condolences."),
];

describe("inferEventPlaces", () => {
  it("places a meeting on the margins of a summit where the same summit's readouts say it was", () => {
    expect(inferEventPlaces(SUMMIT)).toEqual(new Map([["erdogan.md", "Bali, Indonesia"]]));
  });

  it("tells summits apart by their acronym or distinctive words", () => {
    const apec = [
      article(
        "leaders.md",
        "2022-11-18",
        "Harris convened leaders on the margins of the Asia-Pacific Economic Cooperation (APEC) Leaders Meeting in Bangkok.",
        "Bangkok, Thailand",
      ),
      article("trudeau.md", "2022-11-18", "Harris met Prime Minister Trudeau on the margins of the Asia-Pacific Economic Cooperation (APEC) Leaders Meeting."),
      article("nato.md", "2022-11-18", "The Secretary met the Minister on the sidelines of the NATO Summit."),
    ];
    expect(inferEventPlaces([...SUMMIT, ...apec])).toEqual(
      new Map([
        ["erdogan.md", "Bali, Indonesia"],
        ["trudeau.md", "Bangkok, Thailand"],
      ]),
    );
  });

  it("leaves alone an article with a place, a summit days away and a meeting beside no summit", () => {
    const articles = [
      article("rome.md", "2021-10-31", "President Biden met President Erdogan on the margins of the G20 Summit."),
      ...SUMMIT.slice(0, 2),
      article("own-place.md", "2022-11-15", "Biden met Meloni on the margins of the G20 Summit in Bali.", "Nusa Dua"),
      article("call.md", "2022-11-15", "President Biden spoke with President Duda of Poland."),
    ];
    expect(inferEventPlaces(articles)).toEqual(new Map());
  });
});
