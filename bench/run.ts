/**
 * npm run bench [-- SECTION...]
 *
 * Runs the benchmark sections (all of them, or those named). A section is a
 * module `bench/<name>.ts` exporting `run(): Promise<void>` that prints its own
 * figures; add one by adding a line to SECTIONS.
 */
import os from "node:os";

type Section = () => Promise<{ run: () => Promise<void> }>;

const SECTIONS: Record<string, Section> = {
  ingest: () => import("./ingest.js"),
  "ingest-text": () => import("./ingest-text.js"),
  "bot-load": () => import("./bot-load.js"),
  "llm-eval": () => import("./llm-eval.js"),
  retrieval: () => import("./retrieval.js"),
  stores: () => import("./stores.js"),
};

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((arg) => arg !== "--");
  if (asked.includes("--help") || asked.includes("-h")) {
    process.stdout.write(`Usage: npm run bench [-- SECTION...]\nSections: ${Object.keys(SECTIONS).join(", ")}\n`);
    return 0;
  }
  const unknown = asked.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark section: ${unknown.join(", ")}. Sections: ${Object.keys(SECTIONS).join(", ")}\n`);
    return 2;
  }
  const names = asked.length > 0 ? asked : Object.keys(SECTIONS);
  const cpus = os.cpus();
  process.stdout.write(
    `Readout benchmarks on ${os.hostname()}: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ` +
      `Node ${process.version}, load average ${os
        .loadavg()
        .map((load) => load.toFixed(2))
        .join(" ")}\n`,
  );
  for (const name of names) {
    process.stdout.write(`\n== ${name} ==\n`);
    const section = await SECTIONS[name]!();
    await section.run();
  }
  return 0;
}

process.exitCode = await main();
