/**
 * Print the extracted metadata of a reproducible random sample of readouts, for checking
 * by hand: `npx tsx bench/ingest-sample.ts [SEED] [COUNT] [FOLDER]` (defaults 555, 30,
 * ../shared/corpora/whitehouse-readouts). Each entry shows the title, the start of the
 * first paragraph, and the publication date, event date, place and participants found.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readArticles } from "../src/ingest/read.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A small linear congruential generator: the same seed gives the same sample everywhere. */
function random(seed: number): () => number {
  let state = seed % 2147483648;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const seed = Number(process.argv[2] ?? 555);
const count = Number(process.argv[3] ?? 30);
const root = path.resolve(process.argv[4] ?? path.resolve(repoRoot, "../shared/corpora/whitehouse-readouts"));
if (!existsSync(root)) {
  process.stderr.write(`${root} is absent\n`);
  process.exit(2);
}
const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith(".md")).sort();
const next = random(seed);
const picked = new Set<number>();
while (picked.size < Math.min(count, files.length)) picked.add(Math.floor(next() * files.length));
let n = 0;
for (const index of picked) {
  const file = files[index]!;
  const [article] = await readArticles(path.join(root, file), file);
  if (!article) continue;
  const meta = article.meta;
  const people = meta.participants.map((person) => `${person.name} [${person.title ?? ""}|${person.country ?? ""}]`).join("; ");
  process.stdout.write(
    `#${++n} ${path.basename(file)}\n T: ${meta.title}\n P1: ${article.paragraphs[0]!.slice(0, 500)}\n` +
      ` published=${meta.publishedDate} event=${meta.eventDate} place=${meta.place}\n people=${people}\n\n`,
  );
}
