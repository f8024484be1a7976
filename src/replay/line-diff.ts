/** Readable differences between the expected and the actual rendering of a turn: lines, and the words changed in long lines. */
import { diffLines, diffWordsWithSpace } from "diff";

type DiffRow = { mark: " " | "-" | "+" | "~"; line: string };

/** Words changed between two long lines, git word-diff style with a little context: "…of [-old words-]{+new words+} the…". */
export function wordDiff(before: string, after: string, context = 30): string {
  // Changes separated only by spaces read better as one change: "[-agro-towns modelled on-]{+model farms inspired by+}".
  const segments: ({ same: string } | { removed: string; added: string })[] = [];
  for (const part of diffWordsWithSpace(before, after)) {
    const last = segments.at(-1);
    if (part.added || part.removed) {
      const change = last && !("same" in last) ? last : { removed: "", added: "" };
      if (change !== last) segments.push(change);
      if (part.added) change.added += part.value;
      else change.removed += part.value;
    } else if (/^\s+$/.test(part.value) && last && !("same" in last)) {
      last.removed += part.value;
      last.added += part.value;
    } else segments.push({ same: part.value });
  }
  return segments
    .map((segment, index) => {
      if (!("same" in segment)) {
        const removed = segment.removed.trimEnd();
        const added = segment.added.trimEnd();
        const trailing = segment.removed.length - removed.length > 0 && segment.added.length - added.length > 0 ? " " : "";
        return `${removed ? `[-${removed}-]` : ""}${added ? `{+${added}+}` : ""}${trailing}`;
      }
      const value = segment.same;
      const first = index === 0;
      const last = index === segments.length - 1;
      if (first && last) return value;
      if (first) return value.length > context ? `…${value.slice(-context)}` : value;
      if (last) return value.length > context ? `${value.slice(0, context)}…` : value;
      return value.length > context * 2 ? `${value.slice(0, context)} … ${value.slice(-context)}` : value;
    })
    .join("");
}

/** Under each pair of long changed lines (one removed, one added), a line showing only the words that changed. */
function addWordDiffs(rows: DiffRow[]): void {
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]?.mark !== "-") continue;
    let removedEnd = i;
    while (rows[removedEnd + 1]?.mark === "-") removedEnd++;
    let addedEnd = removedEnd;
    while (rows[addedEnd + 1]?.mark === "+") addedEnd++;
    const removed = removedEnd - i + 1;
    const added = addedEnd - removedEnd;
    if (removed === 1 && added === 1) {
      const before = (rows[i] as DiffRow).line;
      const after = (rows[i + 1] as DiffRow).line;
      if (Math.max(before.length, after.length) > 80) rows.splice(i + 2, 0, { mark: "~", line: wordDiff(before, after) });
    }
    i = addedEnd;
  }
}

/** A readable line diff: "- " expected, "+ " actual, "  " unchanged (long unchanged runs shortened), "~ " the words that changed in a long line. */
export function lineDiff(expected: string, actual: string, context = 2): string {
  if (expected.length === 0)
    return actual
      .split("\n")
      .map((line) => `+ ${line}`)
      .join("\n");
  const parts = diffLines(expected.endsWith("\n") ? expected : `${expected}\n`, actual.endsWith("\n") ? actual : `${actual}\n`);
  const rows: DiffRow[] = [];
  for (const part of parts) {
    const mark = part.added ? "+" : part.removed ? "-" : " ";
    for (const line of part.value.replace(/\n$/, "").split("\n")) rows.push({ mark, line });
  }
  addWordDiffs(rows);
  const keep = rows.map((row, index) => row.mark !== " " || rows.slice(Math.max(0, index - context), index + context + 1).some((r) => r.mark !== " "));
  const out: string[] = [];
  let skipped = 0;
  rows.forEach((row, index) => {
    if (keep[index]) {
      if (skipped > 0) out.push(`  … ${skipped} unchanged line${skipped === 1 ? "" : "s"}`);
      skipped = 0;
      out.push(`${row.mark} ${row.line}`);
    } else skipped++;
  });
  if (skipped > 0) out.push(`  … ${skipped} unchanged line${skipped === 1 ? "" : "s"}`);
  return out.join("\n");
}
