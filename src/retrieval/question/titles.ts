import { TITLE_WORDS } from "../../text/lexicon/index.js";

/** Whether a word is a word of an official title or a form of address ("President", "Majesty"), never part of a name. */
export function isTitleWord(word: string): boolean {
  return TITLE_WORDS.has(word.toLowerCase());
}
