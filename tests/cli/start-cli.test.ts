/** `npm start` takes its settings from the environment: --help prints how, and any other option is refused before anything starts. */
import { describe, expect, it } from "vitest";
import { runCliScript } from "../helpers/cli-process.js";

const START = "src/cli/start.ts";

describe("npm start (the command line)", () => {
  it("prints its usage with --help and exits 0, without opening the chat", async () => {
    const run = await runCliScript(START, ["--help"], { input: "hello\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: readout start/);
    expect(run.stdout).not.toMatch(/Hello!/);
  });

  it("refuses an unknown option with exit code 2 and the usage", async () => {
    const run = await runCliScript(START, ["--frobnicate"], { input: "hello\n" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^start: unknown option '--frobnicate'\n[\s\S]*Usage: readout start/);
  });
});
