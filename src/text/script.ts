/**
 * Which script a text is written in, by counting its letters. The index holds
 * English articles: a question mostly in Cyrillic (or another non-Latin script)
 * cannot be searched as it is.
 */
export type Script = "latin" | "cyrillic" | "other";

/** The script most of the text's letters belong to; "latin" for a text without letters. */
export function dominantScript(text: string): Script {
  let latin = 0;
  let cyrillic = 0;
  let other = 0;
  for (const char of text) {
    if (/\p{Script=Latin}/u.test(char)) latin++;
    else if (/\p{Script=Cyrillic}/u.test(char)) cyrillic++;
    else if (/\p{L}/u.test(char)) other++;
  }
  if (cyrillic > latin && cyrillic >= other) return "cyrillic";
  if (other > latin && other > cyrillic) return "other";
  return "latin";
}
