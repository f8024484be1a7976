/**
 * The LLM answerer on the sample evaluation set (a section of `npm run bench`,
 * or `npx tsx bench/llm-eval.ts [options]`), against the loopback fake LLM
 * server replaying tests/fixtures/llm/sample-eval.json, side by side with the
 * offline answerer on the same index. Scored by the code `npm run eval` uses.
 *
 * Options:
 *   --index DIR      build (or refresh) the index of data/articles there and keep it
 *                    (default: a temporary folder, removed afterwards)
 *   --ids A,B        only these questions (plus the earlier turns of their conversations)
 *   --verbose        every LLM answer with what the checker removed, and every miss
 *   --json           the figures as one JSON object
 *   --capture        fold the run into the fixture: prompts with no recording are added, and
 *                    recordings gone stale (a cited passage no longer given) are reopened,
 *                    with "reply": null; their prompts, with the [[article¶p]] identity to
 *                    cite each numbered passage by, go to --prompts FILE (default
 *                    /tmp/readout-llm-eval-prompts.txt) to be answered there. It also fills in
 *                    the cited texts of replies written with [[article¶p]] markers, and
 *                    relabels cited passages whose paragraph number changed (same text)
 *   --prune          with --capture over the whole set: drop recorded entries no run asked for
 *   --upstream URL   with --capture: ask a real OpenAI-compatible endpoint for the missing
 *                    replies, pass after pass, instead of leaving them null, and store them
 *                    in the identity form (model: --model NAME, default gpt-4o-mini; key:
 *                    READOUT_LLM_API_KEY or OPENAI_API_KEY)
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createEmbeddings } from "../src/embeddings/index.js";
import { parseConfig } from "../src/config.js";
import { metricsColumns, pct } from "../src/retrieval/evaluation/evaluation.js";
import {
  formatMisses,
  formatPromptsToAnswer,
  captureFromUpstream,
  describeEntry,
  entryKey,
  loadSampleEvalFixture,
  loadSampleEvalSet,
  mergeCaptured,
  pruneUnused,
  runLlmEval,
  saveSampleEvalFixture,
  VARIANTS,
  withConversationContext,
  type LlmEvalReport,
  type Variant,
  type VariantRun,
} from "../tests/helpers/llm-eval.js";
import { buildSampleIndex, REPO_ROOT } from "../tests/helpers/sample-index.js";

const LABELS: Record<Variant, string> = { offline: "offline", llm: "LLM (as configured)", "llm-ungated": "LLM, no support check" };

function metricsTable(runs: LlmEvalReport["runs"]): string {
  const present = VARIANTS.filter((variant) => runs[variant]);
  const lines = [metricsColumns(present.map((variant) => ({ label: LABELS[variant], metrics: runs[variant]!.metrics })))];
  const widths = present.map((variant) => Math.max(LABELS[variant].length, 12));
  lines.push("", `by kind: answer accuracy (answerable) or abstention accuracy (unanswerable)`);
  const kinds = [...new Set(present.flatMap((variant) => [...runs[variant]!.byKind.keys()]))].sort();
  for (const kind of kinds) {
    const cells = present.map((variant, i) => {
      const m = runs[variant]!.byKind.get(kind);
      return (m ? (m.answerable > 0 ? pct(m.answerAccuracy) : pct(m.abstentionAccuracy)) : "-").padStart(widths[i]!);
    });
    lines.push(`  ${kind.padEnd(14)} ${String(runs[present[0]!]!.byKind.get(kind)?.questions ?? 0).padStart(5)}  ${cells.join("  ")}`);
  }
  return lines.join("\n");
}

function checkerSummary(run: VariantRun): string {
  const c = run.checker;
  return [
    `${LABELS[run.variant]}: ${c.answerCalls} answer prompts sent (${run.items.length - c.answerCalls} questions abstained before asking), ${c.followUpCalls} follow-up rewrites asked`,
    `  replies that abstained: ${c.abstainingReplies}`,
    `  citations to passages not given, removed: ${c.invalidCitations} (in ${c.answersWithInvalidCitations} answers)`,
    `  sentences without a valid citation, removed: ${c.removedSentences} (in ${c.answersWithRemovedSentences} answers)`,
    `  sentences stating a day their cited passages do not have, removed: ${c.ungroundedSentences}`,
    `  answers the checker turned into the abstention: ${c.turnedIntoAbstention}`,
  ].join("\n");
}

function plantedSummary(report: LlmEvalReport): string {
  if (report.planted.length === 0) return "planted mistakes: none in these questions";
  const lines = [
    `planted mistakes (judged on the configured chain): ${report.planted.filter((p) => p.caught).length} of ${report.planted.length} kept from the user`,
  ];
  for (const outcome of report.planted)
    lines.push(`  ${outcome.id} ${outcome.mistake.padEnd(16)} ${outcome.caught ? "caught    " : "NOT caught"}  ${outcome.how}`);
  return lines.join("\n");
}

function redatedSummary(report: LlmEvalReport): string {
  const lines = [
    `${report.redated.length} cited passage(s) now show another meeting date in their header than when the reply was written (same text, so not stale; check that these replies still agree with their prompt):`,
  ];
  for (const change of report.redated) lines.push(`  ${change.id} ${describeEntry(change.entry)}: ${change.ref} ${change.was} → ${change.now}`);
  return lines.join("\n");
}

function verboseAnswers(run: VariantRun): string {
  const lines: string[] = [`${LABELS[run.variant]}, question by question:`];
  for (const item of run.items) {
    const marks = item.item.answerable
      ? [item.score.abstained ? "abstained" : item.score.keywordsOk ? "ok" : "keywords missing", item.score.citesGold ? "cites gold" : "no gold cited"]
      : [item.score.abstained ? "abstained (right)" : "ANSWERED an unanswerable question"];
    lines.push(`${item.item.id} [${item.item.kind}] ${marks.join(", ")}`, `    Q: ${item.item.question}`);
    if (item.result.standaloneQuestion !== item.item.question) lines.push(`    understood as: ${item.result.standaloneQuestion}`);
    if (item.answer && item.answer.reply !== item.result.answer) lines.push(`    LLM: ${item.answer.reply.replace(/\n/g, "\n         ")}`);
    lines.push(`    A: ${item.result.answer.replace(/\n/g, "\n       ")}`);
    if (!item.answer && item.result.abstained) lines.push(`    (${item.result.abstentionReason ?? "abstained"})`);
  }
  return lines.join("\n");
}

export interface LlmEvalCliOptions {
  index?: string;
  ids?: string[];
  verbose?: boolean;
  json?: boolean;
  capture?: boolean;
  prompts?: string;
  prune?: boolean;
  upstream?: string;
  model?: string;
}

/** Run the evaluation and print it; returns the exit code (1 when recordings are missing). */
export async function runLlmEvalCli(options: LlmEvalCliOptions, out: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  const allItems = loadSampleEvalSet();
  const items = options.ids && options.ids.length > 0 ? withConversationContext(allItems, options.ids) : allItems;
  const tmp = options.index ? undefined : await mkdtemp(path.join(os.tmpdir(), "readout-llm-eval-"));
  const indexDir = options.index ? path.resolve(options.index) : path.join(tmp!, "index");
  const config = parseConfig({ READOUT_INDEX_DIR: indexDir, LOG_LEVEL: "silent" }, REPO_ROOT);
  const embeddings = createEmbeddings(config.embeddings);
  try {
    const started = performance.now();
    await buildSampleIndex(indexDir, embeddings, config);
    if (!options.json) out(`index of data/articles in ${indexDir} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    const fixture = loadSampleEvalFixture();
    const report = await runLlmEval({ indexDir, embeddings, items, fixture });

    if (options.capture && options.upstream) {
      const apiKey = process.env.READOUT_LLM_API_KEY ?? process.env.OPENAI_API_KEY;
      const upstream = { url: options.upstream, model: options.model ?? "gpt-4o-mini", ...(apiKey ? { apiKey } : {}) };
      const recorded = await captureFromUpstream({ indexDir, embeddings, items, fixture, upstream });
      let merged = recorded.fixture;
      if (options.prune) merged = pruneUnused(merged, await runLlmEval({ indexDir, embeddings, items, fixture: merged }));
      saveSampleEvalFixture(merged);
      out(
        `${recorded.asked} completion(s) recorded from ${new URL(options.upstream).host} (${upstream.model}) in ${recorded.passes} pass(es); nothing is labelled as planted.\n`,
      );
      return 0;
    }
    if (options.capture) {
      let { fixture: merged, added, reopened } = mergeCaptured(fixture, report);
      if (options.prune) merged = pruneUnused(merged, report);
      saveSampleEvalFixture(merged);
      const promptsFile = options.prompts ?? path.join(os.tmpdir(), "readout-llm-eval-prompts.txt");
      const toWrite = report.misses.filter((miss) => miss.reason !== "incomplete");
      await writeFile(promptsFile, formatPromptsToAnswer(report.misses));
      out(
        `tests/fixtures/llm/sample-eval.json: ${added.length} new entr${added.length === 1 ? "y" : "ies"} and ${reopened.length} stale one(s) reopened with "reply": null.\n`,
      );
      for (const entry of reopened)
        out(
          `  reopened ${entry.ids.join(",")} ${describeEntry(entry)}: ${report.misses.find((miss) => miss.recorded && entryKey(miss.recorded) === entryKey(entry))?.detail ?? ""}\n`,
        );
      const filled = new Set(report.misses.filter((miss) => miss.reason === "incomplete").map((miss) => describeEntry(miss.recorded!)));
      if (filled.size > 0) out(`${filled.size} entr${filled.size === 1 ? "y's" : "ies'"} cited texts filled in from the index.\n`);
      if (report.moved.length > 0) out(`${report.moved.length} cited passage(s) relabelled to their new paragraph number (same text).\n`);
      if (report.redated.length > 0) out(`${redatedSummary(report)}\n(--capture has recorded the new dates.)\n`);
      if (options.prune) out(`${report.unused.length} unused entr${report.unused.length === 1 ? "y" : "ies"} pruned.\n`);
      if (toWrite.length > 0)
        out(
          `The prompts to answer are in ${promptsFile}: write each reply citing [[article¶p]] (see tests/fixtures/llm/README.md), then run --capture again (follow-up turns may reveal further prompts).\n`,
        );
      return 0;
    }
    if (report.misses.length > 0) {
      process.stderr.write(`${formatMisses(report.misses)}\n`);
      return 1;
    }
    if (options.json) {
      const runs = Object.fromEntries(
        Object.entries(report.runs).map(([variant, run]) => [variant, { ...run.metrics, byKind: Object.fromEntries(run.byKind), checker: run.checker }]),
      );
      out(
        `${JSON.stringify({ questions: items.length, runs, planted: report.planted.map((p) => ({ id: p.id, mistake: p.mistake, caught: p.caught, how: p.how })), unusedRecordings: report.unused.length })}\n`,
      );
      return 0;
    }
    if (options.verbose) for (const variant of ["llm", "llm-ungated"] as const) if (report.runs[variant]) out(`${verboseAnswers(report.runs[variant])}\n\n`);
    out(`${metricsTable(report.runs)}\n\n`);
    out("citation checker (on the recorded replies):\n");
    for (const variant of ["llm", "llm-ungated"] as const) if (report.runs[variant]) out(`${checkerSummary(report.runs[variant])}\n`);
    out(`\n${plantedSummary(report)}\n`);
    if (report.unused.length > 0 && !options.ids)
      out(`\n${report.unused.length} recorded completion(s) were not asked for (their question is no longer asked); drop them with --capture --prune\n`);
    if (report.moved.length > 0)
      out(`\n${report.moved.length} cited passage(s) now have another paragraph number (same text; the replies still fit); --capture relabels them\n`);
    if (report.redated.length > 0) out(`\n${redatedSummary(report)}\n`);
    out("(LLM latency is the fake server's, not a model's.)\n");
    return 0;
  } finally {
    await embeddings.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

/** The `npm run bench` section: the whole sample set. */
export async function run(): Promise<void> {
  const code = await runLlmEvalCli({});
  if (code !== 0) process.exitCode = code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      index: { type: "string" },
      ids: { type: "string" },
      verbose: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      capture: { type: "boolean", default: false },
      prompts: { type: "string" },
      prune: { type: "boolean", default: false },
      upstream: { type: "string" },
      model: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      "Usage: npx tsx bench/llm-eval.ts [--index DIR] [--ids s001,s002] [--verbose] [--json] [--capture [--prompts FILE] [--prune] [--upstream URL [--model NAME]]]\n",
    );
  } else {
    process.exitCode = await runLlmEvalCli({
      ...(values.index ? { index: values.index } : {}),
      ...(values.ids
        ? {
            ids: values.ids
              .split(",")
              .map((id) => id.trim())
              .filter(Boolean),
          }
        : {}),
      verbose: values.verbose,
      json: values.json,
      capture: values.capture,
      ...(values.prompts ? { prompts: values.prompts } : {}),
      prune: values.prune,
      ...(values.upstream ? { upstream: values.upstream } : {}),
      ...(values.model ? { model: values.model } : {}),
    });
  }
}
