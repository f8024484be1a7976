import { describe, expect, it } from "vitest";
import {
  cleanBody,
  decodeEntities,
  isBreadcrumbLine,
  isChromeLine,
  linesToParagraphs,
  normaliseCharacters,
  repairGluedCommas,
  repairGluedSentences,
  repairSaidArtefact,
  splitAtSeparators,
  stripInlineTags,
  stripMarkdownInline,
  unescapeMarkdown,
} from "../../src/ingest/clean.js";

describe("cleaning rules", () => {
  it("page chrome lines", () => {
    for (const line of [
      " date 2024-05-16 + ↺ − 16 px",
      "A- A+ 16px",
      "Share",
      "Share this article",
      "Share on Facebook",
      "Print",
      "Subscribe to our newsletter",
      "ADVERTISEMENT",
      "We use cookies to improve your experience. By continuing you accept our cookie policy.",
      "Accept all cookies",
      "###",
      "\\###",
      "# # #",
      "© 2024 Coastal Times. All rights reserved.",
    ]) {
      expect(isChromeLine(line), line).toBe(true);
    }
    for (const line of [
      "The ministers agreed to share intelligence on cyber threats.",
      "Print media were not admitted to the session.",
      "The President met the Prime Minister today.",
    ]) {
      expect(isChromeLine(line), line).toBe(false);
    }
  });

  it("breadcrumbs", () => {
    expect(isBreadcrumbLine("Northport Herald - World - Europe")).toBe(true);
    expect(isBreadcrumbLine("Kellsbury City Council  >  News & notices  >  Council meetings")).toBe(true);
    expect(isBreadcrumbLine("Home | World | Politics")).toBe(true);
    expect(isBreadcrumbLine("Mayors of twin cities sign water pact")).toBe(false);
    expect(isBreadcrumbLine("The talks - which lasted hours - ended well.")).toBe(false);
  });

  it("chrome lines are removed from the body, the article's lines kept", () => {
    expect(cleanBody("Share\n\nThe talks ended.\n\nAdvertisement\n\nBoth sides agreed.\n\n\\###\n")).toEqual(["The talks ended.", "Both sides agreed."]);
  });

  it("glued sentences get their space back", () => {
    expect(repairGluedSentences("regional and international matters.The heads of state")).toBe("regional and international matters. The heads of state");
    expect(repairGluedSentences("welcome you.Let me")).toBe("welcome you. Let me");
    expect(repairGluedSentences("thank you?We agree!They left")).toBe("thank you? We agree! They left");
    expect(repairGluedSentences("he said.”The next")).toBe("he said.” The next");
    expect(repairGluedSentences("in 10 years.Therefore")).toBe("in 10 years. Therefore");
    expect(repairGluedSentences("Azerbaijan.I am glad")).toBe("Azerbaijan. I am glad");
  });

  it("glued-sentence repair leaves abbreviations, decimals and URLs alone", () => {
    for (const text of [
      "the U.S. delegation",
      "growth of 3.5 percent",
      "Joseph R. Biden, Jr. met",
      "see https://example.org/News.Today for details",
      "write to press@Example.org today",
      "visit www.Example.com now",
      "the file Report.pdf",
    ]) {
      expect(repairGluedSentences(text), text).toBe(text);
    }
    expect(repairGluedSentences("e.g.The case")).toBe("e.g. The case");
    expect(repairGluedSentences("the U.S.The next")).toBe("the U.S. The next");
  });

  it("glued commas", () => {
    expect(repairGluedCommas("Addressing the expanded meeting,said")).toBe("Addressing the expanded meeting, said");
    expect(repairGluedCommas("Dear Aleksandr Grigoryevich,Dear guests")).toBe("Dear Aleksandr Grigoryevich, Dear guests");
    expect(repairGluedCommas("1,000 troops and 2,500 vehicles")).toBe("1,000 troops and 2,500 vehicles");
    expect(repairGluedCommas("see https://example.org/a,b")).toBe("see https://example.org/a,b");
  });

  it("the lost-speaker said:- artefact", () => {
    expect(repairSaidArtefact("Addressing the meeting, said:- Dear guests")).toBe("Addressing the meeting, said: Dear guests");
    expect(repairSaidArtefact("said :- Thank you")).toBe("said: Thank you");
    expect(repairSaidArtefact("The note said: the meeting - and the dinner")).toBe("The note said: the meeting - and the dinner");
  });

  it("x x x separators make a paragraph break, even when glued", () => {
    expect(splitAtSeparators("for you.x x xsaid: Thank you.")).toEqual(["for you.", "said: Thank you."]);
    expect(splitAtSeparators("First speech. x x x Second speech.")).toEqual(["First speech.", "Second speech."]);
    expect(splitAtSeparators("Exports to the box x x market")).toEqual(["Exports to the box x x market"]);
    expect(cleanBody("One.\n\nx x x\n\nTwo.")).toEqual(["One.", "Two."]);
  });

  it("hard-wrapped lines are joined inside a paragraph, paragraphs kept", () => {
    expect(cleanBody("The two leaders\ncondemned the launch\nand discussed aid.\n\nThey agreed to meet\nagain.")).toEqual([
      "The two leaders condemned the launch and discussed aid.",
      "They agreed to meet again.",
    ]);
    expect(cleanBody("a one-on-\none meeting")).toEqual(["a one-on-one meeting"]);
  });

  it("non-breaking and other odd spaces, zero-width characters", () => {
    expect(normaliseCharacters("Prime\u00A0Minister\u202FKishida\u200B met\u2009today\r\n")).toBe("Prime Minister Kishida met today\n");
    expect(cleanBody("President\u00A0Biden  met\u3000the\u00A0Prime Minister. ")).toEqual(["President Biden met the Prime Minister."]);
  });

  it("Markdown escapes", () => {
    expect(unescapeMarkdown("file\\_name and \\*stars\\* and \\#tag and 1\\. item")).toBe("file_name and *stars* and #tag and 1. item");
  });

  it("inline markup: tags, emphasis, links, images", () => {
    expect(stripInlineTags("On the 31<sup>st</sup> of May")).toBe("On the 31st of May");
    expect(cleanBody("On May 31<sup>st</sup>, the <b>leaders</b> met.")).toEqual(["On May 31st, the leaders met."]);
    expect(stripMarkdownInline("the **new** and __old__ and *one* and _two_ plans")).toBe("the new and old and one and two plans");
    expect(stripMarkdownInline("see the [joint statement](https://example.org/s) and ![map](m.png)")).toBe("see the joint statement and map");
    expect(stripMarkdownInline("snake_case_name and 2 * 3 * 4")).toBe("snake_case_name and 2 * 3 * 4");
    expect(cleanBody("This morning, the [White House Competition\nCouncil](https://example.org/council) met.")).toEqual([
      "This morning, the White House Competition Council met.",
    ]);
  });

  it("a tag the article talks about stays as text", () => {
    expect(cleanBody("A <script> tag exposed the portal.")).toEqual(["A <script> tag exposed the portal."]);
    expect(cleanBody("They wrote &lt;b&gt; in the form.")).toEqual(["They wrote <b> in the form."]);
  });

  it("HTML entities", () => {
    expect(decodeEntities("fish &amp; chips &#8217;s &#x2014; &nbsp;x &unknown;")).toBe("fish & chips ’s —  x &unknown;");
  });

  it("headings become their own paragraph", () => {
    expect(cleanBody("## Background\nThe talks began in 2019.")).toEqual(["Background", "The talks began in 2019."]);
  });

  it("bullet lists of short items join their lead-in as one paragraph, items separated by '; '", () => {
    expect(linesToParagraphs(["Participants included:", "", "- Secretary Ann Lee", "- Ambassador Tom Ray", "- Director Kim Park"])).toEqual([
      "Participants included: Secretary Ann Lee; Ambassador Tom Ray; Director Kim Park.",
    ]);
    expect(cleanBody("The plan covers:\n* permits;\n* patrols; and\n* a register.")).toEqual(["The plan covers: permits; patrols; a register."]);
    expect(cleanBody("1. First point\n2. Second point")).toEqual(["First point; Second point"]);
  });

  it("a list with a long item keeps each item as its own paragraph", () => {
    const long =
      "The ministers agreed that the working group on energy will meet every month, report to both governments by the end of the year, and publish its findings so that the public can follow the work closely.";
    expect(cleanBody(`They agreed on two steps:\n\n- ${long}\n- A short second step.`)).toEqual(["They agreed on two steps:", long, "A short second step."]);
  });

  it("wrapped list items are joined", () => {
    expect(cleanBody("Participants:\n-   Acting Director Shana\n    Young\n-   Chair Lina Ortiz")).toEqual([
      "Participants: Acting Director Shana Young; Chair Lina Ortiz.",
    ]);
  });

  it("drops a first paragraph that repeats the title", () => {
    expect(cleanBody("# Leaders meet\n\nThe leaders met.", { title: "Leaders meet" })).toEqual(["The leaders met."]);
  });
});

describe("cleaning by format", () => {
  it("plain text keeps tags the article talks about; Markdown drops formatting tags", () => {
    const body = "He typed <script>alert(1)</script> and wrote <b>urgent</b> in the field.";
    expect(cleanBody(body, { markdown: false, inlineHtml: false })).toEqual([body]);
    expect(cleanBody("On May 31<sup>st</sup> the <b>leaders</b> met.", { markdown: true })).toEqual(["On May 31st the leaders met."]);
  });

  it("text already taken out of HTML is not decoded twice", () => {
    expect(cleanBody("They wrote &lt;b&gt; in the form.", { markdown: false, inlineHtml: false, entities: false })).toEqual([
      "They wrote &lt;b&gt; in the form.",
    ]);
  });

  it("HTML blocks inside Markdown: table rows become lines, images their alt text, scripts vanish", () => {
    const body = [
      "The figures by state:",
      "",
      '<table><thead><tr><th>State</th><th>Saving</th></tr></thead><tbody><tr class="odd"><td>Alabama</td><td>$4,800</td></tr><tr><td>Alaska</td><td>$6,400</td></tr></tbody></table>',
      "",
      '<figure><img src="chart.png" alt="Chart of savings by state" decoding="async"></figure>',
      '<script>track("x")</script>',
      "The end of the note.",
    ].join("\n");
    expect(cleanBody(body, { markdown: true })).toEqual([
      "The figures by state:",
      "State | Saving",
      "Alabama | $4,800",
      "Alaska | $6,400",
      "Chart of savings by state",
      "The end of the note.",
    ]);
  });

  it("breadcrumbs with arrows and dots, menus and related links after the article", () => {
    expect(isBreadcrumbLine("World News > Asia-Pacific")).toBe(true);
    expect(isBreadcrumbLine("THE VEYRA HERALD · Politics · Europe · Business")).toBe(true);
    const body = [
      "World News > Asia-Pacific",
      "",
      "The two leaders met in the capital on Sunday and agreed on a new trade deal.",
      "",
      "They will meet again in the autumn to review progress on the deal.",
      "",
      "Most read: Stocks close higher | Typhoon season outlook",
      "Comments (14) | Print | Subscribe & save",
      "Accessibility | Cookies | Contact the council | © City Council",
    ].join("\n");
    expect(cleanBody(body, { markdown: false, inlineHtml: false })).toEqual([
      "The two leaders met in the capital on Sunday and agreed on a new trade deal.",
      "They will meet again in the autumn to review progress on the deal.",
    ]);
  });

  it("a sentence that mentions a pipe is not a menu", () => {
    const body = [
      "First paragraph of the story, long enough to count.",
      "",
      "Second one.",
      "",
      "Third one here.",
      "",
      "The pipe | symbol separates the two options in the report.",
    ].join("\n");
    expect(cleanBody(body, { markdown: false })).toHaveLength(4);
  });
});

describe("Markdown details seen in real readouts", () => {
  it("hard line breaks between short lines separate items", () => {
    expect(
      cleanBody("**Participants include:**  \nGovernor Ann Lee  \nGovernor Tom Ray  \nDr. Kim Park\\*, President, Acme\n\n\\*Denotes virtual participant"),
    ).toEqual(["Participants include: Governor Ann Lee; Governor Tom Ray; Dr. Kim Park*, President, Acme", "*Denotes virtual participant"]);
  });

  it("bold with a space before its closing marks, empty links, an end marker at the end of a line", () => {
    expect(cleanBody("-   **Chair Brenda\n    Mallory **noted the plan.")).toEqual(["Chair Brenda Mallory noted the plan."]);
    expect(cleanBody("The plan [](https://example.org/x) is online.")).toEqual(["The plan is online."]);
    expect(cleanBody("[CEO Mike\nSpier](https://example.org/a?x=1#:~:text=Wheat%20(USW,quality%20wheat.): “We are excited.”")).toEqual([
      "CEO Mike Spier: “We are excited.”",
    ]);
    expect(cleanBody("***U.S. Congressman Ann Lee:*** the deal is good; **stray bold")).toEqual(["U.S. Congressman Ann Lee: the deal is good; stray bold"]);
    expect(cleanBody("She also underscored the benefits of closer ties. \\###")).toEqual(["She also underscored the benefits of closer ties."]);
  });
});
