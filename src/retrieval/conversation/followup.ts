/**
 * Follow-up questions: "and what did they announce?" after "when did Biden meet
 * Kishida?" becomes "what did Biden and Kishida announce?".
 *
 * Offline and rule-based by default. A question is a follow-up when it opens with
 * a connector ("and", "what about"), refers back with a pronoun ("they", "that",
 * "there") without naming anyone itself, is a bare question word ("when?"), or
 * names no person or country while the previous question did and asks little of
 * its own. It is rewritten by carrying the previous standalone question's people,
 * countries, places and dates: pronouns are replaced by the names, "what about
 * Macron?" replaces the other party, "and in 2022?" replaces the date, "where was
 * that?" re-asks the previous question with the new question word. A question
 * that names its own people is left alone.
 *
 * With a chat model, an LLM rewrite (prompted with the recent history) is tried
 * first and the rule-based result is the fallback on any error or timeout.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { RunnableLambda, type Runnable } from "@langchain/core/runnables";
import { todayIso, type DateMention } from "../question/dates.js";
import { analyseQuestion, normaliseQuestion, type DetailedAnalysis } from "../question/query.js";
import type { EntitySpan } from "../question/spans.js";
import { followUpPrompt } from "../compose/prompts.js";
import type { ChatTurn } from "../types.js";
import type { Vocabulary } from "../question/vocabulary.js";
import { NAME_PARTICLES } from "../../text/lexicon/index.js";
import { nameKey } from "../../text/names.js";

export interface FollowUpInput {
  question: string;
  history: ChatTurn[];
  /** "Today" for dates in the questions; defaults to the configured or real date. */
  today?: string;
}

export interface FollowUpResult {
  standalone: string;
  isFollowUp: boolean;
  /** Articles the previous answer cited, when the question follows it up. */
  carriedSources?: string[];
}

export interface FollowUpOptions {
  vocabulary?: Vocabulary;
  today?: string;
  /** A chat model for the optional LLM rewrite; the rules alone when absent. */
  model?: BaseChatModel;
  /** Give up on the LLM after this long and use the rules (default 10 s). */
  llmTimeoutMs?: number;
  /** Earlier turns shown to the LLM (default 4). */
  llmTurns?: number;
}

const CONNECTOR = /^(?:(?:and|but|so|also|ok(?:ay)?|then|plus|well)\b[,\s]*)*(?:(?:what|how) about|what else about|same (?:question )?for|and for|also for)?\s*/iu;
const PLURAL_PRONOUN = /\b(?:they|them|their|theirs|the two(?: of them)?|both(?: of them)?|each other)\b/iu;
const SINGULAR_PRONOUN = /\b(?:he|him|his|she|her|hers)\b/iu;
const EVENT_REFERENCE = /\b(?:it|that|this|those|these|there|the (?:meeting|call|visit|summit|talks|conversation|discussion|readout|trip|agreement|deal|statement))\b/iu;
const BARE_QUESTION = /^(?:when|where|why|how|who|with whom|what|which)(?:\s+(?:was|is|were|did|does|do)\s+(?:it|that|this|they|he|she|there))?(?:\s+(?:exactly|then|again))?\s*\??$/iu;
const WH_START = /^(when|where|what|who|whom|why|how|which\s+\w+|with whom|in which \w+|on what date)\s+(did|does|do|was|were|is|are|has|have|had|will|would|can|could)\b\s*(.*)$/iu;
const QUESTION_START = /^(?:when|where|what|who|whom|whose|why|how|which|did|does|do|was|were|is|are|has|have|had|will|would|can|could|should|tell|list|give|show)\b/iu;
const DATE_PREPOSITION = /\b(?:in|on|during|since|from|between|before|after|until|by|of)\s+(?:the\s+)?$/iu;

interface Context {
  text: string;
  detail: DetailedAnalysis;
  /** The people of the meeting the previous answer was about, beyond those its question named. */
  answerPeople?: Party[];
}

function withoutQuestionMark(text: string): string {
  return text.replace(/[\s?.!]+$/u, "");
}

/** "Biden", "Biden and Kishida", "Biden, Kishida and Yoon". */
function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

interface Party {
  text: string;
  canonical: string;
}

function uniqueParties(spans: EntitySpan[]): Party[] {
  const seen = new Set<string>();
  const found: Party[] = [];
  for (const span of spans) {
    if (seen.has(span.canonical)) continue;
    seen.add(span.canonical);
    found.push({ text: span.text.replace(/'s?$/u, ""), canonical: span.canonical });
  }
  return found;
}

/** The previous question's people, then the other people of the meeting its answer was about ("they" after "what did Lukashenko offer Azerbaijan?" are Lukashenko and Aliyev). */
function peopleOf(context: Context): Party[] {
  const asked = uniqueParties(context.detail.entities.filter((entity) => entity.kind === "person"));
  const answered = context.answerPeople ?? [];
  // "Joseph R" (a name cut at an initial) or one inside "Joseph R. Biden, Jr." is a fragment of another name.
  const whole = answered.filter(
    (party) => !/\s\p{Lu}\.?$/u.test(party.canonical.trim()) && !answered.some((other) => other !== party && isPartOf(nameWords(party.canonical), nameWords(other.canonical))),
  );
  const kept = [...asked];
  for (const party of whole) {
    const words = nameWords(party.canonical);
    if (words.length === 0) continue;
    if (kept.some((other) => samePerson(words, [...nameWords(other.canonical), ...nameWords(other.text)]))) continue;
    kept.push(party);
  }
  return kept;
}

/** The words of a name that tell one person from another: no initials, particles or "Jr.". */
function nameWords(name: string): string[] {
  return nameKey(name)
    .split(" ")
    .filter((word) => word.length > 1 && !NAME_PARTICLES.has(word) && !NAME_SUFFIX.test(word));
}

const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv)$/u;

function isPartOf(part: string[], whole: string[]): boolean {
  return part.length < whole.length && part.every((word) => whole.includes(word));
}

/** Two names of one person: the same surname, or one's words all in the other. */
function samePerson(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return b.includes(a[a.length - 1]!) || a.includes(b[b.length - 1]!) || a.every((word) => b.includes(word));
}

/** Given names that tell a "she" (the conversation's pronouns have nothing else to go by). */
const FEMALE_GIVEN_NAMES = new Set(
  `kamala jill hillary nancy janet gina deb debra jennifer liz elizabeth susan samantha linda karine lael neera shalanda marcia michelle
  melania ivanka claudia giorgia ursula mette jacinda sanna kaja angela theresa margaret sheikh hasina dina xiomara tsai ing-wen
  yulia dasha svetlana svyatlana maia salome zuzana kersti ingrida iveta roberta annalena christine kristalina ngozi amina mia
  penny julie isabel gretchen kathy katie kathleen mary maria marie anne ann anna hannah sarah sara rachel rebecca laura lisa
  karen emily emma olivia sophia julia victoria catherine caroline charlotte alice helen ellen ruth rose jane joan judith
  michèle michele sandra patricia barbara nicola yoko sanae yuriko tamara natalia natalya olena oksana iryna viktoria
  lucia luisa dilma cristina gloria sheinbaum droupadi nirmala smriti benazir indira golda tzipi ayelet shirin mahsa
  ana beatriz isabela veronica carmen dolores pilar`.split(/\s+/u),
);

function isFemaleName(name: string): boolean {
  const first = name.trim().split(/\s+/u)[0]?.toLowerCase() ?? "";
  return FEMALE_GIVEN_NAMES.has(first);
}

/** The previous question's parties: its people, else its countries. */
function parties(context: Context): string[] {
  const people = peopleOf(context);
  if (people.length > 0) return people.map((party) => party.text);
  return uniqueParties(context.detail.entities.filter((entity) => entity.kind === "country")).map((party) => party.text);
}

/** A date as a phrase with its preposition: "in May 2024", "last week", "since March 2023". */
function datePhrase(text: string, mention: DateMention): string {
  const preposition = DATE_PREPOSITION.exec(text.slice(0, mention.start))?.[0] ?? "";
  if (preposition) return `${preposition}${mention.text}`.trim();
  if (/^(?:last|this|past|next|yesterday|today|since|before|after|between|from|until|early|late|mid)\b/iu.test(mention.text)) return mention.text;
  return /^\d{1,2}\b|^(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\b/iu.test(mention.text) ? `on ${mention.text}` : `in ${mention.text}`;
}

/** Remove a date (with its preposition) from a question. */
function withoutDate(text: string, mention: DateMention): string {
  const preposition = DATE_PREPOSITION.exec(text.slice(0, mention.start));
  const start = preposition ? preposition.index : mention.start;
  return `${text.slice(0, start).trimEnd()} ${text.slice(mention.end).trimStart()}`.replace(/\s+([?.!,])/gu, "$1").trim();
}

function replaceSpan(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

function entityCount(detail: DetailedAnalysis): number {
  return detail.entities.filter((entity) => entity.kind !== "place").length;
}

const AFTER_THAT = /\b(?:after that|after this|since then|afterwards|afterward|later on|after it)\b/iu;
const BEFORE_THAT = /\b(?:before that|before this|before then|earlier|previously|prior to that)\b/iu;

/**
 * The question with the previous question's dates carried in: "after that"
 * becomes "after May 2024"; otherwise the dates are added at the end.
 */
function withDates(question: string, context: Context): string {
  const mentions = context.detail.dates;
  if (mentions.length === 0) return question;
  const bare = (text: string) => text.replace(/^(?:in|on|during|since)\s+/iu, "");
  for (const [pattern, relation] of [[AFTER_THAT, "after"], [BEFORE_THAT, "before"]] as const) {
    if (pattern.test(question)) return question.replace(pattern, `${relation} ${mentions.map((mention) => bare(mention.text)).join(" and ")}`);
  }
  return `${withoutQuestionMark(question)} ${mentions.map((mention) => datePhrase(context.text, mention)).join(" and ")}?`;
}

/** Add the previous question's parties and date to a question as plain context. */
function withContext(question: string, context: Context, keepDate: boolean): string {
  const dated = keepDate ? withDates(question, context) : question;
  const names = joinNames(parties(context));
  return names ? `${withoutQuestionMark(dated)} (${names})?` : dated;
}

/** "what about Macron?" after "when did Biden meet Kishida?": Macron replaces the last party of the same kind. */
function replaceParty(context: Context, focus: Context): string | undefined {
  let text = context.text;
  const replacements = focus.detail.entities.filter((entity) => entity.kind !== "place" || focus.detail.entities.length === 1);
  if (replacements.length === 0) return undefined;
  const previous = [...context.detail.entities];
  const plans: { start: number; end: number; text: string }[] = [];
  const leftovers: string[] = [];
  for (const entity of replacements) {
    if (previous.some((old) => old.canonical === entity.canonical)) continue; // already asked about
    const sameKind = previous.filter((old) => old.kind === entity.kind && !plans.some((plan) => plan.start === old.start));
    const target = sameKind[sameKind.length - 1];
    if (target) plans.push({ start: target.start, end: target.end, text: entity.text.replace(/'s?$/u, "") });
    else leftovers.push(entity.text);
  }
  for (const plan of plans.sort((a, b) => b.start - a.start)) text = replaceSpan(text, plan.start, plan.end, plan.text);
  if (leftovers.length > 0) text = `${withoutQuestionMark(text)} with ${joinNames(leftovers)}?`;
  return text;
}

/** "and in 2022?": the new date replaces the old one, or is added. */
function replaceDate(context: Context, focus: Context): string {
  let text = context.text;
  for (const mention of [...context.detail.dates].sort((a, b) => b.start - a.start)) text = withoutDate(text, mention);
  const phrases = focus.detail.dates.map((mention) => datePhrase(focus.text, mention));
  return `${withoutQuestionMark(text)} ${phrases.join(" and ")}?`;
}

/**
 * Replace pronouns that point back at the previous question's people (other than
 * those the question names itself). Undefined when none did.
 */
function substitutePronouns(question: string, context: Context, named: Set<string>): string | undefined {
  const names = peopleOf(context)
    .filter((party) => !named.has(party.canonical))
    .map((party) => ({ text: party.text, full: party.canonical }));
  if (names.length === 0) return undefined;
  let replaced = false;
  let text = question;
  // "she" is the woman among the parties when a given name tells; otherwise pronouns take the parties in order.
  const assigned = new Map<string, string>();
  // "did he raise it with him?": the object is someone other than the subject.
  const personFor = (group: "he" | "she", object: boolean) => {
    const subject = assigned.get(group);
    let name = object ? (assigned.get(`${group}:object`) ?? (subject ? names.find((candidate) => candidate.text !== subject && ![...assigned.values()].includes(candidate.text))?.text : undefined)) : subject;
    if (name && object) assigned.set(`${group}:object`, name);
    if (!name) {
      const taken = new Set(assigned.values());
      const free = names.filter((candidate) => !taken.has(candidate.text));
      const pool = free.length > 0 ? free : names;
      const byGender = pool.filter((candidate) => (group === "she") === isFemaleName(candidate.full));
      name = (byGender[0] ?? pool[0]!).text;
      assigned.set(group, name);
    }
    return name;
  };
  text = text.replace(/\b(he|him|his|she|her|hers)\b(\s+\w+)?/giu, (match, pronoun: string, next: string | undefined) => {
    replaced = true;
    const lower = pronoun.toLowerCase();
    const following = next ?? "";
    const possessive = lower === "his" || lower === "hers" || (lower === "her" && following.trim().length > 0 && !/^\s+(?:and|or|about|in|on|at|with|to|for|from|last|first|when|where|that|this|yesterday|today)$/iu.test(following));
    const isObject = lower === "him" || (lower === "her" && !possessive);
    const name = personFor(/^(?:he|him|his)$/u.test(lower) ? "he" : "she", isObject);
    return `${possessive ? `${name}'s` : name}${following}`;
  });
  // "what did she promise them?": "them" are the others, "they" and "the two of them" everyone.
  const others = names.filter((name) => ![...assigned.values()].includes(name.text));
  text = text.replace(/\b(the two of them|both of them|the two|they|them|their|theirs)\b/giu, (word) => {
    replaced = true;
    const lower = word.toLowerCase();
    const group = lower === "them" && others.length > 0 ? others : names;
    const together = joinNames(group.map((name) => name.text));
    if (lower === "their" || lower === "theirs") return `${together}'s`;
    return together;
  });
  // "there" is the previous question's place.
  const place = context.detail.entities.find((entity) => entity.kind === "place");
  if (place) text = text.replace(/\bthere\b(?!\s+(?:is|are|was|were|been)\b)/iu, () => `in ${place.text}`);
  return replaced ? text : undefined;
}

/** Re-ask the previous question with a new question word: "where?" after "when did Biden meet Kishida?". */
function swapQuestionWord(question: string, context: Context): string | undefined {
  const previous = WH_START.exec(context.text);
  const wanted = /^(when|where|why|how|who|with whom|what|which)/iu.exec(question.trim())?.[1];
  if (!previous || !wanted) return undefined;
  const rest = previous[3] ?? "";
  const auxiliary = previous[2]!;
  return `${wanted.toLowerCase()} ${auxiliary} ${rest}`.replace(/\s+/gu, " ").trim();
}

/** The previous answer's articles, which a follow-up stays on. */
function sourcesOf(previous: ChatTurn): Pick<FollowUpResult, "carriedSources"> {
  const sources = [...new Set(previous.sources ?? [])];
  return sources.length > 0 ? { carriedSources: sources } : {};
}

/**
 * Rule-based rewriting. Pure and fast: two query analyses and some string work.
 */
export function rewriteFollowUp(input: FollowUpInput, options: Pick<FollowUpOptions, "vocabulary" | "today"> = {}): FollowUpResult {
  const question = normaliseQuestion(input.question);
  const previousTurn = input.history[input.history.length - 1];
  if (!previousTurn || question.length === 0) return { standalone: question, isFollowUp: false };
  const today = input.today ?? options.today ?? todayIso();
  const analyse = (text: string): Context => ({ text: normaliseQuestion(text), detail: analyseQuestion(text, { today, vocabulary: options.vocabulary }) });

  const context: Context = { ...analyse(previousTurn.standaloneQuestion ?? previousTurn.question), answerPeople: (previousTurn.people ?? []).map((name) => ({ text: name, canonical: name })) };
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
  const refersBack = (personPronoun && ownPeople.length === 0 && peopleOf(context).length > 0) || (EVENT_REFERENCE.test(question) && ownEntities === 0);
  const bare = BARE_QUESTION.test(body) || words <= 3;
  const namesNothing = ownEntities === 0 && current.detail.dates.length === 0 && current.detail.analysis.terms.length <= 2 && entityCount(context.detail) > 0;
  const isFollowUp = previousEntities > 0 && (hasConnector || refersBack || bare || namesNothing);
  if (!isFollowUp) return { standalone: question, isFollowUp: false };

  const result = (standalone: string): FollowUpResult => ({
    standalone: normaliseQuestion(standalone.replace(/\s+([?.!,])/gu, "$1")),
    isFollowUp: true,
    ...sourcesOf(previousTurn),
  });

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
    return result(withContext(body, context, keepDate));
  }
  // "what did they announce?": the names in place of the pronouns, plus the previous date.
  const substituted = personPronoun ? substitutePronouns(body, context, new Set(ownPeople.map((entity) => entity.canonical))) : undefined;
  const carried = (text: string) => {
    // The parties the question no longer names ("what did he say?" names one of two) and the date, as context.
    const missing = parties(context).filter((name) => !text.toLowerCase().includes(name.toLowerCase()));
    const out = withoutQuestionMark(keepDate ? withDates(text, context) : text);
    return missing.length > 0 ? `${out} (with ${joinNames(missing)})?` : `${out}?`;
  };
  if (substituted) return result(carried(substituted));
  // "and what did Biden say?": keep the question, carry the rest of the context.
  if (ownEntities > 0) return result(carried(body));
  return result(withContext(body, context, keepDate));
}

/** Clean an LLM's rewrite: one line, no label, no quotes. Undefined when it is not usable. */
export function cleanRewrite(text: string, question: string): string | undefined {
  const line = text
    .replace(/<think>[\s\S]*?<\/think>/giu, "")
    .split("\n")
    .map((part) => part.trim())
    .find((part) => part.length > 0);
  if (!line) return undefined;
  const clean = line
    .replace(/^(?:standalone(?: question)?|rewritten(?: question)?|question)\s*:\s*/iu, "")
    .replace(/^["'“”«»]+|["'“”«»]+$/gu, "")
    .trim();
  if (clean.length === 0 || clean.length > question.length * 4 + 200) return undefined;
  return clean;
}

function formatHistory(history: ChatTurn[], turns: number): string {
  return history
    .slice(-turns)
    .map((turn) => {
      const answer = turn.answer.length > 400 ? `${turn.answer.slice(0, 400)}…` : turn.answer;
      return `User: ${turn.standaloneQuestion ?? turn.question}\nAssistant: ${answer}`;
    })
    .join("\n\n");
}

/**
 * The follow-up step of the answer chain: `{question, history}` →
 * `{standalone, isFollowUp, carriedSources?}`.
 */
export function createFollowUpRewriter(options: FollowUpOptions = {}): Runnable<FollowUpInput, FollowUpResult> {
  const rules = RunnableLambda.from((input: FollowUpInput) => rewriteFollowUp(input, options)).withConfig({ runName: "FollowUpRules" });
  const model = options.model;
  if (!model) return rules;

  const llm = followUpPrompt.pipe(model).pipe(new StringOutputParser());
  const timeoutMs = options.llmTimeoutMs ?? 10_000;
  const turns = options.llmTurns ?? 4;
  return RunnableLambda.from(async (input: FollowUpInput, config): Promise<FollowUpResult> => {
    const fallback = rewriteFollowUp(input, options);
    const previous = input.history[input.history.length - 1];
    if (!previous) return fallback;
    try {
      const reply = await llm.invoke(
        { history: formatHistory(input.history, turns), question: input.question.trim() },
        { ...config, runName: "FollowUpLlm", timeout: timeoutMs, callbacks: config?.callbacks },
      );
      const standalone = cleanRewrite(reply, input.question);
      if (!standalone) return fallback;
      const isFollowUp = normaliseQuestion(standalone).toLowerCase() !== normaliseQuestion(input.question).toLowerCase();
      if (!isFollowUp) return { standalone: normaliseQuestion(input.question), isFollowUp: false };
      return { standalone: normaliseQuestion(standalone), isFollowUp: true, ...sourcesOf(previous) };
    } catch {
      // The rules never need the network; an unreachable or slow model must not cost the answer.
      return fallback;
    }
  }).withConfig({ runName: "FollowUp" });
}
