/** `npm run ingest` with addresses and with --sources FILE, as a cron job would run it; and the sources file's checks. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseConfig, parseSourcesFile } from "../../src/config.js";
import { runCliScript } from "../helpers/cli-process.js";
import { NewsSite, STORIES } from "../helpers/news-site.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

describe("npm run ingest -- URL and --sources FILE", { timeout: 240_000 }, () => {
  const site = new NewsSite();
  let tmp: string;
  const env = () => ({ READOUT_INDEX_DIR: path.join(tmp, "index"), READOUT_FETCH_ALLOW_PRIVATE: "127.0.0.1", READOUT_FETCH_HOST_DELAY_MS: "0" });

  beforeAll(async () => {
    await site.start();
    for (const story of STORIES) site.publish(story);
    tmp = await tempDir("readout-ingest-cli-");
  });
  afterAll(async () => {
    await site.stop();
    await removeDir(tmp);
  });

  it("refuses a loopback address unless READOUT_FETCH_ALLOW_PRIVATE allows it, and says why in one line (exit 1)", async () => {
    const run = await runCliScript("src/cli/ingest.ts", [site.url(`/news/${STORIES[0]!.slug}.html`)], { env: { READOUT_INDEX_DIR: path.join(tmp, "index") } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /skipped: {6}http:\/\/127\.0\.0\.1:\d+\/news\/\S+: 127\.0\.0\.1:\d+ is a private, loopback or link-local address, which is not fetched/,
    );
  });

  it("ingests one page by URL, and then a sources file once (exit 0), reporting each source", async () => {
    const page = await runCliScript("src/cli/ingest.ts", [site.url(`/news/${STORIES[0]!.slug}.html`)], { env: env() });
    expect(page.code, page.stderr).toBe(0);
    expect(page.stdout).toMatch(/1 added/);
    const file = path.join(tmp, "sources.yaml");
    await writeFile(file, `refresh: 30m\nsources:\n  - url: ${site.url("/feed.xml")}\n  - url: ${site.url("/missing.html")}\n    refresh: 1d\n`);
    const run = await runCliScript("src/cli/ingest.ts", ["--sources", file], { env: env() });
    expect(run.code).toBe(1); // the missing page is bad input; the rest went in
    expect(run.stdout).toMatch(/2 added, 0 updated, 1 unchanged/);
    expect(run.stdout).toContain(`source:       ${site.url("/feed.xml")} (feed, 3 items)`);
    expect(run.stdout).toContain(`skipped:      ${site.url("/missing.html")}: HTTP 404 Not Found`);
    const again = await runCliScript("src/cli/ingest.ts", ["--json", "--sources", file], { env: env() });
    const summary = JSON.parse(again.stdout) as { added: number; chunksEmbedded: number; sources: { notModified?: boolean }[] };
    expect(summary.added).toBe(0);
    expect(summary.chunksEmbedded).toBe(0);
    expect(summary.sources[0]!.notModified).toBe(true);
  });

  it("a sources file that does not exist or does not parse stops the run with exit 2", async () => {
    const missing = await runCliScript("src/cli/ingest.ts", ["--sources", path.join(tmp, "nope.yaml")], { env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--sources .*nope\.yaml: no such file/);
    const bad = path.join(tmp, "bad.yaml");
    await writeFile(bad, "sources:\n  - url: file:///etc/passwd\n");
    const run = await runCliScript("src/cli/ingest.ts", ["--sources", bad], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/sources\.0/);
  });
});

describe("the sources file", () => {
  it("reads web addresses and folders (relative to the file) with their refresh intervals", () => {
    const parsed = parseSourcesFile(
      "refresh: 2h\nsources:\n  - url: https://example.com/feed.xml\n    refresh: 15m\n  - url: https://example.com/sitemap.xml\n  - folder: readouts\n    refresh: 1d\n",
      "/srv/readout/sources.yaml",
    );
    expect(parsed.sources).toEqual([
      { kind: "url", url: "https://example.com/feed.xml", refreshMs: 15 * 60_000 },
      { kind: "url", url: "https://example.com/sitemap.xml", refreshMs: 2 * 3_600_000 },
      { kind: "folder", path: "/srv/readout/readouts", refreshMs: 86_400_000 },
    ]);
  });

  it("names every problem: a bad interval, a file: address, an unknown key, broken YAML", () => {
    expect(() => parseSourcesFile("sources:\n  - url: https://example.com/feed.xml\n    refresh: often\n", "s.yaml")).toThrow(
      /sources\.0\.refresh: "often" is not a refresh interval/,
    );
    expect(() => parseSourcesFile("sources:\n  - url: file:///etc/passwd\n", "s.yaml")).toThrow(/http:\/\/ or https:\/\//);
    expect(() => parseSourcesFile("sources:\n  - link: https://example.com/\n", "s.yaml")).toThrow(/sources\.0/);
    expect(() => parseSourcesFile("sources: [\n", "s.yaml")).toThrow(/not valid YAML/);
  });

  it("is read and checked with the rest of the configuration, and so is READOUT_FETCH_ALLOW_PRIVATE", async () => {
    const dir = await tempDir("readout-sources-config-");
    try {
      const file = path.join(dir, "sources.yaml");
      await writeFile(file, "sources:\n  - url: https://example.com/feed.xml\n    refresh: 0s\n");
      expect(() => parseConfig({ READOUT_SOURCES_FILE: file })).toThrow(ConfigError);
      await writeFile(file, "sources:\n  - url: https://example.com/feed.xml\n");
      expect(parseConfig({ READOUT_SOURCES_FILE: file }).sources?.sources).toHaveLength(1);
      expect(parseConfig({}).fetch.allowPrivate).toBe(false);
      expect(parseConfig({ READOUT_FETCH_ALLOW_PRIVATE: "127.0.0.1, 10.0.0.0/8" }).fetch.allowPrivate).toEqual(["127.0.0.1", "10.0.0.0/8"]);
      expect(parseConfig({ READOUT_FETCH_ALLOW_PRIVATE: "*" }).fetch.allowPrivate).toBe(true);
      expect(() => parseConfig({ READOUT_FETCH_ALLOW_PRIVATE: "intranet.local" })).toThrow(/READOUT_FETCH_ALLOW_PRIVATE/);
    } finally {
      await removeDir(dir);
    }
  });
});
