/** Cleaning, step 1: line endings, BOM, zero-width and odd spaces (NBSP, thin, ideographic). */

const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v\f]/g;
const INVISIBLES = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export function normaliseCharacters(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(INVISIBLES, "")
    .replace(ODD_SPACES, " ");
}
