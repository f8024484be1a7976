/** Participants of a meeting (see extract.ts), and the publisher's country their subject takes. */
export { extractParticipants, type ParticipantInput } from "./extract.js";
export { peopleInText, type Found } from "./people.js";
export { publisherCountry } from "./publisher.js";
