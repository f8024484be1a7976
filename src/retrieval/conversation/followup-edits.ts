/**
 * The edits that make a follow-up standalone: the previous question's dates
 * carried in or replaced, a party replaced ("what about Macron?"), pronouns
 * replaced by names, or the previous question re-asked with a new question word.
 */
import type { DateMention } from "../question/dates.js";
import { isFemaleName, joinNames, parties, peopleOf, type Context } from "./followup-parties.js";

export function withoutQuestionMark(text: string): string {
  return text.replace(/[\s?.!]+$/u, "");
}

const DATE_PREPOSITION = /\b(?:in|on|during|since|from|between|before|after|until|by|of)\s+(?:the\s+)?$/iu;

/** A date as a phrase with its preposition: "in May 2024", "last week", "since March 2023". */
export function datePhrase(text: string, mention: DateMention): string {
  const preposition = DATE_PREPOSITION.exec(text.slice(0, mention.start))?.[0] ?? "";
  if (preposition) return `${preposition}${mention.text}`.trim();
  if (/^(?:last|this|past|next|yesterday|today|since|before|after|between|from|until|early|late|mid)\b/iu.test(mention.text)) return mention.text;
  return /^\d{1,2}\b|^(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\b/iu.test(mention.text)
    ? `on ${mention.text}`
    : `in ${mention.text}`;
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

const AFTER_THAT = /\b(?:after that|after this|since then|afterwards|afterward|later on|after it)\b/iu;
const BEFORE_THAT = /\b(?:before that|before this|before then|earlier|previously|prior to that)\b/iu;

/**
 * The question with the previous question's dates carried in: "after that"
 * becomes "after May 2024"; otherwise the dates are added at the end.
 */
export function withDates(question: string, context: Context): string {
  const mentions = context.detail.dates;
  if (mentions.length === 0) return question;
  const bare = (text: string) => text.replace(/^(?:in|on|during|since)\s+/iu, "");
  for (const [pattern, relation] of [
    [AFTER_THAT, "after"],
    [BEFORE_THAT, "before"],
  ] as const) {
    if (pattern.test(question)) return question.replace(pattern, `${relation} ${mentions.map((mention) => bare(mention.text)).join(" and ")}`);
  }
  return `${withoutQuestionMark(question)} ${mentions.map((mention) => datePhrase(context.text, mention)).join(" and ")}?`;
}

/** Add the previous question's parties and date to a question as plain context. */
export function withContext(question: string, context: Context, keepDate: boolean, carried = parties(context)): string {
  const dated = keepDate ? withDates(question, context) : question;
  const names = joinNames(carried);
  return names ? `${withoutQuestionMark(dated)} (${names})?` : dated;
}

/** "what about Macron?" after "when did Biden meet Kishida?": Macron replaces the last party of the same kind. */
export function replaceParty(context: Context, focus: Context): string | undefined {
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
export function replaceDate(context: Context, focus: Context): string {
  let text = context.text;
  for (const mention of [...context.detail.dates].sort((a, b) => b.start - a.start)) text = withoutDate(text, mention);
  const phrases = focus.detail.dates.map((mention) => datePhrase(focus.text, mention));
  return `${withoutQuestionMark(text)} ${phrases.join(" and ")}?`;
}

/**
 * Replace pronouns that point back at the previous question's people (other than
 * those the question names itself). Undefined when none did.
 */
export function substitutePronouns(question: string, context: Context, named: Set<string>): string | undefined {
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
    let name = object
      ? (assigned.get(`${group}:object`) ??
        (subject ? names.find((candidate) => candidate.text !== subject && ![...assigned.values()].includes(candidate.text))?.text : undefined))
      : subject;
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
  text = text.replace(/\b(he|him|his|she|her|hers)\b(\s+\w+)?/giu, (_match, pronoun: string, next: string | undefined) => {
    replaced = true;
    const lower = pronoun.toLowerCase();
    const following = next ?? "";
    const possessive =
      lower === "his" ||
      lower === "hers" ||
      (lower === "her" &&
        following.trim().length > 0 &&
        !/^\s+(?:and|or|about|in|on|at|with|to|for|from|last|first|when|where|that|this|yesterday|today)$/iu.test(following));
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

const WH_START =
  /^(when|where|what|who|whom|why|how|which\s+\w+|with whom|in which \w+|on what date)\s+(did|does|do|was|were|is|are|has|have|had|will|would|can|could)\b\s*(.*)$/iu;

/** Re-ask the previous question with a new question word: "where?" after "when did Biden meet Kishida?". */
export function swapQuestionWord(question: string, context: Context): string | undefined {
  const previous = WH_START.exec(context.text);
  const wanted = /^(when|where|why|how|who|with whom|what|which)/iu.exec(question.trim())?.[1];
  if (!previous || !wanted) return undefined;
  const rest = previous[3] ?? "";
  const auxiliary = previous[2]!;
  return `${wanted.toLowerCase()} ${auxiliary} ${rest}`.replace(/\s+/gu, " ").trim();
}
