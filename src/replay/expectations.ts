/** Checking a turn's `expect:` (text, buttons, silence, answers and the sources they cite) against what the bot did. */
import type { Citation } from "../retrieval/types.js";
import { type Expectation, parsePattern, type RecordedCall } from "./format-schema.js";
import { type Button, buttonsOf, replyCalls, visibleText } from "./visible-calls.js";

/** What the answer chain returned during a turn. */
export interface ChainOutcome {
  question: string;
  abstained: boolean;
  citations: Citation[];
}

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

function quote(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

/** Does a citation match what a tester wrote: an article id, its end (file name, with or without extension, or a record id), or a URL? */
export function citationMatches(expected: string, citation: Pick<Citation, "source" | "url">): boolean {
  const want = expected.trim();
  if (want === citation.source || (citation.url !== undefined && want === citation.url)) return true;
  const withoutExtension = (id: string) => id.replace(/\.[A-Za-z0-9]+(?=#|$)/, "");
  const source = citation.source;
  const forms = new Set<string>();
  for (const id of [source, withoutExtension(source)]) {
    forms.add(id);
    const segments = id.split("/");
    for (let i = 1; i < segments.length; i++) forms.add(segments.slice(i).join("/"));
    const hash = id.indexOf("#");
    if (hash >= 0) forms.add(id.slice(hash + 1));
  }
  if (forms.has(want) || forms.has(withoutExtension(want))) return true;
  // The end of an id at a word boundary: "biden-kishida-state-visit" for "readouts/2024-04-10-biden-kishida-state-visit.md".
  const tail = withoutExtension(want);
  return (
    tail.length >= 3 && [source, withoutExtension(source)].some((id) => id.endsWith(tail) && /^$|[/#_.-]$/.test(id.slice(0, id.length - tail.length).slice(-1)))
  );
}

function sourcesText(outcomes: ChainOutcome[]): string {
  const sources = [...new Set(outcomes.flatMap((o) => o.citations.map((c) => c.source)))];
  return sources.length > 0 ? sources.join(", ") : "none";
}

function checkText(expectation: Expectation, text: string, problems: string[]): void {
  const folded = fold(text);
  for (const needle of expectation.contains ?? []) {
    if (!folded.includes(fold(needle))) problems.push(`should contain “${needle}”, but the bot said: ${quote(text)}`);
  }
  for (const needle of expectation.not_contains ?? []) {
    if (folded.includes(fold(needle))) problems.push(`should not contain “${needle}”, but the bot said: ${quote(text)}`);
  }
  for (const pattern of expectation.matches ?? []) {
    if (!parsePattern(pattern).test(text)) problems.push(`should match ${pattern}, but the bot said: ${quote(text)}`);
  }
}

function checkButtons(expectation: Expectation, buttons: Button[], problems: string[]): void {
  if (expectation.buttons === undefined) return;
  const labels = buttons.map((b) => b.text);
  const shown = labels.length > 0 ? labels.map((l) => `[${l}]`).join(" ") : "no buttons";
  if (typeof expectation.buttons === "number") {
    if (labels.length !== expectation.buttons) problems.push(`should have ${expectation.buttons} button(s), but has ${shown}`);
    return;
  }
  const wanted = expectation.buttons;
  const ok = wanted.length === labels.length && wanted.every((want, i) => fold(labels[i] as string).includes(fold(want)));
  if (!ok) problems.push(`should have buttons ${wanted.map((l) => `[${l}]`).join(" ")}, but has ${shown}`);
}

function checkAnswer(expectation: Expectation, outcomes: ChainOutcome[], problems: string[]): void {
  if (expectation.abstains === undefined && expectation.cites === undefined) return;
  if (outcomes.length === 0) {
    problems.push("should be an answer to a question, but the bot did not answer one in this turn");
    return;
  }
  if (expectation.abstains !== undefined) {
    const abstained = outcomes.every((o) => o.abstained);
    if (abstained !== expectation.abstains) {
      problems.push(expectation.abstains ? `should abstain, but the bot answered (sources: ${sourcesText(outcomes)})` : "should answer, but the bot abstained");
    }
  }
  for (const wanted of expectation.cites ?? []) {
    if (!outcomes.some((o) => o.citations.some((c) => citationMatches(wanted, c)))) {
      problems.push(`should cite ${wanted}, but the sources are: ${sourcesText(outcomes)}`);
    }
  }
}

/** Check a turn's expectations against the calls the bot made and what the chain answered. */
export function checkExpectations(expect: { perMessage: boolean; items: Expectation[] }, calls: RecordedCall[], outcomes: ChainOutcome[]): string[] {
  const problems: string[] = [];
  const replies = replyCalls(calls);
  const count = (n: number) => `${n} repl${n === 1 ? "y" : "ies"}`;
  if (!expect.perMessage) {
    const expectation = expect.items[0] as Expectation;
    const text = replies.map((call) => visibleText(call) ?? "").join("\n\n");
    if (expectation.silent === true && replies.length > 0) problems.push(`should stay silent, but the bot sent ${count(replies.length)}: ${quote(text)}`);
    if (expectation.silent === false && replies.length === 0) problems.push("should reply, but the bot stayed silent");
    if (expectation.messages !== undefined && replies.length !== expectation.messages) {
      problems.push(`should send ${count(expectation.messages)}, but the bot sent ${count(replies.length)}${replies.length > 0 ? `: ${quote(text)}` : ""}`);
    }
    const needsText = (expectation.contains?.length ?? 0) + (expectation.matches?.length ?? 0) > 0;
    if (needsText && replies.length === 0) problems.push("should reply, but the bot stayed silent");
    else checkText(expectation, text, problems);
    checkButtons(
      expectation,
      replies.flatMap((call) => buttonsOf(call.payload)),
      problems,
    );
    checkAnswer(expectation, outcomes, problems);
    return problems;
  }
  if (replies.length !== expect.items.length) {
    problems.push(`should send ${count(expect.items.length)}, but the bot sent ${count(replies.length)}`);
  }
  expect.items.forEach((expectation, index) => {
    const call = replies[index];
    const own: string[] = [];
    if (call) {
      checkText(expectation, visibleText(call) ?? "", own);
      checkButtons(expectation, buttonsOf(call.payload), own);
    } else if ((expectation.contains?.length ?? 0) + (expectation.matches?.length ?? 0) > 0 || expectation.buttons !== undefined) {
      own.push("is missing");
    }
    checkAnswer(expectation, outcomes, own);
    problems.push(...own.map((problem) => `reply ${index + 1} ${problem}`));
  });
  return problems;
}
