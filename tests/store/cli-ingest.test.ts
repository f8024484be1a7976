import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UseLiteEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { openIndex } from "../../src/store/index-store.js";
import { acquireIngestLock } from "../../src/store/lock.js";
import { CountingEmbeddings, quietLogger, syntheticSource, articleText, story, tempDir } from "./helpers.js";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const cli = path.join(repoRoot, "src/cli/ingest.ts");

function runCliProcess(
  args: string[],
  env: Record<string, string> = {},
  onStderr?: (text: string, proc: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: "warn", READOUT_EMBED_WORKERS: "1", READOUT_EMBEDDINGS: "use-lite", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (data) => (stdout += String(data)));
    proc.stderr.on("data", (data) => {
      stderr += String(data);
      onStderr?.(stderr, proc);
    });
    proc.on("error", reject);
    proc.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const goodMarkdown = (title: string, date: string, paragraphs: string[]) =>
  `---\ntitle: "${title}"\ndate: ${date}\nsource_url: https://example.org/${date}\n---\n\n${paragraphs.join("\n\n")}\n`;

describe("npm run ingest (the command)", () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir("readout-cli-");
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it("prints usage with --help and exits 0; a bad option exits 2", async () => {
    const help = await runCliProcess(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("readout ingest [--index DIR] [--prune] [--rebuild]");
    const bad = await runCliProcess(["--frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ingest: unknown option '--frobnicate'\n/);
  });

  it("a path that does not exist stops the run with exit 2 and leaves the live index as it was, even with --rebuild", async () => {
    const articles = path.join(root, "kept");
    const index = path.join(root, "kept-index");
    await fs.mkdir(articles, { recursive: true });
    await fs.writeFile(path.join(articles, "a.md"), goodMarkdown("Talks in Osterburg", "2024-03-01", ["The two ministers met in Osterburg to discuss grain exports and fisheries."]));
    expect((await runCliProcess(["--index", index, articles])).code).toBe(0);
    const live = await fs.readFile(path.join(index, "CURRENT"), "utf8");
    const missing = path.join(root, "no-such-folder");
    for (const args of [[missing], ["--rebuild", missing], [articles, missing]]) {
      const run = await runCliProcess(["--index", index, ...args]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(`${missing}: no such file or folder. Nothing was written; the index is as it was.`);
      expect(await fs.readFile(path.join(index, "CURRENT"), "utf8")).toBe(live);
    }
  });

  it("skips each bad input with a one-line reason, indexes the rest, and exits 1", async () => {
    const articles = path.join(root, "mixed");
    const indexDir = path.join(root, "mixed-index");
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
      // root reads any file whatever its mode: a dangling link is what root cannot read.
      await fs.symlink(path.join(root, "does-not-exist.md"), unreadable);
    } else {
      await fs.writeFile(unreadable, goodMarkdown("Secret", "2024-01-01", story(3)));
      await fs.chmod(unreadable, 0o000);
    }
    await fs.writeFile(path.join(articles, "notes.pdf"), "%PDF-1.4");
    await fs.writeFile(path.join(articles, ".hidden.md"), goodMarkdown("Hidden", "2024-01-01", story(4)));

    const result = await runCliProcess(["--index", indexDir, articles]);
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
    const clean = await runCliProcess(["--index", indexDir, "--json", articles]);
    expect(clean.code, clean.stderr).toBe(0);
    const summary = JSON.parse(clean.stdout) as { unchanged: number; chunksEmbedded: number; failed: boolean };
    expect(summary).toMatchObject({ unchanged: 2, chunksEmbedded: 0, failed: false });
  });

  it("refuses to run while another ingest holds the lock (exit 2)", async () => {
    const indexDir = path.join(root, "locked-index");
    const lock = await acquireIngestLock(indexDir);
    try {
      const result = await runCliProcess(["--index", indexDir, path.join(root, "mixed")]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Another ingest \(process \d+.*\) is updating the index in .*locked-index/);
    } finally {
      await lock.release();
    }
  });

  it("refuses an index built with another embedding model (exit 2), naming both", async () => {
    const articles = path.join(root, "other-model");
    const indexDir = path.join(root, "other-model-index");
    await fs.mkdir(articles);
    await fs.writeFile(path.join(articles, "a.art"), articleText("A", "2024-01-01", story(1)));
    await runIngest({ paths: [articles], indexDir, embeddings: new CountingEmbeddings(), source: syntheticSource, logger: quietLogger });
    const result = await runCliProcess(["--index", indexDir, articles]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("built with test/fake-words (32 dimensions)");
    expect(result.stderr).toContain("use-lite/universal-sentence-encoder-lite (512 dimensions)");
  });

  it("stops on Ctrl-C (SIGINT) with exit 130, writing nothing and releasing the lock", async () => {
    const indexDir = path.join(root, "interrupted-index");
    let sent = false;
    const result = await runCliProcess(["--index", indexDir, path.join(repoRoot, "data/articles")], { READOUT_EMBED_WORKERS: "0", READOUT_EMBED_BATCH: "4" }, (text, proc) => {
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
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const indexDir = path.join(root, "unreachable-index");
    const articles = path.join(root, "unreachable-articles");
    await fs.mkdir(articles, { recursive: true });
    await fs.writeFile(path.join(articles, "call.md"), goodMarkdown("Lula calls Modi", "2024-02-02", story(4)));
    const result = await runCliProcess(["--index", indexDir, articles], {
      READOUT_EMBEDDINGS: "ollama",
      READOUT_EMBEDDINGS_BASE_URL: `http://127.0.0.1:${port}`,
      READOUT_EMBEDDINGS_MODEL: "nomic-embed-text",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Embedding with ollama\/nomic-embed-text failed: .*\nNothing was written; the index is as it was\./);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("takes the index folder from READOUT_INDEX_DIR when --index is absent", async () => {
    const articles = path.join(root, "env-articles");
    const indexDir = path.join(root, "env-index");
    await fs.mkdir(articles);
    await fs.writeFile(path.join(articles, "call.md"), goodMarkdown("Lula calls Modi", "2024-02-02", story(4)));
    const result = await runCliProcess([articles], { READOUT_INDEX_DIR: indexDir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 added/);
    expect((await fs.readdir(indexDir)).some((name) => name === "CURRENT")).toBe(true);
  });
});
