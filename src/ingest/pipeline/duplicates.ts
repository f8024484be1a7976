/**
 * Recognising the same story ingested twice: identical cleaned text (ignoring
 * case, spacing and punctuation), or near-identical text (word 5-gram
 * shingles with a Jaccard similarity of at least 0.8, e.g. the same readout
 * scraped from two sites with different page chrome or a corrected typo).
 */
import { createHash } from "node:crypto";

const SHINGLE_WORDS = 5;
const NEAR_DUPLICATE_JACCARD = 0.8;
/** Candidates are found through a sample of the shingles (those whose hash ≡ 0 mod 4). */
const SAMPLE_MODULUS = 4;
/** Too little text to tell a duplicate from a template readout. */
const MIN_WORDS = 30;

function words(paragraphs: string[]): string[] {
  return (
    paragraphs
      .join(" ")
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function hash32(text: string): number {
  return createHash("md5").update(text).digest().readUInt32LE(0);
}

interface Fingerprint {
  exact: string;
  shingles: Set<number>;
  sample: number[];
  wordCount: number;
}

function fingerprint(paragraphs: string[]): Fingerprint {
  const list = words(paragraphs);
  const exact = createHash("sha256").update(list.join(" ")).digest("hex");
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= list.length; i++) shingles.add(hash32(list.slice(i, i + SHINGLE_WORDS).join(" ")));
  if (list.length > 0 && list.length < SHINGLE_WORDS) shingles.add(hash32(list.join(" ")));
  const sample = [...shingles].filter((value) => value % SAMPLE_MODULUS === 0);
  return { exact, shingles, sample, wordCount: list.length };
}

function jaccard(a: Set<number>, b: Set<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const value of small) if (large.has(value)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

export class DuplicateFinder {
  private readonly byExact = new Map<string, string>();
  private readonly bySample = new Map<number, Set<string>>();
  private readonly prints = new Map<string, Fingerprint>();

  /** Remember an article that is (or will be) in the index. */
  add(id: string, paragraphs: string[]): void {
    this.remove(id);
    const print = fingerprint(paragraphs);
    if (print.wordCount === 0) return;
    this.prints.set(id, print);
    if (!this.byExact.has(print.exact)) this.byExact.set(print.exact, id);
    for (const value of print.sample) {
      let ids = this.bySample.get(value);
      if (!ids) this.bySample.set(value, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(id: string): void {
    const print = this.prints.get(id);
    if (!print) return;
    this.prints.delete(id);
    if (this.byExact.get(print.exact) === id) {
      this.byExact.delete(print.exact);
      for (const [otherId, other] of this.prints) {
        if (other.exact === print.exact) {
          this.byExact.set(print.exact, otherId);
          break;
        }
      }
    }
    for (const value of print.sample) this.bySample.get(value)?.delete(id);
  }

  /** The id of an article with the same (or nearly the same) text, other than `id` itself. */
  find(id: string, paragraphs: string[]): string | undefined {
    const print = fingerprint(paragraphs);
    if (print.wordCount === 0) return undefined;
    const exact = this.byExact.get(print.exact);
    if (exact !== undefined && exact !== id) return exact;
    if (print.wordCount < MIN_WORDS) return undefined;
    const votes = new Map<string, number>();
    for (const value of print.sample) {
      for (const candidate of this.bySample.get(value) ?? []) {
        if (candidate !== id) votes.set(candidate, (votes.get(candidate) ?? 0) + 1);
      }
    }
    // Near-duplicates share most sampled shingles; check the likeliest few exactly.
    const needed = Math.max(1, Math.floor(print.sample.length * NEAR_DUPLICATE_JACCARD * 0.8));
    const candidates = [...votes]
      .filter(([, count]) => count >= needed)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    for (const [candidate] of candidates) {
      const other = this.prints.get(candidate)!;
      if (other.wordCount >= MIN_WORDS && jaccard(print.shingles, other.shingles) >= NEAR_DUPLICATE_JACCARD) return candidate;
    }
    return undefined;
  }
}
