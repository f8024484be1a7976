/**
 * A throw-away PostgreSQL cluster with pgvector for tests: initdb in a temporary
 * folder, a free loopback port, trust authentication, removed after. PostgreSQL
 * refuses to run as root, so as root the cluster runs as the `postgres` user.
 * pgvector is built from ../shared/vendor by scripts/install-pgvector.sh when missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./paths.js";
import { freePort } from "./wait.js";

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/<database> of a fresh database. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function binDir(): string | undefined {
  const versions = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  const newest = versions.at(-1);
  if (newest && existsSync(`/usr/lib/postgresql/${newest}/bin/initdb`)) return `/usr/lib/postgresql/${newest}/bin`;
  try {
    return path.dirname(execFileSync("which", ["initdb"], { encoding: "utf8" }).trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** Why PostgreSQL tests cannot run here, or undefined when they can (pgvector is installed first if needed). */
function unavailableReason(): string | undefined {
  const bin = binDir();
  if (!bin) return "PostgreSQL is not installed (apt-get install postgresql)";
  if (!existsSync(path.join(REPO_ROOT, "../shared"))) return "../shared is missing (pgvector's source is in ../shared/vendor)";
  const install = spawnSync("bash", [path.join(REPO_ROOT, "scripts/install-pgvector.sh")], {
    encoding: "utf8",
    env: { ...process.env, PG_CONFIG: path.join(bin, "pg_config") },
  });
  if (install.status !== 0) return `pgvector is not installed and could not be built: ${install.stderr.trim() || install.error?.message}`;
  if (process.getuid?.() === 0) {
    try {
      execFileSync("id", ["postgres"], { stdio: "ignore" });
    } catch {
      return "running as root and there is no `postgres` user to run the cluster as";
    }
  }
  return undefined;
}

let checked: { reason?: string } | undefined;

/** Undefined when a cluster can be started; otherwise why not (the caller skips with it). */
export function postgresUnavailable(): string | undefined {
  checked ??= { reason: unavailableReason() };
  return checked.reason;
}

function asServerUser(command: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const [file, argv] = root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed: ${(result.stderr || result.stdout || result.error?.message || "").trim()}`);
}

/** `durable`: fsync on, as a production server runs (benchmarks); tests skip it for speed. */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const reason = postgresUnavailable();
  if (reason) throw new Error(reason);
  const bin = binDir()!;
  const dir = mkdtempSync(path.join(os.tmpdir(), "readout-pg-"));
  if (process.getuid?.() === 0)
    chownSync(dir, Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })));
  const data = path.join(dir, "data");
  const port = await freePort();
  asServerUser(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=40${options.durable ? "" : " -c fsync=off -c shared_buffers=32MB"}`;
  asServerUser(path.join(bin, "pg_ctl"), ["-D", data, "-o", settings, "-l", path.join(dir, "server.log"), "-w", "start"]);
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    async createDatabase(name) {
      asServerUser(path.join(bin, "psql"), [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-d",
        "postgres",
        "-q",
        "-c",
        `CREATE DATABASE "${name}"`,
      ]);
      return url(name);
    },
    async stop() {
      try {
        asServerUser(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
