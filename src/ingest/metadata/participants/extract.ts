/**
 * Participants: the people who took part in the meeting, with their titles and countries where the
 * text states them, from the headline, the opening's meeting sentences and any participant list.
 *
 * wink-eng-lite-web-model has no PERSON entities, so people are found by small recognisers (see
 * people.ts): a title followed by a run of capitalised words, with the country from a demonym or
 * possessive before the title ("Australian Prime Minister", "Azerbaijan’s President"), a country
 * before it ("Republic of Korea (ROK) President"), or "of <country>" after the name; an office in
 * apposition; "his Belarusian counterpart <name>"; and "Presidents Aliyev and Lukashenko".
 */
import { PARTICIPANT_LIST, PARTICIPATION_VERB } from "../../../text/lexicon/meeting-words.js";
import { FUTURE_SENTENCE } from "../../../text/lexicon/tense-words.js";
import { nameKey } from "../../../text/names.js";
import { splitSentences } from "../../../text/sentences.js";
import type { Participant } from "../../../types/index.js";
import { meetingScope, scopeStop } from "../scope.js";
import { mergeParticipants, samePerson } from "./merge.js";
import { peopleInText, type Found } from "./people.js";

export interface ParticipantInput {
  title: string;
  paragraphs: readonly string[];
  /** The publisher's own country, given to the headline's subject when the text states none. */
  publisherCountry?: string;
}

/** People who took part, from the headline, the opening's meeting sentences and any participant list. */
export function extractParticipants(input: ParticipantInput): Participant[] {
  const found: Found[] = [];
  const headline = peopleInText(input.title, { headline: true });
  found.push(...headline);
  const subjectTitle = headline[0]?.title;
  const opening = input.paragraphs.slice(0, input.paragraphs[0] && input.paragraphs[0].split(/\s+/).length < 25 ? 2 : 1);
  let firstSentence = true;
  for (const paragraph of opening) {
    for (const sentence of splitSentences(paragraph)) {
      // The opening sentence of a report names who took part, whatever its verb ("... led a White House event").
      // Later sentences count only when a verb says someone took part ("They were joined by ..."), not a noun ("at their meeting").
      // "welcomed the upcoming visit by X" names someone who has not met yet; "spoke with X, who will travel" has.
      const future = firstSentence ? null : FUTURE_SENTENCE.exec(sentence);
      const present = future ? sentence.slice(0, future.index) : sentence;
      const taking = firstSentence || PARTICIPATION_VERB.test(present);
      const scope = taking ? (meetingScope(present) ?? (firstSentence ? present.slice(0, scopeStop(present)) : undefined)) : undefined;
      firstSentence = false;
      if (scope) found.push(...peopleInText(scope, subjectTitle ? { subjectTitle } : {}));
    }
  }
  for (const paragraph of input.paragraphs) {
    if (PARTICIPANT_LIST.test(paragraph)) found.push(...peopleInText(paragraph, subjectTitle ? { subjectTitle } : {}));
  }
  const participants = mergeParticipants(found);
  // A readout's subject ("Readout of President Biden’s Call with ...") is the publisher's own official.
  if (input.publisherCountry) {
    const withAt = input.title.search(/\s(?:with|and the)\s/i);
    const subjects = headline.filter((person) => withAt > 0 && person.at < withAt);
    for (const subject of subjects) {
      const words = nameKey(subject.name).split(" ");
      const match = participants.find((participant) => samePerson(nameKey(participant.name).split(" "), words));
      if (match && !match.country) match.country = input.publisherCountry;
    }
  }
  return participants;
}
