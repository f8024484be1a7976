/** An example question about the index's own newest meeting between two named people, for help replies. */
import type { StoredArticle } from "../../store/types.js";

const FALLBACK = "Who met whom, and what did they agree?";

export function exampleQuestion(articles: Iterable<StoredArticle>): string {
  let best: { date: string; question: string } | undefined;
  for (const article of articles) {
    const [first, second] = article.meta.participants;
    const date = article.meta.eventDate ?? article.meta.publishedDate ?? "";
    if (!first || !second || (best && best.date >= date)) continue;
    const surname = (name: string) => name.trim().split(/\s+/u).pop() ?? name;
    best = { date, question: `When did ${surname(first.name)} last meet ${surname(second.name)}?` };
  }
  return best?.question ?? FALLBACK;
}
