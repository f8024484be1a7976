/**
 * Chat shorthand a question may be typed in ("wat did biden & kishida talk abt"), with the words it
 * stands for. Only forms that are no English word or name of their own: "wen" (a surname) and "min"
 * (minimum or minister) are left out.
 */
export const CHAT_SHORTHAND: Readonly<Record<string, string>> = {
  wat: "what",
  wut: "what",
  wht: "what",
  whn: "when",
  hw: "how",
  abt: "about",
  bc: "because",
  b4: "before",
  ppl: "people",
  mtg: "meeting",
  mtgs: "meetings",
  govt: "government",
  pres: "president",
  "w/": "with",
  tbh: "to be honest",
  tbd: "to be decided",
  btw: "by the way",
  fyi: "for your information",
  idk: "I don't know",
  imo: "in my opinion",
  asap: "as soon as possible",
  "&": "and",
};
