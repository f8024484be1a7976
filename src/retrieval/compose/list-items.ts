/**
 * Paragraphs that are lists of people ("Participants: Vice President Kamala
 * Harris; Gina Raimondo, Secretary of Commerce; …; Sam Altman, CEO of OpenAI"),
 * and the items of such a list that answer "Which CEOs…?".
 */
import { profileOf, termCoverage } from "../evidence/evidence.js";

/** The items of a paragraph written as a list joined by semicolons, or none when it is prose. */
export function listItems(paragraph: string): string[] {
  const items = paragraph
    .split(/\s*;\s*/u)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length < 3) return [];
  // Prose has long clauses with verbs between its semicolons; a list has short "Name, Role" items.
  const short = items.filter((item) => item.length <= 160 && !/[.!?]\s+\p{Lu}/u.test(item));
  return short.length === items.length ? items : [];
}

/** The items of a list paragraph that name what the question asks for ("ceos" finds "CEO of OpenAI"). */
export function itemsAbout(paragraph: string, word: string): string[] {
  const forms = [word.toLowerCase(), word.toLowerCase().replace(/s$/u, "")];
  return listItems(paragraph).filter((item) => termCoverage(profileOf(item), forms) > 0);
}
