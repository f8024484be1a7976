/**
 * The kind of answer a question expects (a date, a person, a place, a figure, a
 * duration, a list of meetings, or a description) and whether a sentence holds
 * one. Read once by query understanding; the evidence scores and the composer
 * use both halves.
 */
import { findPlaces } from "../../text/gazetteer.js";
import { MEETING_NOUN, MEETING_VERB, MEETING_VERB_BASE, MONTH_PATTERN, NUMBER_WORD_PATTERN, WEEKDAY_PATTERN } from "../../text/lexicon/index.js";
import { asksForMeetingList, COUNTS_MEETINGS } from "./question-shape.js";
import { STOP_WORDS } from "./english.js";
import type { AnswerType } from "../types.js";

export type { AnswerType } from "../types.js";

const OPENING_CLAUSE =
  /^\s*(?:(?:and|so|but)\s+)?(?:(?:when|while|as|once|since|after|before)(?!\s+(?:did|does|do|was|were|is|are|has|have|had|will|would|can|could)\b)|during|at|in|on|following|with|for)\b[^?]*?,\s*(?=(?:what|which|who|whom|whose|how|where|when|why|did|does|do|was|were|is|are|has|have|had)\b)/iu;

/**
 * The question without a leading clause that only sets the scene: "When Biden
 * dropped into the lunch, what deadline did he warn about?" asks what, not when.
 */
export function mainClause(question: string): string {
  return question.replace(OPENING_CLAUSE, "");
}

const ASKS_MEETING_LENGTH =
  /\bhow long (?:did|was|were|does|do|is)\b(?:.*\b(?:last|lasted|run|go on)\b|\s+(?:[\p{L}'’-]+\s+){0,3}?(?:call|meeting|talks?|conversation|visit|session|summit)\b|.*\b(?:talk|speak|meet|chat)(?:\s+for)?\s*\??\s*$|.*\bon the (?:phone|call|line)\b)/u;

/** The answer type a question's wording asks for. */
export function expectedAnswerType(question: string): AnswerType {
  const q = mainClause(question).toLowerCase();
  // "How long did the call last?" asks how long a meeting took; "how long had Switzerland been…" or "how long did he think
  // it would take" ask for a span of days or years: a figure.
  if (ASKS_MEETING_LENGTH.test(q)) return "duration";
  // "How many times did they meet?" counts meetings: the list of them, counted.
  if (COUNTS_MEETINGS.test(q)) return "list";
  if (
    /\bhow long\b|\bhow (?:many|much)\b|\bwhat (?:was|is|were) the (?:value|amount|number|size|cost|total|figure|sum|percentage|share)\b|\bhow (?:big|large|wide|deep|high|tall|far|old|long had)\b|\bwhat (?:amount|number|percentage|share|sum)\b/u.test(
      q,
    )
  )
    return "number";
  if (asksForMeetingList(question)) return "list";
  if (/^\s*(?:and\s+)?(?:when\b|on what (?:date|day)\b|what (?:date|day)\b|which (?:date|day)\b)|\bwhen did\b|\bwhat date\b/u.test(q)) return "date";
  if (/^\s*(?:and\s+)?where\b|\bin (?:what|which) (?:city|country|town|place|capital|venue)\b|\bwhere (?:did|was|were|is)\b/u.test(q)) return "place";
  if (
    /^\s*(?:and\s+)?(?:who|whom|with whom)\b|\bwho (?:did|was|were|attended|joined|hosted|met|called|led)\b|\b(?:which|what) (?:[a-z-]+ ){0,2}?(?:leaders?|officials?|presidents?|ministers?|people|person|ceos?|executives?|senators?|governors?|members?|players?|advocates?|experts?|economists?)\b/u.test(
      q,
    )
  )
    return "person";
  return "description";
}

/**
 * Whether a date question asks when a meeting took place ("when did they last
 * talk?", "what day was the summit?") rather than a date the article states
 * ("when was the committee set up?", "by what date…").
 */
export function asksMeetingDate(question: string): boolean {
  const clause = mainClause(question);
  if (expectedAnswerType(clause) !== "date") return false;
  return (
    MEETING_VERB.test(clause) || MEETING_VERB_BASE.test(clause) || clause.split(/[^\p{L}\d-]+/u).some((word) => word.length > 0 && MEETING_NOUN.test(word))
  );
}

const FIGURE = new RegExp(
  String.raw`(?:[$€£]\s?\d|\b\d[\d,.]*\b|\b(?:${NUMBER_WORD_PATTERN})\b|\bdozens?\b|\bhundreds?\b|\bthousands?\b|\bmillions?\b|\bbillions?\b|\bpercent\b|%)`,
  "giu",
);
/** Numbers that are dates, not figures: years, and days after or before a month name. */
const DATE_NUMBER = /^(?:(?:19|20)\d{2}|\d{1,2}(?:st|nd|rd|th)?)$/u;

function holdsFigure(sentence: string): boolean {
  for (const match of sentence.matchAll(FIGURE)) {
    const text = match[0];
    if (!DATE_NUMBER.test(text)) return true;
    // "24 F-35s", "five years" are figures; "2021", "May 16" and "16 May" are dates.
    const around = sentence.slice(Math.max(0, match.index - 12), match.index + text.length + 12);
    const isYear = /^(?:19|20)\d{2}$/u.test(text);
    const nextToMonth = new RegExp(String.raw`\b(?:${MONTH_PATTERN})\.?\s+${text}\b|\b${text}\s+(?:${MONTH_PATTERN})\b`, "iu").test(around);
    if (!isYear && !nextToMonth) return true;
  }
  return false;
}
/** How long a meeting or call took: minutes or hours. */
const DURATION = new RegExp(String.raw`\b(?:\d+|an?|one|half an?|${NUMBER_WORD_PATTERN}|several|few)[\s-]+(?:more\s+)?(?:minutes?|hours?)\b`, "iu");
const DAY = new RegExp(
  String.raw`\b(?:${MONTH_PATTERN})\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:${MONTH_PATTERN})\b|\b(?:${WEEKDAY_PATTERN})\b|\b(?:today|yesterday|tonight|this (?:morning|afternoon|evening))\b|\b\d{4}-\d{2}-\d{2}\b`,
  "iu",
);
/** A capitalised name after an office or honorific, or two capitalised words inside a sentence. */
const NAMED_PERSON =
  /\b(?:President|Prime Minister|Minister|Secretary|Chancellor|King|Queen|Prince|Princess|Emir|Amir|Sultan|Sheikh|Pope|Patriarch|General|Gen\.|Admiral|Adm\.|Ambassador|Senator|Governor|Mayor|Dr\.|Mr\.|Mrs\.|Ms\.|Director|Administrator|Advisor|Adviser|Chief|Commissioner|CEO|Leader|Speaker|Representative|Vice President|Crown Prince|His Majesty|Her Majesty|His Holiness)\s+(?:[A-Z][\p{L}'’-]+\s?){1,4}|(?<=\S\s)[A-Z][\p{Ll}'’-]+\s+(?:[A-Z]\.\s+)?[A-Z][\p{Ll}'’-]{2,}/u;

/** Whether a sentence holds an answer of the type (a description is anything with content). */
export function sentenceHolds(type: AnswerType, sentence: string): boolean {
  switch (type) {
    case "number":
      return holdsFigure(sentence);
    case "duration":
      return DURATION.test(sentence);
    case "date":
      return DAY.test(sentence);
    case "person":
    case "list":
      return NAMED_PERSON.test(sentence);
    case "place":
      return /\b(?:in|at)\s+(?:the\s+)?[A-Z]/u.test(sentence) || findPlaces(sentence).length > 0;
    case "description":
      return sentence.split(/\s+/u).length >= 6;
  }
}

/** Types whose absence from every retrieved sentence is evidence the articles do not answer. */
export function isCheckableType(type: AnswerType): boolean {
  return type === "number" || type === "duration";
}

/** Words that do not make a question's focus specific: any meeting article answers them. */
const GENERIC_FOCUS = new Set(
  (
    "topic topics issue issues thing things subject subjects matter matters area areas point points leader leaders country countries " +
    "people person official officials meeting meetings call calls conversation talks discussion discussions day date time year month " +
    "city place where what who kind sort type way ways steps message messages priority priorities goal goals " +
    "met meet spoke speak talk talked discuss discussed agree agreed announce announced offer offered say said tell told " +
    "host hosted join joined call called visit visited attend attended convene convened welcome welcomed represent represented " +
    "raise raised express expressed stress stressed emphasize emphasized underscore underscored reaffirm reaffirmed urge urged " +
    "highlight highlighted review reviewed note noted thank thanked commit committed pledge pledged launch launched sign signed " +
    "happen happened decide decided plan planned " +
    // Categories of named things: the answer names them ("Alcara Minerals"), it rarely repeats the category.
    "company companies firm firms business businesses organisation organisations organization organizations group groups " +
    "member members institution institutions agency agencies ministry ministries city cities state states bank banks party parties"
  ).split(" "),
);

const AUXILIARIES = /^(?:did|does|do|was|were|is|are|has|have|had|will|would|could|can|came|come|went|took)$/;
const STOP_BEFORE_HEAD = /^(?:on|of|in|at|for|with|about|from|to|between|during|by)$/;

export interface QuestionFocus {
  /** The word the answer must be about: "gift" in "what gift did…", "served" in "what was served…". */
  word: string;
  /** "How many/much …" wants a figure. */
  wantsNumber: boolean;
  /** "How long did … last?" wants a duration. */
  duration?: boolean;
}

/** The specific thing a question asks for, when it names one. */
export function questionFocus(question: string): QuestionFocus | undefined {
  const words =
    question
      .toLowerCase()
      .replace(/[’']s\b/g, "")
      .match(/[a-z][a-z-]*/g) ?? [];
  const at = (i: number) => words[i] ?? "";
  for (let i = 0; i < words.length; i++) {
    const word = at(i);
    if (word === "how" && at(i + 1) === "long" && AUXILIARIES.test(at(i + 2))) return { word: "", wantsNumber: true, duration: true };
    if (word === "how" && (at(i + 1) === "many" || at(i + 1) === "much") && at(i + 2)) {
      const head = at(i + 2);
      if (!AUXILIARIES.test(head)) return { word: head, wantsNumber: true };
      // "How much did the dinner cost?": the verb at the end is what is asked.
      const last = words[words.length - 1] ?? "";
      return { word: GENERIC_FOCUS.has(last) ? "" : last, wantsNumber: true };
    }
    if (word === "what" || word === "which") {
      // "what was served", "what were signed": a participle after the auxiliary.
      if (/^(?:was|were|is|are)$/.test(at(i + 1)) && /(?:ed|en|wn)$/.test(at(i + 2)) && !GENERIC_FOCUS.has(at(i + 2))) {
        return { word: at(i + 2), wantsNumber: false };
      }
      // "what gift did", "which tech ceos came": the head noun before the verb.
      let head = "";
      for (let j = i + 1; j < Math.min(words.length, i + 6); j++) {
        if (AUXILIARIES.test(at(j)) || STOP_BEFORE_HEAD.test(at(j))) break;
        head = at(j);
      }
      if (head && !GENERIC_FOCUS.has(head) && !/^(?:new|foreign|other|main|key|specific)$/.test(head)) return { word: head, wantsNumber: false };
      return undefined;
    }
    if (word === "who" && at(i + 1) && !AUXILIARIES.test(at(i + 1)) && !GENERIC_FOCUS.has(at(i + 1)) && /(?:ed|won|wins|win|lost|beat)$/.test(at(i + 1))) {
      return { word: at(i + 1), wantsNumber: false };
    }
  }
  return undefined;
}

/**
 * The figure a number question wants, more precisely than "a number": "how many
 * planes" wants a count of planes, "how much money / did it cost" an amount of
 * money. Undefined when the question asks for no particular kind of figure.
 */
/** What a "how many" question counts: the words of the thing counted ("vaccine doses"), any of which may follow the figure. */
export type WantedFigure = { counted: string[] } | { money: true };

export function wantedFigure(question: string): WantedFigure | undefined {
  const q = question.toLowerCase();
  if (
    /\bhow much\b.*\b(?:money|cost|costs|pay|paid|spend|spent|worth|fund|funds|funding|invest|invested|investment|aid|assistance|dollars?|budget|price|pledge|pledged|put up|contribut\w*)\b|\bhow much\b.*\$|\bwhat (?:was|is) the (?:value|cost|price)\b/u.test(
      q,
    )
  )
    return { money: true };
  // "how many Apache helicopters did…": the words before the verb; "vaccine doses" counts "2.5 million vaccines" too.
  const phrase =
    /\bhow many\s+((?:[a-z-]+\s+){1,6}?)(?:did|does|do|were|was|are|is|have|has|had|will|would|can|could|should)\b/u.exec(q)?.[1] ??
    /\bhow many\s+([a-z-]+)/u.exec(q)?.[1];
  const counted = (phrase ?? "")
    .trim()
    .split(/\s+/u)
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
  return counted.length > 0 ? { counted } : undefined;
}

const COUNT_WORD = new RegExp(`^(?:${NUMBER_WORD_PATTERN}|dozens?|hundreds|thousands|millions)$`, "u");

/** Whether a sentence holds the figure wanted: a count next to the thing counted ("96 Apache helicopters"), or an amount of money. */
export function holdsWantedFigure(wanted: WantedFigure, sentence: string, sameWord: (a: string, b: string) => boolean): boolean {
  if ("money" in wanted) return /[$€£]\s?\d|\b\d[\d,.]*\s*(?:million|billion|trillion|dollars)\b|\b(?:million|billion) (?:dollars|euros)\b/iu.test(sentence);
  const words = sentence.toLowerCase().split(/[^\p{L}\d,.$-]+/u);
  return words.some((word, i) => {
    if (!(/^\$?\d/u.test(word) || COUNT_WORD.test(word))) return false;
    return words.slice(i + 1, i + 5).some((next) => wanted.counted.some((counted) => sameWord(next.replace(/[,.]$/u, ""), counted)));
  });
}
