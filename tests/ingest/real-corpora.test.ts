/**
 * Over the real documents in ../shared (never copied into the repository): the scraped
 * news page must come out as clean sentences, and a handful of White House readouts,
 * checked by hand, must get their event dates, places and participants right.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chunkArticle } from "../../src/ingest/chunk.js";
import { readArticles } from "../../src/ingest/read.js";
import { READOUTS_DIR as readoutsDir, SCRAPED_PAGE as scrapedPage } from "../helpers/paths.js";
import { sharedAvailable } from "../helpers/skip.js";

describe.skipIf(!sharedAvailable(scrapedPage, "the scraped news page test"))("the scraped news page", () => {
  it("loses its page chrome and reads as proper sentences", async () => {
    const [article] = await readArticles(scrapedPage, "scraped-news-page.txt");
    const text = article!.paragraphs.join("\n");
    expect(text).not.toMatch(/↺|16 px|\bpx\b/);
    expect(text).not.toMatch(/x x x/);
    expect(text).not.toMatch(/:-/);
    // No sentence glued to the next: a full stop is followed by a space, a quote or the end.
    expect(text).not.toMatch(/\p{Ll}[.!?]\p{Lu}/u);
    expect(text).not.toMatch(/\p{L},\p{L}/u);
    expect(article!.paragraphs[0]).toMatch(/^Azerbaijan’s President Ilham Aliyev held a one-on-one meeting/);
    expect(text).toContain("regional and international matters. The heads of state");
    expect(text).toContain("Addressing the expanded meeting, said: Dear Aleksandr Grigoryevich, Dear guests. Let me");
    // The two speeches are separate paragraphs.
    expect(article!.paragraphs.length).toBeGreaterThanOrEqual(3);
    expect(article!.paragraphs[article!.paragraphs.length - 1]).toMatch(/^said: Ilham Heydarovich, thank you very much\./);
  });

  it("gets its dates, place and participants", async () => {
    const [article] = await readArticles(scrapedPage, "scraped-news-page.txt");
    expect(article!.meta).toMatchObject({
      publishedDate: "2024-05-16",
      // "in Baku on Thursday": 2024-05-16 was a Thursday.
      eventDate: "2024-05-16",
      place: "Baku, Azerbaijan",
      participants: [
        { name: "Ilham Aliyev", title: "President", country: "Azerbaijan" },
        { name: "Aleksandr Lukashenko", title: "President", country: "Belarus" },
      ],
    });
    expect(article!.meta.title).toMatch(/^Azerbaijan’s President Ilham Aliyev held a one-on-one meeting/);
  });

  it("chunks into sentence-bounded parts that are exact substrings of its paragraphs", async () => {
    const [article] = await readArticles(scrapedPage, "scraped-news-page.txt");
    for (const chunk of chunkArticle(article!)) {
      expect(article!.paragraphs[chunk.paragraphs[0]! - 1]).toContain(chunk.text);
      expect(chunk.text).toMatch(/[.!?]$/);
    }
  });
});

interface Expected {
  file: string;
  eventDate: string;
  place?: string | null;
  participants: Array<{ name: string; title?: string; country?: string }>;
}

/** Checked by hand against the text of each readout. */
const HAND_CHECKED: Expected[] = [
  {
    file: "speeches-remarks/2022-11/2022-11-13-readout-of-president-joe-bidens-meeting-with-president-yoon-suk-yeol-of-the-republic-of-korea-2.md",
    eventDate: "2022-11-13", // "met today"
    place: "Phnom Penh, Cambodia",
    participants: [
      { name: "Joe Biden", title: "President", country: "United States" },
      { name: "Yoon Suk Yeol", title: "President", country: "South Korea" },
    ],
  },
  {
    file: "statements-releases/2022-05/2022-05-22-readout-of-president-bidens-call-with-prime-minister-designate-anthony-albanese.md",
    eventDate: "2022-05-22",
    place: null,
    participants: [
      { name: "Biden", title: "President", country: "United States" },
      { name: "Anthony Albanese", title: "Prime Minister-Designate", country: "Australia" },
    ],
  },
  {
    file: "statements-releases/2021-11/2021-11-19-readout-of-president-bidens-meeting-with-prime-minister-justin-trudeau-of-canada.md",
    eventDate: "2021-11-18", // "met yesterday"
    participants: [
      { name: "Joseph R. Biden, Jr.", title: "President", country: "United States" },
      { name: "Justin Trudeau", title: "Prime Minister", country: "Canada" },
    ],
  },
  {
    file: "statements-releases/2024-12/2024-12-14-readout-of-president-joe-bidens-virtual-meeting-with-g7-leaders.md",
    eventDate: "2024-12-13", // "On December 13, 2024", published the next day
    place: null,
    participants: [{ name: "Joe Biden", title: "President", country: "United States" }],
  },
  {
    file: "statements-releases/2024-02/2024-02-16-readout-of-vice-president-harriss-meeting-with-prime-minister-al-sudani-of-iraq.md",
    eventDate: "2024-02-16",
    place: "Munich, Germany",
    participants: [
      { name: "Kamala Harris", title: "Vice President", country: "United States" },
      { name: "Mohammed Shia Al-Sudani", title: "Prime Minister", country: "Iraq" },
    ],
  },
  {
    file: "statements-releases/2023-02/2023-02-02-readout-of-vice-president-kamala-harriss-meeting-with-his-majesty-king-abdullah-ii-of-jordan.md",
    eventDate: "2023-02-02",
    place: "White House",
    participants: [
      { name: "Kamala Harris", title: "Vice President", country: "United States" },
      { name: "Abdullah II", title: "King", country: "Jordan" },
    ],
  },
  {
    file: "statements-releases/2024-07/2024-07-21-readout-of-meeting-with-israeli-and-palestinian-women-leaders.md",
    eventDate: "2024-07-19", // "On Friday", published on Sunday 2024-07-21
    participants: [{ name: "Jon Finer", title: "Principal Deputy National Security Advisor" }],
  },
  {
    file: "speeches-remarks/2022-12/2022-12-15-readout-of-assistant-to-the-president-for-national-security-affairs-jake-sullivans-meeting-with-djiboutian-president-ismail-omar-guelleh.md",
    eventDate: "2022-12-13", // "met December 13", published two days later
    place: "Washington, DC",
    participants: [
      { name: "Jake Sullivan", title: "Assistant to the President for National Security Affairs", country: "United States" },
      { name: "Ismail Omar Guelleh", title: "President", country: "Djibouti" },
    ],
  },
];

describe.skipIf(!sharedAvailable(readoutsDir, "the White House readouts test"))("White House readouts checked by hand", () => {
  for (const expected of HAND_CHECKED) {
    it(path.basename(expected.file), async () => {
      const [article] = await readArticles(path.join(readoutsDir, expected.file), expected.file);
      const meta = article!.meta;
      expect(meta.eventDate).toBe(expected.eventDate);
      if (expected.place === null) expect(meta.place).toBeUndefined();
      else if (expected.place !== undefined) expect(meta.place).toBe(expected.place);
      expect(meta.participants).toEqual(expected.participants);
      expect(meta.sourceUrl).toMatch(/^https:\/\/bidenwhitehouse\.archives\.gov\//);
      expect(meta.publishedDate).toBe(path.basename(expected.file).slice(0, 10));
    });
  }

  it("cleans the readouts' Markdown: no escapes, no end markers, no non-breaking spaces", async () => {
    const file = "speeches-remarks/2022-11/2022-11-13-readout-of-president-joe-bidens-meeting-with-president-yoon-suk-yeol-of-the-republic-of-korea-2.md";
    const [article] = await readArticles(path.join(readoutsDir, file), file);
    const text = article!.paragraphs.join("\n");
    expect(text).not.toMatch(/\\|###|\u00A0/);
    expect(article!.meta.title).toBe("Readout of President Joe Biden’s Meeting with President Yoon Suk Yeol of the Republic of Korea");
    // Hard-wrapped lines are joined: paragraphs are long single lines.
    expect(article!.paragraphs[0]).toMatch(
      /^President Joseph R\. Biden, Jr\. met today with Republic of Korea \(ROK\) President Yoon Suk Yeol in Phnom Penh, Cambodia\. The two leaders condemned/,
    );
    expect(article!.paragraphs.every((paragraph) => !paragraph.includes("\n"))).toBe(true);
  });
});

describe.skipIf(!sharedAvailable(readoutsDir, "the whole-corpus readouts test"))("every White House readout", () => {
  it("reads, with a title, a publication date, paragraphs and chunks whose text is exact", async () => {
    const { readdir } = await import("node:fs/promises");
    const files = (await readdir(readoutsDir, { recursive: true })).filter((file) => file.endsWith(".md")).sort();
    expect(files.length).toBeGreaterThan(1000);
    let withEvent = 0;
    let withParticipants = 0;
    for (const file of files) {
      const [article] = await readArticles(path.join(readoutsDir, file), file);
      expect(article!.meta.title.length, file).toBeGreaterThan(0);
      expect(article!.meta.publishedDate, file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(article!.paragraphs.length, file).toBeGreaterThan(0);
      if (article!.meta.eventDate) withEvent++;
      if (article!.meta.participants.length > 0) withParticipants++;
      for (const chunk of chunkArticle(article!)) {
        const source = chunk.paragraphs.map((n) => article!.paragraphs[n - 1]!);
        if (source.length === 1) expect(source[0], chunk.id).toContain(chunk.text);
        else expect(chunk.text, chunk.id).toBe(source.join("\n\n"));
      }
    }
    // Nearly every readout reports a meeting on a known day and names someone.
    expect(withEvent / files.length).toBeGreaterThan(0.95);
    expect(withParticipants / files.length).toBeGreaterThan(0.85);
  });
});
