/**
 * What kind of answer a question wants, read from its wording: calls or
 * meetings in person, a list of meetings, and the terms a meeting must mention.
 */
import { describe, expect, it } from "vitest";
import { understandQuery } from "../../../src/retrieval/question/query.js";
import { isInRegions, meetingCountries } from "../../../src/retrieval/question/meeting-countries.js";
import {
  askedKind,
  askedRegions,
  asksForMeetingList,
  insistsInPerson,
  kindOf,
  preferKind,
  specificTerms,
} from "../../../src/retrieval/question/question-shape.js";
import type { Passage } from "../../../src/retrieval/types.js";
import { sampleVocabulary } from "./vocabulary-fixture.js";

const vocabulary = sampleVocabulary();
const analyze = (question: string) => understandQuery(question, { today: "2025-01-15", vocabulary });

function passage(title: string, lead: string, articleId = title): Passage {
  return { n: 1, chunkId: `${articleId}#p1`, articleId, paragraph: 1, text: lead, title, participants: [], lead, score: 1 };
}

describe("askedKind", () => {
  it("reads calls and meetings in person from the verbs", () => {
    for (const question of [
      "When did Biden call Xi?",
      "When did Biden speak with Xi?",
      "When did Biden phone Kishida?",
      "When did Biden talk to Xi?",
      "List Biden's video calls with Kishida",
    ]) {
      expect(askedKind(question), question).toBe("call");
    }
    for (const question of [
      "When did Biden meet Xi?",
      "Did Biden host Kishida?",
      "Who else did Harris sit down with in Dubai?",
      "When did Kishida visit the White House?",
      "Who welcomed Kishida?",
      "Where was the meeting?",
      "Who did Biden have bilateral meetings with in Vilnius?",
      "List Kishida's visits to Washington",
    ]) {
      expect(askedKind(question), question).toBe("in-person");
    }
  });

  it("says nothing when the question names neither, or both", () => {
    expect(askedKind("What did they discuss?")).toBeUndefined();
    expect(askedKind("What did Biden and Kishida announce?")).toBeUndefined();
    expect(askedKind("Did Biden meet Xi or only call him?")).toBeUndefined();
    expect(askedKind("List Biden's contacts with Pope Francis, meetings and calls")).toBeUndefined();
    expect(askedKind("When did Biden and Lula talk in 2024, by phone or in person?")).toBeUndefined();
    expect(askedKind("Did they meet in person or by phone?")).toBeUndefined();
    expect(insistsInPerson("When did Biden and Lula talk, by phone or in person?")).toBe(false);
  });

  it("an explicit 'in person' or 'face to face' wins over a verb of calling", () => {
    expect(askedKind("When did Biden and Xi talk face to face?")).toBe("in-person");
    expect(askedKind("When did Biden speak with Xi in person?")).toBe("in-person");
  });
});

describe("insistsInPerson", () => {
  it("is true only for the explicit phrases", () => {
    for (const question of [
      "Did they meet in person?",
      "When did they talk face to face?",
      "Was it a face-to-face meeting?",
      "List their in-person meetings",
    ]) {
      expect(insistsInPerson(question), question).toBe(true);
    }
    for (const question of ["When did they meet?", "Where did Biden host Kishida?", "What personal gifts did they exchange?"]) {
      expect(insistsInPerson(question), question).toBe(false);
    }
  });
});

describe("kindOf", () => {
  it("reads a call from the title or from the article's lead", () => {
    expect(kindOf(passage("Readout of President Biden's Call with President Xi", "The leaders reviewed progress."))).toBe("call");
    expect(kindOf(passage("Leaders hold a virtual summit", "The leaders reviewed progress."))).toBe("call");
    expect(kindOf(passage("Biden and Xi discuss Taiwan", "President Biden held a telephone call today with President Xi."))).toBe("call");
    expect(kindOf(passage("Biden and Xi discuss Taiwan", "President Biden spoke by phone with President Xi."))).toBe("call");
    expect(kindOf(passage("Ministers review trade", "The ministers met by video conference on Monday."))).toBe("call");
  });

  it("reads a meeting in person from the title, and a call in the lead overrides it", () => {
    expect(kindOf(passage("Prime Minister Varga Meets President Kettering", "They agreed on rail."))).toBe("in-person");
    expect(kindOf(passage("President Kettering Hosts the Water Summit", "They agreed on water."))).toBe("in-person");
    expect(kindOf(passage("Leaders' Meeting on Rail", "The leaders spoke by telephone on Tuesday about rail."))).toBe("call");
  });

  it("reads the event from the lead's first sentence: a call it recalls later does not make a meeting a call", () => {
    const lima = passage("Readout of the Leaders' Meeting", "The leaders met in Lima today. This meeting follows their April 2 telephone call.");
    expect(kindOf(lima)).toBe("in-person");
    const titledTalks = passage("Caldovia and Tavora agree to resume trade talks", "The minister held a telephone call today with the secretary.");
    expect(kindOf(titledTalks)).toBe("call");
    const neutral = passage("Readout of the Leaders' Conversation", "Today the chancellor met with the president. They spoke by phone last week.");
    expect(kindOf(neutral)).toBe("in-person");
  });

  it("is unknown for a statement that says neither", () => {
    expect(kindOf(passage("Parliament's Fisheries Committee Reviews the Quotas", "The committee reviewed the quotas."))).toBeUndefined();
  });

  it("uses the paragraph's opening when the passage has no lead", () => {
    const { lead: _lead, ...withoutLead } = passage("Biden and Xi discuss Taiwan", "President Biden held a phone call today with President Xi.");
    expect(kindOf(withoutLead)).toBe("call");
  });
});

describe("preferKind", () => {
  const call = passage("Readout of a Call with Kettering", "They spoke by telephone.", "call.md");
  const meeting = passage("Varga Meets Kettering", "They met in Osterburg.", "meeting.md");
  const statement = passage("Committee reviews quotas", "The committee reviewed the quotas.", "statement.md");

  it("drops the other kind and keeps passages of unknown kind", () => {
    expect(preferKind("When did Varga call Kettering?", [meeting, call, statement]).map((p) => p.articleId)).toEqual(["call.md", "statement.md"]);
    expect(preferKind("When did Varga meet Kettering?", [meeting, call, statement]).map((p) => p.articleId)).toEqual(["meeting.md", "statement.md"]);
  });

  it("keeps everything when the question names no kind, or when nothing of the asked kind is left", () => {
    expect(preferKind("What did Varga and Kettering agree?", [meeting, call])).toEqual([meeting, call]);
    expect(preferKind("When did Varga meet Kettering?", [call])).toEqual([call]);
  });
});

describe("specificTerms", () => {
  it("keeps what makes a meeting relevant, not names, dates, numbers or words of asking and meeting", () => {
    expect(specificTerms(analyze("Which leaders did Harris host for breakfast?"))).toEqual(["breakfast"]);
    expect(specificTerms(analyze("Which leaders did Biden meet in Japan in May 2023?"))).toEqual([]);
    expect(specificTerms(analyze("When did Biden last speak with Kishida about semiconductors?"))).toEqual(["semiconductors"]);
    expect(specificTerms(analyze("List the 3 calls Biden made on climate finance"))).toEqual(["made", "climate", "finance"]);
  });
});

describe("asksForMeetingList", () => {
  it("is true for list, which-leaders and who-did-X-meet-in questions", () => {
    for (const question of [
      "List the calls Biden made in March 2022",
      "Name the presidents Biden welcomed in 2023",
      "Which leaders did Harris meet in Munich in February 2023?",
      "What meetings did Varga hold in 2023?",
      "Which countries did Blinken visit in May?",
      "Which leaders did Harris host for breakfast?",
      "Who did Biden meet during his trip to Japan?",
      "Who did Varga call in 2024?",
      "Which leaders has Lukashenko met?",
      "Who has Varga spoken with since May?",
      "Which leaders did Varga sit down with in Osterburg in 2022?",
      "Who else did Varga sit down with in Osterburg?",
      "Which presidents did Kettering get on the phone in 2024?",
      "Who all did Varga have bilateral meetings with during the 2023 summit?",
      "How many times has Varga met Kettering, and when?",
      "On which dates in May did Varga phone Kettering?",
      "Varga's calls with Kettering in 2023: what were the dates?",
    ]) {
      expect(asksForMeetingList(question), question).toBe(true);
    }
  });

  it("is false for questions about one meeting, or who-questions without a scope", () => {
    for (const question of [
      "When did Biden meet Kishida?",
      "What did the leaders agree?",
      "Who did Biden meet?",
      "Where did Biden meet Xi in November 2023?",
      "When did Varga last meet Kettering?",
      "What was discussed in the call?",
      "Which leaders did Biden praise at the summit in May?",
      "On which date did Varga phone Kettering?",
    ]) {
      expect(asksForMeetingList(question), question).toBe(false);
    }
  });
});

describe("meetingCountries", () => {
  const facts = (title: string, lead: string, place?: string) => ({ title, participants: [], lead, place });

  it("takes the countries of the people met: from the title, else the leaders the lead names", () => {
    expect(meetingCountries(facts("Meeting with President Lourenço of Angola", "They met in Luanda.")).parties).toEqual(new Set(["Angola"]));
    const c5 = meetingCountries(
      facts(
        "Meeting with the C5+1 Leaders at UNGA",
        "Biden met with the Presidents of Kazakhstan, the Kyrgyz Republic, Tajikistan, Turkmenistan, and Uzbekistan today.",
      ),
    );
    expect(c5.parties).toEqual(new Set(["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]));
    const lobito = meetingCountries(
      facts(
        "The Corridor Summit",
        "Biden and Angolan President Lourenço co-hosted African leaders from the Democratic Republic of the Congo, Zambia, and Tanzania.",
      ),
    );
    expect(lobito.parties).toEqual(new Set(["Angola", "Democratic Republic of the Congo", "Zambia", "Tanzania"]));
  });

  it("does not take a topic or the host country for a party", () => {
    const nato = meetingCountries(
      facts(
        "Meeting with NATO Secretary General Stoltenberg",
        "Harris met Secretary General Stoltenberg in Munich, Germany. They discussed the sovereignty of Ukraine.",
        "Munich, Germany",
      ),
    );
    expect(nato.parties).toEqual(new Set());
    expect(nato.places).toEqual(new Set(["Germany"]));
  });

  it("counts the place only when the question asks where: 'European leaders' is who, 'in Europe' is where", () => {
    const nato = facts("Meeting with NATO Secretary General Stoltenberg", "Harris met Secretary General Stoltenberg in Munich, Germany.", "Munich, Germany");
    const who = analyze("Which European leaders did Harris meet in 2022?");
    const where = analyze("Who did Harris meet in Europe in 2022?");
    expect(isInRegions(meetingCountries(nato), askedRegions(who))).toBe(false);
    expect(isInRegions(meetingCountries(nato), askedRegions(where))).toBe(true);
  });
});
