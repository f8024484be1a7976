/**
 * npx tsx scripts/typo-variants.ts --style light|heavy|shorthand [--seed N] FILE.jsonl... > variants.jsonl
 *
 * Writes the answerable first-turn questions of evaluation sets again as users type them, to see
 * how the chain copes with typos it was never tuned on: `light` lowercases the question and puts one
 * typo (a letter dropped, doubled, swapped or changed) in one capitalised word; `heavy` puts one in
 * every capitalised word of five letters or more; `shorthand` lowercases and writes chat shorthand
 * ("wat", "abt", "w/", "&", month abbreviations). Same seed, same variants. Score them with
 * `npm run eval -- --index DIR variants.jsonl`. Build variants from sets you tune on only.
 */
import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseEvalSet } from "../src/retrieval/evaluation/evaluation.js";

const { values, positionals } = parseArgs({
  options: { style: { type: "string" }, seed: { type: "string", default: "1" }, help: { type: "boolean", short: "h" } },
  allowPositionals: true,
});
const styles = ["light", "heavy", "shorthand"] as const;
type Style = (typeof styles)[number];
if (values.help || positionals.length === 0 || !styles.includes(values.style as Style)) {
  process.stderr.write("Usage: npx tsx scripts/typo-variants.ts --style light|heavy|shorthand [--seed N] FILE.jsonl...\n");
  process.exit(values.help ? 0 : 2);
}
const style = values.style as Style;

// mulberry32: a small seeded generator, so that a seed always gives the same variants.
let state = Number(values.seed) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function typo(word: string): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  switch (pick(["drop", "double", "swap", "change"] as const)) {
    case "drop":
      return word.slice(0, at) + word.slice(at + 1);
    case "double":
      return word.slice(0, at) + word[at] + word.slice(at);
    case "swap":
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    case "change":
      return word.slice(0, at) + pick([..."aeiou"]) + word.slice(at + 1);
  }
}

const SHORTHAND: [RegExp, string][] = [
  [/\bwhat\b/g, "wat"],
  [/\babout\b/g, "abt"],
  [/\bwith\b/g, "w/"],
  [/\band\b/g, "&"],
  [/\bpresident\b/g, "pres"],
  [/\bmeeting\b/g, "mtg"],
];

function variant(question: string): string | undefined {
  const capitalised = [...question.matchAll(/(?<!^)\b\p{Lu}[\p{Ll}é]{4,}\b/gu)];
  if (style === "shorthand") {
    let text = question.toLowerCase();
    for (const [pattern, replacement] of SHORTHAND) if (random() < 0.6) text = text.replace(pattern, replacement);
    text = text.replace(/\b(january|february|march|april|august|september|october|november|december)\b/g, (month) => month.slice(0, 3));
    return text.replace(/\?$/u, "");
  }
  if (capitalised.length === 0) return undefined;
  const chosen = style === "light" ? [pick(capitalised)] : capitalised;
  let text = question;
  for (const match of [...chosen].sort((a, b) => b.index - a.index)) {
    text = text.slice(0, match.index) + typo(match[0]) + text.slice(match.index + match[0].length);
  }
  return text.toLowerCase();
}

for (const file of positionals) {
  for (const item of parseEvalSet(await fs.readFile(file, "utf8"), file)) {
    if (!item.answerable || item.conversation) continue;
    const question = variant(item.question);
    if (question && question !== item.question) process.stdout.write(`${JSON.stringify({ ...item, id: `${item.id}-${style}`, kind: "typo", question })}\n`);
  }
}
