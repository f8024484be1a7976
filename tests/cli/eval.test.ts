/**
 * `npm run eval` as a child process on a tiny evaluation set over the retrieval
 * fixtures: every metric line, the same figures as scoring the chain in process,
 * `--json`, `--verbose`, `--report`, and malformed evaluation files.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { createAnswerChain } from "../../src/retrieval/chain.js";
import { answerLines } from "../../src/retrieval/conversation/turns.js";
import { parseEvalSet, scoreItem, summarize, type EvalMetrics, type ItemScore } from "../../src/retrieval/evaluation/evaluation.js";
import { gridPoints } from "../../src/retrieval/evaluation/tuning.js";
import { runCliScript } from "../helpers/cli-process.js";
import { buildTempIndex, FIXTURE_TODAY, type TempIndex } from "../helpers/temp-index.js";
import { REPO_ROOT, RETRIEVAL_FIXTURES } from "../helpers/paths.js";

const EVAL = "src/cli/eval.ts";

const ITEMS = [
  {
    id: "t1",
    question: "When did Varga meet Kettering at Lake Orvel?",
    kind: "when",
    answerable: true,
    gold: [{ source: "2023-06-16-varga-kettering-lake-orvel.md", quote: "hosted President Tomas Kettering of Osterland yesterday" }],
    keywords: ["June 15, 2023|15 June 2023|2023-06-15"],
  },
  {
    id: "t2",
    conversation: "c1",
    question: "When did Varga meet Volkovskiy?",
    kind: "when",
    answerable: true,
    gold: [{ source: "2023-04-03-varga-volkovskiy-halvik.md", quote: "met President Aleksandr Volkovskiy of Dravia today" }],
    keywords: ["April 3, 2023|2023-04-03"],
  },
  {
    id: "t3",
    conversation: "c1",
    question: "what did they discuss?",
    kind: "followup",
    answerable: true,
    gold: [{ source: "2023-04-03-varga-volkovskiy-halvik.md", quote: "discussed the grain corridor that carries Dravian wheat" }],
    keywords: ["grain corridor"],
  },
  {
    id: "t4",
    question: "Which leaders did Varga meet in 2023?",
    kind: "aggregation",
    answerable: true,
    gold: [
      { source: "2023-04-03-varga-volkovskiy-halvik.md", quote: "met President Aleksandr Volkovskiy of Dravia today" },
      { source: "2023-06-16-varga-kettering-lake-orvel.md", quote: "hosted President Tomas Kettering of Osterland yesterday" },
      { source: "2023-06-20-varga-dascalu-kalmarsted.md", quote: "met Chancellor Mirela Dascalu today in Kalmarsted" },
    ],
    keywords: ["Volkovskiy", "Kettering", "Dascalu"],
  },
  {
    // A keyword the answer cannot contain: a miss that --verbose must list.
    id: "t5",
    question: "What did Varga and Volkovskiy discuss?",
    kind: "what",
    answerable: true,
    gold: [{ source: "2023-04-03-varga-volkovskiy-halvik.md", quote: "discussed the grain corridor that carries Dravian wheat" }],
    keywords: ["Zanzibar"],
  },
  { id: "t6", question: "When did Varga meet the King of Tonga?", kind: "unanswerable", answerable: false, gold: [], keywords: [] },
  { id: "t7", question: "When did Varga meet the King of Tonga?", kind: "unanswerable", answerable: false, gold: [], keywords: [] },
];

const METRIC_LINES = [
  "questions",
  "retrieval recall@1",
  "retrieval recall@5",
  "citation accuracy",
  "answer accuracy",
  "abstention accuracy",
  "false abstentions",
  "citations not retrieved",
  "latency p50",
  "latency p95",
];

let fixture: TempIndex;
let evalFile: string;
/** The figures of the same set scored in this process, through the same chain and scoring code. */
let expected: EvalMetrics;

beforeAll(async () => {
  fixture = await buildTempIndex([RETRIEVAL_FIXTURES], "readout-eval-cli-");
  evalFile = path.join(fixture.root, "tiny.jsonl");
  await writeFile(evalFile, `${ITEMS.map((item) => JSON.stringify(item)).join("\n")}\n`);
  const chain = createAnswerChain({
    index: fixture.index,
    embeddings: fixture.embeddings,
    config: parseConfig({ LOG_LEVEL: "silent", READOUT_TODAY: FIXTURE_TODAY }, REPO_ROOT),
  });
  const scores: ItemScore[] = [];
  for await (const { line, result } of answerLines(chain, parseEvalSet(await readFile(evalFile, "utf8")))) scores.push(scoreItem(line, result));
  expected = summarize(scores);
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

const evaluate = (args: string[]) => runCliScript(EVAL, ["--index", fixture.dir, ...args], { env: { READOUT_TODAY: FIXTURE_TODAY } });
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

describe("npm run eval", () => {
  it("prints every metric line, with the figures the scoring code gives", async () => {
    const run = await evaluate([evalFile]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    const value = (label: string) => {
      const line = lines.find((l) => l.startsWith(`${label} `));
      expect(line, `no "${label}" line in:\n${run.stdout}`).toBeDefined();
      return line!.slice(label.length).trim();
    };
    for (const label of METRIC_LINES) value(label);
    expect(value("questions")).toBe("7 (5 answerable, 2 unanswerable)");
    expect(value("retrieval recall@1")).toBe(pct(expected.recallAt1));
    expect(value("retrieval recall@5")).toBe(pct(expected.recallAt5));
    expect(value("citation accuracy")).toBe(pct(expected.citationAccuracy));
    expect(value("answer accuracy")).toBe(pct(expected.answerAccuracy));
    expect(value("abstention accuracy")).toBe(pct(expected.abstentionAccuracy));
    expect(value("false abstentions")).toBe(pct(expected.falseAbstentions));
    expect(value("citations not retrieved")).toBe("0");
    expect(value("latency p50")).toMatch(/^\d+ ms$/);
    expect(value("latency p95")).toMatch(/^\d+ ms$/);
    // The set is answered as expected: t5 misses its impossible keyword, both unanswerables abstain.
    expect(expected).toMatchObject({ recallAt5: 1, answerAccuracy: 0.8, abstentionAccuracy: 1, falseAbstentions: 0, unretrievedCitations: 0 });
    // And a table by kind.
    expect(run.stdout).toMatch(/by kind:/);
    for (const kind of ["when", "followup", "aggregation", "what", "unanswerable"]) expect(run.stdout).toMatch(new RegExp(`^ {2}${kind} +\\d`, "m"));
  });

  it("--json prints the metrics as one parsable object", async () => {
    const run = await evaluate(["--json", evalFile]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    const { latencyP50Ms, latencyP95Ms, ...figures } = expected;
    expect(json).toMatchObject({ file: evalFile, ...figures });
    expect(json.latencyP95Ms).toBeGreaterThanOrEqual(json.latencyP50Ms);
    expect(typeof latencyP50Ms === "number" && typeof latencyP95Ms === "number").toBe(true);
    expect(Object.keys(json.byKind).sort()).toEqual(["aggregation", "followup", "unanswerable", "what", "when"]);
  });

  it("--verbose lists the misses with the answer; --report writes one JSON line per question", async () => {
    const report = path.join(fixture.root, "report.jsonl");
    const run = await evaluate(["--verbose", "--report", report, evalFile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Misses:\nt5 \[what\] missing keywords \["Zanzibar"\]\n {4}Q: What did Varga and Volkovskiy discuss\?\n {4}A: /);
    expect(run.stdout).not.toMatch(/^t[1-46-7] \[/m);
    const rows = (await readFile(report, "utf8"))
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.map((row) => row.id)).toEqual(ITEMS.map((item) => item.id));
    expect(rows[2]).toMatchObject({ id: "t3", kind: "followup", abstained: false, keywordsOk: true, unretrievedCitations: 0 });
    expect(rows[2].standalone).toMatch(/Volkovsk/);
  });
});

describe("npm run eval -- --tune", () => {
  it("scores every combination of the fusion grid on retrieval and marks the current default", async () => {
    const run = await evaluate(["--tune", evalFile]);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^dense +lexical +entity +rrfK +recall@1 +recall@5 +MRR$/);
    expect(rows).toHaveLength(gridPoints().length);
    for (const row of rows) expect(row).toMatch(/^ *\d\.\d +\d\.\d +\d\.\d +\d+ +\d+\.\d% +\d+\.\d% +\d\.\d{3}( {2}\(current default\))?$/);
    expect(rows.filter((row) => row.endsWith("(current default)"))).toHaveLength(1);
    // Best first: recall@5 never rises down the table.
    const recall5 = rows.map((row) => Number(row.trim().split(/ +/)[5]!.replace("%", "")));
    expect(recall5).toEqual([...recall5].sort((a, b) => b - a));
    expect(run.stderr).toMatch(/tuning: 27\/27 combinations/);
  }, 120_000);
});

describe("bad evaluation files and usage", () => {
  it("reports every malformed line with its number and exits 2", async () => {
    const bad = path.join(fixture.root, "bad.jsonl");
    await writeFile(
      bad,
      [
        JSON.stringify(ITEMS[0]),
        "{ not json",
        JSON.stringify({ ...ITEMS[1], id: "x2", gold: [] }),
        JSON.stringify({ id: "x3", question: "Where?", kind: "where" }),
        JSON.stringify(ITEMS[0]),
      ].join("\n"),
    );
    const run = await evaluate([bad]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^eval: ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: not valid JSON`));
    expect(run.stderr).toMatch(/bad\.jsonl:3: .*an answerable question needs at least one gold paragraph/);
    expect(run.stderr).toMatch(/bad\.jsonl:4: .*answerable/);
    expect(run.stderr).toMatch(/bad\.jsonl:5: duplicate id t1/);
    expect(run.stderr).not.toMatch(/bad\.jsonl:1:/);
  });

  it("a missing file or no file is a usage error; two files are scored side by side", async () => {
    const missing = await evaluate([path.join(fixture.root, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^eval: Cannot read .*nope\.jsonl: no such file/);
    const none = await evaluate([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^eval: Give one or more evaluation files\./);
    const two = await evaluate([evalFile, evalFile]);
    expect(two.code).toBe(0);
    const header = two.stdout.split("\n")[0]!;
    expect(header.split(/\s+/).filter((cell) => cell === path.basename(evalFile))).toHaveLength(2);
    expect(two.stdout).toMatch(/^answer accuracy\s+\d+\.\d%\s+\d+\.\d%$/m);
  });
});
