/** The days a sentence states and whether its cited passages have them (src/retrieval/compose/grounding.ts). */
import { describe, expect, it } from "vitest";
import { daysIn, unbackedDays } from "../../../src/retrieval/compose/grounding.js";
import type { Passage } from "../../../src/retrieval/types.js";

const passage = (text: string, date?: string, publishedDate?: string): Passage => ({
  n: 1,
  chunkId: "a#p1",
  articleId: "a",
  paragraph: 1,
  text,
  title: "A meeting",
  participants: [],
  score: 1,
  ...(date ? { date } : {}),
  ...(publishedDate ? { publishedDate } : {}),
});

describe("daysIn", () => {
  it("reads month-day, day-month, ISO dates and day ranges, with or without a year", () => {
    expect(daysIn("on June 5, 2024")).toEqual([{ text: "June 5, 2024", days: [{ month: 6, day: 5, year: 2024 }] }]);
    expect(daysIn("on 5 June")).toEqual([{ text: "5 June", days: [{ month: 6, day: 5 }] }]);
    expect(daysIn("on Sept. 21st")[0]!.days).toEqual([{ month: 9, day: 21 }]);
    expect(daysIn("2024-02-27")[0]!.days).toEqual([{ month: 2, day: 27, year: 2024 }]);
    expect(daysIn("on 9-10 January 2023")[0]!.days).toEqual([
      { month: 1, day: 9, year: 2023 },
      { month: 1, day: 10, year: 2023 },
    ]);
  });

  it("does not read a month and a year as a day", () => {
    expect(daysIn("in March 2024")).toEqual([]);
    expect(daysIn("in May, the leaders met")).toEqual([]);
  });
});

describe("unbackedDays", () => {
  it("backs a day by the passage's text or its article's meeting and publication dates", () => {
    expect(unbackedDays("They met on February 27, 2024.", [passage("They spoke by telephone yesterday.", "2024-02-27", "2024-02-28")])).toEqual([]);
    expect(unbackedDays("It was published on 28 February.", [passage("x", "2024-02-27", "2024-02-28")])).toEqual([]);
    expect(unbackedDays("They will sign it on June 6.", [passage("The treaty will be signed on 6 June at the summit.", "2024-02-27")])).toEqual([]);
    expect(unbackedDays("They met on January 10, 2023.", [passage("Talks were held on 9-10 January 2023.", "2023-01-11")])).toEqual([]);
  });

  it("names the days that no cited passage has, and a year that differs", () => {
    expect(unbackedDays("They spoke on February 26, 2024.", [passage("They spoke by telephone yesterday.", "2024-02-27", "2024-02-28")])).toEqual([
      "February 26, 2024",
    ]);
    expect(unbackedDays("They met on May 16, 2023.", [passage("x", "2024-05-16")])).toEqual(["May 16, 2023"]);
    expect(unbackedDays("They met on May 16.", [passage("x", "2024-05-16")])).toEqual([]);
  });
});
