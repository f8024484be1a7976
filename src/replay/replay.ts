/**
 * Replaying conversation files and folders: load each, replay it through the
 * bot, optionally accept what the bot says now (`update`), and report.
 *
 * The replay room (it uses the bot, never the reverse): recorder.ts writes
 * conversations down; format.ts, format-schema.ts and conversation-files.ts
 * read them; runner.ts replays one through the bot (with replay-setup.ts,
 * turn-input.ts, clock.ts); compare.ts, expectations.ts, visible-calls.ts and
 * line-diff.ts judge what the bot did; this module runs files and reports.
 *
 * `--update` rewrites the recorded `replies:` of a conversation (and recorded
 * updates, so that message ids stay consistent) when any differ from what the
 * bot says now or were left empty, keeping the rest of the file — comments,
 * layout, hand-written turns and their expectations — as it was. Expectations (`expect:`) state what a
 * tester wants; they are never rewritten, and a failing one still fails.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Update } from "grammy/types";
import { findConversationFiles } from "./conversation-files.js";
import { ConversationFileError, loadConversation } from "./format.js";
import type { RecordedCall } from "./format-schema.js";
import { replayConversation, type ConversationResult, type ReplayEnvironment, replyTexts, type TurnResult } from "./runner.js";
import type { Problem } from "./compare.js";
import { compact } from "./yaml-style.js";

export interface ReplayOptions extends ReplayEnvironment {
  /** Rewrite recorded replies that differ with what the bot says now. */
  update?: boolean;
  /** Called after each conversation (progress, streaming output). */
  onResult?: (result: ConversationOutcome) => void;
}

export interface ConversationOutcome {
  file: string;
  title: string;
  /** passed; failed; known-issue: it fails as its `known_issue:` says it does (not counted as a failure); invalid: the file could not be read or validated. */
  status: "passed" | "failed" | "known-issue" | "invalid";
  /** Whether the run may pass: passed, or a known issue still failing. */
  passed: boolean;
  knownIssue?: string;
  /** The file could not be read or validated. */
  error?: string;
  /** `--update` rewrote the file. */
  updated: boolean;
  turns: TurnResult[];
}

export interface ReplayReport {
  passed: number;
  failed: number;
  /** Files that could not be read or validated (bad input, not a failed replay). */
  invalid: number;
  /** Conversations marked `known_issue:` that still fail (counted in neither of the above). */
  knownIssues: number;
  updated: number;
  conversations: ConversationOutcome[];
}

async function rewriteReplies(result: ConversationResult): Promise<boolean> {
  const { conversation } = result;
  const document = conversation.document;
  if (!result.turns.some((turn) => turn.repliesChanged)) return false;
  // Once anything changes, every recorded turn is rewritten from this run, so message ids stay consistent between turns.
  const rewritten = result.turns.filter((turn) => turn.update !== undefined && conversation.turns.find((t) => t.number === turn.number)?.replies !== undefined);
  const removals: number[] = [];
  for (const turnResult of rewritten) {
    const turn = conversation.turns.find((t) => t.number === turnResult.number);
    if (!turn) continue;
    const [entry, ...continuations] = turn.entries as [number, ...number[]];
    const replies: RecordedCall[] = turnResult.calls;
    document.setIn(["turns", entry, "replies"], compact(document.createNode(replies)));
    if (turn.input.kind === "update" && turnResult.update) {
      document.setIn(["turns", entry, "update"], compact(document.createNode(turnResult.update as Update)));
    }
    removals.push(...continuations);
  }
  for (const index of removals.sort((a, b) => b - a)) document.deleteIn(["turns", index]);
  await fs.writeFile(conversation.path, document.toString({ lineWidth: 0 }), "utf8");
  return true;
}

/** Replay every conversation file under `paths` (files or folders, recursively). */
export async function replayPaths(paths: string[], options: ReplayOptions): Promise<ReplayReport> {
  const files = await findConversationFiles(paths);
  if (files.length === 0) throw new ConversationFileError(paths.join(", "), ["no conversation files (.yaml, .yml) found"]);
  const report: ReplayReport = { passed: 0, failed: 0, invalid: 0, knownIssues: 0, updated: 0, conversations: [] };
  for (const file of files) {
    let outcome: ConversationOutcome;
    try {
      const conversation = await loadConversation(file);
      const result = await replayConversation(conversation, options);
      let updated = false;
      if (options.update) {
        updated = await rewriteReplies(result);
        // Accepted differences no longer count against the conversation.
        for (const turn of result.turns) turn.problems = turn.problems.filter((problem) => problem.kind !== "diff");
      }
      const clean = result.turns.every((turn) => turn.problems.length === 0);
      const status = conversation.knownIssue ? (clean ? "failed" : "known-issue") : clean ? "passed" : "failed";
      outcome = {
        file,
        title: conversation.title,
        status,
        passed: status !== "failed",
        ...(conversation.knownIssue ? { knownIssue: conversation.knownIssue } : {}),
        updated,
        turns: result.turns,
      };
    } catch (error) {
      if (!(error instanceof ConversationFileError)) throw error;
      outcome = { file, title: path.basename(file), status: "invalid", passed: false, error: error.message, updated: false, turns: [] };
    }
    if (outcome.status === "passed") report.passed++;
    else if (outcome.status === "known-issue") report.knownIssues++;
    else if (outcome.status === "invalid") report.invalid++;
    else report.failed++;
    if (outcome.updated) report.updated++;
    report.conversations.push(outcome);
    options.onResult?.(outcome);
  }
  return report;
}

// ---- reports ----------------------------------------------------------------------

function displayFile(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith("..") ? file : relative;
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => `${prefix}${line}`)
    .join("\n");
}

/** One conversation's result for people: a ✓/✗ line, then each failing turn with what went wrong. */
export function formatOutcome(outcome: ConversationOutcome, cwd = process.cwd()): string {
  const file = displayFile(outcome.file, cwd);
  if (outcome.error) return `✗ ${file}\n${indent(outcome.error.replace(`${outcome.file}: `, ""), "    ")}`;
  const failedTurns = outcome.turns.filter((turn) => turn.problems.length > 0);
  const counts = `${outcome.turns.length} turn${outcome.turns.length === 1 ? "" : "s"}${failedTurns.length > 0 ? `, ${failedTurns.length} failed` : ""}`;
  const mark = outcome.status === "passed" ? "✓" : outcome.status === "known-issue" ? "~" : "✗";
  const lines = [`${mark} ${file} — ${outcome.title} (${counts})${outcome.updated ? " — updated" : ""}`];
  if (outcome.knownIssue) {
    lines.push(
      outcome.status === "known-issue"
        ? `    known issue, still failing (not counted): ${outcome.knownIssue}`
        : `    ✗ marked as a known issue (${outcome.knownIssue}), but it passes now: remove its known_issue line`,
    );
  }
  for (const turn of failedTurns) {
    lines.push(`    turn ${turn.number} (line ${turn.line}) — ${turn.input}`);
    for (const problem of turn.problems) lines.push(formatProblem(problem));
  }
  return lines.join("\n");
}

function formatProblem(problem: Problem): string {
  const head = `      ✗ ${problem.message}`;
  if (problem.kind !== "diff" || problem.diff === undefined) return head;
  return `${head} (- recorded, + now):\n${indent(problem.diff, "          ")}`;
}

export function formatSummary(report: ReplayReport): string {
  const known = report.knownIssues > 0 ? `, ${report.knownIssues} known issue${report.knownIssues === 1 ? "" : "s"} still failing` : "";
  const updated = report.updated > 0 ? `, ${report.updated} updated` : "";
  const invalid = report.invalid > 0 ? `, ${report.invalid} invalid file${report.invalid === 1 ? "" : "s"}` : "";
  return `${report.passed} passed, ${report.failed} failed${invalid}${known}${updated}`;
}

/** The machine-readable report (`--json`). */
export function reportJson(report: ReplayReport, cwd = process.cwd()) {
  return {
    passed: report.passed,
    failed: report.failed,
    invalid: report.invalid,
    known_issues: report.knownIssues,
    updated: report.updated,
    conversations: report.conversations.map((outcome) => ({
      file: displayFile(outcome.file, cwd),
      title: outcome.title,
      status: outcome.status,
      passed: outcome.passed,
      ...(outcome.knownIssue ? { known_issue: outcome.knownIssue } : {}),
      updated: outcome.updated,
      ...(outcome.error ? { error: outcome.error } : {}),
      turns: outcome.turns.map((turn) => ({
        turn: turn.number,
        line: turn.line,
        input: turn.input,
        passed: turn.problems.length === 0,
        replies: replyTexts(turn),
        answers: turn.answers.map((answer) => ({
          abstained: answer.abstained,
          sources: answer.citations.map((c) => ({ n: c.n, source: c.source, paragraph: c.paragraph, ...(c.url ? { url: c.url } : {}) })),
        })),
        problems: turn.problems.map((problem) => ({
          kind: problem.kind,
          message: problem.message,
          ...(problem.expected !== undefined ? { expected: problem.expected, actual: problem.actual, diff: problem.diff } : {}),
        })),
      })),
    })),
  };
}
