/** Start the real bot process (`node --import tsx src/cli/start.ts`, what `npm start` runs) against a Bot API server. */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export interface BotProcess {
  child: ChildProcess;
  /** Settles with the exit code. */
  exit: Promise<number | null>;
  /** Everything the process wrote (logs on stderr, anything on stdout). */
  output(): string;
  /** SIGTERM, then wait for the exit code. */
  stop(): Promise<number | null>;
}

export function startBotProcess(options: { token: string; apiRoot: string; workDir: string; articleDirs: string[]; env?: Record<string, string> }): BotProcess {
  let output = "";
  // What `npm start` runs.
  const command = ["--import", "tsx", "src/cli/start.ts"];
  const child = spawn(process.execPath, command, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TELEGRAM_BOT_TOKEN: options.token,
      TELEGRAM_API_ROOT: options.apiRoot,
      READOUT_INDEX_DIR: path.join(options.workDir, "index"),
      READOUT_ARTICLES_DIRS: options.articleDirs.join(","),
      READOUT_SESSION_STORAGE: "file",
      READOUT_SESSION_DIR: path.join(options.workDir, "sessions"),
      READOUT_ADMIN_IDS: "",
      READOUT_ALLOWED_IDS: "",
      // Settings a developer's .env might hold are pinned, so the run is the same everywhere.
      READOUT_EMBEDDINGS: "use-lite",
      READOUT_LLM: "none",
      READOUT_WEBHOOK_URL: "",
      READOUT_RECORD_DIR: "",
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr?.on("data", (chunk) => (output += String(chunk)));
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    exit,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exit;
    },
  };
}
