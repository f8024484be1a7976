/**
 * A checkout whose path has a space and non-ASCII letters: the CLIs find their
 * project folder, their default index and the articles folder from there
 * (`fileURLToPath`, never a URL's percent-encoded pathname).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliScript } from "../helpers/cli-process.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

let parent: string;
let checkout: string;

beforeAll(async () => {
  parent = await tempDir("readout-odd-path-");
  checkout = path.join(parent, "sp ace Ünïcödé — копия");
  await fs.mkdir(path.join(checkout, "data"), { recursive: true });
  for (const entry of ["package.json", "tsconfig.json", "src"]) await fs.cp(path.join(REPO_ROOT, entry), path.join(checkout, entry), { recursive: true });
  // A part of the sample corpus is enough (and quick to embed): the news pages, which hold the question asked below.
  await fs.cp(path.join(REPO_ROOT, "data/articles/news"), path.join(checkout, "data/articles/news"), { recursive: true });
  await fs.symlink(path.join(REPO_ROOT, "node_modules"), path.join(checkout, "node_modules"), "dir");
});

afterAll(async () => {
  await removeDir(parent);
});

/** The checkout's own defaults: no index or articles folder from the environment. */
const env = { READOUT_INDEX_DIR: "data/index", READOUT_ARTICLES_DIRS: "data/articles" };

describe("a checkout under a path with a space and non-ASCII letters", () => {
  it("prints the ingest usage with --help", async () => {
    const run = await runCliScript("src/cli/ingest.ts", ["--help"], { root: checkout, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage:/);
  });

  it("ingests its articles into its own data/index, then answers from it", async () => {
    const ingest = await runCliScript("src/cli/ingest.ts", ["--json", "data/articles"], { root: checkout, env, timeoutMs: 240_000 });
    expect(ingest.stderr).not.toMatch(/%20|%C3/);
    expect(ingest.code).toBe(0);
    const summary = JSON.parse(ingest.stdout);
    expect(summary.indexDir).toBe(path.join(checkout, "data/index"));
    expect(summary.added).toBeGreaterThan(0);
    await expect(fs.readFile(path.join(checkout, "data/index/CURRENT"), "utf8")).resolves.toMatch(/gen-/);

    const ask = await runCliScript("src/cli/ask.ts", ["--json", "What did Lukashenko offer Azerbaijan?"], { root: checkout, env });
    expect(ask.stderr).toBe("");
    expect(ask.code).toBe(0);
    const answer = JSON.parse(ask.stdout);
    expect(answer.abstained).toBe(false);
    expect(answer.citations.length).toBeGreaterThan(0);
  }, 300_000);
});
