/**
 * Sentence splitting with wink-nlp and its English lite model (loaded once, on first
 * use, with only the sentence boundary pipe). Spans are offsets into the original
 * text, so a sentence is always an exact substring of what was split.
 *
 * wink already keeps "U.S.", "Mr.", "Dr.", "Jan. 5" and decimals inside sentences;
 * a second pass re-joins a boundary that falls right after a title or month
 * abbreviation, which wink misses in a few contexts.
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { ABBREVIATIONS } from "./lexicon/abbreviations.js";

/** How a sentence ends: ".", "!", "?" or "…", possibly inside quotes or brackets. */
export const SENTENCE_END = /[.!?…]["”’»)\]]*$/u;

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

function loadNlp(): Nlp {
  nlp ??= winkNLP(model, ["sbd"]);
  return nlp;
}

/** Load the language model now (about 0.1 s) rather than on the first split. */
export function warmUpSentences(): void {
  loadNlp();
}

function endsWithAbbreviation(sentence: string): boolean {
  const match = /(?:^|[\s(])([A-Za-z]+(?:\.[A-Za-z]+)*)\.$/.exec(sentence.trimEnd());
  return match !== null && ABBREVIATIONS.has(match[1]!.toLowerCase());
}

// Metadata extraction and chunking split the same opening paragraphs; keep the last few results.
const recent = new Map<string, SentenceSpan[]>();
const RECENT_LIMIT = 32;

/** Sentence spans of the text, in order, trimmed of surrounding whitespace. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const cached = recent.get(text);
  if (cached) return cached.map((span) => ({ ...span }));
  const spans = computeSpans(text);
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(text, spans);
  return spans.map((span) => ({ ...span }));
}

function computeSpans(text: string): SentenceSpan[] {
  if (text.trim().length === 0) return [];
  const sentences = loadNlp().readDoc(text).sentences().out();
  // Locate each sentence's start in the original text; a span runs to the next start.
  const starts: number[] = [];
  let cursor = 0;
  for (const sentence of sentences) {
    const probe = sentence.trim().slice(0, 24);
    if (probe.length === 0) continue;
    const at = text.indexOf(probe, cursor);
    if (at < 0) continue;
    if (starts.length === 0 || at > starts[starts.length - 1]!) starts.push(at);
    cursor = at + 1;
  }
  if (starts.length === 0 || /\S/.test(text.slice(0, starts[0]))) starts.unshift(0);

  const spans: SentenceSpan[] = [];
  for (let i = 0; i < starts.length; i++) {
    const rawStart = starts[i]!;
    const rawEnd = i + 1 < starts.length ? starts[i + 1]! : text.length;
    const piece = text.slice(rawStart, rawEnd);
    const lead = piece.length - piece.trimStart().length;
    const start = rawStart + lead;
    const end = rawStart + piece.trimEnd().length;
    if (end <= start) continue;
    const previous = spans[spans.length - 1];
    if (previous && endsWithAbbreviation(previous.text)) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
      continue;
    }
    spans.push({ start, end, text: text.slice(start, end) });
  }
  return spans;
}

/** The sentences of the text, each an exact substring of it. */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map((span) => span.text);
}
