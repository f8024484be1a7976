/**
 * Words of official titles and forms of address. They are never part of a
 * person's name, so neither the vocabulary nor query understanding reads them as one.
 */
const TITLE_WORDS = new Set(
  `president vice prime minister minster secretary chancellor king queen prince princess emir sheikh sultan crown pope cardinal
  ambassador governor senator representative congressman congresswoman speaker leader chairman chairwoman chair general admiral
  premier mayor director deputy foreign defense defence national security advisor adviser envoy commissioner chief holiness majesty
  highness excellency his her first lady gentleman ecumenical patriarch archbishop bishop rabbi imam justice attorney`.split(/\s+/u),
);

export function isTitleWord(word: string): boolean {
  return TITLE_WORDS.has(word.toLowerCase());
}

