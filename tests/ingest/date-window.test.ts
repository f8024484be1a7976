/**
 * Plausible dates: an article dated 3024 or 1800 is reported at ingest, keeps
 * no date, and never answers a "last"/"first" question; the window is a setting.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";
import { UseLiteEmbeddings } from "../../src/embeddings/index.js";
import { defaultLatestDate, withPlausibleDates } from "../../src/ingest/date-window.js";
import { runIngest } from "../../src/ingest/run.js";
import { createLogger } from "../../src/log.js";
import { openAnswerChain, type OpenedChain } from "../../src/retrieval/open-chain.js";
import type { IngestSummary } from "../../src/store/types.js";
import { formatSummary } from "../../src/cli/ingest.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

const article = (date: string, place: string, topic: string) => `---
title: "Prime Minister Varga Meets President Kettering in ${place}"
date: ${date}
---

Prime Minister Odile Varga of Brenmark met President Tomas Kettering of Osterland today in ${place}. The leaders discussed ${topic}.

The two leaders agreed that their ministers would meet again before the end of the year to review ${topic}.
`;

describe("withPlausibleDates", () => {
  const meta = { id: "a.md", title: "A", tags: [], participants: [], format: "markdown" as const };
  it("keeps dates inside the window and drops the others with a notice", () => {
    const window = { from: "1900-01-01", until: "2026-12-31" };
    expect(withPlausibleDates({ ...meta, publishedDate: "2024-05-01", eventDate: "2024-04-30" }, window)).toEqual({
      meta: { ...meta, publishedDate: "2024-05-01", eventDate: "2024-04-30" },
      notices: [],
    });
    const checked = withPlausibleDates({ ...meta, publishedDate: "3024-05-01", eventDate: "1800-01-01" }, window);
    expect(checked.meta).toEqual(meta);
    expect(checked.notices).toEqual([
      "publication date 3024-05-01 is outside the plausible dates 1900-01-01 to 2026-12-31 (READOUT_DATES_FROM, READOUT_DATES_UNTIL); not used",
      "meeting date 1800-01-01 is outside the plausible dates 1900-01-01 to 2026-12-31 (READOUT_DATES_FROM, READOUT_DATES_UNTIL); not used",
    ]);
  });
  it("ends a day after the real date unless set", () => {
    expect(defaultLatestDate(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
    expect(withPlausibleDates({ ...meta, publishedDate: "2027-01-02" }, { from: "1900-01-01" }, new Date("2026-12-31T23:00:00Z")).notices).toHaveLength(1);
  });
  it("is a setting, checked like the others", () => {
    expect(parseConfig({}).ingest.dates).toEqual({ from: "1900-01-01", until: undefined });
    expect(parseConfig({ READOUT_DATES_FROM: "1990-01-01", READOUT_DATES_UNTIL: "2030-12-31" }).ingest.dates).toEqual({
      from: "1990-01-01",
      until: "2030-12-31",
    });
    expect(() => parseConfig({ READOUT_DATES_UNTIL: "2030-13-01" })).toThrow(ConfigError);
    expect(() => parseConfig({ READOUT_DATES_FROM: "2030-01-01", READOUT_DATES_UNTIL: "2020-01-01" })).toThrow(
      /READOUT_DATES_UNTIL=2020-01-01 is before READOUT_DATES_FROM=2030-01-01/,
    );
  });
});

describe("ingest and answers with implausible dates", () => {
  let root: string;
  let summary: IngestSummary;
  let opened: OpenedChain;
  const embeddings = new UseLiteEmbeddings({ workers: 0, batchSize: 32 });

  beforeAll(async () => {
    root = await tempDir("readout-dates-");
    const articles = path.join(root, "articles");
    await fs.mkdir(articles);
    await fs.writeFile(path.join(articles, "halvik.md"), article("2024-02-05", "Halvik", "a fisheries accord"));
    await fs.writeFile(path.join(articles, "future.md"), article("3024-05-01", "Osterburg", "a rail tunnel"));
    await fs.writeFile(path.join(articles, "past.md"), article("1800-01-01", "Tarvasko", "grain exports"));
    const config = parseConfig({ LOG_LEVEL: "silent", READOUT_TODAY: "2025-01-15" });
    summary = await runIngest({ paths: [articles], indexDir: path.join(root, "index"), embeddings, config, logger: createLogger("silent") });
    opened = await openAnswerChain({ ...config, indexDir: path.join(root, "index") }, { embeddings });
  }, 120_000);
  afterAll(async () => {
    await opened?.close();
    await embeddings.close();
    await removeDir(root);
  });

  it("reports each implausible date and indexes the articles without it", () => {
    expect(summary).toMatchObject({ added: 3, failed: false });
    expect(summary.notices!.map((notice) => `${notice.id}: ${notice.notice.split(" is ")[0]}`).sort()).toEqual([
      "future.md: meeting date 3024-05-01",
      "future.md: publication date 3024-05-01",
      "past.md: meeting date 1800-01-01",
      "past.md: publication date 1800-01-01",
    ]);
    expect(opened.index.articles.get("future.md")!.meta.publishedDate).toBeUndefined();
    expect(opened.index.articles.get("future.md")!.meta.eventDate).toBeUndefined();
    expect(opened.index.manifest.dateRange).toEqual({ from: "2024-02-05", to: "2024-02-05" });
    expect(formatSummary(summary, path.join(root, "index"))).toMatch(
      /^ {2}note: {9}future\.md: publication date 3024-05-01 is outside the plausible dates 1900-01-01 to \d{4}-\d\d-\d\d/m,
    );
  });

  it("answers 'last' and 'first' from the plausible meeting", async () => {
    for (const question of ["When did Varga last meet Kettering?", "When did Varga first meet Kettering?"]) {
      const result = await opened.chain.invoke({ question, history: [], today: "2025-01-15" });
      expect(result.answer, question).not.toMatch(/3024|1800/);
      expect(
        result.citations.map((citation) => citation.source),
        question,
      ).toContain("halvik.md");
    }
  });
});
