/** Words that put a meeting in the future, in a plan, or in the background, rather than report it. */

/**
 * What makes a meeting word not the report of this meeting: the future or a wish ("will meet", "to be
 * held", "will have follow-up meetings", "looks forward to meeting", "the upcoming visit") and the
 * perfect of background ("has met regularly", "had spoken").
 */
export const NOT_REPORTING_BEFORE =
  /\b(?:will|would|shall|to be|to|upcoming|planned|scheduled|next|later|forthcoming|future|has|have|had)\s+(?:[\w-]+\s+){0,3}$/i;

/** Between a meeting word and a date: the date belongs to something still to come ("welcomed the summit to be held ..."). */
export const FUTURE_BETWEEN = /\b(?:will|would|shall|to be held|to take place|upcoming|planned|scheduled|forthcoming)\b/i;

/** Days that are never a reported meeting's: "tomorrow", "next Tuesday". */
export const TO_COME = /\b(?:tomorrow|next)\b/i;

/** A day said after this names another day than the meeting's ("the session planned for 12 March", "following the 5 May talks"). */
export const OTHER_DAY_BEFORE =
  /\b(?:planned|scheduled|rescheduled|postponed|due|set|expected|until|since|from|before|after|by|following)\s+(?:for\s+|to\s+|on\s+|at\s+)?(?:the\s+)?$/i;

/** "welcomed the upcoming visit by ...", "will meet": people who have not met yet. */
export const FUTURE_SENTENCE = /\b(?:upcoming|will|next (?:week|month|year)|plans? to|looks? forward|later this (?:week|month|year))\b/i;

/** Right before a meeting verb: the meeting is still to come ("the summit to be held in Vilnius"). */
export const FUTURE_BEFORE = /\b(?:to be|will be|will|would|to)\s+$/i;
