/** What a question asks for: a list, when, where, who or what; and whether it wants the latest or the earliest meeting. */
import type { QueryAnalysis } from "../types.js";
import { mainClause } from "./answer-type.js";

/** Words about ordering, not content: they set `latest`/`earliest` and are not terms. */
export const ORDER_WORDS = new Set([
  "last",
  "latest",
  "lately",
  "first",
  "earliest",
  "recent",
  "recently",
  "newest",
  "previous",
  "previously",
  "initial",
  "initially",
  "most",
]);

const PLURAL_ASKED =
  "leaders|officials|countries|heads|presidents|prime ministers|ministers|people|meetings|calls|visits|nations|governments|counterparts|partners|allies|summits|times|dates|ceos|executives|members|senators|governors|lawmakers|delegations|trips";
const PERSON_ASKED =
  "leader|official|president|prime minister|minister|general|king|queen|prince|emir|head|ambassador|envoy|chancellor|senator|governor|counterpart|advisor|adviser|secretary|ceo|person|diplomat";

export function detectIntent(text: string, hasDate: boolean): QueryAnalysis["intent"] {
  const q = mainClause(text).toLowerCase().replace(/\s+/gu, " ");
  if (
    // "which African leaders", not "what did the leaders agree".
    new RegExp(
      String.raw`\b(?:which|what)\s+(?:(?!(?:did|do|does|was|were|is|are|has|have|had|will|would|can|could|the)\b)[\w-]+\s+){0,2}(?:${PLURAL_ASKED})\b`,
      "u",
    ).test(q) ||
    /\b(?:list|how many (?:times|meetings|calls|visits|trips|summits)|how often|all (?:the )?(?:meetings|calls|leaders|times|visits)|every (?:meeting|call|time)|each (?:meeting|call|time))\b/u.test(
      q,
    ) ||
    (/\bwho (?:all )?(?:has|have|did) [\w' .-]+? (?:meet|met|call|called|speak|spoke|talk|talked|host|hosted|see|visit|visited)\b/u.test(q) &&
      (hasDate || /\b(?:trip|visit|tour|travels?)\b/u.test(q)))
  ) {
    return "list";
  }
  // The question word that opens the question decides ("what did they discuss when they met?" is a what).
  const lead =
    /^(?:(?:and|so|but|also|then|ok(?:ay)?)[,\s]+)*(?:(?:in|on|at|with|for|to|from|during|since|by)\s+)?(when|where|who|whom|whose|what|which|how|why)\b(.*)$/u.exec(
      q,
    );
  const word = lead?.[1] ?? /\b(when|where|who|whom|whose|what|which|how|why)\b/u.exec(q)?.[1];
  const rest = lead?.[2] ?? q;
  if (word === "when" || /\b(?:what|which) (?:date|day|time|year|month)\b|\bhow long ago\b/u.test(q)) return "when";
  if (word === "where" || /\b(?:what|which) (?:city|country|place|venue|location|capital)\b/u.test(q)) return "where";
  if (word === "who" || word === "whom" || word === "whose") return "who";
  if ((word === "which" || word === "what") && new RegExp(String.raw`^\s+(?:[\w-]+\s+){0,2}(?:${PERSON_ASKED})\b`, "u").test(rest)) return "who";
  if (word === "what" || word === "which" || word === "how" || word === "why") return "what";
  if (/\b(?:discuss|agree|announce|offer|sign|talk about|raise|say)\b/u.test(q)) return "what";
  return "other";
}

export const LATEST =
  /\b(?:latest|most recent(?:ly)?|more recently|recently|lately|newest|last(?! (?:week|weekend|month|year|quarter|spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|few|couple|several|two|three|four|five|six|seven|eight|nine|ten|days?|weeks?|months?|years?)\b))\b/iu;
export const EARLIEST =
  /\b(?:earliest|first(?! (?:lady|minister|deputy|vice|secretary|quarter|half|week|day|month|year|time zone)\b)|initially|for the first time)\b/iu;
