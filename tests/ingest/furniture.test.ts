import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanBlocks, cleanBody } from "../../src/ingest/clean.js";
import { furnitureKind, stripPageFurniture } from "../../src/ingest/furniture.js";
import { loadText } from "../../src/ingest/loaders/text.js";
import { articlesFromText, decodeText, isSupportedFile, loadDocuments, readArticles } from "../../src/ingest/read.js";
import { SAMPLE_ARTICLES_DIR } from "../helpers/paths.js";

const ARTICLE = ["The foreign ministers met in Oslo on Friday and agreed on a plan for the fisheries.", "They will meet again in June."];

describe("page furniture above the article", () => {
  it("labels, kickers, date lines, datelines and bylines go; a dateline's date and place are kept as metadata", () => {
    const stripped = stripPageFurniture([
      "Press release",
      "World desk · June 22, 2023",
      "By Anna Berg and Tom Ray | Reuters",
      "VEYRA, 6 June 2024",
      ...ARTICLE,
    ]);
    expect(stripped.paragraphs).toEqual(ARTICLE);
    expect(stripped.removed.map((entry) => entry.kind)).toEqual(["label", "dateline", "byline", "dateline"]);
    expect(stripPageFurniture(["Published 14 March 2024", ...ARTICLE])).toMatchObject({ paragraphs: ARTICLE, datelineDate: "2024-03-14" });
    expect(stripPageFurniture(["World desk · June 22, 2023", ...ARTICLE]).paragraphs).toEqual(ARTICLE);
    expect(stripPageFurniture(["VEYRA, 6 June 2024", ...ARTICLE])).toMatchObject({ datelineDate: "2024-06-06", datelinePlace: "Veyra" });
    expect(stripPageFurniture(["Jeddah, Saudi Arabia", ...ARTICLE])).toMatchObject({ paragraphs: ARTICLE, datelinePlace: "Jeddah, Saudi Arabia" });
    expect(stripPageFurniture(["Poughkeepsie, NY", ...ARTICLE]).paragraphs).toEqual(ARTICLE);
    expect(stripPageFurniture(["Updated 16:30 CET, Thursday 14 March 2024", "5 min read", ...ARTICLE]).paragraphs).toEqual(ARTICLE);
  });

  it("the headline repeated at the top goes", () => {
    expect(stripPageFurniture(["Ministers agree on fisheries plan: talks resume in June", ...ARTICLE], "Ministers agree on fisheries plan").paragraphs).toEqual(
      ARTICLE,
    );
  });

  it("a real one-sentence paragraph, a short list and the author's heading stay", () => {
    expect(stripPageFurniture(["Talks continue.", ...ARTICLE]).paragraphs).toEqual(["Talks continue.", ...ARTICLE]);
    expect(stripPageFurniture(["Ann Lee; Tom Ray", ...ARTICLE]).paragraphs[0]).toBe("Ann Lee; Tom Ray");
    expect(stripPageFurniture([{ text: "Preamble", heading: true }, ...ARTICLE]).paragraphs[0]).toBe("Preamble");
    expect(stripPageFurniture(["Preamble", ...ARTICLE]).paragraphs[0]).toBe(ARTICLE[0]);
    // A sentence with a date in it is the article, not a date line.
    expect(furnitureKind("The talks end on 14 March 2024.", "top")).toBeUndefined();
    expect(furnitureKind("Leaders of the northern states gather on 14 March 2024 in Veyra to sign", "top")).toBeUndefined();
  });

  it("headings the author wrote are marked by cleaning", () => {
    expect(cleanBlocks("## Protecting American Jobs\n\nThe President signed.\n\n**Preamble**\n\n**Participants included:**\n\n- A\n- B")).toEqual([
      { text: "Protecting American Jobs", heading: true },
      { text: "The President signed.", heading: false },
      { text: "Preamble", heading: true },
      { text: "Participants included: A; B.", heading: false },
    ]);
  });
});

describe("page furniture below the article", () => {
  it("calls to action, link lists, their headings and menus go", () => {
    const footer = [
      "Subscribe to keep reading",
      "Get the World Brief",
      "Related content",
      "Tags: Azerbaijan Belarus state visit",
      "Most read: Tokyo stocks close higher | Typhoon season outlook",
      "Read more: Fishing associations demand seat at the table",
      "Accessibility | Cookies | Contact the council",
      "Full report here: <https://example.org/report.pdf>",
    ];
    const stripped = stripPageFurniture([...ARTICLE, ...footer]);
    expect(stripped.paragraphs).toEqual(ARTICLE);
    expect(stripped.removed.map((entry) => entry.text)).toEqual(footer);
  });

  it("table rows, list items, notes and sentences at the end stay", () => {
    for (const last of [
      "Texas | 4,720 | 1,264",
      "Department of Homeland Security",
      "*Denotes virtual participant",
      "Subscribe to the plan, the minister said.",
      "Talks continue.",
    ]) {
      expect(stripPageFurniture([...ARTICLE, last]).paragraphs, last).toEqual([...ARTICLE, last]);
    }
  });

  it("only the run at an edge goes, never a line between two paragraphs", () => {
    expect(stripPageFurniture([ARTICLE[0]!, "Press release", ARTICLE[1]!]).paragraphs).toEqual([ARTICLE[0], "Press release", ARTICLE[1]]);
  });

  it("at least one paragraph stays", () => {
    expect(stripPageFurniture(["Press release"]).paragraphs).toEqual(["Press release"]);
  });

  it("a scraped page's closing run of menu and link lines is removed line by line", () => {
    const page = [
      "The ministers met today in Oslo and agreed on a plan.",
      "",
      "They will meet again in June.",
      "",
      "Tags: Oslo fisheries",
      "Share this article",
      "Related: Fishing quotas rise",
      "Most read: Storm warning | Ferry fares",
      "Opinion: Why fish matter | Weather: mild",
      "© 2024 All rights reserved.",
    ].join("\n");
    expect(cleanBody(page, { markdown: false })).toEqual(["The ministers met today in Oslo and agreed on a plan.", "They will meet again in June."]);
  });
});

describe("scraped pages", () => {
  it("a site name or section label above the headline is not the title", () => {
    for (const label of ["WORLD NEWS", "THE VEYRA HERALD", "Politics"]) {
      const raw = loadText(`${label}\n\nHalvarsen and Aaland discuss undersea cable\n\nThe prime ministers spoke by video call yesterday.`, "x.txt");
      expect(raw.title, label).toBe("Halvarsen and Aaland discuss undersea cable");
      expect(raw.body.trim(), label).toBe("The prime ministers spoke by video call yesterday.");
    }
    expect(loadText("Talks collapse\n\nThe talks collapsed on Friday after three days.", "x.txt").title).toBe("Talks collapse");
  });

  it("an HTML page's label, date line, paywall and newsletter box are not paragraphs", () => {
    const html = `<html><body><main><article>
      <span class="label">Press release</span><h1>Ministers agree on fisheries plan</h1>
      <div class="meta">World desk · 14 March 2024</div>
      <p>The foreign ministers met in Oslo on Friday and agreed on a plan for the fisheries of the north.</p>
      <p>They will meet again in June to sign the agreement.</p>
      <div class="paywall">Subscribe to keep reading</div></article>
      <section><h2>Get the World Brief</h2></section></main></body></html>`;
    const [article] = articlesFromText(html, ".html", "page.html").articles;
    expect(article!.paragraphs).toEqual([
      "The foreign ministers met in Oslo on Friday and agreed on a plan for the fisheries of the north.",
      "They will meet again in June to sign the agreement.",
    ]);
    expect(article!.meta.publishedDate).toBe("2024-03-14");
  });
});

describe("the bundled corpus", () => {
  const root = SAMPLE_ARTICLES_DIR;

  it("its HTML press release starts with the article's first paragraph", async () => {
    const [article] = await readArticles(path.join(root, "news/2024-03-14-marrow-ferreiro-video-call.html"), "x.html");
    expect(article!.paragraphs[0]).toMatch(/^The Minister of Trade and Industry, Ilse Marrow, held a video call today/);
    const [modi] = await readArticles(path.join(root, "news/2023-06-22-biden-modi-state-visit.html"), "y.html");
    expect(modi!.paragraphs[0]).toMatch(/^President Joe Biden welcomed Prime Minister Narendra Modi/);
    expect(modi!.paragraphs.at(-1)).toMatch(/open one in Seattle\.$/);
  });

  it("no paragraph is a page leftover: each ends like a sentence, or is a heading its author wrote", async () => {
    const leftovers: string[] = [];
    for (const file of (await readdir(root, { recursive: true })).filter((name) => isSupportedFile(name)).sort()) {
      const extension = path.extname(file);
      const text = decodeText(await readFile(path.join(root, file)), { html: /\.html?$/.test(extension) });
      const headings = new Set(
        loadDocuments(text, extension, file).documents.flatMap((document) =>
          cleanBlocks(document.body, { markdown: document.format !== "html" && document.format !== "text" }),
        ),
      );
      const authorHeadings = new Set([...headings].filter((block) => block.heading).map((block) => block.text));
      for (const article of articlesFromText(text, extension, file).articles) {
        article.paragraphs.forEach((paragraph, index) => {
          if (!/[.!?…]["”’»)\]]*$/u.test(paragraph) && !authorHeadings.has(paragraph)) leftovers.push(`${article.meta.id} ¶${index + 1}: ${paragraph}`);
        });
      }
    }
    expect(leftovers).toEqual([]);
  });
});
