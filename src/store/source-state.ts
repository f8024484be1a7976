/**
 * The state of web sources (the validators for the next conditional request, the
 * last refresh and its error), in `<index>/sources.json`. It is written after the
 * index generation it describes, so a crash in between costs one unconditional
 * request, never a missed article.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "./generations.js";
import type { SourceState } from "./types.js";

export const SOURCE_STATE_FILE = "sources.json";

export async function readSourceState(indexDir: string): Promise<Record<string, SourceState>> {
  try {
    const value = JSON.parse(await fs.readFile(path.join(indexDir, SOURCE_STATE_FILE), "utf8")) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, SourceState>) : {};
  } catch {
    // Missing or unreadable: every source is simply asked for in full once.
    return {};
  }
}

export async function writeSourceState(indexDir: string, state: Record<string, SourceState>): Promise<void> {
  await fs.mkdir(indexDir, { recursive: true });
  await writeFileAtomic(path.join(indexDir, SOURCE_STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}
