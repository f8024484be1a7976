/** Where a meeting sentence turns from who met to what they discussed. */
import { MEETING_VERB } from "../../text/lexicon/meeting-words.js";
import { PURPOSE, SCOPE_STOP_WORDS } from "../../text/lexicon/topic-words.js";

/**
 * The earliest place where a sentence turns to its topic, or undefined: "to discuss", "regarding", and
 * any purpose "to <verb>" ("led a delegation to Abu Dhabi to offer condolences on the passing of ...")
 * but a meeting verb ("traveled to Kyiv to meet President Zelenskyy").
 */
export function scopeStop(text: string): number | undefined {
  const words = SCOPE_STOP_WORDS.exec(text)?.index;
  const purpose = PURPOSE.exec(text)?.index;
  return words === undefined ? purpose : purpose === undefined ? words : Math.min(words, purpose);
}

/** The part of a meeting sentence that names who met, before what they discussed. */
export function meetingScope(sentence: string): string | undefined {
  const verb = MEETING_VERB.exec(sentence);
  if (!verb) return undefined;
  const stop = scopeStop(sentence.slice(verb.index));
  return stop !== undefined ? sentence.slice(0, verb.index + stop) : sentence;
}
