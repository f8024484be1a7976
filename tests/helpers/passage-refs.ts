/**
 * Citations by passage identity in recorded LLM replies.
 *
 * A recorded answer cites `[[article-id¶paragraph]]` instead of `[n]`, and keeps,
 * for each passage it cites, the start of the paragraph's text and a hash of all
 * of it. At replay each identity is rendered into the number that passage has in
 * the prompt actually sent (found by its article's title and its text among the
 * prompt's numbered passages), so a change in ranking, or in passages the reply
 * does not cite, leaves the recording valid. Literal numbers (`[7]`) are kept as
 * they are: they stand for citations to passages that were never given.
 */
import { createHash } from "node:crypto";
import { citedNumbers } from "../../src/retrieval/compose/citations.js";
import type { Passage } from "../../src/retrieval/types.js";

/** How much of a cited paragraph's text is kept, as a readable check. */
export const CITE_START_CHARS = 60;

/** What a recording keeps of a paragraph it cites. */
export interface CitedText {
  /** The first CITE_START_CHARS characters of the paragraph (whitespace normalised). */
  text: string;
  /** The first 12 hex digits of the SHA-256 of the whole paragraph (whitespace normalised). */
  hash: string;
  /** The meeting date the passage's header showed (metadata, not text: a change is reported, not stale). */
  date?: string;
}

/** An article's title and paragraphs, as the current index holds them. */
export interface IndexedArticle {
  title: string;
  paragraphs: readonly string[];
  /** The meeting date when known, else the publication date (as passage headers show it). */
  date?: string;
}
export type ArticleLookup = (articleId: string) => IndexedArticle | undefined;

export interface PromptPassage {
  n: number;
  /** The header line after `[n] `: `"Title" | meeting date: … | place`. */
  header: string;
  text: string;
}

const REF_MARKER = /\[\[([^\]]+?)¶(\d+)\]\]/gu;
/** Candidate citation markers, checked with the citation checker's own grammar (`citedNumbers`). */
const BRACKETED = /\[[^[\]\n]{1,40}\]|【[^】\n]{1,40}】/gu;

export const normaliseText = (text: string): string => text.replace(/\s+/gu, " ").trim();

export const passageRef = (articleId: string, paragraph: number): string => `${articleId}¶${paragraph}`;
export const refMarker = (ref: string): string => `[[${ref}]]`;

export function parsePassageRef(ref: string): { articleId: string; paragraph: number } {
  const match = /^(.+)¶(\d+)$/u.exec(ref);
  if (!match) throw new Error(`not a passage reference (article-id¶paragraph): ${ref}`);
  return { articleId: match[1]!, paragraph: Number(match[2]) };
}

/** The passages a reply cites by identity, in order of first appearance. */
export function refsIn(reply: string): string[] {
  return [...new Set([...reply.matchAll(REF_MARKER)].map((match) => passageRef(match[1]!, Number(match[2]))))];
}

export function textHash(text: string): string {
  return createHash("sha256").update(normaliseText(text)).digest("hex").slice(0, 12);
}

export function citedText(text: string, date?: string): CitedText {
  const clean = normaliseText(text);
  return { text: clean.slice(0, CITE_START_CHARS), hash: textHash(clean), ...(date ? { date } : {}) };
}

/** The meeting date a passage header shows (`formatPassages`). */
export function headerDate(header: string): string | undefined {
  return /\| meeting date: (\d{4}-\d{2}-\d{2})\b/u.exec(header)?.[1];
}

/** The numbered passages of an answer prompt (`formatPassages` in src/retrieval/compose/prompts.ts), in order. */
export function promptPassages(prompt: string): PromptPassage[] {
  const start = prompt.indexOf("Source passages:\n\n");
  if (start < 0) return [];
  const from = start + "Source passages:\n\n".length;
  const end = prompt.lastIndexOf("\n\nAnswer the question");
  const block = prompt.slice(from, end > from ? end : undefined);
  const passages: PromptPassage[] = [];
  for (const part of block.split(/\n\n(?=\[\d+\] )/u)) {
    const match = /^\[(\d+)\] ([^\n]*)\n([\s\S]*)$/u.exec(part);
    if (match) passages.push({ n: Number(match[1]), header: match[2]!, text: match[3]! });
  }
  return passages;
}

/** The question and today's date an answer prompt states. */
export function promptQuestion(prompt: string): { question: string; today?: string } {
  const question = /^Question: (.*)$/mu.exec(prompt)?.[1] ?? "";
  const today = /^Today is (\d{4}-\d{2}-\d{2})\./mu.exec(prompt)?.[1];
  return { question, ...(today ? { today } : {}) };
}

const startOf = (text: string) => `"${normaliseText(text).slice(0, 40)}…"`;

/** Why a cited passage cannot be found in a prompt, or where it is. */
export type RefLocation = { ref: string; n: number; movedTo?: number; date?: string } | { ref: string; problem: string };

/**
 * Find a cited passage among a prompt's passages: the article (looked up in the
 * current index for its title) and the paragraph's text must both match.
 * `movedTo` is set when the same text now has another paragraph number in the
 * article (an ingest change that added or dropped paragraphs before it).
 */
export function locateRef(ref: string, cited: CitedText | undefined, passages: readonly PromptPassage[], articles: ArticleLookup): RefLocation {
  if (!cited) return { ref, problem: `${refMarker(ref)} has no recorded text ("cites"): run --capture to fill it in from the index` };
  const { articleId, paragraph } = parsePassageRef(ref);
  const article = articles(articleId);
  if (!article) return { ref, problem: `${ref} (${startOf(cited.text)}) is no longer among the passages given (its article is not in the index)` };
  const titled = passages.filter((passage) => passage.header.startsWith(`"${normaliseText(article.title)}"`));
  const exact = titled.find((passage) => textHash(passage.text) === cited.hash);
  if (!exact) {
    const changed = titled.find((passage) => normaliseText(passage.text).startsWith(cited.text));
    if (changed) return { ref, problem: `${ref} (${startOf(cited.text)}) is given, but its text changed since the reply was written` };
    return { ref, problem: `${ref} (${startOf(cited.text)}) is no longer among the passages given` };
  }
  const now = article.paragraphs.findIndex((text) => textHash(text) === cited.hash) + 1;
  const date = headerDate(exact.header);
  return { ref, n: exact.n, ...(now > 0 && now !== paragraph ? { movedTo: now } : {}), ...(date ? { date } : {}) };
}

export interface RenderedReply {
  /** The reply with `[n]` markers for the prompt it answers; undefined when a cited passage is missing. */
  reply?: string;
  /** What makes the recording stale for this prompt (empty when it renders). */
  problems: string[];
  /** Cited passages whose paragraph number changed (same text): `--capture` relabels them. */
  moved: { ref: string; now: string }[];
  /** Cited passages whose header shows another meeting date than when the reply was written (worth a look: a reply may give the date). */
  redated: { ref: string; was: string; now: string }[];
}

/**
 * Render a recorded reply for the prompt it is replayed to. Stale when a cited
 * passage is not among the prompt's passages (or its text changed), or when a
 * literal number, written as a citation to a passage that was not given, now
 * names one that is.
 */
export function renderReply(reply: string, cites: Readonly<Record<string, CitedText>>, prompt: string, articles: ArticleLookup): RenderedReply {
  const passages = promptPassages(prompt);
  const problems: string[] = [];
  const moved: RenderedReply["moved"] = [];
  const redated: RenderedReply["redated"] = [];
  const numbers = new Map<string, number>();
  for (const ref of refsIn(reply)) {
    const location = locateRef(ref, cites[ref], passages, articles);
    if ("problem" in location) {
      problems.push(location.problem);
      continue;
    }
    numbers.set(ref, location.n);
    if (location.movedTo !== undefined) moved.push({ ref, now: passageRef(parsePassageRef(ref).articleId, location.movedTo) });
    const was = cites[ref]!.date;
    if (was && location.date && was !== location.date) redated.push({ ref, was, now: location.date });
  }
  const literal = reply.replace(REF_MARKER, " ");
  const given = new Set(passages.map((passage) => passage.n));
  for (const n of new Set(citedNumbers(literal))) {
    if (given.has(n)) problems.push(`the literal citation [${n}] (to a passage that was not given) now names passage [${n}] of ${passages.length}`);
  }
  if (problems.length > 0) return { problems, moved, redated };
  return {
    reply: reply.replace(REF_MARKER, (_, articleId: string, paragraph: string) => `[${numbers.get(passageRef(articleId, Number(paragraph)))}]`),
    problems,
    moved,
    redated,
  };
}

/**
 * The identity form of a reply written against numbered passages: each citation
 * marker whose numbers were all given becomes `[[article¶p]]` markers; markers
 * naming a number that was not given stay literal. Returns the cited texts too.
 */
export function toRefs(
  reply: string,
  passages: readonly Pick<Passage, "n" | "articleId" | "paragraph" | "text" | "date">[],
): { reply: string; cites: Record<string, CitedText> } {
  const byNumber = new Map(passages.map((passage) => [passage.n, passage]));
  const cites: Record<string, CitedText> = {};
  const converted = reply.replace(BRACKETED, (marker) => {
    const numbers = citedNumbers(marker);
    if (numbers.length === 0 || !numbers.every((n) => byNumber.has(n))) return marker;
    return numbers
      .map((n) => {
        const passage = byNumber.get(n)!;
        const ref = passageRef(passage.articleId, passage.paragraph);
        cites[ref] = citedText(passage.text, passage.date);
        return refMarker(ref);
      })
      .join("");
  });
  return { reply: converted, cites };
}

/** Relabel moved passages (same text, new paragraph number) in a reply and its cites. */
export function relabel(
  reply: string,
  cites: Readonly<Record<string, CitedText>>,
  moved: readonly { ref: string; now: string }[],
): { reply: string; cites: Record<string, CitedText> } {
  let text = reply;
  const next: Record<string, CitedText> = { ...cites };
  for (const { ref, now } of moved) {
    text = text.split(refMarker(ref)).join(refMarker(now));
    if (next[ref]) next[now] = next[ref]!;
    delete next[ref];
  }
  return { reply: text, cites: next };
}
