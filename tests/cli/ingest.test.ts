import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UseLiteEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { openIndex } from "../../src/store/index-store.js";
import { acquireIngestLock } from "../../src/store/lock.js";
import { CountingEmbeddings } from "../helpers/counting-embeddings.js";
import { quietLogger, syntheticSource, articleText, story } from "../helpers/synthetic-articles.js";
import { useTempDir } from "../helpers/temp-dir.js";
import { runCliScript, type CliOptions } from "../helpers/cli-process.js";
import { SAMPLE_ARTICLES_DIR } from "../helpers/paths.js";
import { freePort } from "../helpers/wait.js";

/** `npm run ingest -- ARGS` as a child process, logging warnings, with one embedding worker unless `env` says otherwise. */
const runIngestCli = (args: string[], env: Record<string, string> = {}, onStderr?: CliOptions["onStderr"]) =>
  runCliScript("src/cli/ingest.ts", args, { env: { LOG_LEVEL: "warn", READOUT_EMBED_WORKERS: "1", ...env }, onStderr });

const goodMarkdown = (title: string, date: string, paragraphs: string[]) =>
  `---\ntitle: "${title}"\ndate: ${date}\nsource_url: https://example.org/${date}\n---\n\n${paragraphs.join("\n\n")}\n`;

describe("npm run ingest (the command)", () => {
  const temp = useTempDir("readout-cli-");

  it("prints usage with --help and exits 0; a bad option exits 2", async () => {
    const help = await runIngestCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("readout ingest [--index DIR] [--prune] [--rebuild]");
    const bad = await runIngestCli(["--frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ingest: unknown option '--frobnicate'\n/);
  });

  it("a path that does not exist stops the run with exit 2 and leaves the live index as it was, even with --rebuild", async () => {
    const articles = path.join(temp.path, "kept");
    const index = path.join(temp.path, "kept-index");
    await fs.mkdir(articles, { recursive: true });
    await fs.writeFile(
      path.join(articles, "a.md"),
      goodMarkdown("Talks in Osterburg", "2024-03-01", ["The two ministers met in Osterburg to discuss grain exports and fisheries."]),
    );
    expect((await runIngestCli(["--index", index, articles])).code).toBe(0);
    const live = await fs.readFile(path.join(index, "CURRENT"), "utf8");
    const missing = path.join(temp.path, "no-such-folder");
    for (const args of [[missing], ["--rebuild", missing], [articles, missing]]) {
      const run = await runIngestCli(["--index", index, ...args]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(`${missing}: no such file or folder. Nothing was written; the index is as it was.`);
      expect(await fs.readFile(path.join(index, "CURRENT"), "utf8")).toBe(live);
    }
  });

  it("skips each bad input with a one-line reason, indexes the rest, and exits 1", async () => {
    const articles = path.join(temp.path, "mixed");
    const indexDir = path.join(temp.path, "mixed-index");
    await fs.mkdir(path.join(articles, "sub"), { recursive: true });
    await fs.writeFile(path.join(articles, "good-one.md"), goodMarkdown("Biden meets Kishida", "2024-04-10", story(0)));
    await fs.writeFile(path.join(articles, "sub", "good-two.txt"), `Macron calls Scholz\n\n${story(2).join("\n\n")}\n`);
    await fs.writeFile(path.join(articles, "binary.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    await fs.writeFile(path.join(articles, "latin1.txt"), Buffer.from("Le pr\xe9sident a rencontr\xe9 le chancelier \xe0 Paris.\n", "latin1"));
    await fs.writeFile(path.join(articles, "empty.md"), "");
    await fs.writeFile(path.join(articles, "broken-front-matter.md"), "---\ntitle: [unclosed\ndate: : :\n---\n\nSome text here about a meeting.\n");
    const huge = await fs.open(path.join(articles, "huge.txt"), "w");
    await huge.truncate(50 * 1024 * 1024);
    await huge.write("The end of a very large file.\n", 50 * 1024 * 1024 - 40);
    await huge.close();
    const unreadable = path.join(articles, "unreadable.md");
    if (os.userInfo().uid === 0) {
      // temp.path reads any file whatever its mode: a dangling link is what temp.path cannot read.
      await fs.symlink(path.join(temp.path, "does-not-exist.md"), unreadable);
    } else {
      await fs.writeFile(unreadable, goodMarkdown("Secret", "2024-01-01", story(3)));
      await fs.chmod(unreadable, 0o000);
    }
    await fs.writeFile(path.join(articles, "notes.pdf"), "%PDF-1.4");
    await fs.writeFile(path.join(articles, ".hidden.md"), goodMarkdown("Hidden", "2024-01-01", story(4)));

    const result = await runIngestCli(["--index", indexDir, articles]);
    expect(result.code, result.stderr).toBe(1);
    const out = result.stdout;
    expect(out).toMatch(/files read: +2/);
    expect(out).toMatch(/2 added, 0 updated, 0 unchanged, 0 removed, 0 duplicates, 6 skipped/);
    const skippedLine = (name: string) => out.split("\n").find((line) => line.includes("skipped:") && line.includes(name));
    expect(skippedLine("binary.md")).toMatch(/binary/);
    expect(skippedLine("latin1.txt")).toMatch(/UTF-8/);
    expect(skippedLine("empty.md")).toMatch(/empty/);
    expect(skippedLine("broken-front-matter.md")).toMatch(/front matter/i);
    expect(skippedLine("huge.txt")).toMatch(/50\.0 MB/);
    expect(skippedLine("unreadable.md")).toBeDefined();
    expect(out).toMatch(/not read: .*notes\.pdf: unsupported file type \.pdf/);
    expect(out).toMatch(/not read: .*\.hidden\.md: hidden/);

    const index = await openIndex(indexDir, new UseLiteEmbeddings({ workers: 0, batchSize: 8 }));
    expect([...index.articles.keys()].sort()).toEqual(["good-one.md", "sub/good-two.txt"]);

    // Fix the bad files away: the next run reads everything and exits 0.
    for (const name of ["binary.md", "latin1.txt", "empty.md", "broken-front-matter.md", "huge.txt", "unreadable.md"]) {
      await fs.rm(path.join(articles, name), { force: true });
    }
    const clean = await runIngestCli(["--index", indexDir, "--json", articles]);
    expect(clean.code, clean.stderr).toBe(0);
    const summary = JSON.parse(clean.stdout) as { unchanged: number; chunksEmbedded: number; failed: boolean };
    expect(summary).toMatchObject({ unchanged: 2, chunksEmbedded: 0, failed: false });
  });

  it("refuses to run while another ingest holds the lock (exit 2)", async () => {
    const indexDir = path.join(temp.path, "locked-index");
    const lock = await acquireIngestLock(indexDir);
    try {
      const result = await runIngestCli(["--index", indexDir, path.join(temp.path, "mixed")]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Another ingest \(process \d+.*\) is updating the index in .*locked-index/);
    } finally {
      await lock.release();
    }
  });

  it("refuses an index built with another embedding model (exit 2), naming both", async () => {
    const articles = path.join(temp.path, "other-model");
    const indexDir = path.join(temp.path, "other-model-index");
    await fs.mkdir(articles);
    await fs.writeFile(path.join(articles, "a.art"), articleText("A", "2024-01-01", story(1)));
    await runIngest({ paths: [articles], indexDir, embeddings: new CountingEmbeddings(), source: syntheticSource, logger: quietLogger });
    const result = await runIngestCli(["--index", indexDir, articles]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("built with test/fake-words (32 dimensions)");
    expect(result.stderr).toContain("use-lite/universal-sentence-encoder-lite (512 dimensions)");
  });

  it("stops on Ctrl-C (SIGINT) with exit 130, writing nothing and releasing the lock", async () => {
    const indexDir = path.join(temp.path, "interrupted-index");
    let sent = false;
    const result = await runIngestCli(["--index", indexDir, SAMPLE_ARTICLES_DIR], { READOUT_EMBED_WORKERS: "0", READOUT_EMBED_BATCH: "4" }, (text, proc) => {
      if (!sent && /Embedding: .*[1-9]\d*\/\d+ chunks embedded/.test(text)) {
        sent = true;
        proc.kill("SIGINT");
      }
    });
    expect(sent).toBe(true);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain("Stopping: the index will be left as it was");
    expect(result.stderr).toContain("Ingest stopped before it finished; the index was left as it was.");
    expect((await fs.readdir(indexDir)).sort()).toEqual([]);
  });

  it("reports an unreachable embedding server in one line and exits 1", async () => {
    const port = await freePort();
    const indexDir = path.join(temp.path, "unreachable-index");
    const articles = path.join(temp.path, "unreachable-articles");
    await fs.mkdir(articles, { recursive: true });
    await fs.writeFile(path.join(articles, "call.md"), goodMarkdown("Lula calls Modi", "2024-02-02", story(4)));
    const result = await runIngestCli(["--index", indexDir, articles], {
      READOUT_EMBEDDINGS: "ollama",
      READOUT_EMBEDDINGS_BASE_URL: `http://127.0.0.1:${port}`,
      READOUT_EMBEDDINGS_MODEL: "nomic-embed-text",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Embedding with ollama\/nomic-embed-text failed: .*\nNothing was written; the index is as it was\./);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("takes the index folder from READOUT_INDEX_DIR when --index is absent", async () => {
    const articles = path.join(temp.path, "env-articles");
    const indexDir = path.join(temp.path, "env-index");
    await fs.mkdir(articles);
    await fs.writeFile(path.join(articles, "call.md"), goodMarkdown("Lula calls Modi", "2024-02-02", story(4)));
    const result = await runIngestCli([articles], { READOUT_INDEX_DIR: indexDir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 added/);
    expect((await fs.readdir(indexDir)).some((name) => name === "CURRENT")).toBe(true);
  });
});
