/** The expected answer type read from a question's wording, and whether a sentence holds one. */
import { describe, expect, it } from "vitest";
import {
  asksMeetingDate,
  expectedAnswerType,
  holdsWantedFigure,
  mainClause,
  sentenceHolds,
  wantedFigure,
} from "../../../src/retrieval/question/answer-type.js";

describe("expectedAnswerType", () => {
  it.each([
    ["When did Biden last meet Kishida?", "date"],
    ["On what date did the two leaders speak?", "date"],
    ["Where did they meet?", "place"],
    ["In which city was the summit held?", "place"],
    ["Who attended the meeting in Baku?", "person"],
    ["Which tech CEOs came to the AI meeting?", "person"],
    ["How many helicopters did Biden offer Poland?", "number"],
    ["How many times had Harris met Marcos by November 2023?", "list"],
    ["How much did the Gulf Cooperation Council put up for Gaza relief?", "number"],
    ["How long had Switzerland been the protecting power?", "number"],
    ["How long did the call last?", "duration"],
    ["How long was their phone call?", "duration"],
    ["How long did Biden and Xi talk?", "duration"],
    ["How long did they meet for?", "duration"],
    ["How long were they on the phone?", "duration"],
    // A span the article states is a figure ("two weeks", "10 years"), not how long a meeting lasted.
    ["How long did the adviser tell him it would take to know more?", "number"],
    ["How long did he think rebuilding the towns could take?", "number"],
    ["Which leaders did Harris meet in Munich in February 2023?", "list"],
    ["List the calls the trade minister held in March 2024", "list"],
    ["Which migration summit is Guatemala going to host?", "description"],
    ["What did Lukashenko offer Azerbaijan?", "description"],
    // A scene-setting clause does not decide the type; the question after it does.
    ["When the two leaders met in Rome, what did they agree on?", "description"],
    ["While in Tokyo, who hosted the state dinner?", "person"],
    ["When did they meet, and what did they agree?", "date"],
  ] as const)("%s → %s", (question, type) => {
    expect(expectedAnswerType(question)).toBe(type);
  });
});

describe("mainClause", () => {
  it("drops a leading clause that only sets the scene", () => {
    expect(mainClause("When Biden dropped into the lunch, what deadline did he warn about?")).toBe("what deadline did he warn about?");
    expect(mainClause("During the visit to Baku, how much did they pledge?")).toBe("how much did they pledge?");
  });
  it("keeps a question that opens with its own question word", () => {
    expect(mainClause("When did Biden last meet Kishida?")).toBe("When did Biden last meet Kishida?");
    expect(mainClause("In which city was the summit held?")).toBe("In which city was the summit held?");
  });
});

describe("asksMeetingDate", () => {
  it.each([
    ["When did Biden last meet Kishida?", true],
    ["When did they last talk?", true],
    ["What day was the summit?", true],
    ["When was the trilateral committee set up?", false],
    ["By what date did the teams aim to finish?", false],
    ["What did Lukashenko offer Azerbaijan?", false],
  ] as const)("%s → %s", (question, expected) => {
    expect(asksMeetingDate(question)).toBe(expected);
  });
});

describe("sentenceHolds", () => {
  it("finds figures but not dates", () => {
    expect(sentenceHolds("number", "They welcomed the Czech decision to purchase 24 F-35s, a $4.5 billion deal.")).toBe(true);
    expect(sentenceHolds("number", "The leaders met on October 27, 2021 in Rome.")).toBe(false);
    expect(sentenceHolds("number", "It will take approximately two more weeks.")).toBe(true);
  });

  it("finds how long a meeting took, in minutes or hours", () => {
    expect(sentenceHolds("duration", "The call lasted about forty minutes.")).toBe(true);
    expect(sentenceHolds("duration", "The partnership has lasted forty years.")).toBe(false);
  });

  it("finds days, people and places", () => {
    expect(sentenceHolds("date", "The earthquake on September 8 killed thousands.")).toBe(true);
    expect(sentenceHolds("person", "The President met with Prime Minister Fumio Kishida.")).toBe(true);
    expect(sentenceHolds("place", "The leaders met in Vilnius.")).toBe(true);
  });
});

describe("wantedFigure", () => {
  const same = (a: string, b: string) => a.replace(/s$/u, "") === b.replace(/s$/u, "");

  it("a count of the thing asked about, or an amount of money", () => {
    expect(wantedFigure("How many Apache helicopters did Biden offer?")).toEqual({ counted: ["apache", "helicopters"] });
    expect(wantedFigure("How many extra infant RSV immunization doses did makers confirm?")).toEqual({
      counted: ["extra", "infant", "rsv", "immunization", "doses"],
    });
    expect(wantedFigure("How much money did the US set aside for relief?")).toEqual({ money: true });
    expect(wantedFigure("How many times did they meet?")).toBeUndefined();
    expect(wantedFigure("How many of the hostages were freed?")).toEqual({ counted: ["hostages"] });
    expect(wantedFigure("How many tanks and jets did they send?")).toEqual({ counted: ["tanks", "jets"] });
  });

  it("is held by a sentence with the count next to the thing, or with an amount", () => {
    expect(holdsWantedFigure({ counted: ["helicopters"] }, "Poland will buy 96 AH-64 Apache helicopters.", same)).toBe(true);
    expect(holdsWantedFigure({ counted: ["planes"] }, "A landmark deal worth $7.8 billion was signed.", same)).toBe(false);
    // Any word of the thing counted will do: "vaccine doses" are counted in "2.5 million vaccines".
    expect(holdsWantedFigure({ counted: ["vaccine", "doses"] }, "He pledged to donate 2.5 million vaccines.", same)).toBe(true);
    expect(holdsWantedFigure({ money: true }, "A landmark deal worth $7.8 billion was signed.", same)).toBe(true);
  });
});
