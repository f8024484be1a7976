/**
 * Crash tests of an ingest: two versions of a synthetic corpus, a child ingest
 * (crash-child.ts) SIGKILLed at a chosen moment, and the check that what is left
 * is one whole version.
 */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { IngestProgress } from "../../src/store/types.js";
import { REPO_ROOT } from "./paths.js";
import { articleText, story } from "./synthetic-articles.js";

/** Articles in version 1 of the crash corpus; version 2 changes every third one and adds 30. */
export const CRASH_ARTICLES = 120;

/** Write version 1 or 2 of the crash corpus into `dir`, replacing what was there. */
export async function writeCrashVersion(dir: string, version: 1 | 2): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const count = version === 1 ? CRASH_ARTICLES : CRASH_ARTICLES + 30;
  for (let i = 0; i < count; i++) {
    const changed = version === 2 && i % 3 === 0;
    const title = changed ? `Meeting ${i} (revised)` : `Meeting ${i}`;
    await fs.writeFile(path.join(dir, `m${String(i).padStart(3, "0")}.art`), articleText(title, "2024-01-01", story(i, changed ? " Revised." : "")));
  }
}

/** Which whole version an index holds, judged by its article titles: "old" (1), "new" (2), or undefined for a mix. */
export function crashVersionOf(titles: string[]): "old" | "new" | undefined {
  if (titles.length === CRASH_ARTICLES && titles.every((title) => !title.includes("revised"))) return "old";
  if (titles.length === CRASH_ARTICLES + 30 && titles.filter((title) => title.includes("revised")).length === (CRASH_ARTICLES + 30) / 3) return "new";
  return undefined;
}

/** Where a crash test kills the child ingest: at the first progress event `when` accepts, after `delayMs`. */
export interface KillPoint {
  name: string;
  when: (event: IngestProgress) => boolean;
  delayMs: number;
}

/**
 * Run `crash-child.ts` on the articles into `target` (an index folder or a database URL) and
 * SIGKILL it at the kill point. Resolves with whether it was killed before finishing.
 */
export function ingestAndKill(articles: string, target: string, point: KillPoint): Promise<{ killed: boolean }> {
  const child = path.join(import.meta.dirname, "crash-child.ts");
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", child, articles, target], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let finished = false;
    let stderr = "";
    proc.stderr.on("data", (data) => (stderr += String(data)));
    createInterface({ input: proc.stdout }).on("line", (line) => {
      const event = JSON.parse(line) as IngestProgress & { done: unknown };
      if ((event as { done: unknown }).done === true) finished = true;
      else if (point.when(event)) setTimeout(() => proc.kill("SIGKILL"), point.delayMs);
    });
    proc.on("error", reject);
    proc.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ killed: !finished });
      else if (code === 0) resolve({ killed: false });
      else reject(new Error(`child ingest failed (${code}): ${stderr}`));
    });
  });
}
