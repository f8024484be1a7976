import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadHtml } from "../../../src/ingest/loaders/html.js";
import { loadMarkdown } from "../../../src/ingest/loaders/markdown.js";
import { loadJson, loadJsonl } from "../../../src/ingest/loaders/records.js";
import { loadText } from "../../../src/ingest/loaders/text.js";
import { readArticles, readDocument, SUPPORTED_EXTENSIONS } from "../../../src/ingest/read.js";
import type { RecordProblem } from "../../../src/ingest/errors.js";
import { ingestFixture as fixture } from "../../helpers/paths.js";

const text = (name: string) => readFile(fixture(name), "utf8");

describe("Markdown loader", () => {
  it("reads front matter: title, date, source URL, tags", async () => {
    const raw = loadMarkdown(await text("readout.md"), "readout.md");
    expect(raw.title).toBe("Readout of Chancellor Mira Holt’s Meeting with Prime Minister Tomas Ek of Sweden");
    expect(raw.publishedDate).toBe("2024-03-08");
    expect(raw.sourceUrl).toBe("https://example.org/readouts/holt-ek");
    expect(raw.tags).toEqual(["sweden", "bilateral"]);
    expect(raw.body).toContain("Chancellor Mira Holt met today");
    expect(raw.body).not.toContain("source_url");
  });

  it("keeps place, event date and participants the front matter states", async () => {
    const [article] = await readArticles(fixture("stated-meta.md"), "stated-meta.md");
    expect(article!.meta).toMatchObject({
      sourceUrl: "https://example.org/trade-lisbon",
      tags: ["trade", "portugal"],
      publishedDate: "2023-11-20",
      eventDate: "2023-11-17",
      place: "Lisbon, Portugal",
      participants: [{ name: "Ana Costa", title: "Trade Minister", country: "Portugal" }, { name: "Jon Berg" }],
    });
  });

  it("takes a first-level heading as the title when there is no front matter, and drops it from the text", async () => {
    const [article] = await readArticles(fixture("heading-title.md"), "heading-title.md");
    expect(article!.meta.title).toBe("Council session on river flooding");
    expect(article!.paragraphs).toEqual(["The city council held an extra session on Monday evening to approve emergency repairs to the river embankment."]);
  });
});

describe("text loader", () => {
  it("skips breadcrumbs and chrome, takes the date from the chrome line and the title line", async () => {
    const raw = loadText(await text("scraped.txt"), "scraped.txt");
    expect(raw.title).toBe("Mayors of twin cities sign water pact");
    expect(raw.publishedDate).toBe("2024-05-16");
    expect(raw.body).not.toContain("Northport Herald");
    expect(raw.body).not.toContain("Mayors of twin cities");
  });

  it("reads URL, date and title lines when a scraper wrote them", () => {
    const raw = loadText(
      "Title: Harbour talks resume\nURL: https://example.org/harbour\nPublished: 12 March 2024\n\nThe harbour talks resumed today.",
      "h.txt",
    );
    expect(raw).toMatchObject({ title: "Harbour talks resume", sourceUrl: "https://example.org/harbour", publishedDate: "2024-03-12" });
    expect(raw.body.trim()).toBe("The harbour talks resumed today.");
  });

  it("gives a file without a title line one from its first sentence", async () => {
    const [article] = await readArticles(fixture("no-title.txt"), "no-title.txt");
    expect(article!.meta.title).toBe(
      "The regional assembly voted on Tuesday to extend the night bus service to the airport, after a debate of almost three hours",
    );
    expect(article!.paragraphs).toHaveLength(2);
  });
});

describe("HTML loader", () => {
  it("extracts the article text, not navigation, header, footer, aside or scripts", async () => {
    const raw = loadHtml(await text("article.html"), "article.html");
    expect(raw.body).toContain("The presidents of the two island states met yesterday in Port Ellis");
    for (const chrome of ["Home", "Sport", "Subscribe now", "Ferry timetable", "All rights reserved", "do not index me", "footer script", "color: red"]) {
      expect(raw.body).not.toContain(chrome);
    }
  });

  it("reads the title, <meta> publication date, canonical URL and keywords", async () => {
    const raw = loadHtml(await text("article.html"), "article.html");
    expect(raw).toMatchObject({
      title: "Island leaders agree fisheries plan",
      publishedDate: "2024-02-09",
      sourceUrl: "https://coastal.example/news/fisheries-plan",
      tags: ["fisheries", "islands"],
    });
  });

  it("cleans to paragraphs with entities decoded and the list joined to its lead-in", async () => {
    const [article] = await readArticles(fixture("article.html"), "article.html");
    expect(article!.paragraphs).toEqual([
      "The presidents of the two island states met yesterday in Port Ellis and agreed a joint plan to protect fish stocks & coastal jobs.",
      "Under the plan, each state will halve trawling permits within five years, and a joint patrol will start in the spring.",
      "The plan covers: trawling permits; a joint patrol; a shared catch register.",
    ]);
    expect(article!.meta.eventDate).toBe("2024-02-08");
  });
});

describe("JSON and JSON lines loaders", () => {
  it("reads one JSON record with headline/published_at/link/keywords/body", async () => {
    const [article] = await readArticles(fixture("record.json"), "record.json");
    expect(article!.meta).toMatchObject({
      id: "record.json",
      title: "Finance ministers hold video call on debt relief",
      publishedDate: "2024-06-03",
      sourceUrl: "https://example.org/debt-call",
      tags: ["debt", "finance"],
      eventDate: "2024-06-02",
      format: "json",
    });
    expect(article!.paragraphs).toHaveLength(2);
  });

  it("reads an array of records, ids from the record id or position, HTML bodies as text, and reports a record without text", async () => {
    const problems: RecordProblem[] = [];
    const articles = await readArticles(fixture("records.json"), "records.json", { onProblem: (problem) => problems.push(problem) });
    expect(articles.map((article) => article.meta.id)).toEqual(["records.json#a1", "records.json#3"]);
    expect(articles[1]!.paragraphs).toEqual(["The rail union and the transport ministry resumed talks on Friday.", "No agreement was reached."]);
    expect(articles[1]!.meta.publishedDate).toBe("2024-04-05");
    expect(problems).toEqual([{ id: "records.json#a2", reason: expect.stringMatching(/^record 2: no text/) }]);
  });

  it("reads JSON lines: record ids or line numbers; a broken line is reported with its number and the good lines load", async () => {
    const { articles, problems } = await readDocument(fixture("records.jsonl"), "records.jsonl");
    expect(articles.map((article) => article.meta.id)).toEqual(["records.jsonl#n-1", "records.jsonl#2", "records.jsonl#n-5"]);
    expect(articles[0]!.meta).toMatchObject({ sourceUrl: "https://example.org/health", tags: ["health"], place: "Geneva, Switzerland", format: "jsonl" });
    expect(articles[2]!.meta).toMatchObject({ title: "Youth council meets mayor", publishedDate: "2024-05-30", eventDate: "2024-05-29" });
    expect(problems.map((problem) => problem.reason)).toEqual([expect.stringMatching(/^line 3: invalid JSON/), expect.stringMatching(/^line 5: no text/)]);
  });

  it("loaders work on strings too", () => {
    expect(loadJson('{"title": "T", "text": "Body."}', "x.json").documents).toHaveLength(1);
    expect(loadJsonl('{"text": "A."}\n{"text": "B."}\n', "x.jsonl").documents.map((document) => document.id)).toEqual(["x.jsonl#1", "x.jsonl#2"]);
  });

  it("lists the supported extensions", () => {
    expect([...SUPPORTED_EXTENSIONS].sort()).toEqual([".htm", ".html", ".json", ".jsonl", ".markdown", ".md", ".txt"]);
  });
});

describe("page furniture around scraped text", () => {
  it("takes tags from a Tags: line after the article and drops it from the text", () => {
    const raw = loadText(
      "Ministers agree on ferry link\n\nThe ministers met on Friday and agreed on a ferry link.\n\nIt opens next year.\n\nTags: ferries, transport\n",
      "f.txt",
    );
    expect(raw.tags).toEqual(["ferries", "transport"]);
    expect(raw.body).not.toContain("Tags:");
  });

  it("labels, a longer repeat of the headline and a placed dateline above the article are metadata", async () => {
    const { articlesFromText } = await import("../../../src/ingest/read.js");
    const [article] = articlesFromText(
      "<html><head><title>Leaders adopt declaration</title></head><body><article><p>Press release</p><p>Leaders adopt declaration, sign treaty</p><p>VEYRA, 6 June 2024</p><p>The leaders of the region met today and adopted a declaration on shipping.</p></article></body></html>",
      ".html",
      "summit.html",
    ).articles;
    expect(article!.paragraphs).toEqual(["The leaders of the region met today and adopted a declaration on shipping."]);
    expect(article!.meta).toMatchObject({ publishedDate: "2024-06-06", eventDate: "2024-06-06", place: "Veyra" });
  });

  it("a dateline alone at the top becomes the publication date, not a paragraph", async () => {
    const { articlesFromText } = await import("../../../src/ingest/read.js");
    const [article] = articlesFromText(
      "<html><head><title>Council chooses route</title></head><body><article><h1>Council chooses route</h1><p>27 March 2024</p><p>The transport committee on Tuesday evening chose the harbour route for the tram.</p></article></body></html>",
      ".html",
      "route.html",
    ).articles;
    expect(article!.meta.publishedDate).toBe("2024-03-27");
    expect(article!.paragraphs).toEqual(["The transport committee on Tuesday evening chose the harbour route for the tram."]);
    expect(article!.meta.eventDate).toBe("2024-03-26");
  });
});
