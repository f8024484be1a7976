/**
 * Replays every conversation in tests/conversations/ through the bot, over a
 * temporary index of the bundled corpus (data/articles/) built once here, and
 * asserts that each passes (a conversation marked `known_issue:` must still
 * fail as it says; once it passes, it fails the run until the mark is removed).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotServices } from "../../src/bot/service-types.js";
import { createServices } from "../../src/bot/services.js";
import { createLogger } from "../../src/log.js";
import { findConversationFiles } from "../../src/replay/conversation-files.js";
import { formatOutcome, formatSummary, replayPaths, type ReplayReport } from "../../src/replay/replay.js";
import { CONVERSATIONS_DIR, REPO_ROOT } from "../helpers/paths.js";
import { createSampleSetup, type SampleSetup } from "../helpers/sample-index.js";

const CONVERSATIONS = CONVERSATIONS_DIR;

describe("the conversations in tests/conversations/", () => {
  let setup: SampleSetup | undefined;
  let services: BotServices;
  let report: ReplayReport;

  beforeAll(async () => {
    setup = await createSampleSetup("readout-conversations-", { READOUT_SESSION_STORAGE: "memory" });
    services = await createServices(setup.config, { embeddings: setup.embeddings, logger: createLogger("silent") });
    report = await replayPaths([CONVERSATIONS], { services });
  }, 300_000);

  afterAll(async () => {
    await services?.close();
    await setup?.close();
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
    for (const command of [/“\/start/, /“\/help/, /“\/sources/, /“\/reset/, /“\/stats/, /“\/reindex/, /“\/ask/])
      expect(said(command), String(command)).toBe(true);
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
