/**
 * Bot load run (a section of `npm run bench`, or `npx tsx bench/bot-load.ts`):
 * the real bot process, long polling against the loopback Bot API server,
 * over a fresh index of the bundled corpus. 50 simulated users each ask 5
 * questions, one after another (the next when the answer to the last has come),
 * all users at once. Every question must get exactly one answer; the section
 * reports lost and duplicate answers, reply times (p50/p95/max, from the
 * update being queued to the answer reaching the server) and throughput.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { makeUser } from "../src/telegram/index.js";
import { quantile } from "../src/bot/stats.js";
import { BotApiServer } from "../tests/helpers/bot-api-server.js";
import { REPO_ROOT, startBotProcess } from "../tests/helpers/bot-process.js";

const USERS = Number(process.env.BOT_LOAD_USERS ?? 50);
const QUESTIONS_PER_USER = Number(process.env.BOT_LOAD_QUESTIONS ?? 5);
const TOKEN = "555000:bench-token-for-the-loopback-server";

const QUESTIONS = [
  "What did Biden and Kishida announce in April 2024?",
  "What did Lukashenko offer Azerbaijan?",
  "Who met at Camp David in August 2023?",
  "What did the Digital Affairs & Cybersecurity Committee hear about the <script> flaw?",
  "When did Biden meet Xi in Woodside?",
  "What did Marrow and Brecke discuss in Skarholm?",
  "What did the Kellsbury transport committee decide about Tram Line 4?",
  "What did Biden and Modi agree during the state visit?",
  "Who took part in the Northern Seas Summit?",
  "What did Staal and Castellar discuss in Alcara?",
  "What was the Atlantic Declaration?",
  "What happened at the Quad leaders' summit in Hiroshima?",
];

function ms(value: number | undefined): string {
  return value === undefined ? "-" : `${Math.round(value)} ms`;
}

export async function run(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), "readout-bot-load-"));
  const server = new BotApiServer({ token: TOKEN, username: "readout_load_bot" });
  const apiRoot = await server.start();
  const bot = startBotProcess({
    token: TOKEN,
    apiRoot,
    workDir: work,
    articleDirs: [path.join(REPO_ROOT, "data/articles")],
    env: { READOUT_RATE_LIMIT: "1000", LOG_LEVEL: "warn" },
  });
  try {
    const started = Date.now();
    await Promise.race([
      server.waitFor((c) => c.method === "setMyCommands", { timeoutMs: 300_000 }),
      bot.exit.then((code) => {
        throw new Error(`the bot exited with ${code} before it was ready:\n${bot.output()}`);
      }),
    ]);
    process.stdout.write(`bot ready (index built, model loaded) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    // One user alone first: the unloaded reply time, to compare the loaded one with.
    const alone: number[] = [];
    const solo = makeUser(19_999, "Solo");
    for (const question of QUESTIONS) {
      const since = server.calls.length;
      const sentAt = performance.now();
      server.sendText(solo, question);
      await server.waitFor((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === solo.id, { since, timeoutMs: 60_000 });
      alone.push(performance.now() - sentAt);
    }
    process.stdout.write(`one user alone, ${alone.length} questions: reply time p50 ${ms(quantile(alone, 0.5))}, max ${ms(Math.max(...alone))}\n`);

    const latencies: number[] = [];
    const lost: string[] = [];
    const runStarted = Date.now();
    await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        const user = makeUser(20_000 + u, `User ${u}`);
        for (let q = 0; q < QUESTIONS_PER_USER; q++) {
          const question = QUESTIONS[(u + q * 7) % QUESTIONS.length] as string;
          const since = server.calls.length;
          const sentAt = performance.now();
          server.sendText(user, question);
          try {
            await server.waitFor((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === user.id, { since, timeoutMs: 120_000 });
            latencies.push(performance.now() - sentAt);
          } catch {
            lost.push(`user ${u} question ${q + 1}`);
          }
        }
      }),
    );
    const seconds = (Date.now() - runStarted) / 1000;
    // Let anything late arrive before counting answers per chat.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    let duplicates = 0;
    for (let u = 0; u < USERS; u++) {
      const answers = server.sentTo(20_000 + u).length;
      if (answers > QUESTIONS_PER_USER) duplicates += answers - QUESTIONS_PER_USER;
    }
    const failures = server.failures();
    const total = USERS * QUESTIONS_PER_USER;
    process.stdout.write(
      `${[
        `${USERS} users × ${QUESTIONS_PER_USER} questions = ${total} questions in ${seconds.toFixed(1)} s (${(total / seconds).toFixed(1)} answers/s)`,
        `answered ${latencies.length}, lost ${lost.length}, duplicate answers ${duplicates}, Bot API calls refused ${failures.length}`,
        `reply time p50 ${ms(quantile(latencies, 0.5))}, p95 ${ms(quantile(latencies, 0.95))}, max ${ms(Math.max(...latencies))} ` +
          `(p95 ${((quantile(latencies, 0.95) ?? 0) / (quantile(alone, 0.5) ?? 1)).toFixed(0)}× the unloaded p50)`,
        `getUpdates requests: ${server.getUpdatesRequests} (long polling, not spinning)`,
      ].join("\n")}\n`,
    );
    if (lost.length > 0 || duplicates > 0 || failures.length > 0) {
      throw new Error(`bot load: ${lost.length} lost, ${duplicates} duplicate answers, ${failures.length} refused calls (${lost.slice(0, 5).join("; ")})`);
    }
    const code = await bot.stop();
    if (code !== 0) throw new Error(`the bot exited with ${code} on SIGTERM:\n${bot.output().slice(-2000)}`);
  } finally {
    if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
