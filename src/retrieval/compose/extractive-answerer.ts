/**
 * `compose/` — writing the answer: the offline extractive answerer (this
 * module), the LLM answerer (`llm.ts`, `prompts.ts`), translation, and the
 * citation checker (`citations.ts`, `grounding.ts`) every answer passes through.
 *
 * The offline answerer: no model, only the retrieved paragraphs. It checks that
 * the evidence supports an answer, picks the sentences that answer the
 * question, and writes them with their [n] citations — a dated line per
 * meeting for list questions, the meeting date first for "when" questions.
 */
import { RunnableLambda } from "@langchain/core/runnables";
import { splitSentences } from "../../text/sentences.js";
import { checkCitations } from "./citations.js";
import { isCommonWord } from "../question/english.js";
import { entitiesOf, matchEntities, profileOf, termCoverage } from "../evidence/evidence.js";
import { formatDate } from "./format-date.js";
import { itemsAbout, listItems } from "./list-items.js";
import { askedKind, askedRegions, inAskedRegions, insistsInPerson, kindOf, preferKind, specificTerms } from "../question/question-shape.js";
import { questionFocus, sentenceHolds } from "../question/answer-type.js";
import { assessSupport, type SupportAssessment } from "../evidence/support.js";
import { LEAD_CHARS } from "../evidence/hybrid-retriever.js";
import type { ScoredCandidate } from "../evidence/sentence-evidence.js";
import { MEETING_VERB, NAME_TITLE_ABBREVIATIONS } from "../../text/lexicon/index.js";
import { namesAfterTitles } from "../question/vocabulary.js";
import { ABSTENTION, type AnswerDraft, type AnswererInput, type Passage, type QueryAnalysis } from "../types.js";

export interface ExtractiveSettings {
  /** Sentences in a plain answer. */
  maxSentences: number;
  /** Lines in a list answer. */
  maxListLines: number;
  /** A plain answer stops adding sentences beyond this many characters. */
  maxAnswerChars: number;
}

export const DEFAULT_EXTRACTIVE_SETTINGS: ExtractiveSettings = {
  maxSentences: 4,
  maxListLines: 12,
  maxAnswerChars: 900,
};

const DAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const RELATIVE_DAY = new RegExp(`\\s*,?\\s*\\b(?:earlier today|today|yesterday|this (?:morning|afternoon|evening)|last night|on (?:${DAY_NAMES}))\\b`, "g");
const LEADING_RELATIVE_DAY = new RegExp(`^(?:earlier today|today|yesterday|this (?:morning|afternoon|evening)|last night|on (?:${DAY_NAMES}))\\s*,?\\s*`, "i");

/** Drop "today", "yesterday", "on Thursday": the answer states the resolved date instead. */
function withoutRelativeDays(sentence: string): string {
  const trimmed = sentence.replace(LEADING_RELATIVE_DAY, "");
  const capitalised = trimmed === sentence ? trimmed : trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return capitalised.replace(RELATIVE_DAY, "").replace(/\s+([,.;:])/g, "$1");
}

/** The sentence with its citation marker before the closing full stop: "… Castle [1]." */
function cite(sentence: string, n: number): string {
  const match = /([.!?…]+["”’)]*)\s*$/.exec(sentence);
  return match ? `${sentence.slice(0, match.index).trimEnd()} [${n}]${match[1]}` : `${sentence.trimEnd()} [${n}]`;
}

function dated(passage: Passage, sentence: string): string {
  const date = formatDate(passage.date);
  return cite(date ? `${date} — ${withoutRelativeDays(sentence)}` : sentence, passage.n);
}

/** "…, Republic of Korea" → "…, Republic of Korea."; a list that already ends a sentence stays as it is. */
const endSentence = (text: string) => (/[.!?]["”’)]*$/u.test(text) ? text : `${text}.`);

/** A sentence to quote, with the passage to cite for it. */
interface Quote {
  /** The passage the sentence comes from: the one to cite. */
  passage: Passage;
  text: string;
}

/** The sentence that says the meeting happened, with the passage it is in: early in the article, naming the people, with a meeting verb. */
function meetingSentence(query: QueryAnalysis, chosen: Passage, all: Passage[]): Quote {
  const sameArticle = all.filter((passage) => passage.articleId === chosen.articleId).sort((a, b) => a.paragraph - b.paragraph);
  const entities = entitiesOf(query);
  let best: (Quote & { score: number }) | undefined;
  for (const passage of sameArticle.length > 0 ? sameArticle : [chosen]) {
    splitSentences(passage.text).forEach((text, position) => {
      const match = matchEntities(profileOf(text), entities);
      const score = (match.asked > 0 ? match.found / match.asked : 0) + (MEETING_VERB.test(text) ? 1 : 0) - 0.1 * position - 0.2 * (passage.paragraph - 1);
      if (!best || score > best.score) best = { passage, text, score };
    });
  }
  const quote: Quote = best ?? { passage: chosen, text: chosen.text };
  // From a participants list, only the people asked about: "Vice President Kamala Harris; Sam Altman, CEO of OpenAI".
  const named = listItems(quote.text).filter((item) => matchEntities(profileOf(item), entities).found > 0);
  return named.length > 0 ? { passage: quote.passage, text: endSentence(named.join("; ")) } : quote;
}

/** A quote written with its date first and its citation: "April 10, 2024 — … [1]." */
function datedQuote(quote: Quote): string {
  return dated(quote.passage, quote.text);
}

function shortTitle(title: string): string {
  return title
    .replace(/^(?:readout|statement|fact sheet)\s*(?:of|from|on|:)?\s*/i, "")
    .replace(/\s+/g, " ")
    .trim();
}

const byDate = (a: Passage, b: Passage) => (a.date ?? "").localeCompare(b.date ?? "");

/** Passages that mention the most of the question's specific terms (all of them when none is specific). */
function mostSpecific(query: QueryAnalysis, passages: Passage[]): Passage[] {
  const terms = specificTerms(query);
  if (terms.length === 0 || passages.length === 0) return passages;
  const coverage = passages.map((passage) => termCoverage(profileOf(`${passage.title}\n${passage.text}`), terms));
  const best = Math.max(...coverage);
  return best === 0 ? passages : passages.filter((_, index) => coverage[index] === best);
}

/** One passage per article, in rank order. */
function onePerMeeting(passages: Passage[]): Passage[] {
  const seen = new Set<string>();
  return passages.filter((passage) => !seen.has(passage.articleId) && seen.add(passage.articleId));
}

/** The people of the meeting the title does not already name: "(with Jonas Brecke)". */
function counterparts(query: QueryAnalysis, passage: Passage, shown: string): string {
  const inTitle = profileOf(shown);
  const asked = profileOf(query.people.join(" "));
  // A lead cut at its length may end in half a name ("Prime Minister Justin Trud"): the name at the cut is left out.
  const lead = passage.lead ?? "";
  const wholeLead = lead.length >= LEAD_CHARS ? lead.replace(/(?:\s+\p{Lu}[\p{L}.'’-]*)+\s*$/u, "") : lead;
  const named = [...new Set([...passage.participants, ...namesAfterTitles(wholeLead), ...namesAfterTitles(passage.text)])];
  const seen = new Set<string>();
  const others = named.filter((name) => {
    // "Secretary-General Assembly" is no person: a name of ordinary words only is dropped.
    if (name.split(/\s+/).every((word) => isCommonWord(word.toLowerCase()) || NAME_TITLE_ABBREVIATIONS.has(word.toLowerCase().replace(/\.$/u, ""))))
      return false;
    const words = [...profileOf(name).nameWords];
    if (words.length === 0 || words.some((word) => inTitle.nameWords.has(word) || asked.nameWords.has(word) || seen.has(word))) return false;
    for (const word of words) seen.add(word);
    return true;
  });
  return others.length > 0 ? ` (with ${others.slice(0, 4).join(", ")})` : "";
}

/** The likeliest sentence of one passage. */
function bestSentence(ranked: readonly ScoredCandidate[], passage: Passage): string {
  return ranked.find((sentence) => sentence.passage.n === passage.n)?.text ?? passage.text;
}

function composeList(query: QueryAnalysis, meetings: Passage[], ranked: readonly ScoredCandidate[], settings: ExtractiveSettings): string {
  const listed = onePerMeeting(meetings).sort(byDate).slice(0, settings.maxListLines);
  const lines = listed.map((passage) => {
    const title = shortTitle(passage.title);
    const what = title.length > 0 && title.length <= 160 ? title : withoutRelativeDays(bestSentence(ranked, passage));
    return `• ${formatDate(passage.date) || "Undated"}: ${cite(`${what}${counterparts(query, passage, what)}`, passage.n)}`;
  });
  const noun = askedKind(query.question) === "call" ? ["call", "calls"] : ["meeting", "meetings"];
  const header = listed.length === 1 ? `I found one ${noun[0]}:` : `I found ${listed.length} ${noun[1]}:`;
  return [header, ...lines].join("\n");
}

/** A date the article states besides the meeting's own ("after his July 1 inauguration"), when the likeliest sentence holds one. */
function statedDate(quote: Quote, ranked: readonly ScoredCandidate[]): string {
  const best = ranked.find((sentence) => sentence.passage.articleId === quote.passage.articleId);
  if (!best || best.text === quote.text || best !== ranked[0] || !sentenceHolds("date", best.text)) return "";
  return ` ${cite(withoutRelativeDays(best.text), best.passage.n)}`;
}

function composeWhen(query: QueryAnalysis, meetings: Passage[], ranked: readonly ScoredCandidate[], settings: ExtractiveSettings): string {
  const candidates = onePerMeeting(mostSpecific(query, meetings));
  const dates = new Set(candidates.map((passage) => passage.date));
  if (candidates.length > 1 && dates.size > 1) {
    const lines = candidates
      .slice(0, settings.maxListLines)
      .sort(byDate)
      .map((passage) => `• ${datedQuote(meetingSentence(query, passage, meetings))}`);
    return [`On ${lines.length} occasions in the articles I have:`, ...lines].join("\n");
  }
  const quote = meetingSentence(query, candidates[0]!, meetings);
  return `${datedQuote(quote)}${statedDate(quote, ranked)}`;
}

function chooseByDate(query: QueryAnalysis, meetings: Passage[]): Passage {
  // A meeting of unknown date (or one whose date ingest found implausible) is neither the first nor the last.
  const dated = meetings.filter((passage) => passage.date !== undefined);
  const ordered = [...(dated.length > 0 ? dated : meetings)].sort(byDate);
  return query.latest ? ordered[ordered.length - 1]! : ordered[0]!;
}

function composeLatestOrEarliest(query: QueryAnalysis, meetings: Passage[], support: SupportAssessment, settings: ExtractiveSettings): string {
  const chosen = chooseByDate(query, query.people.length === 0 ? mostSpecific(query, meetings) : meetings);
  const label = query.latest ? "The most recent in the articles I have" : "The first in the articles I have";
  if (query.intent === "when" || query.intent === "list" || query.intent === "other") {
    return `${label}: ${datedQuote(meetingSentence(query, chosen, support.passages))}`;
  }
  const sameMeeting = support.sentences.filter((sentence) => sentence.passage.articleId === chosen.articleId);
  return `${label}: ${sameMeeting.length > 0 ? composePlain(sameMeeting, settings) : datedQuote(meetingSentence(query, chosen, support.passages))}`;
}

/** A further sentence joins the answer when it is at least this likely, relative to the best one (another meeting's: the second factor). */
const SAME_MEETING_SHARE = 0.2;
const OTHER_MEETING_SHARE = 0.8;

/**
 * The likeliest sentences: the best one, then others of the same meeting that
 * are nearly as likely to answer (another meeting's only when almost as good),
 * each with its citation and the first with its meeting's date.
 */
function composePlain(ranked: readonly ScoredCandidate[], settings: ExtractiveSettings): string {
  const chosen: ScoredCandidate[] = [];
  const used = new Set<string>();
  for (const sentence of ranked) {
    if (chosen.length >= settings.maxSentences) break;
    if (used.has(sentence.text)) continue;
    const first = chosen[0];
    if (first) {
      const share = sentence.passage.articleId === first.passage.articleId ? SAME_MEETING_SHARE : OTHER_MEETING_SHARE;
      if (sentence.probability < first.probability * share) continue;
      const length = chosen.reduce((sum, kept) => sum + kept.text.length, 0);
      if (length + sentence.text.length > settings.maxAnswerChars) continue;
    }
    used.add(sentence.text);
    chosen.push(sentence);
  }
  const firstPassage = chosen[0]?.passage;
  return chosen
    .map((sentence, index) =>
      index === 0 || sentence.passage.articleId !== firstPassage?.articleId
        ? dated(sentence.passage, sentence.text)
        : cite(withoutRelativeDays(sentence.text), sentence.passage.n),
    )
    .join(" ");
}

const ASKS_WHO_ATTENDED = /\bwho\s+(?:attended|took part|participated|was (?:there|present)|were (?:there|present|the participants))\b/i;

/**
 * Answers read off a participants list, quoted as written: "Who attended…?" gets
 * the whole list; "Which tech CEOs came…?" the items naming the role asked about.
 */
function composeFromList(question: string, support: readonly Passage[]): string | undefined {
  // "Who attended…?", "Who took part…?": the whole list.
  if (ASKS_WHO_ATTENDED.test(question)) {
    const list = support.find((passage) => listItems(passage.text).length >= 3);
    return list ? dated(list, endSentence(listItems(list.text).join("; "))) : undefined;
  }
  const focus = questionFocus(question);
  if (!focus || focus.wantsNumber || focus.word.length < 3) return undefined;
  for (const passage of support) {
    const items = itemsAbout(passage.text, focus.word);
    if (items.length >= 2) return dated(passage, endSentence(items.join("; ")));
  }
  return undefined;
}

/** A follow-up's answer comes from the meeting the conversation is about, when the evidence has it. */
function stayOnFollowedMeeting<T extends { articleId: string } | { passage: Passage }>(items: readonly T[], followed: string[] | undefined): readonly T[] {
  if (!followed || followed.length === 0) return items;
  const articleOf = (item: T) => ("passage" in item ? item.passage.articleId : item.articleId);
  const same = items.filter((item) => followed.includes(articleOf(item)));
  return same.length > 0 ? same : items;
}

/** Answer from the passages, or abstain when they do not support an answer. */
export function answerExtractively(input: AnswererInput, settings: ExtractiveSettings = DEFAULT_EXTRACTIVE_SETTINGS): AnswerDraft {
  const { query, passages } = input;
  const support = input.assessment ?? assessSupport(input.question, query, passages);
  if (!support.supported) return { answer: ABSTENTION, abstained: true, citations: [], abstentionReason: support.reason };

  // Meetings *with* the people asked about (not paragraphs that merely mention them), of the kind asked about.
  const meetings = preferKind(input.question, support.about.length > 0 ? support.about : support.passages);
  if (insistsInPerson(input.question) && meetings.every((passage) => kindOf(passage) === "call")) {
    return { answer: ABSTENTION, abstained: true, citations: [], abstentionReason: "the articles report no meeting in person, only calls" };
  }
  const type = query.answerType ?? "description";
  const listed = type === "list" ? inAskedRegions(query, meetings) : meetings;
  if (listed.length === 0) {
    return {
      answer: ABSTENTION,
      abstained: true,
      citations: [],
      abstentionReason: `no meeting ${askedRegions(query)
        .map(({ region, describes }) => `${describes === "place" ? "in" : "with leaders of"} ${region.name}`)
        .join(" and ")}`,
    };
  }
  let text: string;
  if (query.latest || query.earliest) text = composeLatestOrEarliest(query, meetings, support, settings);
  // A list of one meeting is answered like a question about that meeting: its people or its likeliest sentences, not only its title.
  else if (type === "list" && onePerMeeting(listed).length > 1) text = composeList(query, listed, support.sentences, settings);
  else if (type === "date" && query.asksMeetingDate !== false) text = composeWhen(query, meetings, support.sentences, settings);
  else {
    // A list narrowed to one meeting is about that meeting; otherwise a follow-up stays on the meeting it follows.
    const onMeetings = type === "list" ? listed.map((passage) => passage.articleId) : input.followedArticles;
    const evidence = stayOnFollowedMeeting(support.passages, onMeetings);
    text = composeFromList(input.question, evidence) ?? composePlain(stayOnFollowedMeeting(support.sentences, onMeetings), settings);
  }

  const checked = checkCitations(text, passages);
  return { answer: checked.answer, abstained: checked.abstained, citations: checked.citations };
}

export function createExtractiveAnswerer(settings: ExtractiveSettings = DEFAULT_EXTRACTIVE_SETTINGS) {
  return RunnableLambda.from((input: AnswererInput) => answerExtractively(input, settings)).withConfig({ runName: "ExtractiveAnswerer" });
}
