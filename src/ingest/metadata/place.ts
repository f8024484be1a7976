/**
 * Where the meeting took place: "in Baku" / "at the White House" after a meeting verb in the first
 * sentence that reports it, a dateline ("HIROSHIMA, Japan — ..."), a later sentence about the meeting
 * itself, or the title.
 */
import { foldWord } from "../../text/fold.js";
import { countryForCity, findPlaces, matchTitle, type PlaceMention } from "../../text/gazetteer.js";
import { CALL_WORDS, MEETING_ITSELF, MEETING_PLACE_VERB, MEETING_VERB } from "../../text/lexicon/meeting-words.js";
import { NOT_PLACE_PHRASES, NOT_PLACE_WORDS } from "../../text/lexicon/places.js";
import { FUTURE_BEFORE, FUTURE_SENTENCE } from "../../text/lexicon/tense-words.js";
import { PLACE_STOP_AFTER, TOPIC_BEFORE_PLACE } from "../../text/lexicon/topic-words.js";
import { splitSentences } from "../../text/sentences.js";

/** A place of meeting follows its verb closely ("met ... in Baku"); farther on, "in X" is about something else. */
const PLACE_MAX_WORDS_AFTER_VERB = 40;

function placeLabel(mention: PlaceMention, next: PlaceMention | undefined, text: string): string {
  const gap = next ? text.slice(mention.end, next.start) : "";
  const qualified = next && /^,\s*$/.test(gap) && (next.kind === "country" || next.kind === "region");
  if (qualified) return `${mention.text}, ${next.text}`.replace(/['’]s$/, "");
  // "Washington, D.C." already says where it is.
  if (mention.kind === "city" && mention.country && mention.country !== mention.canonical && !mention.canonical.includes(",")) {
    return `${mention.canonical}, ${mention.country}`;
  }
  return mention.canonical;
}

/** "in Baku" / "at the White House" / "in Phnom Penh, Cambodia" in one sentence, after its meeting verb. */
export function placeInSentence(sentence: string): string | undefined {
  // A call has no shared place; "the summit to be held in Vilnius" is about the future.
  const call = CALL_WORDS.exec(sentence);
  const verbs = [...sentence.matchAll(new RegExp(MEETING_PLACE_VERB.source, "gi"))].filter((match) => !FUTURE_BEFORE.test(sentence.slice(0, match.index)));
  const verb = verbs[0];
  if (!verb || call) return undefined;
  const stop = PLACE_STOP_AFTER.exec(sentence.slice(verb.index));
  const scope = stop ? sentence.slice(0, verb.index + stop.index) : sentence;
  const near = new RegExp(`^(?:\\S+\\s+){0,${PLACE_MAX_WORDS_AFTER_VERB}}`).exec(scope.slice(verb.index))?.[0] ?? "";
  const latestStart = verb.index + near.length;
  const mentions = findPlaces(scope, { requireCapital: true }).filter((mention) => mention.kind !== "demonym");
  for (let i = 0; i < mentions.length; i++) {
    const mention = mentions[i]!;
    if (mention.start < verb.index || mention.start > latestStart) continue;
    const before = scope.slice(Math.max(0, mention.start - 40), mention.start);
    const introduced = /\b(?:in|at|to|inside)\s+(?:the\s+)?$/i.test(before) || /\b(?:visited|visits|toured)\s+(?:the\s+)?$/i.test(before);
    if (!introduced || TOPIC_BEFORE_PLACE.test(before)) continue;
    if (/['’]s$/.test(mention.text)) continue; // "in Russia’s war" is not a place of meeting
    return placeLabel(mention, mentions[i + 1], scope);
  }
  // "On June 15, 2023 in Tokyo, Japan, the Advisor met ...": a place set before the verb, in the opening clause.
  const opening = /^(?:On|Today|Yesterday|Earlier|This)\b[^.;]{0,80}?\s(?:in|at)\s+(?:the\s+)?/.exec(sentence);
  if (opening && opening[0].length < verb.index) {
    const at = opening[0].length;
    const here = mentions.findIndex((mention) => mention.start === at && mention.kind !== "organisation");
    if (here >= 0) {
      const next = mentions[here + 1];
      const spaced = next && /^,?\s*$/.test(sentence.slice(mentions[here]!.end, next.start)) && (next.kind === "country" || next.kind === "region");
      return spaced ? `${mentions[here]!.text}, ${next.text}` : placeLabel(mentions[here]!, mentions[here + 1], sentence);
    }
  }
  // A place the gazetteer does not know: "in Veyra", "at Kellsbury City Hall".
  const after = scope.slice(verb.index, latestStart + 40);
  const unknown =
    /\b(?:in|at)\s+(?:the\s+)?((?:\p{Lu}[\p{L}'’-]+)(?:\s+(?:of\s+)?\p{Lu}[\p{L}'’-]+){0,3})(?=[,.;:]|$|\s+(?:on|to|for|with|and|in|at|this|last|today|yesterday|earlier|where|during|from|\d))/u.exec(
      after,
    );
  if (unknown) {
    const words = unknown[1]!.split(/\s+/);
    const startsNear = verb.index + unknown.index <= latestStart && !TOPIC_BEFORE_PLACE.test(after.slice(0, unknown.index + unknown[0].indexOf(unknown[1]!)));
    if (
      startsNear &&
      !NOT_PLACE_WORDS.has(foldWord(words[0]!)) &&
      !/['’]s$/.test(unknown[1]!) &&
      matchTitle(words) === 0 &&
      !NOT_PLACE_PHRASES.test(unknown[1]!)
    )
      return unknown[1]!;
  }
  return undefined;
}

/** A known place right after `at` ("in Philadelphia, Pennsylvania", "at the Pentagon"). */
function placeAfter(sentence: string, at: number): string | undefined {
  const mentions = findPlaces(sentence, { requireCapital: true }).filter((mention) => mention.kind !== "demonym");
  const index = mentions.findIndex((mention) => mention.start >= at && /^(?:in|at)\s+(?:the\s+)?$/i.test(sentence.slice(at, mention.start)));
  return index >= 0 ? placeLabel(mentions[index]!, mentions[index + 1], sentence) : undefined;
}

/** "HIROSHIMA, Japan — ..." or "VEYRA, 6 June 2024": the place a report was filed from. */
export function datelinePlace(paragraph: string): string | undefined {
  const match =
    /^(\p{Lu}[\p{Lu}.'’ -]{1,30}\p{Lu})(?:,\s*(\p{Lu}[\p{L}.'’ -]{1,30}?))?\s*(?:[—–]|--|,\s*\d{1,2}\s+\p{L}+\s+\d{4}\b|,\s*\p{L}+\s+\d{1,2},?\s+\d{4}\b)/u.exec(
      paragraph,
    );
  if (!match) return undefined;
  const city = match[1]!.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());
  const region = match[2]?.trim();
  if (region && !/\d/.test(region)) return `${city}, ${region}`;
  const country = countryForCity(city);
  return country && country !== city ? `${city}, ${country}` : city;
}

/** Where the meeting took place, from the opening's meeting sentences, then the title. */
export function extractPlace(title: string, paragraphs: readonly string[]): string | undefined {
  // Only the first sentence that reports the meeting: later "in X" is mostly about what was discussed.
  const opening = paragraphs.slice(0, 2).flatMap((paragraph) => splitSentences(paragraph));
  const first = opening.find((sentence) => MEETING_VERB.test(sentence));
  const stated = first ? placeInSentence(first) : undefined;
  const dateline = paragraphs[0] ? datelinePlace(paragraphs[0]) : undefined;
  // A dateline city is more precise than a country the sentence names ("HIROSHIMA, Japan — ... in Japan").
  if (stated && dateline && countryForCity(stated) === undefined && dateline.endsWith(`, ${stated}`)) return dateline;
  if (stated) return stated;
  if (dateline && !(first && CALL_WORDS.test(first))) return dateline;
  // "Both meetings were held at the Pentagon", "Today’s meeting in Philadelphia": a later sentence about the meeting itself.
  for (const sentence of opening) {
    const about = MEETING_ITSELF.exec(sentence);
    if (!about || FUTURE_SENTENCE.test(sentence)) continue;
    const place = placeAfter(sentence, about.index + about[0].length);
    if (place) return place;
  }
  return placeInSentence(title);
}
