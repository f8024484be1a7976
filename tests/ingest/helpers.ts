import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const fixtures = path.join(repoRoot, "tests/fixtures/ingest");
export const shared = path.resolve(repoRoot, "../shared");
export const readoutsDir = path.join(shared, "corpora/whitehouse-readouts");
export const scrapedPage = path.join(shared, "examples/scraped-news-page.txt");

export function fixture(name: string): string {
  return path.join(fixtures, name);
}

/** True when the shared folder is there; warns (once per caller) when it is not. */
export function sharedAvailable(file: string, what: string): boolean {
  const present = existsSync(file);
  if (!present) console.warn(`Skipping ${what}: ${file} is absent (the shared corpora live beside the repository in ../shared).`);
  return present;
}
