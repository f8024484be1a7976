/** Temporary folders for tests: made under the system's temporary folder, removed after. */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

export async function tempDir(prefix = "readout-test-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/**
 * A temporary folder for the calling test file (`each`: for each test), made
 * before and removed after. Read `.path` inside hooks and tests.
 */
export function useTempDir(prefix: string, options: { each?: boolean } = {}): { readonly path: string } {
  let dir: string | undefined;
  (options.each ? beforeEach : beforeAll)(async () => {
    dir = await tempDir(prefix);
  });
  (options.each ? afterEach : afterAll)(async () => {
    await removeDir(dir);
    dir = undefined;
  });
  return {
    get path() {
      if (!dir) throw new Error("the temporary folder exists only inside hooks and tests");
      return dir;
    },
  };
}
