import { describe, expect, it } from "vitest";
import { createQueryUnderstanding, normaliseQuestion, understandQuery } from "../../../src/retrieval/question/query.js";
import { buildVocabulary, namesAfterTitles } from "../../../src/retrieval/question/vocabulary.js";
import { sampleArticles, sampleVocabulary, storedArticle } from "./vocabulary-fixture.js";

const vocabulary = sampleVocabulary();
const TODAY = "2024-06-15";
const understand = (question: string) => understandQuery(question, { today: TODAY, vocabulary });

describe("buildVocabulary", () => {
  it("collects people with their most common spelling and counts, merging surname-only participants", () => {
    const kishida = vocabulary.people.find((person) => person.name === "Fumio Kishida");
    expect(kishida?.count).toBe(13);
    expect(vocabulary.people.some((person) => person.name === "Kishida")).toBe(false);
    expect(vocabulary.people.find((person) => person.name === "Lloyd Austin")?.count).toBe(2);
  });

  it("reads names written after titles in article titles and lead paragraphs", () => {
    const names = vocabulary.people.map((person) => person.name);
    expect(names).toContain("Xi Jinping");
    expect(names).toContain("Jake Sullivan");
    expect(names).toContain("Penny Wong");
    expect(namesAfterTitles("Readout of President Joseph R. Biden, Jr.'s Call with Prime Minister Fumio Kishida of Japan")).toEqual([
      "Joseph R. Biden",
      "Fumio Kishida",
    ]);
    expect(namesAfterTitles("Vice President Harris Meets with President Macron")).toEqual(["Harris", "Macron"]);
  });

  it("collects places, leaving countries to the gazetteer", () => {
    expect(vocabulary.places.get("hiroshima")?.name).toBe("Hiroshima");
    expect(vocabulary.places.get("white house")?.name).toBe("White House");
    expect(vocabulary.places.has("japan")).toBe(false);
    expect(vocabulary.countries.get("Japan")).toBeGreaterThan(10);
  });
});

describe("understandQuery: people", () => {
  it.each([
    ["when did Biden meet Kishida?", ["Joe Biden", "Fumio Kishida"]],
    ["when did biden last meet kishida?", ["Joe Biden", "Fumio Kishida"]],
    ["when did Biden last meet Kishda?", ["Joe Biden", "Fumio Kishida"]],
    ["what did Biden's team tell Kishida's?", ["Joe Biden", "Fumio Kishida"]],
    ["what did Lukashenka offer Azerbaijan?", ["Alexander Lukashenko"]],
    ["what did lukashenko say?", ["Alexander Lukashenko"]],
    ["did zelensky call?", ["Volodymyr Zelenskyy"]],
    ["did Zelenskiy call?", ["Volodymyr Zelenskyy"]],
    ["Zelenskyy's visit", ["Volodymyr Zelenskyy"]],
    ["what did Aliev say?", ["Ilham Aliyev"]],
    ["When did Biden first call Xi?", ["Joe Biden", "Xi Jinping"]],
    ["what did Jill Biden do in Hiroshima", ["Jill Biden"]],
    ["what did yoon and kishida discuss", ["Yoon Suk Yeol", "Fumio Kishida"]],
    ["did Susan Rice meet Secretary Austin?", ["Susan Rice", "Lloyd Austin"]],
    ["Did Theresa May meet Macron?", ["Theresa May", "Emmanuel Macron"]],
    ["Did Mark Power speak?", ["Mark Power"]],
    ["what did Emanuel Macron say", ["Emmanuel Macron"]],
    ["Fumio's meeting", ["Fumio Kishida"]],
  ])("%s", (question, people) => {
    expect(understand(question).people).toEqual(people);
  });

  it.each([
    "what did they announce about the Moon?",
    "what will they announce about rice exports?",
    "Will they meet again?",
    "what may they discuss?",
    "how will power prices change?",
    "who did they meet?",
    "what did the leaders announce about trade and security?",
    "did the meeting cover semiconductors and climate?",
    "what was agreed at the summit?",
  ])("names no one in %s", (question) => {
    expect(understand(question).people).toEqual([]);
  });

  it("reads a name the index spells differently as written, not as a namesake", () => {
    // "Kim" alone would be Walter Kim; "Kim Jong Un" is someone the index does not know.
    expect(understand("When did Biden meet Kim Jong Un?").people).toEqual(["Joe Biden", "Kim Jong"]);
    // "King Charles" is the king, not Charles Michel; "III" is not a name word.
    expect(understand("When did Biden meet King Charles III?").people).toEqual(["Joe Biden", "Charles"]);
    expect(understand("what did Charles Michel say?").people).toEqual(["Charles Michel"]);
  });

  it("takes ordinary words that are part of a matched name with it", () => {
    const analysis = understand("what did jake sulivan and wang yi talk about?");
    expect(analysis.people).toEqual(["Jake Sullivan", "Wang Yi"]);
    expect(analysis.terms).toEqual(["talk"]);
  });

  it("keeps names the index does not know when they are written as names", () => {
    expect(understand("When did Biden meet Viktor Orbán?").people).toEqual(["Joe Biden", "Viktor Orbán"]);
    expect(understand("When did Biden speak with Cherelle Griner?").people).toEqual(["Joe Biden", "Cherelle Griner"]);
    expect(understand("When did Biden meet Ecumenical Patriarch Bartholomew?").people).toEqual(["Joe Biden", "Bartholomew"]);
    expect(understand("Where did Sullivan meet Yang Jiechi?").people).toEqual(["Jake Sullivan", "Yang Jiechi"]);
    const place = understand("What will they open in Puerto Lenne?");
    expect([place.people, place.places]).toEqual([[], ["Puerto Lenne"]]);
    // Ordinary words, acronyms and single unknown words are not names.
    expect(understand("When was the Trilateral Fentanyl Committee set up?").people).toEqual([]);
    expect(understand("What did NASA and the Lobito Corridor summit announce?").people).toEqual([]);
  });

  it("keeps an unknown name written after a title, so retrieval can see it is not in the index", () => {
    expect(understand("when did President Zorblax meet Biden?").people).toEqual(["Zorblax", "Joe Biden"]);
  });

  it("does not read a month as a name or a name as a month", () => {
    const may = understand("Did Theresa May meet Biden in May 2019?");
    expect(may.people).toEqual(["Theresa May", "Joe Biden"]);
    expect(may.dateRange).toEqual({ from: "2019-05-01", to: "2019-05-31" });
  });
});

describe("understandQuery: countries and places", () => {
  it.each([
    ["what did the US and ROK agree?", ["United States", "South Korea"]],
    ["what did the U.S. and the Republic of Korea agree?", ["United States", "South Korea"]],
    ["what did America and South Korea agree?", ["United States", "South Korea"]],
    ["did the UK and Britain differ?", ["United Kingdom"]],
    ["did Biden meet the Japanese prime minister?", ["Japan"]],
    ["meetings with the Ukranian president", ["Ukraine"]],
    ["who did Biden meet in Azerbijan?", ["Azerbaijan"]],
    ["what did Japan's leader say", ["Japan"]],
    ["can us leaders meet", []],
  ])("%s", (question, countries) => {
    expect(understand(question).countries).toEqual(countries);
  });

  it("finds places from the gazetteer and from the index metadata", () => {
    expect(understand("what did Jill Biden do in Hiroshima").places).toEqual(["Hiroshima"]);
    expect(understand("who met at the White House in Baku").places).toEqual(["White House", "Baku"]);
  });

  it("prefers a person the index names often over a city of the same name", () => {
    const analysis = understand("what did Austin say about Ukraine?");
    expect(analysis.people).toEqual(["Lloyd Austin"]);
    expect(analysis.places).toEqual([]);
  });
});

describe("understandQuery: intent, order, terms, dates", () => {
  it.each([
    ["when did Biden meet Kishida?", "when"],
    ["on what date did they speak?", "when"],
    ["where did Biden meet Kishida?", "where"],
    ["in which city did they meet?", "where"],
    ["who did Kishida meet?", "who"],
    ["with whom did Biden speak on Tuesday?", "who"],
    ["what did Biden and Kishida announce?", "what"],
    ["which leaders did Biden meet in March 2023?", "list"],
    ["how many times did Biden meet Kishida?", "list"],
    ["list the calls between Biden and Xi", "list"],
    ["Biden Kishida", "other"],
  ])("%s → %s", (question, intent) => {
    expect(understand(question).intent).toBe(intent);
  });

  it("recognises latest and earliest, but not in dates or titles", () => {
    expect(understand("when did Biden last meet Kishida?").latest).toBe(true);
    expect(understand("what was their most recent call about?").latest).toBe(true);
    expect(understand("the latest meeting").latest).toBe(true);
    expect(understand("who did Biden meet last week?").latest).toBe(false);
    expect(understand("who did Biden meet last May?").latest).toBe(false);
    expect(understand("when did Biden first meet Kishida?").earliest).toBe(true);
    expect(understand("what did the First Lady do?").earliest).toBe(false);
    expect(understand("meetings in the first quarter of 2023").earliest).toBe(false);
  });

  it("keeps content words as lowercased terms without stop words, names or dates", () => {
    expect(understand("What did Biden and Kishida announce in May 2024 about semiconductors?").terms).toEqual(["announce", "semiconductors"]);
    expect(understand("Did Lukashenko offer to agree or discuss grain exports?").terms).toEqual(["offer", "agree", "discuss", "grain", "exports"]);
    expect(understand("what did the Japanese prime minister say").terms).toEqual(["prime", "minister"]);
  });

  it("resolves dates against today and normalises the question", () => {
    const analysis = understand("who did   Biden’s team meet last month?");
    expect(analysis.question).toBe("who did Biden's team meet last month?");
    expect(analysis.dateRange).toEqual({ from: "2024-05-01", to: "2024-05-31" });
    expect(understand("who did Biden meet?").dateRange).toBeUndefined();
  });

  it("works without a vocabulary (gazetteer only)", () => {
    const analysis = understandQuery("what did the Japanese prime minister say in 2023?", { today: TODAY });
    expect(analysis).toMatchObject({ people: [], countries: ["Japan"], dateRange: { from: "2023-01-01", to: "2023-12-31" } });
  });

  it("runs as a Runnable with a configured or per-call today", async () => {
    const step = createQueryUnderstanding({ vocabulary, today: "2023-02-01" });
    expect((await step.invoke("who did Biden meet last month?")).dateRange).toEqual({ from: "2023-01-01", to: "2023-01-31" });
    expect((await step.invoke({ question: "who did Biden meet last month?", today: TODAY })).dateRange).toEqual({ from: "2024-05-01", to: "2024-05-31" });
  });

  it("picks the person a surname names most often, and a full name exactly", () => {
    const articles = sampleArticles();
    const vocab = buildVocabulary(articles);
    expect(understandQuery("what did Biden say", { today: TODAY, vocabulary: vocab }).people).toEqual(["Joe Biden"]);
    expect(understandQuery("what did Jill Biden say", { today: TODAY, vocabulary: vocab }).people).toEqual(["Jill Biden"]);
    const ambiguous = buildVocabulary([storedArticle("a", "t", [{ name: "John Kerry" }]), storedArticle("b", "t", [{ name: "John Kirby" }])]);
    expect(understandQuery("what did John say", { today: TODAY, vocabulary: ambiguous }).people).toEqual([]);
  });
});

describe("odd input", () => {
  it.each([
    "",
    "?",
    "[1]",
    "and",
    "what about?",
    "<script>alert(1)</script>",
    "😀 when did 😀 meet?",
    "between and",
    "Q5 2024",
    "13/45/2023",
    "in the spring of",
    "Biden's's",
    "U.S.-Japan-ROK",
    "\u0000\u0001",
  ])("understands %j without throwing", (question) => {
    const analysis = understand(question);
    expect(analysis.question).toBe(question.replace(/\s+/gu, " ").trim());
    expect(Array.isArray(analysis.terms)).toBe(true);
  });

  it("copes with a very long question (no runaway pattern: the test timeout would catch one)", () => {
    expect(understand("when did Biden meet Kishida in May 2024 and ".repeat(200)).people).toEqual(["Joe Biden", "Fumio Kishida"]);
    expect(understand("x".repeat(20_000)).terms).toEqual(["x".repeat(20_000)]);
  });
});

describe("names that are not the person they look like", () => {
  const people = buildVocabulary([
    ...sampleArticles(),
    storedArticle("jefferies.md", "Readout", [{ name: "Ian Jefferies", title: "President", country: "United States" }]),
    storedArticle("oman.md", "Readout", [{ name: "Haitham bin Tariq Al Said", title: "Sultan", country: "Oman" }]),
    storedArticle("venezuela.md", "Readout", [{ name: "Edmundo González Urrutia", title: "President-elect", country: "Venezuela" }]),
    storedArticle("gonzales.md", "Readout", [{ name: "Melody Gonzales", title: "Mayor", country: "United States" }]),
    storedArticle("merkel.md", "Readout", [{ name: "Angela Merkel", title: "Chancellor", country: "Germany" }]),
    storedArticle("meloni.md", "Readout", [{ name: "Giorgia Meloni", title: "Prime Minister", country: "Italy" }]),
    storedArticle("simon-harris.md", "Readout", [{ name: "Simon Harris", title: "Taoiseach", country: "Ireland" }]),
    storedArticle("carole.md", "Readout", [{ name: "Carole Johnson", title: "Administrator", country: "United States" }]),
    storedArticle("talo.md", "Readout", [{ name: "Francesco Talo", title: "Ambassador", country: "Italy" }]),
    ...[1, 2, 3, 4, 5].map((n) => storedArticle(`putin-${n}.md`, "Readout", [{ name: "Vladimir Putin", title: "President", country: "Russia" }])),
    ...[1, 2, 3, 4].map((n) => storedArticle(`kamala-${n}.md`, "Readout", [{ name: "Kamala Harris", title: "Vice President", country: "United States" }])),
    storedArticle("white.md", "Readout", [{ name: "Portia White", title: "Director", country: "United States" }]),
    ...[1, 2, 3].map((n) => storedArticle(`mbs-${n}.md`, "Readout", [{ name: "Mohammed bin Salman", title: "Crown Prince", country: "Saudi Arabia" }])),
    ...[1, 2, 3].map((n) => storedArticle(`cpp-${n}.md`, "Readout", [{ name: "Communist Party Politburo", title: "Member", country: "China" }])),
  ]);
  const peopleIn = (question: string) => understandQuery(question, { today: TODAY, vocabulary: people }).people;

  it("a lone given name after a capitalised ordinary word names a thing: Hurricane Ian is not Ian Jefferies", () => {
    expect(peopleIn("How many people did the Coast Guard rescue after Hurricane Ian?")).toEqual([]);
    // A capitalised word that only opens the question is no such word: "Describe Ian's visit" is about Ian Jefferies.
    expect(peopleIn("Describe Ian Jefferies' visit")).toContain("Ian Jefferies");
    expect(peopleIn("What did Ian Jefferies say?")).toContain("Ian Jefferies");
    // In lowercase, a given name alone is nobody's unless the articles name that person often ("kamala").
    expect(peopleIn("how many people did the coast guard rescue after hurricane ian?")).toEqual([]);
    expect(peopleIn("what did ian jefferies say?")).toEqual(["Ian Jefferies"]);
    expect(peopleIn("what did kamala say?")).toEqual(["Kamala Harris"]);
  });

  it("an English word is not corrected into a name: 'tariff' is not Tariq", () => {
    expect(peopleIn("what did biden agree on the airplane tariff fight?")).not.toContain("Haitham bin Tariq Al Said");
  });

  it("a typo of an ordinary word is not corrected into a name that is that word: 'whiet house' is not Portia White", () => {
    expect(peopleIn("which whiet house officials hosted the speakers in february 2023?")).not.toContain("Portia White");
    expect(peopleIn("what did Portia Whiet say?")).toContain("Portia White");
  });

  it("a person written by initials is that person, an English word or a known word is not", () => {
    expect(peopleIn("when did biden meet MBS in jeddah?")).toContain("Mohammed bin Salman");
    expect(peopleIn("when did biden meet mbs?")).toContain("Mohammed bin Salman");
    expect(peopleIn("what did biden say to the mob?")).not.toContain("Mohammed bin Salman");
    // Initials are typed all in capitals or all in lowercase: "Mbs" is a word cut short.
    expect(peopleIn("when did biden meet the Mbs delegation?")).not.toContain("Mohammed bin Salman");
    // Only a name that opens with a name: "Communist Party Politburo" is a misread title, not "the cpp".
    expect(peopleIn("what did biden say about the cpp?")).toEqual(["Joe Biden"]);
  });

  it("an ordinary word beside a surname that is a word of one bearer's name picks that bearer: 'simon harris'", () => {
    expect(peopleIn("what did biden and taoiseach simon harris mark in october 2024?")).toContain("Simon Harris");
    expect(peopleIn("what did kamala harris say?")).toEqual(["Kamala Harris"]);
  });

  it("a lowercase word one typo from an ordinary word is that word, not a rarely named person: 'casole' is no Carole", () => {
    expect(peopleIn("when did biden meet the king at windsor casole?")).not.toContain("Carole Johnson");
    expect(peopleIn("what did Carole Jonhson say?")).toContain("Carole Johnson");
  });

  it("a four-letter typo is read as a name only for someone the articles name often: 'ptin' is Putin, 'smon' nobody", () => {
    expect(peopleIn("when did biden last talk to ptin?")).toContain("Vladimir Putin");
    expect(peopleIn("when did biden meet smon?")).not.toContain("Simon Harris");
  });

  it("a typo in lowercase is the name only of someone named often, or beside another word of the name", () => {
    expect(peopleIn("when did harris meet kishida in san fracisco?")).toEqual(["Kamala Harris", "Fumio Kishida"]);
    expect(peopleIn("what did fracesco talo say?")).toEqual(["Francesco Talo"]);
    expect(peopleIn("what did ptuin say?")).toEqual(["Vladimir Putin"]);
  });

  it("a mistyped country is no mistyped person: 'anggola' is Angola, not Angela Merkel", () => {
    const analysis = understandQuery("when did biden host anggola's president at the white house?", { today: TODAY, vocabulary: people });
    expect(analysis.people).not.toContain("Angela Merkel");
    expect(analysis.countries).toContain("Angola");
    // Beside another word of the name, the typo is the person's: "Georgiia Meloni" is Giorgia Meloni.
    expect(peopleIn("when did biden meet Georgiia Meloni?")).toContain("Giorgia Meloni");
    expect(understandQuery("what did biden tell georgiia meloni", { today: TODAY, vocabulary: people }).countries).toEqual([]);
  });

  it("a misspelt word between two words of one name belongs to that name", () => {
    expect(peopleIn("which protests did biden mention when he met edmundo gonzales urutia")).toEqual(["Joe Biden", "Edmundo González Urrutia"]);
  });
});

describe("chat shorthand", () => {
  it("is read as the words it stands for, standing alone and in lowercase only", () => {
    expect(normaliseQuestion("wat did biden & kishida talk abt w/ the press")).toBe("what did biden and kishida talk about with the press");
    expect(normaliseQuestion("tbh when did they meet")).toBe("to be honest when did they meet");
    expect(understand("which leaders did biden call between oct 14 & oct 16, 2023?").dateRange).toEqual({ from: "2023-10-14", to: "2023-10-16" });
    expect(normaliseQuestion("Did AT&T meet George W Bush or Wat Tyler?")).toBe("Did AT&T meet George W Bush or Wat Tyler?");
  });
});

describe("country acronyms in lowercase", () => {
  it("are the country when they are no English word, and organisations keep their capitals", () => {
    expect(understand("what did harris discuss with the uae president?").countries).toEqual(["United Arab Emirates"]);
    expect(understand("when did biden meet the prc leader?").countries).toEqual(["China"]);
    expect(understand("what did they tell us?").countries).toEqual([]);
    expect(understand("what did biden say at the nato summit?").countries).not.toContain("NATO");
  });
});

describe("month names typed wrong", () => {
  it("are read as months next to a number, and left alone elsewhere", () => {
    expect(normaliseQuestion("where did they meet in ocotber 2021?")).toBe("where did they meet in october 2021?");
    expect(normaliseQuestion("who did he meet in auugst 2024")).toBe("who did he meet in august 2024");
    expect(normaliseQuestion("between occtober 14 and Ocotber 16, 2023")).toBe("between october 14 and October 16, 2023");
    expect(normaliseQuestion("the match 2021 and a marsh")).toBe("the match 2021 and a marsh");
    // A name after a year, or a name's first word, is no month: "Marco Rubio", "Avril Haines".
    expect(normaliseQuestion("In 2025 Marco Rubio travelled to Panama")).toBe("In 2025 Marco Rubio travelled to Panama");
    expect(normaliseQuestion("did Avril Haines brief him on 3 March")).toBe("did Avril Haines brief him on 3 March");
    expect(understand("where did Biden meet Kishida in ocotber 2023?").dateRange).toEqual({ from: "2023-10-01", to: "2023-10-31" });
  });
});

describe("countries that stand for their leaders", () => {
  const parties = (question: string) => understand(question).partyCountries ?? [];
  it("are the ones that do what the question asks: 'What did Armenia and Azerbaijan agree?'", () => {
    expect(parties("What did Armenia and Azerbaijan agree in Washington?")).toEqual(["Armenia", "Azerbaijan"]);
    expect(parties("When did Japan host the G7?")).toEqual(["Japan"]);
    expect(parties("What did Japan and South Korea agree in 2023?")).toEqual(["Japan", "South Korea"]);
  });

  it("are not the places visited or the topics talked about", () => {
    expect(parties("Did Biden visit Poland in 2023?")).toEqual([]);
    expect(parties("Did Biden visit Japan and South Korea in May?")).toEqual([]);
    expect(parties("What did Biden and Kishida agree about Ukraine?")).toEqual([]);
  });
});
