/**
 * The base form of an inflected verb ("met" → "meet", "spoke" → "speak",
 * "held" → "hold"), from wink-nlp's lemmatizer with its part-of-speech tagger.
 * A Porter stemmer cannot see that "met" and "meet" are one word; nouns and
 * adjectives are left as they are ("meeting" stays "meeting").
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

const VERB_TAGS = new Set(["VERB", "AUX"]);

/** The verb's base form when the word is a verb on its own, else the word unchanged. */
export function verbBase(word: string): string {
  nlp ??= winkNLP(model, ["pos"]);
  const tokens = nlp.readDoc(word).tokens();
  if (tokens.length() !== 1) return word;
  const pos = tokens.out(nlp.its.pos)[0];
  // wink's type for its.lemma does not fit out()'s signature, though it works at run time.
  const lemma = tokens.out(nlp.its.lemma as unknown as typeof nlp.its.pos)[0];
  return pos !== undefined && VERB_TAGS.has(pos) && lemma ? lemma : word;
}
