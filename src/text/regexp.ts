/** Regular-expression helpers. */

/** The text as a pattern that matches it literally: "U.S." → "U\.S\.". */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
