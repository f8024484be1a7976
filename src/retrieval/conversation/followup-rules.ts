/**
 * The rule-based follow-up rewrite: whether a question follows up the previous
 * one, and which edit makes it standalone. Pure and offline.
 */
import { MEETING_VERB, MEETING_VERB_BASE } from "../../text/lexicon/index.js";
import { todayIso } from "../question/dates.js";
import { analyseQuestion, normaliseQuestion, type DetailedAnalysis } from "../question/query.js";
import type { Vocabulary } from "../question/vocabulary.js";
import type { ChatTurn } from "../types.js";
import { datePhrase, replaceDate, replaceParty, substitutePronouns, swapQuestionWord, withContext, withDates, withoutQuestionMark } from "./followup-edits.js";
import { joinNames, parties, peopleOf, type Context } from "./followup-parties.js";

export interface FollowUpInput {
  question: string;
  history: ChatTurn[];
  /** "Today" for dates in the questions; defaults to the configured or real date. */
  today?: string;
}

export interface FollowUpResult {
  standalone: string;
  isFollowUp: boolean;
  /** Articles the previous answer cited, when the question follows it up (not when it asks who else). */
  carriedSources?: string[];
}

export interface FollowUpRuleOptions {
  vocabulary?: Vocabulary;
  today?: string;
}

const CONNECTOR =
  /^(?:(?:and|but|so|also|ok(?:ay)?|then|plus|well)\b[,\s]*)*(?:(?:what|how) about|what else about|same (?:question )?for|and for|also for)?\s*/iu;
const PLURAL_PRONOUN = /\b(?:they|them|their|theirs|the two(?: of them)?|both(?: of them)?|each other)\b/iu;
const SINGULAR_PRONOUN = /\b(?:he|him|his|she|her|hers)\b/iu;
/** Words besides the pronouns that point at something said before: "it", "that", "more", "else", "the others". */
const EARLIER_TURN = /\b(?:it|that|those|these|more|else|others?)\b/iu;

/** "Who else did she meet?", "which other leaders…", "did he also see anyone…": other people than the ones answered. */
const OTHER_PEOPLE =
  /\b(?:who|whom|anyone|anybody|someone|somebody)\s+else\b|\b(?:which|what|any)\s+other\s+(?:leaders?|people|officials?|presidents?|ministers?|heads?|counterparts?)\b|\balso\b.*\b(?:anyone|anybody|someone|somebody)\b/iu;
/** "Who else attended?", "who else was on the call?": others at the same meeting. */
const SAME_MEETING = /\b(?:attend\w*|joined|(?:was|were) (?:on|at|in|there)|the (?:meeting|call|talks|summit|conversation|dinner|lunch|breakfast))\b/iu;

/** Whether a follow-up asks whom else someone met: not the meeting of the previous answer, nor its counterparts. */
function asksWhoElse(question: string): boolean {
  return OTHER_PEOPLE.test(question) && (MEETING_VERB_BASE.test(question) || MEETING_VERB.test(question)) && !SAME_MEETING.test(question);
}

/** Whether a message points back at the conversation ("tell me more about that", "and the others?"). */
export function pointsBack(message: string): boolean {
  return PLURAL_PRONOUN.test(message) || SINGULAR_PRONOUN.test(message) || EARLIER_TURN.test(message);
}

/**
 * Whether a pronoun of a question that names people points at someone said before: it comes before any
 * name ("did he pass on an invitation from Biden?"), or is the object beside the one name ("what did Biden
 * thank him for?"). In "when did Macron meet Scholz, and what did he say?" it is one of the names.
 */
function pronounPointsBack(question: string, ownPeople: readonly { start: number }[]): boolean {
  if (ownPeople.length === 0) return true;
  const pronoun = PLURAL_PRONOUN.exec(question) ?? SINGULAR_PRONOUN.exec(question);
  if (pronoun && pronoun.index < Math.min(...ownPeople.map((person) => person.start))) return true;
  // An object, not a possessive ("her husband") nor the subject's own company ("take with him").
  return ownPeople.length === 1 && OBJECT_PRONOUN.test(question);
}

const OBJECT_PRONOUN = /(?<!\bwith\s)\b(?:him|her|them)\b(?=\s*(?:$|[?!.,;]|(?:for|about|to|on|in|at|from|over|during|that|when|if|and)\b))/iu;

const EVENT_REFERENCE =
  /\b(?:it|that|this|those|these|there|the (?:meeting|call|visit|summit|talks|conversation|discussion|readout|trip|agreement|deal|statement))\b/iu;
const BARE_QUESTION =
  /^(?:when|where|why|how|who|with whom|what|which)(?:\s+(?:was|is|were|did|does|do)\s+(?:it|that|this|they|he|she|there))?(?:\s+(?:exactly|then|again))?\s*\??$/iu;
const QUESTION_START =
  /^(?:when|where|what|who|whom|whose|why|how|which|did|does|do|was|were|is|are|has|have|had|will|would|can|could|should|tell|list|give|show)\b/iu;

function entityCount(detail: DetailedAnalysis): number {
  return detail.entities.filter((entity) => entity.kind !== "place").length;
}

/** The previous answer's articles, which a follow-up stays on. */
export function sourcesOf(previous: ChatTurn): Pick<FollowUpResult, "carriedSources"> {
  const sources = [...new Set(previous.sources ?? [])];
  return sources.length > 0 ? { carriedSources: sources } : {};
}

/**
 * Rule-based rewriting. Pure and fast: two query analyses and some string work.
 */
export function rewriteFollowUp(input: FollowUpInput, options: FollowUpRuleOptions = {}): FollowUpResult {
  const question = normaliseQuestion(input.question);
  const previousTurn = input.history[input.history.length - 1];
  if (!previousTurn || question.length === 0) return { standalone: question, isFollowUp: false };
  const today = input.today ?? options.today ?? todayIso();
  const analyse = (text: string): Context => ({ text: normaliseQuestion(text), detail: analyseQuestion(text, { today, vocabulary: options.vocabulary }) });

  const context: Context = {
    ...analyse(previousTurn.standaloneQuestion ?? previousTurn.question),
    answerPeople: (previousTurn.people ?? []).map((name) => ({ text: name, canonical: name })),
  };
  const current = analyse(question);
  const connector = CONNECTOR.exec(question)?.[0] ?? "";
  const body = question.slice(connector.length).trim();
  const hasConnector = connector.trim().length > 0;
  const ownEntities = entityCount(current.detail);
  const previousEntities = entityCount(context.detail) + context.detail.dates.length;
  const words = question.split(/\s+/u).length;

  const ownPeople = current.detail.entities.filter((entity) => entity.kind === "person");
  const personPronoun = PLURAL_PRONOUN.test(question) || SINGULAR_PRONOUN.test(question);
  // "what did she encourage Ukraine to do?" still points back at a person; "what happened there?" at the event.
  // "did he pass on an invitation from Biden?": a pronoun beside a name points at someone else said before.
  const ownCanonical = new Set(ownPeople.map((entity) => entity.canonical));
  const othersBefore = peopleOf(context).filter((party) => !ownCanonical.has(party.canonical));
  const refersBack =
    (personPronoun && othersBefore.length > 0 && pronounPointsBack(question, ownPeople)) || (EVENT_REFERENCE.test(question) && ownEntities === 0);
  const bare = BARE_QUESTION.test(body) || words <= 3;
  const namesNothing = ownEntities === 0 && current.detail.dates.length === 0 && current.detail.analysis.terms.length <= 2 && entityCount(context.detail) > 0;
  const isFollowUp = previousEntities > 0 && (hasConnector || refersBack || bare || namesNothing);
  if (!isFollowUp) return { standalone: question, isFollowUp: false };

  const asksElse = asksWhoElse(question);
  // "Who else did she meet?" is not about the meeting of the previous answer: it does not stay on it.
  const result = (standalone: string): FollowUpResult => ({
    standalone: normaliseQuestion(standalone.replace(/\s+([?.!,])/gu, "$1")),
    isFollowUp: true,
    ...(asksElse ? {} : sourcesOf(previousTurn)),
  });
  // The parties a rewrite carries as context: for "who else…?", only the one the conversation is about (its first).
  const carriedParties = () => (asksElse ? parties(context).slice(0, 1) : parties(context));

  // A fragment, not a question: "what about Macron?", "and in 2022?", "and climate?".
  if (!QUESTION_START.test(body)) {
    const focus = analyse(body);
    const fromEntities = focus.detail.entities.length > 0 ? replaceParty(context, focus) : undefined;
    if (fromEntities && focus.detail.dates.length > 0) return result(replaceDate(analyse(fromEntities), focus));
    if (fromEntities) return result(fromEntities);
    if (focus.detail.dates.length > 0) return result(replaceDate(context, focus));
    const topic = withoutQuestionMark(body);
    const names = joinNames(parties(context));
    if (topic.length > 0 && names) {
      const dates = context.detail.dates.map((mention) => ` ${datePhrase(context.text, mention)}`).join("");
      return result(`what did ${names} say about ${topic}${dates}?`);
    }
    if (topic.length > 0) return result(`${withoutQuestionMark(context.text)} about ${topic}?`);
    return result(context.text);
  }

  const keepDate = current.detail.dates.length === 0;
  // "when?", "where was that?": the previous question with the new question word.
  if (BARE_QUESTION.test(body)) {
    const swapped = swapQuestionWord(body, context);
    if (swapped) return result(swapped);
    return result(withContext(body, context, keepDate, carriedParties()));
  }
  // "what did they announce?": the names in place of the pronouns, plus the previous date.
  const substituted = personPronoun ? substitutePronouns(body, context, new Set(ownPeople.map((entity) => entity.canonical))) : undefined;
  const carried = (text: string) => {
    // The parties the question no longer names ("what did he say?" names one of two) and the date, as context;
    // a question that names two parties ("where did Biden meet her?") names its meeting whole.
    const named = analyse(text).detail;
    // "the thai pm" names a party too.
    const namedParties = named.entities.filter((entity) => entity.kind === "person").length + (named.analysis.partyCountries?.length ?? 0);
    const complete = (asksElse && substituted) || namedParties >= 2;
    const missing = (complete ? [] : carriedParties()).filter((name) => !text.toLowerCase().includes(name.toLowerCase()));
    const out = withoutQuestionMark(keepDate ? withDates(text, context) : text);
    return missing.length > 0 ? `${out} (with ${joinNames(missing)})?` : `${out}?`;
  };
  if (substituted) return result(carried(substituted));
  // "and what did Biden say?": keep the question, carry the rest of the context.
  if (ownEntities > 0) return result(carried(body));
  return result(withContext(body, context, keepDate, carriedParties()));
}
