/**
 * npx tsx scripts/fit-answer-model.ts [--write] --set INDEX=FILE.jsonl [--set INDEX=FILE.jsonl ...]
 *
 * Fits the answer model (src/retrieval/evidence/answer-model.json) on evaluation sets:
 * each question runs through the answer chain over its index; every sentence of
 * the passages that name what it asks about becomes one example for the
 * sentence model (positive when it holds the gold quote, or every keyword of a
 * gold paragraph), and every question that reaches the graded check one example
 * for the support model (positive when answerable). Both are L2-regularised
 * logistic regressions; the abstention threshold is the highest that keeps
 * false abstentions (hard ones included) at or under 4% on every set.
 *
 * Fit only on sets you tune on (tests/eval/readouts.jsonl, sample.jsonl and
 * readouts-blind-tune.jsonl); never on the outside set or the blind test half.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readConfig } from "../src/config.js";
import { answerLines } from "../src/retrieval/conversation/turns.js";
import { normalizeForMatch, parseEvalSet, type EvalItem } from "../src/retrieval/evaluation/evaluation.js";
import { openAnswerChain } from "../src/retrieval/open-chain.js";
import { ANSWER_MODEL, type AnswerModel } from "../src/retrieval/evidence/answer-model.js";
import { dot, questionContext, rankSentences, SENTENCE_FEATURES, sigmoid, type ScoredCandidate } from "../src/retrieval/evidence/sentence-evidence.js";
import { hardEvidence, SUPPORT_FEATURES, supportFeatures } from "../src/retrieval/evidence/support.js";
import type { QueryAnalysis } from "../src/retrieval/types.js";

const MODEL_FILE = fileURLToPath(new URL("../src/retrieval/evidence/answer-model.json", import.meta.url));

interface Example {
  features: number[];
  label: 0 | 1;
}

interface QuestionExamples {
  /** The evaluation file the question comes from. */
  set: string;
  item: EvalItem;
  sentences: Array<{ candidate: ScoredCandidate; label: 0 | 1 }>;
  unmentioned: number;
  query: QueryAnalysis;
}

function words(text: string): string[] {
  return normalizeForMatch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Whether a sentence of a gold article states the gold quote (or most of it), or every required keyword. */
function isAnswerSentence(item: EvalItem, source: string, sentence: string): boolean {
  const golds = item.gold.filter((gold) => gold.source === source);
  if (golds.length === 0) return false;
  const text = normalizeForMatch(sentence);
  const present = new Set(words(sentence));
  for (const gold of golds) {
    const quote = normalizeForMatch(gold.quote);
    if (text.includes(quote)) return true;
    const quoteWords = words(gold.quote);
    if (quoteWords.length > 0 && quoteWords.filter((word) => present.has(word)).length / quoteWords.length >= 0.7) return true;
  }
  return item.keywords.length > 0 && item.keywords.every((keyword) => keyword.split("|").some((alternative) => text.includes(normalizeForMatch(alternative))));
}

async function runQuestions(indexDir: string, file: string) {
  const items = parseEvalSet(await fs.readFile(file, "utf8"), file);
  const config = readConfig();
  config.indexDir = path.resolve(indexDir);
  const opened = await openAnswerChain(config);
  const terms = opened.index.terms;
  const out: Array<{ item: EvalItem; query: QueryAnalysis | undefined; examples?: QuestionExamples }> = [];
  try {
    for await (const { line: item, result } of answerLines(opened.chain, items)) {
      const query = result.analysis;
      const passages = result.retrieved ?? [];
      if (!query) throw new Error("the chain returned no analysis");
      const hard = hardEvidence(result.standaloneQuestion, query, passages, terms);
      if ("reason" in hard) {
        out.push({ item, query });
        continue;
      }
      const ranked = rankSentences(
        questionContext(query, (term) => terms.weight(term)),
        hard.support,
      );
      const sentences = ranked.map((candidate) => ({
        candidate,
        label: (isAnswerSentence(item, candidate.passage.articleId, candidate.text) ? 1 : 0) as 0 | 1,
      }));
      out.push({ item, query, examples: { set: file, item, sentences, unmentioned: hard.unmentioned, query } });
    }
  } finally {
    await opened.close();
  }
  return out;
}

/** L2-regularised logistic regression by full-batch gradient descent (features are small and few). */
function fitLogistic(examples: Example[], options: { iterations?: number; rate?: number; l2?: number; positiveWeight?: number } = {}): number[] {
  const dimensions = examples[0]?.features.length ?? 0;
  const weights = new Array<number>(dimensions).fill(0);
  const iterations = options.iterations ?? 4000;
  const rate = options.rate ?? 0.5;
  const l2 = options.l2 ?? 1e-3;
  const positiveWeight = options.positiveWeight ?? 1;
  const total = examples.reduce((sum, example) => sum + (example.label === 1 ? positiveWeight : 1), 0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(dimensions).fill(0);
    for (const example of examples) {
      const error = sigmoid(dot(weights, example.features)) - example.label;
      const weight = example.label === 1 ? positiveWeight : 1;
      for (let i = 0; i < dimensions; i++) gradient[i]! += weight * error * example.features[i]!;
    }
    for (let i = 0; i < dimensions; i++) weights[i]! -= rate * (gradient[i]! / total + (i === 0 ? 0 : l2 * weights[i]!));
  }
  return weights.map((weight) => Math.round(weight * 1e4) / 1e4);
}

const { values } = parseArgs({
  options: {
    set: { type: "string", multiple: true, default: [] },
    write: { type: "boolean", default: false },
    "false-abstentions": { type: "string", default: "0.04" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help || values.set.length === 0) {
  process.stdout.write(
    "Usage: npx tsx scripts/fit-answer-model.ts [--write] [--false-abstentions SHARE] --set INDEX=FILE.jsonl [--set INDEX=FILE.jsonl ...]\n",
  );
  process.exit(values.help ? 0 : 2);
}
const FALSE_ABSTENTION_TARGET = Number(values["false-abstentions"]);
if (!(FALSE_ABSTENTION_TARGET >= 0 && FALSE_ABSTENTION_TARGET < 1)) {
  process.stderr.write(`--false-abstentions must be a share between 0 and 1, not ${JSON.stringify(values["false-abstentions"])}\n`);
  process.exit(2);
}

const questions: QuestionExamples[] = [];
const hardAbstentions: Array<{ set: string; item: EvalItem }> = [];
for (const pair of values.set) {
  const [indexDir, file] = pair.split("=");
  if (!indexDir || !file) throw new Error(`--set takes INDEX=FILE, not ${pair}`);
  process.stderr.write(`running ${file} over ${indexDir}\n`);
  for (const row of await runQuestions(indexDir, file)) {
    if (row.examples) questions.push(row.examples);
    else hardAbstentions.push({ set: file, item: row.item });
  }
}

// Sentence model: which sentence answers?
const sentenceExamples: Example[] = questions
  .filter((q) => q.item.answerable)
  .flatMap((q) => q.sentences.map(({ candidate, label }) => ({ features: candidate.features, label })));
const positives = sentenceExamples.filter((example) => example.label === 1).length;
const sentenceWeights = fitLogistic(sentenceExamples, { positiveWeight: Math.max(1, (sentenceExamples.length - positives) / Math.max(1, positives) / 4) });
const rerank = (q: QuestionExamples) =>
  q.sentences
    .map(({ candidate, label }) => ({ candidate: { ...candidate, probability: sigmoid(dot(sentenceWeights, candidate.features)) }, label }))
    .sort((a, b) => b.candidate.probability - a.candidate.probability);
const answerable = questions.filter((q) => q.item.answerable && q.sentences.some((s) => s.label === 1));
const top1 = answerable.filter((q) => rerank(q)[0]?.label === 1).length;
const top3 = answerable.filter((q) =>
  rerank(q)
    .slice(0, 3)
    .some((s) => s.label === 1),
).length;

// Support model: does the evidence answer at all?
const supportExamples: Example[] = questions.map((q) => ({
  features: supportFeatures(
    q.query,
    rerank(q).map((s) => s.candidate),
    q.unmentioned,
  ),
  label: q.item.answerable ? 1 : 0,
}));
const supportWeights = fitLogistic(supportExamples, {
  positiveWeight: supportExamples.filter((e) => e.label === 0).length / Math.max(1, supportExamples.filter((e) => e.label === 1).length),
});
const probabilities = supportExamples.map((example) => ({ p: sigmoid(dot(supportWeights, example.features)), label: example.label }));
// The threshold: the highest that keeps false abstentions at or under the target (--false-abstentions) on these
// questions (users lose more from a wrong "I couldn't find this" than from an answer they can check).
const answerableP = probabilities
  .filter(({ label }) => label === 1)
  .map(({ p }) => p)
  .sort((a, b) => a - b);
const unanswerableP = probabilities.filter(({ label }) => label === 0).map(({ p }) => p);
// Every set counts on its own: a threshold that suits the sets we wrote ourselves may not suit the others.
const perSet = [...new Set(questions.map((q) => q.set))].map((set) => {
  const own = questions
    .map((q, i) => ({ q, p: probabilities[i]!.p }))
    .filter(({ q }) => q.set === set && q.item.answerable)
    .map(({ p }) => p)
    .sort((a, b) => a - b);
  // Hard abstentions on answerable questions of the set count against its budget too.
  const hard = hardAbstentions.filter((entry) => entry.set === set && entry.item.answerable).length;
  const allowed = Math.floor((own.length + hard) * FALSE_ABSTENTION_TARGET) - hard;
  return allowed < 0 ? 0 : (own[allowed] ?? 1);
});
const threshold = Math.round(Math.min(...perSet) * 1000) / 1000 - 0.001;
const curve = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7].map(
  (t) =>
    `  at ${t.toFixed(1)}: false abstentions ${((answerableP.filter((p) => p < t).length / answerableP.length) * 100).toFixed(1)}%, unanswerable abstained ${((unanswerableP.filter((p) => p < t).length / Math.max(1, unanswerableP.length)) * 100).toFixed(1)}%`,
);
const bestBalanced =
  (answerableP.filter((p) => p >= threshold).length / answerableP.length +
    unanswerableP.filter((p) => p < threshold).length / Math.max(1, unanswerableP.length)) /
  2;

const model: AnswerModel = {
  sentence: { features: [...SENTENCE_FEATURES], weights: sentenceWeights },
  support: { features: [...SUPPORT_FEATURES], weights: supportWeights, threshold },
  fittedOn: values.set.map((pair) => path.basename(pair.split("=")[1]!)),
};
const lines = [
  `questions: ${questions.length} graded, ${hardAbstentions.length} abstained on hard evidence (${hardAbstentions.filter((entry) => entry.item.answerable).length} of them answerable)`,
  `sentence model: ${sentenceExamples.length} sentences, ${positives} answering; gold sentence first for ${top1}/${answerable.length}, in the first three for ${top3}/${answerable.length}`,
  ...SENTENCE_FEATURES.map((name, i) => `  ${name.padEnd(22)} ${sentenceWeights[i]!.toFixed(3)}`),
  `support model: threshold ${threshold.toFixed(3)}, balanced accuracy ${(bestBalanced * 100).toFixed(1)}% on ${supportExamples.length} questions (${unanswerableP.length} unanswerable)`,
  ...curve,
  ...SUPPORT_FEATURES.map((name, i) => `  ${name.padEnd(22)} ${supportWeights[i]!.toFixed(3)}`),
];
process.stdout.write(`${lines.join("\n")}\n`);
if (process.env.FIT_DEBUG) {
  questions.forEach((q, i) => {
    const p = probabilities[i]!.p;
    if (q.item.answerable && p >= threshold) return;
    process.stdout.write(
      `${q.item.answerable ? "FALSE-ABSTAIN" : "unanswerable"} ${p.toFixed(2)} ${q.item.id} ${q.item.question}\n    best: ${rerank(q)[0]?.candidate.text.slice(0, 120)}\n`,
    );
  });
  for (const { item } of hardAbstentions) process.stdout.write(`hard ${item.answerable ? "FALSE-ABSTAIN" : "ok"} ${item.id} ${item.question}\n`);
}
if (values.write) {
  await fs.writeFile(MODEL_FILE, `${JSON.stringify(model, null, 1)}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), MODEL_FILE)} (was fitted on ${ANSWER_MODEL.fittedOn.join(", ") || "nothing"})\n`);
}
