/**
 * Meeting facts from an article's title and opening, one extractor per module: the event date
 * (event-date.ts, resolved against the publication date with chrono-node; chrono-days.ts reads one
 * date), the place (place.ts) and the participants (participants/, people with their titles and
 * countries where the text states them). scope.ts finds where a meeting sentence turns to its topic.
 * The domain words they read (meeting verbs, titles, future markers…) are in src/text/lexicon/.
 */
export { dateInOpening } from "./chrono-days.js";
export { resolveEventDate, type EventDateInput } from "./event-date.js";
export { datelinePlace, extractPlace, placeInSentence } from "./place.js";
export { extractParticipants, peopleInText, publisherCountry, type Found, type ParticipantInput } from "./participants/index.js";
