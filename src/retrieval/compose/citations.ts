/**
 * The citation checker: what an answerer wrote is only shown if every sentence
 * is backed by a passage that was actually given.
 *
 * Citation markers recognised (and rewritten to `[n]`):
 *   `[1]`, `[1, 3]`, `[1; 3]`, `[1-3]` (a range), `[1][3]`, `【1】`, `[^1]`,
 *   `[Source 1]`, `[Passage 2, 3]`.
 * Parentheses — `(1)` — are NOT citations: they collide with enumerations,
 * years and figures in ordinary prose, and the prompt asks for square brackets.
 *
 * Rules, in order:
 *   1. A trailing "Sources:"/"References:" list is dropped (the citations carry that).
 *   2. Each line is split into sentences (a bullet or list item is a line; a
 *      citation after the full stop belongs to the sentence before it).
 *   3. Markers naming numbers that were not given are removed.
 *   4. A sentence with no valid citation left is removed. A heading line
 *      ending with ":" stays when list items below it survive.
 *   4b. A sentence that states a day ("on June 5, 2024") which none of its
 *      cited passages has, in its text or its article's dates, cites the wrong
 *      passage and is removed too (see grounding.ts).
 *   5. Surviving citations are renumbered 1..k in order of first appearance;
 *      two numbers naming the same article paragraph become one.
 *   6. If nothing survives, or only "the articles do not say" sentences do,
 *      the answer becomes the standard abstention.
 */
import { RunnableLambda } from "@langchain/core/runnables";
import { ABBREVIATIONS, NAME_SUFFIXES } from "../../text/lexicon/index.js";
import { unbackedDays } from "./grounding.js";
import { ABSTENTION, type AnswerDraft, type Citation, type Passage } from "../types.js";

export interface CheckedAnswer extends AnswerDraft {
  /** Sentences removed because they carried no valid citation. */
  removedSentences: string[];
  /** Cited numbers that matched no given passage. */
  invalidCitations: number[];
  /** Sentences removed because they state a day that no passage they cite has. */
  ungroundedSentences: Array<{ sentence: string; days: string[] }>;
}

export interface CitationCheckInput {
  answer: string;
  passages: Passage[];
}

const LABEL = String.raw`(?:(?:sources?|passages?|paragraphs?|refs?|references?|doc(?:ument)?s?)\s*#?\s*)?`;
const ITEM = String.raw`${LABEL}\d{1,3}(?:\s*[-–]\s*\d{1,3})?`;
const LIST = String.raw`${ITEM}(?:(?:\s*[,;&]\s*(?:and\s+)?|\s+and\s+)${ITEM})*`;
/** One marker: `[1, 3]`, `[^2]`, `【4】`, `[Source 5]`. Group 1 or 2 holds the numbers. */
const MARKER_SOURCE = String.raw`\[\s*\^?\s*(${LIST})\s*\]|【\s*(${LIST})\s*】`;
const MARKER = new RegExp(MARKER_SOURCE, "giu");
/** A run of markers with the spaces between and before them. */
const MARKER_RUN = new RegExp(String.raw`\s*(?:(?:${MARKER_SOURCE})\s*)+`, "giu");

const BULLET = /^\s*(?:[-*•·–]|\d{1,2}[.)])\s+/u;
const SOURCES_HEADING = /^\s*(?:#+\s*)?(?:\*\*)?(?:sources?|references?|citations?|cited passages?)(?:\*\*)?\s*:?\s*(?:\*\*)?\s*$/iu;

const ABSTAIN_PATTERNS: RegExp[] = [
  /^i (?:could ?n[o']?t|can ?n[o']?t|cannot|was unable to|am unable to|'m unable to|did ?n[o']?t|do ?n[o']?t) (?:find|locate|see|know|determine|answer)/iu,
  /^i (?:don't|do not) have (?:any )?(?:information|enough information|details)/iu,
  /^(?:unfortunately,? )?(?:the |these |none of the )?(?:provided |given |available |retrieved )?(?:articles?|passages?|sources?|paragraphs?|context|documents?|texts?|readouts?) (?:do(?:es)? ?n[o']?t|did ?n[o']?t|never) (?:say|mention|contain|provide|state|specify|include|describe|address|give|answer|discuss)/iu,
  /^(?:unfortunately,? )?(?:there is|there's|there are) no (?:information|mention|details?|record|evidence)/iu,
  /^(?:unfortunately,? )?no (?:information|details?|mention) (?:is|was|are|were) (?:available|provided|given|found)/iu,
  /^(?:unfortunately,? )?(?:this|that|the answer) (?:is not|isn't|was not) (?:mentioned|stated|covered|found|available|specified)/iu,
  /^(?:unfortunately,? )?(?:none of the )?(?:provided |given )?(?:articles?|passages?|sources?) (?:are|is) (?:not )?(?:relevant|about)/iu,
  /^not (?:found|mentioned|stated|available) in the/iu,
];

/** True when a text (sentence or whole reply) is a way of saying "the articles don't say". */
export function isAbstention(text: string): boolean {
  const clean = stripMarkers(text)
    .replace(/^[\s*_#>"'“]+/u, "")
    .replace(/[’]/gu, "'")
    .trim();
  if (clean.length === 0) return false;
  if (clean === ABSTENTION || clean.toLowerCase().startsWith(ABSTENTION.toLowerCase().replace(/\.$/, ""))) return true;
  return ABSTAIN_PATTERNS.some((pattern) => pattern.test(clean));
}

/** The numbers a marker's inner text names: "1, 3-5" → [1, 3, 4, 5]. */
function numbersIn(list: string): number[] {
  const numbers: number[] = [];
  const normalised = list.replace(/[^\d\-–]+/gu, " ").replace(/\s*[-–]\s*/gu, "-");
  for (const part of normalised.split(" ")) {
    const range = /^(\d+)-(\d+)$/u.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to >= from && to - from <= 20) for (let n = from; n <= to; n++) numbers.push(n);
      else numbers.push(from, to);
    } else if (/^\d+$/u.test(part)) {
      numbers.push(Number(part));
    }
  }
  return numbers;
}

/** Every number cited anywhere in a text, in order of appearance (duplicates kept). */
export function citedNumbers(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(MARKER)) numbers.push(...numbersIn(match[1] ?? match[2] ?? ""));
  return numbers;
}

function stripMarkers(text: string): string {
  return text
    .replace(MARKER_RUN, " ")
    .replace(/\s+([.,;:!?])/gu, "$1")
    .replace(/\s{2,}/gu, " ")
    .trim();
}

const SENTENCE_OPENER = /^["'“‘(]?(?:The|They|He|She|It|This|That|These|Those|We|I|A|An|Both|Their|His|Her|Its|Our|In|On|At|After|Before)\b/u;

function isAbbreviation(before: string, after: string): boolean {
  const word = /([\p{L}.]+)$/u.exec(before)?.[1];
  if (!word) return false;
  // "Joseph R. Biden, Jr. Call with …" (a title): a suffix after a name and its comma goes on with the name,
  // unless a pronoun or an article opens what follows ("… Biden, Jr. They agreed").
  if (NAME_SUFFIXES.has(word.toLowerCase()) && /,\s*[\p{L}.]+$/u.test(before)) return !SENTENCE_OPENER.test(after);
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "George W. Bush"
  if (/^(?:\p{L}\.)+\p{L}?$/u.test(word)) return true; // "U.S", "e.g"
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Split one line of an answer into sentences, each keeping the citation markers
 * that follow it ("… in Washington. [1] Then …"). A boundary is sentence-final
 * punctuation (plus closing quotes and any citation markers) followed by a space
 * and a capital, digit or opening quote, unless the word before the full stop is
 * an abbreviation (the lexicon's, as for articles). Articles are split by
 * `text/sentences.ts`, which knows nothing of citation markers.
 */
export function splitAnswerSentences(line: string): string[] {
  const boundary = new RegExp(String.raw`([.!?]+["'”’)]*)((?:\s*(?:${MARKER_SOURCE}))*)(\s+)(?=["'“‘(\[]?[\p{Lu}\d])`, "gu");
  const sentences: string[] = [];
  let start = 0;
  for (const match of line.matchAll(boundary)) {
    const end = match.index + match[0].length - (match.at(-1)?.length ?? 0);
    const punctuation = match[1] ?? "";
    if (punctuation.startsWith(".") && punctuation.length === 1 && isAbbreviation(line.slice(start, match.index), line.slice(match.index + match[0].length)))
      continue;
    sentences.push(line.slice(start, end).trim());
    start = match.index + match[0].length;
  }
  const rest = line.slice(start).trim();
  if (rest.length > 0) sentences.push(rest);
  return sentences.filter((sentence) => sentence.length > 0);
}

/** Drop a closing "Sources:" list and everything after it. */
function withoutSourcesList(lines: string[]): string[] {
  const at = lines.findIndex((line) => SOURCES_HEADING.test(line));
  return at > 0 ? lines.slice(0, at) : lines;
}

interface Piece {
  /** Original sentence text. */
  text: string;
  /** Valid passage numbers cited, in order. */
  cited: number[];
}

interface Line {
  prefix: string;
  pieces: Piece[];
  heading: boolean;
  bullet: boolean;
}

/**
 * Check an answer against the passages it was given. See the module comment for
 * the rules. Pure and fast; safe to call on any answerer's output.
 */
export function checkCitations(answer: string, passages: readonly Passage[]): CheckedAnswer {
  const byNumber = new Map(passages.map((passage) => [passage.n, passage]));
  const invalid = new Set<number>();
  const removed: string[] = [];
  const ungrounded: CheckedAnswer["ungroundedSentences"] = [];

  const rawLines = withoutSourcesList(answer.replace(/\r\n?/gu, "\n").split("\n"));
  const lines: Line[] = [];
  for (const raw of rawLines) {
    if (raw.trim().length === 0) continue;
    const bulletMatch = BULLET.exec(raw);
    const prefix = bulletMatch ? bulletMatch[0].trim() : "";
    const body = bulletMatch ? raw.slice(bulletMatch[0].length) : raw.trim();
    const pieces = splitAnswerSentences(body).map((text) => {
      const cited: number[] = [];
      for (const n of citedNumbers(text)) {
        if (byNumber.has(n)) cited.push(n);
        else invalid.add(n);
      }
      return { text, cited };
    });
    const heading = !bulletMatch && /:\s*$/u.test(stripMarkers(body)) && pieces.every((piece) => piece.cited.length === 0);
    lines.push({ prefix, pieces, heading, bullet: bulletMatch !== null });
  }

  // Renumber: one new number per distinct article paragraph, in order of first appearance.
  const newNumber = new Map<number, number>();
  const byParagraph = new Map<string, number>();
  const citations: Citation[] = [];
  const numberFor = (old: number): number => {
    const known = newNumber.get(old);
    if (known !== undefined) return known;
    const passage = byNumber.get(old)!;
    const paragraphKey = `${passage.articleId}\u0000${passage.paragraph}`;
    let assigned = byParagraph.get(paragraphKey);
    if (assigned === undefined) {
      assigned = citations.length + 1;
      byParagraph.set(paragraphKey, assigned);
      citations.push({
        n: assigned,
        source: passage.articleId,
        title: passage.title,
        date: passage.date,
        url: passage.url,
        paragraph: passage.paragraph,
        text: passage.text,
      });
    }
    newNumber.set(old, assigned);
    return assigned;
  };

  const rewrite = (piece: Piece): string =>
    piece.text
      .replace(MARKER_RUN, (run) => {
        const numbers: number[] = [];
        for (const match of run.matchAll(MARKER)) {
          for (const old of numbersIn(match[1] ?? match[2] ?? "")) {
            if (!byNumber.has(old)) continue;
            const n = numberFor(old);
            if (!numbers.includes(n)) numbers.push(n);
          }
        }
        // A space on both sides: the run may have eaten the one before the next sentence ("memo [1] They…").
        return numbers.length > 0 ? ` ${numbers.map((n) => `[${n}]`).join("")} ` : " ";
      })
      .replace(/\s+([.,;:!?])/gu, "$1")
      .replace(/\s{2,}/gu, " ")
      .trim();

  const kept: { line: Line; text: string; substantive: boolean }[] = [];
  for (const line of lines) {
    if (line.heading) {
      kept.push({ line, text: stripMarkers(line.pieces.map((piece) => piece.text).join(" ")), substantive: false });
      continue;
    }
    const texts: string[] = [];
    let substantive = false;
    for (const piece of line.pieces) {
      const words = stripMarkers(piece.text);
      if (piece.cited.length === 0 || !/[\p{L}\p{N}]/u.test(words)) {
        removed.push(piece.text);
        continue;
      }
      const days = unbackedDays(
        words,
        piece.cited.map((n) => byNumber.get(n)!),
      );
      if (days.length > 0) {
        ungrounded.push({ sentence: piece.text, days });
        continue;
      }
      texts.push(rewrite(piece));
      if (!isAbstention(words)) substantive = true;
    }
    if (texts.length > 0) kept.push({ line, text: texts.join(" "), substantive });
  }

  // A heading stays only when a list item right below it survived.
  const output: string[] = [];
  kept.forEach((entry, i) => {
    if (entry.line.heading) {
      const next = kept[i + 1];
      if (!next || next.line.heading || !next.line.bullet) {
        removed.push(entry.text);
        return;
      }
    }
    output.push(entry.line.prefix ? `${entry.line.prefix} ${entry.text}` : entry.text);
  });

  const anySubstance = kept.some((entry) => entry.substantive);
  if (!anySubstance) {
    const reason =
      kept.length > 0 || isAbstention(answer)
        ? "the answerer said the passages do not answer the question"
        : invalid.size > 0
          ? `every citation pointed to a passage that was not given (${[...invalid].map((n) => `[${n}]`).join(", ")})`
          : ungrounded.length > 0
            ? `every sentence stated a day that the passages it cites do not have (${ungrounded.flatMap((entry) => entry.days).join(", ")})`
            : "no sentence of the answer cited a passage";
    return {
      answer: ABSTENTION,
      abstained: true,
      citations: [],
      removedSentences: removed,
      invalidCitations: [...invalid],
      ungroundedSentences: ungrounded,
      abstentionReason: reason,
    };
  }
  // Numbers were assigned while rewriting in text order, so citations are already 1..k.
  return { answer: output.join("\n"), abstained: false, citations, removedSentences: removed, invalidCitations: [...invalid], ungroundedSentences: ungrounded };
}

/** The checker as a chain step: `{answer, passages}` → a checked `AnswerDraft`. */
export const citationChecker = RunnableLambda.from((input: CitationCheckInput): AnswerDraft => {
  const { answer, abstained, citations, abstentionReason } = checkCitations(input.answer, input.passages);
  return { answer, abstained, citations, ...(abstentionReason ? { abstentionReason } : {}) };
}).withConfig({ runName: "CheckCitations" });
