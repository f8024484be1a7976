import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The house rules a reviewer would otherwise check by eye: rooms import downward only, and no source file
 * grows past what one reader holds in mind.
 */

const SRC = path.resolve(import.meta.dirname, "..", "src");
const MAX_LINES = 400;

/** Each room's floor (configuration and logging stand just above the text toolkit): a room imports from lower floors, or sideways where listed. */
const FLOORS: Record<string, number> = {
  text: 0,
  types: 0,
  config: 0.5,
  log: 0.5,
  store: 1,
  embeddings: 1,
  telegram: 1,
  ingest: 2,
  retrieval: 2,
  bot: 3,
  replay: 3,
  cli: 4,
};

/** Same-floor imports that are part of the design; the reverse direction stays forbidden, so no cycle can form. */
const SIDEWAYS = new Set(["store->embeddings", "replay->bot"]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(?:ts|mts|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** The first folder below src/, or the module name of a file directly in it (`src/config.ts` and `src/config/` are one room). */
function roomOf(file: string): string {
  return path
    .relative(SRC, file)
    .split(path.sep)[0]!
    .replace(/\.m?[jt]s$/, "");
}

function relativeImports(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((ref) => ref.fileName).filter((name) => name.startsWith("."));
}

describe("the house", () => {
  const files = sourceFiles(SRC);

  it("knows the floor of every room in src/", () => {
    const rooms = [...new Set(files.map(roomOf))];
    expect(rooms.filter((room) => FLOORS[room] === undefined)).toEqual([]);
  });

  it("imports downward only", () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = roomOf(file);
      for (const specifier of relativeImports(file)) {
        const to = roomOf(path.resolve(path.dirname(file), specifier));
        if (to === from || to === "..") continue;
        const [fromFloor, toFloor] = [FLOORS[from]!, FLOORS[to]!];
        if (toFloor < fromFloor || (toFloor === fromFloor && SIDEWAYS.has(`${from}->${to}`))) continue;
        wrong.push(`${path.relative(SRC, file)} imports ${specifier} (${from} is on floor ${fromFloor}, ${to} on floor ${toFloor})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it(`keeps every source file within ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => ({ file: path.relative(SRC, file), lines: fs.readFileSync(file, "utf8").trimEnd().split("\n").length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});
