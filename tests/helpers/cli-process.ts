/**
 * Run one of our command-line programs (`src/cli/*.ts`) as a child process, as
 * `npx tsx src/cli/<name>.ts` would (`node --import tsx`, without npx's start-up),
 * with standard input, and collect its exit code and output.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "./paths.js";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Written to standard input, which is then closed. */
  input?: string;
  /** Added to the environment (after the offline defaults below). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** The checkout to run from (the script's folder and the working directory); else this one. */
  root?: string;
  /** Called with everything written to standard error so far, each time more arrives (to signal the child at a chosen moment). */
  onStderr?: (stderr: string, child: ChildProcess) => void;
}

/**
 * The offline defaults, set explicitly so that a developer's `.env` (dotenv never
 * overrides a variable that is already set) cannot send a test to an LLM endpoint.
 */
const OFFLINE_ENV = { READOUT_LLM: "none", READOUT_EMBEDDINGS: "use-lite", LOG_LEVEL: "silent", READOUT_EMBED_WORKERS: "0" };

export function runCliScript(script: string, args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const root = options.root ?? REPO_ROOT;
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script), ...args], {
      cwd: root,
      env: { ...process.env, ...OFFLINE_ENV, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} ${args.join(" ")} did not finish in ${options.timeoutMs ?? 120_000} ms\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.stdout.on("data", (data) => (stdout += String(data)));
    child.stderr.on("data", (data) => {
      stderr += String(data);
      options.onStderr?.(stderr, child);
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}
