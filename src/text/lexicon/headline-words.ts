/**
 * Words a Title Case headline puts after a name ("President Biden Designates ...", "Press Secretary
 * Karine Jean-Pierre En Route"). Two lists, tuned apart for two jobs: HEADLINE_WORDS end a name while
 * ingest reads it from a headline; HEADLINE_TAIL_WORDS are trimmed off a participant's name the index
 * already holds (connectors such as "with" included, "designates" not). Merging them would change
 * which participants ingest finds and which names the vocabulary keeps.
 */

/** Words that end a name in a Title Case headline: "Press Secretary Karine Jean-Pierre En Route", "President Biden Designates". */
export const HEADLINE_WORDS: ReadonlySet<string> = new Set(
  `en route aboard via ahead following regarding designates announces announce meets meet signs sign hosts host holds
  calls visits travels delivers participates welcomes nominates names launches unveils joins speaks issues approves
  declares proclaims marks celebrates commemorates honors awards urges congratulates condemns discusses says statement
  remarks readout press gaggle briefing interview call meeting`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words a headline puts after a participant's name: "President Joe Biden Call with ...". */
export const HEADLINE_TAIL_WORDS: ReadonlySet<string> = new Set([
  "call",
  "calls",
  "meeting",
  "meetings",
  "meets",
  "met",
  "speaks",
  "spoke",
  "phone",
  "visit",
  "visits",
  "statement",
  "statements",
  "readout",
  "remarks",
  "travel",
  "travels",
  "trip",
  "conversation",
  "discussion",
  "talks",
  "hosts",
  "welcomes",
  "joint",
  "bilateral",
  "trilateral",
  "virtual",
  "summit",
  "and",
  "with",
  "of",
  "to",
  "on",
  "at",
  "in",
]);
