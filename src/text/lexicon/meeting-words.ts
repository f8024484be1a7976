/**
 * Words that report a meeting, a call or a visit. Each pattern answers its own question, which is why
 * they differ: MEETING_VERB says a sentence reports a meeting at all (nouns such as "summit" included);
 * PARTICIPATION_VERB says that someone took part (verbs only, "joining" but not "held": "at their
 * meeting" names no one who met); MEETING_PLACE_VERB says "in X" after it is where people met ("met",
 * "arrived", not "spoke"); CALL_WORDS say the meeting was a call, which has no shared place.
 */

/** Words that say a sentence reports a meeting, a call or a session. */
export const MEETING_VERB =
  /\b(?:met|meet|meets|meeting|meetings|spoke|spoken|speaks|speak|(?:call|called|calls)(?!\s+(?:on|upon|for|off|out|into|it)\b)|talked|talks|held|holds|hosted|hosts|welcomed|welcomes|received|receives|convened|convenes|visited|visits|joined|participated|conversation|summit|session|hearing|gathered|sat down|videoconference|video conference|telephoned|phoned|attended|attend|attends|convening|roundtable|briefed|traveled|travelled|led an? (?:\w+ )?delegation)\b/i;

/** The base forms a question uses after "did": "when did they last talk?", "when did Biden visit Kyiv?". */
export const MEETING_VERB_BASE = /\b(?:meet|speak|talk|call|visit|host|see|welcome|receive|convene|gather|phone|sit down|get together|attend|travel)\b/i;

/** Nouns that name a meeting, a call or a gathering ("the 2022 summit", "their last call"). */
export const MEETING_NOUN =
  /^(?:meetings?|calls?|summits?|visits?|talks|conversations?|sessions?|conferences?|trips?|readouts?|bilaterals?|dinners?|lunch(?:es)?|breakfasts?|audiences?|retreats?|forums?|hearings?|gatherings?|roundtables?|videoconferences?|g\d+|state|official|working|phone|video|virtual|in-person)$/iu;

/** A verb that says someone took part: "They were joined by ...", "... attended". */
export const PARTICIPATION_VERB =
  /\b(?:met|meet|meets|spoke|spoken|speaks|called|hosted|hosts|welcomed|welcomes|received|convened|visited|joined|joining|participated|attended|talked|phoned|telephoned)\b/i;

/** Verbs after which "in X" / "at X" is where people met (nouns like "summit" are left out: "the summit in X" is often the topic). */
export const MEETING_PLACE_VERB =
  /\b(?:met|meet|meets|meeting with|hosted|hosts|held|holds|welcomed|welcomes|received|receives|convened|convenes|visited|visits|gathered|sat down|joined|arrived|traveled|travelled|led an? (?:\w+ )?delegation)\b/i;

/** Words that make a meeting a call: a call has no shared place. */
export const CALL_WORDS =
  /\b(?:spoke (?:\w+ ){0,3}(?:with|to|by)|speaks (?:\w+ ){0,3}(?:with|to|by)|call with|calls with|called (?!off\b)(?:\w+ ){0,2}(?:to|with)?|phone|telephone|phoned|telephoned|video ?call|video conference|videoconference|virtual(?:ly)?)\b/i;

/**
 * A meeting noun (with its kind) right after a possessive: "President Biden’s Meeting with ..." names its
 * subject, "President Biden’s Special Advisor’s Trip" does not.
 */
export const MEETING_NOUN_PHRASE =
  /^\s*(?:(?:virtual|phone|video|bilateral|trilateral|first|second|third)\s+)*(?:meeting|meetings|call|calls|phone call|visit|visits|conversation|conversations|trip|travel|discussion|discussions|talks|bilateral|trilateral|engagement|engagements|session|sessions|participation|convening|roundtable|event|remarks|briefing|delegation)\b/i;

/** A sentence about the meeting itself, up to where its place follows: "Both meetings were held at", "Today’s meeting in". */
export const MEETING_ITSELF =
  /\b(?:today['’]s|the|this|their|both|these)\s+(?:meeting|meetings|talks|session|sessions|roundtable|convening|discussion)\s+(?:was\s+|were\s+)?(?:held\s+|took place\s+)?(?=(?:in|at)\s)/i;

/** Lines that head a list of who took part: "Participants:", "U.S. Government Participants ...:", "The delegation:". */
export const PARTICIPANT_LIST = /^(?:(?:[\p{L}.]+\s+){0,3}participants|attendees|(?:the\s+)?delegation)\b[^:]{0,60}:/iu;
