/** Telegram HTML for everything the bot says about answers and sources. All article and user text is escaped here. */
import { type Translate, translator } from "./i18n.js";
import { InlineKeyboard } from "grammy";
import type { AnswerResult, Citation } from "../retrieval/types.js";
import { formatDate as formatDay } from "../retrieval/compose/format-date.js";
import { escapeHtml, link, safeUrl, truncate } from "./html.js";

/** Dates read the same in answers and in source lists: "March 12, 2024". */
export function formatDate(date: string | undefined): string | undefined {
  return date ? formatDay(date) : undefined;
}

/** Citations in the order of their numbers, each number once. */
export function orderedCitations(citations: Citation[]): Citation[] {
  const byNumber = new Map<number, Citation>();
  for (const citation of citations) if (!byNumber.has(citation.n)) byNumber.set(citation.n, citation);
  return [...byNumber.values()].sort((a, b) => a.n - b.n);
}

/** One line of the sources list: "[1] Title (linked) · March 12, 2024 · ¶ 3". */
export function citationLine(citation: Citation): string {
  const parts = [`[${citation.n}] ${link(truncate(citation.title || citation.source, 120), citation.url)}`];
  const date = formatDate(citation.date);
  if (date) parts.push(escapeHtml(date));
  parts.push(`¶ ${citation.paragraph}`);
  return parts.join(" · ");
}

export function formatSourcesList(citations: Citation[], t: Translate = translator()): string {
  const lines = orderedCitations(citations).map(citationLine);
  return lines.length === 0 ? "" : `${t("sources-heading")}\n${lines.join("\n")}`;
}

/** The answer with its [n] markers, then the sources list. */
export function formatAnswer(result: Pick<AnswerResult, "answer" | "abstained" | "citations">, t: Translate = translator()): string {
  const answer = escapeHtml(result.answer.trim());
  if (result.abstained || result.citations.length === 0) return answer;
  return `${answer}\n\n${formatSourcesList(result.citations, t)}`;
}

const CALLBACK_PREFIX = "src";

/** Callback data for a source button: "src:<answer key>:<n>", far below Telegram's 64 bytes. */
export function sourceCallbackData(answerKey: string, n: number): string {
  return `${CALLBACK_PREFIX}:${answerKey}:${n}`;
}

/** The answer key and source number of a source button's callback data; undefined for any other data. */
export function parseSourceCallbackData(data: string): { answerKey: string; n: number } | undefined {
  const match = /^src:([A-Za-z0-9_-]{1,32}):(\d{1,4})$/.exec(data);
  return match ? { answerKey: match[1] as string, n: Number(match[2]) } : undefined;
}

/** A button per source; one per row with its title when there are few, compact rows otherwise. */
export function sourceKeyboard(answerKey: string, citations: Citation[]): InlineKeyboard | undefined {
  const ordered = orderedCitations(citations);
  if (ordered.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  const compact = ordered.length > 5;
  const perSource = new Map<string, number>();
  for (const citation of ordered) perSource.set(citation.source, (perSource.get(citation.source) ?? 0) + 1);
  ordered.forEach((citation, index) => {
    // Two paragraphs of one article: the paragraph number tells their buttons apart.
    const paragraph = (perSource.get(citation.source) ?? 0) > 1 ? ` ¶${citation.paragraph}` : "";
    const label = compact ? `[${citation.n}]` : `[${citation.n}]${paragraph} ${truncate(citation.title || citation.source, 36)}`;
    keyboard.text(label, sourceCallbackData(answerKey, citation.n));
    if (!compact || (index + 1) % 4 === 0) keyboard.row();
  });
  return keyboard;
}

/** A source paragraph in full, quoted, with title, date, paragraph number and link. */
export function formatSourceDetail(citation: Citation, t: Translate = translator()): string {
  const heading = `<b>[${citation.n}] ${escapeHtml(citation.title || citation.source)}</b>`;
  const facts = [formatDate(citation.date), t("source-paragraph", { n: citation.paragraph })].filter(Boolean).map((f) => escapeHtml(f as string));
  const url = citation.url ? safeUrl(citation.url) : undefined;
  const lines = [heading, facts.join(" · "), `<blockquote>${escapeHtml(citation.text.trim())}</blockquote>`];
  lines.push(url ? link(t("source-open"), url) : t("source-id", { source: escapeHtml(citation.source) }));
  return lines.join("\n");
}
