/**
 * Replays every conversation in tests/conversations/ through the bot, over a
 * temporary index of the bundled corpus (data/articles/) built once here, and
 * asserts that each passes (a conversation marked `known_issue:` must still
 * fail as it says; once it passes, it fails the run until the mark is removed).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotServices } from "../../src/bot/service-types.js";
import { createServices } from "../../src/bot/services.js";
import { parseConfig } from "../../src/config.js";
import { createEmbeddings, type ReadoutEmbeddings } from "../../src/embeddings/index.js";
import { runIngest } from "../../src/ingest/run.js";
import { createLogger } from "../../src/log.js";
import { findConversationFiles } from "../../src/replay/conversation-files.js";
import { formatOutcome, formatSummary, replayPaths, type ReplayReport } from "../../src/replay/replay.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const CONVERSATIONS = path.join(REPO_ROOT, "tests/conversations");

describe("the conversations in tests/conversations/", () => {
  let tmp: string;
  let embeddings: ReadoutEmbeddings;
  let services: BotServices;
  let report: ReplayReport;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "readout-conversations-"));
    const config = parseConfig({ READOUT_INDEX_DIR: path.join(tmp, "index"), READOUT_SESSION_STORAGE: "memory", LOG_LEVEL: "silent" }, REPO_ROOT);
    embeddings = createEmbeddings(config.embeddings);
    const logger = createLogger("silent");
    const summary = await runIngest({ paths: [path.join(REPO_ROOT, "data/articles")], indexDir: config.indexDir, config, embeddings, logger });
    expect(summary.failed).toBe(false);
    services = await createServices(config, { embeddings, logger });
    report = await replayPaths([CONVERSATIONS], { services });
  }, 300_000);

  afterAll(async () => {
    await services?.close();
    await embeddings?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("has at least 12 conversations that pass", async () => {
    expect((await findConversationFiles([CONVERSATIONS])).length).toBe(report.conversations.length);
    expect(report.passed).toBeGreaterThanOrEqual(12);
  });

  it("replays every one of them without a failure", () => {
    const failures = report.conversations.filter((outcome) => !outcome.passed).map((outcome) => formatOutcome(outcome, REPO_ROOT));
    expect(failures.join("\n\n"), formatSummary(report)).toBe("");
    expect(report.failed).toBe(0);
  });

  it("covers what the issue names: private and group chats, follow-ups, buttons, commands, abstentions, the rate limit, admin refusals", () => {
    const turns = report.conversations.filter((o) => o.status === "passed").flatMap((o) => o.turns);
    const inputs = turns.map((turn) => turn.input);
    const said = (text: RegExp) => inputs.some((input) => text.test(input));
    for (const command of [/“\/start/, /“\/help/, /“\/sources/, /“\/reset/, /“\/stats/, /“\/reindex/, /“\/ask/]) expect(said(command), String(command)).toBe(true);
    expect(said(/presses \[/)).toBe(true);
    expect(turns.some((turn) => turn.update?.message?.chat.type === "supergroup")).toBe(true);
    expect(turns.some((turn) => turn.update?.message?.chat.type === "private")).toBe(true);
    expect(turns.some((turn) => turn.answers.some((answer) => answer.abstained))).toBe(true);
    expect(turns.some((turn) => turn.calls.some((call) => String(call.payload.text ?? "").includes("faster than I can keep up")))).toBe(true);
    expect(turns.some((turn) => turn.calls.some((call) => String(call.payload.text ?? "").includes("only for this bot's admins")))).toBe(true);
    // Recorded conversations (exact replies) are among them, not only hand-written ones.
    expect(report.conversations.filter((o) => o.status === "passed" && o.turns.some((t) => t.input.startsWith("User "))).length).toBeGreaterThanOrEqual(1);
  });
});
