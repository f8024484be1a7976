import { MONTH_NUMBERS } from "../../text/lexicon/index.js";

/** How a question writes months, years, counts ("a few", "three") and parts of a period ("early", "the end of"): regular-expression sources and their values. */

export const MONTH = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|apr\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)`;
const YEAR = String.raw`((?:19[5-9]|20\d)\d)`;
// A year must stand alone: not "2,000", "$2023", "2023rd", "2023%", "2022-23".
export const YEAR_ALONE = String.raw`(?<![\d,.$£€#/\w])${YEAR}(?![\d%\w]|[.,]\d|-\d{2}\b|/\d)`;
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  few: 3,
  couple: 2,
  several: 3,
};
export const COUNT = String.raw`(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple(?: of)?|several)`;
export const PART = "(early|mid|middle of|late|the beginning of|beginning of|the start of|start of|the end of|end of)";

export function count(word: string): number {
  const clean = word.toLowerCase().replace(/ of$/u, "");
  return NUMBER_WORDS[clean] ?? Number(clean);
}

export function monthNumber(word: string): number {
  return MONTH_NUMBERS[word.toLowerCase().replace(/\.$/u, "")] ?? 0;
}
