/**
 * The command line every command shares: `readout COMMAND`, `--help`,
 * unknown options refused with exit 2 and a "did you mean", output that
 * pipes as JSON without npm's banner, and a replay file with a mistyped key
 * treated as bad input (exit 2).
 */
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type AnyCommand, defineCommand, parseCommandLine, UsageError } from "../../src/cli/command.js";
import { didYouMean } from "../../src/text/did-you-mean.js";
import { runCliScript } from "../helpers/cli-process.js";
import { FIXTURE_TODAY, useRetrievalFixture } from "../helpers/temp-index.js";
import { REPO_ROOT } from "../helpers/paths.js";

const exec = promisify(execFile);
const READOUT = "bin/readout.mjs";
const QUESTION = "When did Varga meet Kettering at Lake Orvel?";

describe("parseCommandLine", () => {
  const command = defineCommand({
    name: "demo",
    usage: "Usage: demo",
    options: { index: { type: "string" }, json: { type: "boolean", default: false }, rebuild: { type: "boolean", default: false } },
    positionals: true,
    run: async () => 0,
  });
  const usageError = (argv: string[]) => {
    try {
      parseCommandLine(command, argv);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error(`no error for ${argv.join(" ")}`);
  };

  it("parses options and positionals, and reports --help anywhere", () => {
    const parsed = parseCommandLine(command, ["--index", "x", "a", "--json", "b"]);
    expect(parsed).toMatchObject({ values: { index: "x", json: true, rebuild: false }, positionals: ["a", "b"] });
    expect(parseCommandLine(command, ["a", "-h"])).toBe("help");
    expect(parseCommandLine(command, ["--frobnicate", "--help"])).toBe("help");
  });

  it("refuses unknown options, with the near miss named", () => {
    expect(usageError(["--jsno"])).toBe("unknown option '--jsno' (did you mean --json?)");
    expect(usageError(["--rebuld", "a"])).toBe("unknown option '--rebuld' (did you mean --rebuild?)");
    expect(usageError(["--idx=3"])).toBe("unknown option '--idx' (did you mean --index?)");
    expect(usageError(["--frobnicate"])).toBe("unknown option '--frobnicate'");
    expect(usageError(["-x"])).toBe("unknown option '-x'");
    expect(usageError(["--index"])).toMatch(/--index <value>' argument missing/);
    expect(usageError(["--json=yes"])).toMatch(/does not take an argument/);
  });

  it("refuses arguments to a command that takes none", () => {
    const bare = { ...command, name: "start", options: {}, positionals: false };
    expect(() => parseCommandLine(bare, ["now"])).toThrow("start takes no arguments, only options: 'now' is not one");
  });

  it("suggests only close names", () => {
    expect(didYouMean("aks", ["ingest", "ask", "eval"])).toBe("ask");
    expect(didYouMean("ing", ["ingest", "ask", "eval"])).toBe("ingest");
    expect(didYouMean("frobnicate", ["ingest", "ask", "eval"])).toBeUndefined();
  });
});

describe("--help and unknown options on every command", () => {
  const nearMisses: Record<string, [string, string]> = {
    ingest: ["--rebuld", "--rebuild"],
    "copy-index": ["--replce", "--replace"],
    ask: ["--jsno", "--json"],
    eval: ["--verbos", "--verbose"],
    replay: ["--updte", "--update"],
    start: ["--hlep", "--help"],
  };
  // Each command's own definition, loaded as `readout` loads it (importing runs nothing: only the entry point runs).
  const modules: Record<string, () => Promise<{ command: AnyCommand }>> = {
    ingest: () => import("../../src/cli/ingest.js"),
    "copy-index": () => import("../../src/cli/copy-index.js"),
    ask: () => import("../../src/cli/ask.js"),
    eval: () => import("../../src/cli/eval.js"),
    replay: () => import("../../src/cli/replay.js"),
    start: () => import("../../src/cli/start.js"),
  };
  for (const [name, [typo, meant]] of Object.entries(nearMisses)) {
    it(`readout ${name}`, async () => {
      const { command } = await modules[name]!();
      expect(command.name).toBe(name);
      expect(command.usage).toMatch(new RegExp(`^Usage:\\s+readout ${name}`));
      expect(parseCommandLine(command, ["--help"])).toBe("help");
      expect(parseCommandLine(command, ["-h"])).toBe("help");
      expect(() => parseCommandLine(command, [typo])).toThrow(`unknown option '${typo}' (did you mean ${meant}?)`);
    }, 60_000);
  }

  it("as a process: the usage on --help, exit 2 and the near miss on standard error", async () => {
    const help = await runCliScript(READOUT, ["ask", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:\s+readout ask/);
    const wrong = await runCliScript(READOUT, ["start", "--hlep"], { input: "hello\n" });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe("");
    expect(wrong.stderr).toMatch(/^readout start: unknown option '--hlep' \(did you mean --help\?\)\n\nUsage: readout start/);
  }, 60_000);

  it("readout --help lists the commands; an unknown command exits 2 with a suggestion", async () => {
    const help = await runCliScript(READOUT, ["--help"]);
    expect(help.code).toBe(0);
    for (const name of ["ingest", "ask", "eval", "replay", "start"]) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    const typo = await runCliScript(READOUT, ["aks", QUESTION]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/^readout: unknown command 'aks' \(did you mean ask\?\)/);
    const none = await runCliScript(READOUT, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^readout: no command given/);
  });

  it("package.json names the readout command", async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(REPO_ROOT, "package.json"), "utf8"));
    expect(pkg.bin).toEqual({ readout: "bin/readout.mjs" });
  });
});

describe("with an index", () => {
  const fixture = useRetrievalFixture();

  /** Runs a command line as the README shows it, through the shell, in the checkout. */
  const shell = (line: string) =>
    exec("sh", ["-c", line], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        READOUT_INDEX_DIR: fixture.dir,
        READOUT_TODAY: FIXTURE_TODAY,
        READOUT_LLM: "none",
        READOUT_EMBEDDINGS: "use-lite",
        LOG_LEVEL: "silent",
      },
      timeout: 120_000,
    });

  it("`npx readout ask --json … > answer.json` writes a file that parses as JSON", async () => {
    const out = path.join(fixture.root, "answer.json");
    await shell(`npx readout ask --json "${QUESTION}" > "${out}"`);
    const answer = JSON.parse(await fs.readFile(out, "utf8"));
    expect(answer.question).toBe(QUESTION);
    expect(answer.abstained).toBe(false);
  }, 120_000);

  it("`npm run -s ask -- --json …` pipes into a JSON parser", async () => {
    const { stdout } = await shell(
      `npm run -s ask -- --json "${QUESTION}" | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).answer)'`,
    );
    expect(stdout).toMatch(/^June 15, 2023/);
  }, 120_000);

  it("a replay file with a mistyped key is bad input: exit 2, the key and its correction named", async () => {
    const file = path.join(fixture.root, "typo.yaml");
    await fs.writeFile(file, `today: ${FIXTURE_TODAY}\nturns:\n  - user: ${QUESTION}\n    expect: { contans: Lake Orvel }\n`);
    const run = await runCliScript("src/cli/replay.ts", ["--index", fixture.dir, file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Unrecognized key: "contans" \(did you mean "contains"\?\)/);
    expect(run.stdout).toMatch(/0 passed, 0 failed, 1 invalid file/);
    expect(run.stderr).toMatch(/replay: 1 file is not a valid conversation/);
  }, 120_000);
});
