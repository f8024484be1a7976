import { describe, expect, it } from "vitest";
import { OPEN_START, parseDates } from "../../../src/retrieval/question/dates.js";

// A Saturday.
const TODAY = "2024-06-15";
const range = (question: string, today = TODAY) => parseDates(question, today).range;

describe("parseDates", () => {
  it.each([
    ["when did Biden meet Kishida in May 2024?", "2024-05-01", "2024-05-31"],
    ["what did they agree in 2023?", "2023-01-01", "2023-12-31"],
    ["who did he meet in 2021", "2021-01-01", "2021-12-31"],
    ["who did Biden call last week?", "2024-06-03", "2024-06-09"],
    ["meetings last month", "2024-05-01", "2024-05-31"],
    ["who did he meet this year?", "2024-01-01", TODAY],
    ["who did he meet last year?", "2023-01-01", "2023-12-31"],
    ["what happened yesterday?", "2024-06-14", "2024-06-14"],
    ["who did Biden meet on 13 January 2023?", "2023-01-13", "2023-01-13"],
    ["who did Biden meet on January 13?", "2024-01-13", "2024-01-13"],
    ["who has Blinken met since March 2023?", "2023-03-01", TODAY],
    ["calls between March and May 2022", "2022-03-01", "2022-05-31"],
    ["who did he phone in August–September 2021?", "2021-08-01", "2021-09-30"],
    ["calls in March-May 2022", "2022-03-01", "2022-05-31"],
    ["calls in the last three months of 2023", "2023-10-01", "2023-12-31"],
    ["in the first six months of 2022", "2022-01-01", "2022-06-30"],
    ["in the first two weeks of 2022", "2022-01-01", "2022-01-14"],
    ["in the final 10 days of 2021", "2021-12-22", "2021-12-31"],
    ["calls in the last week of June 2022", "2022-06-24", "2022-06-30"],
    ["during the first week of May 2023", "2023-05-01", "2023-05-07"],
    ["calls in the week of March 4, 2024", "2024-03-04", "2024-03-10"],
    ["the weekend of May 20, 2023", "2023-05-19", "2023-05-21"],
    ["who did he meet last summer?", "2023-06-01", "2023-08-31"],
    ["meetings in 2022-23", "2022-01-01", "2023-12-31"],
    ["who has he met since the start of the year?", "2024-01-01", TODAY],
    ["who did he meet last winter?", "2023-12-01", "2024-02-29"],
    ["calls between October 14 and October 16, 2023", "2023-10-14", "2023-10-16"],
    ["what did they do in the spring of 2023?", "2023-03-01", "2023-05-31"],
    ["meetings in Q1 2024", "2024-01-01", "2024-03-31"],
    ["the first quarter of 2023", "2023-01-01", "2023-03-31"],
    ["who did he meet in early 2022?", "2022-01-01", "2022-04-30"],
    ["in late 2021", "2021-09-01", "2021-12-31"],
    ["in early May 2024", "2024-05-01", "2024-05-10"],
    ["in mid-March 2023", "2023-03-11", "2023-03-20"],
    ["from 3 to 5 March 2023", "2023-03-03", "2023-03-05"],
    ["from 2021 to 2023", "2021-01-01", "2023-12-31"],
    ["in 2021-2023", "2021-01-01", "2023-12-31"],
    ["in 2022 and 2023", "2022-01-01", "2023-12-31"],
    ["before 2022", OPEN_START, "2021-12-31"],
    ["after March 2023", "2023-04-01", TODAY],
    ["until May 2022", OPEN_START, "2022-05-31"],
    ["in the past two weeks", "2024-06-01", TODAY],
    ["three weeks ago", "2024-05-20", "2024-05-26"],
    ["last Tuesday", "2024-06-11", "2024-06-11"],
    ["on Sunday", "2024-06-09", "2024-06-09"],
    ["on 2023-05-03", "2023-05-03", "2023-05-03"],
    ["in the first half of 2023", "2023-01-01", "2023-06-30"],
    ["in winter 2022", "2022-12-01", "2023-02-28"],
    ["in the fall of 2021", "2021-09-01", "2021-11-30"],
    ["in Sept. 2022", "2022-09-01", "2022-09-30"],
    ["in the 1990s", "1990-01-01", "1999-12-31"],
  ])("%s", (question, from, to) => {
    expect(range(question)).toEqual({ from, to });
  });

  it("takes the most recent month, day or season that is not in the future when no year is given", () => {
    expect(range("in May")).toEqual({ from: "2024-05-01", to: "2024-05-31" });
    expect(range("in July")).toEqual({ from: "2023-07-01", to: "2023-07-31" });
    expect(range("on December 24")).toEqual({ from: "2023-12-24", to: "2023-12-24" });
    expect(range("in May", "2024-03-10")).toEqual({ from: "2023-05-01", to: "2023-05-31" });
    expect(range("between December and February")).toEqual({ from: "2023-12-01", to: "2024-02-29" });
    expect(range("last May")).toEqual({ from: "2024-05-01", to: "2024-05-31" });
    expect(range("last July")).toEqual({ from: "2023-07-01", to: "2023-07-31" });
  });

  it.each([
    "Did Theresa May meet Obama?",
    "what did the G20 summit agree?",
    "when did the G7 meet",
    "did they march together",
    "what may they announce",
    "Biden and May",
    "he met 2,000 people",
    "COVID-19 vaccines",
    "UN Security Council Resolution 2231",
    "10 Downing Street",
    "what was said at 10",
    "the Arab Spring",
    "the fall of Kabul",
    "the second half of the meeting",
    "when did they first meet",
    "who did Biden meet most recently?",
  ])("finds no date in %s", (question) => {
    expect(range(question)).toBeUndefined();
  });

  it("reports where each date is in the question", () => {
    const { mentions } = parseDates("what did Biden and Kishida agree in May 2024 and since then?", TODAY);
    expect(mentions.map((mention) => mention.text)).toEqual(["May 2024"]);
    const question = "calls between March and May 2022";
    const [mention] = parseDates(question, TODAY).mentions;
    expect(question.slice(mention!.start, mention!.end)).toBe("between March and May 2022");
  });

  it("rejects a malformed today", () => {
    expect(() => parseDates("in May", "15/06/2024")).toThrow(/YYYY-MM-DD/);
  });
});

describe("parts of periods", () => {
  it.each([
    ["late May 2024", "2024-05-21", "2024-05-31"],
    ["in mid 2022", "2022-05-01", "2022-08-31"],
    ["late last year", "2023-09-01", "2023-12-31"],
    ["in early spring 2023", "2023-03-01", "2023-03-31"],
    ["at the end of June 2022", "2022-06-21", "2022-06-30"],
  ])("%s", (question, from, to) => {
    expect(range(question)).toEqual({ from, to });
  });
});

describe("dates without a year", () => {
  it("are the latest that is neither after today nor after the newest article, and say their year is a guess", () => {
    expect(parseDates("What did they discuss on October 7?", "2026-12-06")).toMatchObject({
      range: { from: "2026-10-07", to: "2026-10-07" },
      yearGuessed: true,
    });
    const archive = parseDates("What did they discuss on October 7?", "2026-12-06", { newestDate: "2025-01-20" });
    expect(archive).toMatchObject({ range: { from: "2024-10-07", to: "2024-10-07" }, yearGuessed: true });
    // An archive newer than today does not move dates into the future.
    expect(parseDates("in May", "2024-06-15", { newestDate: "2031-01-01" }).range).toEqual({ from: "2024-05-01", to: "2024-05-31" });
  });

  it("are no guess when the year is stated or the period counts from today", () => {
    expect(parseDates("on October 7, 2023", "2026-12-06", { newestDate: "2025-01-20" }).yearGuessed).toBeUndefined();
    expect(parseDates("last week", "2026-12-06", { newestDate: "2025-01-20" })).toMatchObject({ range: { to: "2026-11-29" } });
    expect(parseDates("last week", "2026-12-06").yearGuessed).toBeUndefined();
    expect(parseDates("since May", "2026-12-06").yearGuessed).toBeUndefined();
  });
});

describe("a year written once for two dates", () => {
  it("is the year of both: 'January or February 2024', 'May 3 and May 5, 2022'", () => {
    expect(range("What did they discuss in January or February 2024?", "2026-12-06")).toEqual({ from: "2024-01-01", to: "2024-02-29" });
    expect(range("Did they meet on May 3 and May 5, 2022?", "2026-12-06")).toEqual({ from: "2022-05-03", to: "2022-05-05" });
  });
});
