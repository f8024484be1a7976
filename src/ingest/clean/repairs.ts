/**
 * Cleaning, steps 6 and 7: separators (`x x x` and `* * *` between two speeches become a paragraph
 * break) and text repairs: sentences glued after a full stop (`matters.The` → `matters. The`, not
 * `U.S.`, `3.5`, `e.g.` or URLs), glued commas (`meeting,said`), the lost-speaker artefact `said:-`
 * → `said: `, runs of spaces.
 */

/** Split a paragraph at `x x x` separators (also glued: "for you.x x xsaid"). */
export function splitAtSeparators(paragraph: string): string[] {
  return paragraph
    .split(/(?<![\p{L}\p{N}])x x x|\s\*\s\*\s\*\s/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

const URLISH =
  /\b(?:https?:\/\/|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|mil|io|co|uk|eu|info|news)\b(?:\/\S*)?/gi;

function outsideUrls(text: string, repair: (segment: string) => string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URLISH)) {
    out += repair(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + repair(text.slice(last));
}

/**
 * Put the missing space back after a sentence end: "matters.The heads" → "matters. The heads",
 * "you?We" → "you? We", `said.”The` → `said.” The`. Leaves "U.S.", "3.5", "e.g." and URLs alone.
 */
export function repairGluedSentences(text: string): string {
  return outsideUrls(text, (segment) =>
    segment
      // A lowercase letter, digit, % or closing bracket, then . ! ? and a capitalised word.
      .replace(/([\p{Ll}\d%)\]])([.!?])(?=\p{Lu}[\p{Ll}'’ ])/gu, "$1$2 ")
      // A closing quote after the sentence end.
      .replace(/([.!?][”"’])(?=\p{Lu})/gu, "$1 ")
      // "U.S.The" → "U.S. The" (a dotted acronym followed by a capitalised word).
      .replace(/\b((?:\p{Lu}\.){2,})(?=\p{Lu}\p{Ll}{2,})/gu, "$1 "),
  );
}

/** "meeting,said" → "meeting, said"; "Grigoryevich,Dear" → "Grigoryevich, Dear". Numbers (1,000) stay. */
export function repairGluedCommas(text: string): string {
  return outsideUrls(text, (segment) => segment.replace(/(\p{L})(?<!&[A-Za-z0-9#]{1,10})([,;])(?=\p{L})/gu, "$1$2 "));
}

/** The lost-speaker artefact of scraped speeches: "said:-" / "said :-" → "said: ". */
export function repairSaidArtefact(text: string): string {
  return text.replace(/\b(said|stated|noted|added|says)\s*:\s*[-–—]+\s*/gi, "$1: ");
}

export function collapseSpaces(text: string): string {
  return text
    .replace(/ {2,}/g, " ")
    .replace(/ +([,;:])(?=\s|$)/g, "$1")
    .trim();
}

export function repairText(text: string): string {
  return collapseSpaces(repairSaidArtefact(repairGluedCommas(repairGluedSentences(text))));
}
