import { chmod, mkdir, open, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SkipError } from "../../src/ingest/errors.js";
import { readArticles } from "../../src/ingest/read.js";
import { ingestFixture as fixture } from "../helpers/paths.js";
import { tempDir, removeDir } from "../helpers/temp-dir.js";

let dir: string;

beforeAll(async () => {
  dir = await tempDir("readout-bad-input-");
});

afterAll(async () => {
  await chmod(path.join(dir, "unreadable.md"), 0o644).catch(() => undefined);
  await removeDir(dir);
});

async function skipReason(file: string, options = {}): Promise<string> {
  try {
    await readArticles(file, path.basename(file), options);
  } catch (error) {
    expect(error).toBeInstanceOf(SkipError);
    const reason = (error as SkipError).reason;
    expect(reason).not.toContain("\n");
    return reason;
  }
  throw new Error(`${file} was read without a SkipError`);
}

describe("bad input is skipped with a one-line reason", () => {
  it("binary file with NUL bytes", async () => {
    const file = path.join(dir, "image.md");
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    expect(await skipReason(file)).toMatch(/^binary file/);
  });

  it("binary file that is mostly control bytes", async () => {
    const file = path.join(dir, "noise.txt");
    const bytes = Buffer.alloc(2000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 31 || 1;
    await writeFile(file, bytes);
    expect(await skipReason(file)).toMatch(/^binary file/);
  });

  it("invalid UTF-8, naming the line", async () => {
    const file = path.join(dir, "latin1.txt");
    await writeFile(file, Buffer.concat([Buffer.from("A first line\nThe minister visited M"), Buffer.from([0xfc]), Buffer.from("nchen today.\n")]));
    expect(await skipReason(file)).toMatch(/^invalid UTF-8 \(first bad byte on line 2\)/);
  });

  it("empty file", async () => {
    const file = path.join(dir, "empty.md");
    await writeFile(file, "");
    expect(await skipReason(file)).toBe("empty file");
  });

  it("whitespace-only file", async () => {
    const file = path.join(dir, "blank.txt");
    await writeFile(file, "  \n\t\n   \n");
    expect(await skipReason(file)).toBe("file holds only whitespace");
  });

  it("a file with nothing but page chrome left after cleaning", async () => {
    const file = path.join(dir, "chrome.txt");
    await writeFile(file, "Share this article\nAdvertisement\nPrint\n");
    expect(await skipReason(file)).toMatch(/no article text/);
  });

  it("front matter with nothing after it", async () => {
    const file = path.join(dir, "header-only.md");
    await writeFile(file, "---\ntitle: Only a header\ndate: 2024-01-01\n---\n\n");
    expect(await skipReason(file)).toMatch(/no article text/);
  });

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  it.skipIf(isRoot)("unreadable file (chmod 000)", async () => {
    const file = path.join(dir, "unreadable.md");
    await writeFile(file, "---\ntitle: Secret\n---\n\nText.\n");
    await chmod(file, 0o000);
    expect(await skipReason(file)).toMatch(/^permission denied/);
  });
  if (isRoot) console.warn("Skipping the chmod 000 case: running as root, where chmod does not stop reading.");

  it("a directory given as a file", async () => {
    const sub = path.join(dir, "folder.md");
    await mkdir(sub);
    expect(await skipReason(sub)).toMatch(/directory/);
  });

  it("a missing file", async () => {
    expect(await skipReason(path.join(dir, "missing.md"))).toBe("file not found");
  });

  it("broken front matter names the line", async () => {
    expect(await skipReason(fixture("broken-front-matter.md"))).toMatch(/^broken front matter on line 6: /);
  });

  it("front matter that is never closed", async () => {
    expect(await skipReason(fixture("unclosed-front-matter.md"))).toMatch(/^broken front matter: .*never closed/);
  });

  it("unsupported extension", async () => {
    const file = path.join(dir, "notes.docx");
    await writeFile(file, "text");
    expect(await skipReason(file)).toMatch(/^unsupported file type '\.docx'/);
  });

  it("a JSON file that is not JSON", async () => {
    const file = path.join(dir, "broken.json");
    await writeFile(file, '{"title": "x", "text": ');
    expect(await skipReason(file)).toMatch(/^invalid JSON/);
  });

  it("a JSON lines file where no line is readable", async () => {
    const file = path.join(dir, "all-bad.jsonl");
    await writeFile(file, 'not json\n{"title": "no text"}\n');
    expect(await skipReason(file)).toMatch(/^no readable records: line 1: invalid JSON.*\(and 1 more\)$/);
  });

  it("a 50 MB file is refused quickly, without being read", async () => {
    const file = path.join(dir, "huge.txt");
    const handle = await open(file, "w");
    try {
      // A sparse file: its size is 50 MB without writing 50 MB.
      await handle.truncate(50 * 1024 * 1024);
      await handle.write("The end.", 50 * 1024 * 1024 - 8);
    } finally {
      await handle.close();
    }
    const started = performance.now();
    expect(await skipReason(file)).toBe("file is 50.0 MB, over the 10.0 MB limit");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("the size limit can be set", async () => {
    const file = path.join(dir, "small.txt");
    await writeFile(file, "The committee met on Monday and agreed the budget for the year.\n");
    expect(await skipReason(file, { maxBytes: 10 })).toMatch(/over the 10 bytes limit/);
    await expect(readArticles(file, "small.txt", { maxBytes: 1000 })).resolves.toHaveLength(1);
  });

  it("a UTF-16 file with a byte-order mark is decoded rather than refused", async () => {
    const file = path.join(dir, "utf16.txt");
    const body = "The two ministers met in Oslo on Friday.\n";
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, "utf16le")]));
    const [article] = await readArticles(file, "utf16.txt");
    expect(article!.paragraphs).toEqual(["The two ministers met in Oslo on Friday."]);
  });

  it("a record without a date is still read, its date unknown", async () => {
    const file = path.join(dir, "undated.jsonl");
    await writeFile(file, '{"title": "Undated note", "text": "The working group met to review the draft."}\n');
    const [article] = await readArticles(file, "undated.jsonl");
    expect(article!.meta.publishedDate).toBeUndefined();
    expect(article!.meta.title).toBe("Undated note");
  });
});

describe("pages without text", () => {
  it("a Markdown page that holds only images is skipped with a reason that says so", async () => {
    const dir = await tempDir("readout-images-");
    try {
      const file = path.join(dir, "poster.md");
      await writeFile(file, '---\ntitle: Poster\ndate: 2025-01-01\n---\n\n<figure>\n<img\nsrc="https://example.org/poster.png"\nwidth="800" />\n</figure>\n');
      expect(await skipReason(file)).toBe("no article text: the page holds only images or embedded media");
    } finally {
      await removeDir(dir);
    }
  });
});

describe("HTML pages in a legacy character set", () => {
  it("are decoded with the charset their <meta> declares", async () => {
    const dir = await tempDir("readout-charset-");
    try {
      const file = path.join(dir, "legacy.html");
      const html =
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Talks in M\u00fcnchen</title></head><body><article><p>The ministers met in M\u00fcnchen on Friday \u2013 their first meeting this year.</p></article></body></html>';
      await writeFile(file, encodeWindows1252(html));
      const [article] = await readArticles(file, "legacy.html");
      expect(article!.meta.title).toBe("Talks in M\u00fcnchen");
      expect(article!.paragraphs).toEqual(["The ministers met in M\u00fcnchen on Friday \u2013 their first meeting this year."]);
    } finally {
      await removeDir(dir);
    }
  });

  it("a text file in a legacy character set is still refused as invalid UTF-8", async () => {
    const dir = await tempDir("readout-charset-");
    try {
      const file = path.join(dir, "legacy.txt");
      await writeFile(file, encodeWindows1252("The ministers met in M\u00fcnchen."));
      expect(await skipReason(file)).toMatch(/^invalid UTF-8/);
    } finally {
      await removeDir(dir);
    }
  });
});

/** Windows-1252 bytes for the few characters these tests use. */
function encodeWindows1252(text: string): Buffer {
  const special: Record<string, number> = { "\u2013": 0x96, "\u2014": 0x97, "\u2019": 0x92 };
  return Buffer.from([...text].map((ch) => special[ch] ?? ch.charCodeAt(0)));
}
