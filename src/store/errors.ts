import path from "node:path";

/** A folder as the user would type it: relative to the working directory when inside it. */
export function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dir;
}

/** The ingest command that builds (or rebuilds) the index in `dir`: `--index` is named unless it is the default folder. */
function ingestCommand(dir: string, rebuild: boolean): string {
  const shown = displayPath(dir);
  const index = shown === path.join("data", "index") ? "" : `--index ${/\s/u.test(shown) ? JSON.stringify(shown) : shown} `;
  return `npm run ingest -- ${index}${rebuild ? "--rebuild " : ""}data/articles`;
}

export class IndexNotFoundError extends Error {
  constructor(readonly dir: string) {
    super(`No index in ${displayPath(dir)}. Build one with: ${ingestCommand(dir, false)}`);
    this.name = "IndexNotFoundError";
  }
}

export class IndexCorruptError extends Error {
  constructor(
    readonly dir: string,
    readonly problem: string,
  ) {
    super(`The index in ${displayPath(dir)} cannot be read (${problem}). ` + `Rebuild it with: ${ingestCommand(dir, true)}`);
    this.name = "IndexCorruptError";
  }
}

export class IndexLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly owner?: { pid: number; startedAt?: string },
  ) {
    const who = owner ? ` (process ${owner.pid}${owner.startedAt ? `, started ${owner.startedAt}` : ""})` : "";
    super(`Another ingest${who} is updating the index in ${displayPath(dir)}. Wait for it to finish, then run again.`);
    this.name = "IndexLockedError";
  }
}

export class NoEarlierGenerationError extends Error {
  constructor(readonly dir: string) {
    super(`The index in ${displayPath(dir)} has no earlier generation to return to.`);
    this.name = "NoEarlierGenerationError";
  }
}

/** `--rollback` and /rollback on a store that keeps only its live version. */
export class RollbackUnsupportedError extends Error {
  constructor(readonly location: string) {
    super(
      `Rollback is not available on the PostgreSQL store (${location}): it keeps only the live version. ` +
        "Ingest the earlier articles again, or copy a kept local generation in with npm run copy-index.",
    );
    this.name = "RollbackUnsupportedError";
  }
}
