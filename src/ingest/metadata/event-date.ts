/**
 * The day the meeting took place, from the sentences that report it (see `resolveEventDate`).
 */
import * as chrono from "chrono-node";
import { addDays, daysBetween, noonOf } from "../../text/calendar.js";
import { CASUAL_DAY, DATE_HINT, VAGUE_WHEN } from "../../text/lexicon/calendar-words.js";
import { MEETING_VERB } from "../../text/lexicon/meeting-words.js";
import { FUTURE_BETWEEN, NOT_REPORTING_BEFORE, OTHER_DAY_BEFORE, TO_COME } from "../../text/lexicon/tense-words.js";
import { SENTENCE_END, splitSentences } from "../../text/sentences.js";
import { isAttributiveDate, resolveResult } from "./chrono-days.js";
import { scopeStop } from "./scope.js";

export interface EventDateInput {
  title: string;
  paragraphs: readonly string[];
  publishedDate?: string;
}

const MEETING_VERB_ALL = new RegExp(MEETING_VERB.source, "gi");

/** The first meeting word of a sentence that reports a meeting (not "will meet", "to be held", "has met regularly"). */
function reportingVerb(sentence: string): RegExpExecArray | undefined {
  for (const match of sentence.matchAll(MEETING_VERB_ALL)) {
    if (!NOT_REPORTING_BEFORE.test(sentence.slice(Math.max(0, match.index - 60), match.index))) return match as RegExpExecArray;
  }
  return undefined;
}

type Day = { result: chrono.ParsedResult; day: string };

/**
 * The days a sentence gives for its meeting: dates before the topic ("met on May 5 to discuss the
 * 25 March statement"), not days named for something else (planned for, following, an attributive
 * date, a clause still to come between the verb and the date, tomorrow), and never later than the
 * day after publication (a report tells what took place; a day's margin for time zones).
 */
function meetingDays(sentence: string, verb: RegExpExecArray | undefined, published: string | undefined, reference: Date): Day[] {
  // chrono is the costly part; most sentences hold no date word at all.
  if (!DATE_HINT.test(sentence)) return [];
  const stop = verb ? scopeStop(sentence.slice(verb.index)) : undefined;
  const cutoff = verb && stop !== undefined ? verb.index + stop : Number.POSITIVE_INFINITY;
  const latest = published ? addDays(published, 1) : undefined;
  return chrono
    .parse(sentence, reference)
    .filter((result) => result.index < cutoff && !TO_COME.test(result.text))
    .filter((result) => !OTHER_DAY_BEFORE.test(sentence.slice(Math.max(0, result.index - 30), result.index)))
    .filter((result) => !isAttributiveDate(sentence, result))
    .filter((result) => !(verb && result.index > verb.index && FUTURE_BETWEEN.test(sentence.slice(verb.index + verb[0].length, result.index))))
    .map((result) => ({ result, day: resolveResult(result, published) }))
    .filter((entry): entry is Day => entry.day !== undefined && (latest === undefined || entry.day <= latest));
}

/** A relative day ("yesterday") first; else the date closest to the meeting word, or the first one. */
function meetingDay(days: readonly Day[], verb: RegExpExecArray | undefined): string | undefined {
  if (days.length === 0) return undefined;
  const casual = days.find((entry) => CASUAL_DAY.test(entry.result.text));
  if (casual) return casual.day;
  if (!verb) return days[0]!.day;
  return [...days].sort((a, b) => distanceToVerb(a.result.index, verb.index) - distanceToVerb(b.result.index, verb.index))[0]!.day;
}

/** A deck or heading above the article: one short line that is no sentence ("Biden-Harris Administration Convenes Leaders"). */
function isDeck(paragraph: string): boolean {
  const text = paragraph.trim();
  return !SENTENCE_END.test(text) && !/[.!?]["”’]?\s+\p{Lu}/u.test(text) && text.split(/\s+/).length <= 40;
}

/**
 * The day the meeting took place, from the sentences that report it, in this order:
 * 1. the opening's sentences with a meeting word that is not future or background ("met today",
 *    "spoke yesterday", "On June 15, the ministers held ..."): the first that gives a day, the date
 *    closest to its meeting word ("on Thursday" → the latest Thursday on or before publication,
 *    "on May 16" → that day in the nearest year). Sentences without a meeting word tell of other
 *    days (an election, an attack, a law) and never give the meeting's.
 * 2. the lead, the article's first sentence, whatever its verb ("Yesterday, the council launched ...",
 *    "During the week of March 14, the Advisor led ...");
 * 3. a headline that reports the meeting ("Meeting of 12 March cancelled");
 * 4. a report of a meeting took place on its publication date; a text that reports no meeting
 *    takes only a day close to its publication.
 * Decks and headings (lines that do not end like a sentence) are not sentences of the article.
 */
export function resolveEventDate(input: EventDateInput): string | undefined {
  const published = input.publishedDate;
  const reference = published ? noonOf(published) : new Date(Date.UTC(2000, 0, 1));
  const opening = input.paragraphs.slice(0, 2);
  const reportsMeeting = /\breadout\b/i.test(input.title) || MEETING_VERB.test(input.title) || (opening[0] !== undefined && MEETING_VERB.test(opening[0]));
  const sentences = input.paragraphs
    .filter((paragraph) => !isDeck(paragraph))
    .slice(0, 2)
    .flatMap((paragraph) => splitSentences(paragraph));
  let lead: string | undefined;
  let fallback: string | undefined;
  let meetingSentencesSeen = 0;
  for (const [index, sentence] of sentences.entries()) {
    const verb = reportingVerb(sentence);
    const days = meetingDays(sentence, verb, published, reference);
    if (verb) {
      meetingSentencesSeen++;
      const day = meetingDay(days, verb);
      if (day) return day;
      // "Last week, ... convened": the first report of the meeting gives only a span, so the day is not known.
      if (meetingSentencesSeen === 1 && VAGUE_WHEN.test(sentence)) return undefined;
    }
    if (index === 0 && reportsMeeting) lead = meetingDay(days, verb);
    if (!reportsMeeting) fallback ??= days[0]?.day;
  }
  if (lead) return lead;
  const titleVerb = input.title ? reportingVerb(input.title) : undefined;
  const headline = titleVerb ? meetingDay(meetingDays(input.title, titleVerb, published, reference), titleVerb) : undefined;
  if (headline) return headline;
  if (reportsMeeting) return published;
  // In a text that reports no meeting, only a day close to publication is an event ("Today, ... led an event");
  // "...continued until September 30, 2023" is not.
  if (fallback && (!published || Math.abs(daysBetween(published, fallback)) <= 7)) return fallback;
  return undefined;
}

function distanceToVerb(at: number, verbAt: number): number {
  // A date after the verb ("met today") is read before one ahead of it, at equal distance.
  return at >= verbAt ? at - verbAt : (verbAt - at) * 1.5;
}
