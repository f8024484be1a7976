/** The files and folders an ingest is given: checked before anything is read, and looked up again when an article's file may be gone. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { IngestInputError } from "../errors.js";

/** Every path given must exist and open; otherwise the run stops before it reads or writes anything. */
export async function requireInputs(paths: readonly string[]): Promise<void> {
  const problems: string[] = [];
  for (const input of paths) {
    try {
      await fs.stat(path.resolve(input));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(`${path.resolve(input)}: ${code === "ENOENT" ? "no such file or folder" : `cannot open (${code ?? (error as Error).message})`}`);
    }
  }
  if (problems.length > 0) throw new IngestInputError(problems);
}

export async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
