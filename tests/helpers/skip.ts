/**
 * Skipping a test that needs what this machine may lack (PostgreSQL, Redis,
 * the shared corpora): one warning that names the test file and says why, so
 * that a skip is never silent.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./paths.js";

/**
 * Warn when `reason` is set (the test file skips) and return it; undefined means the tests run.
 * Use: `const unavailable = skipNotice(import.meta.filename, postgresUnavailable());`
 */
export function skipNotice(testFile: string, reason: string | undefined): string | undefined {
  if (reason) console.warn(`${path.relative(REPO_ROOT, testFile)}: skipped, ${reason}`);
  return reason;
}

/** True when `file` of the shared folder is there; otherwise warns that `what` is skipped. */
export function sharedAvailable(file: string, what: string): boolean {
  const present = existsSync(file);
  if (!present) console.warn(`Skipping ${what}: ${file} is absent (the shared corpora live beside the repository in ../shared).`);
  return present;
}
