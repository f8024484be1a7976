/** Words where a sentence turns from who met (and where) to what about. */

/**
 * Where a meeting sentence turns from who met to what about: "to discuss", "regarding", a follow-up
 * of an earlier call ("on his recent call with").
 */
export const SCOPE_STOP_WORDS =
  /\b(?:to follow up|following up|on (?:his|her|their|the) (?:recent )?(?:call|calls|meeting|meetings|conversation|talks|visit|trip) (?:with|to)|to discuss|discussed|to review|reviewed|to express|expressed|to congratulate|congratulated|to condemn|condemned|regarding|concerning|about|in the wake of)\b/i;

/** Verbs of purpose after "to": what a meeting was for, not who was in it ("to offer condolences on the passing of ..."). */
export const PURPOSE_VERBS: readonly string[] = [
  "discuss",
  "review",
  "express",
  "congratulate",
  "condemn",
  "offer",
  "reaffirm",
  "affirm",
  "highlight",
  "underscore",
  "thank",
  "celebrate",
  "mark",
  "announce",
  "launch",
  "share",
  "hear",
  "learn",
  "honor",
  "honour",
  "commemorate",
  "address",
  "advance",
  "build",
  "strengthen",
  "coordinate",
  "consult",
  "prepare",
  "invite",
  "ensure",
  "support",
  "promote",
  "emphasize",
  "emphasise",
  "convey",
  "request",
  "urge",
  "provide",
  "update",
  "brief",
  "seek",
  "follow",
  "continue",
  "explore",
  "assess",
  "identify",
  "deepen",
  "expand",
  "include",
  "raise",
  "reiterate",
  "recognize",
  "recognise",
  "present",
  "unveil",
  "sign",
  "deliver",
  "showcase",
  "engage",
  "encourage",
  "outline",
  "exchange",
  "pay",
  "mourn",
  "extend",
  "inform",
];

/** "to <verb of purpose>": "led a delegation to Abu Dhabi to offer condolences" turns at "to offer" (a meeting verb does not: "to meet"). */
export const PURPOSE = new RegExp(`\\bto (?:${PURPOSE_VERBS.join("|")})\\b`);

/** Where a sentence turns from where people met to when or why: "a day after", "to discuss", "which". */
export const PLACE_STOP_AFTER =
  /\b(?:(?:a day|days|hours|a week|weeks) (?:after|before)|ahead of|in advance of|to discuss|discussed|to review|regarding|concerning|about|underscoring|highlighting|in the wake of|following|which|who|whose)\b/i;

/** "the war in Ukraine", "investments in America": "in X" after such a noun is a topic, not where people met. */
export const TOPIC_BEFORE_PLACE =
  /\b(?:war|wars|attack|attacks|situation|crisis|violence|conflict|elections?|developments?|efforts?|events?|investments?|investing|invest|interests?|operations?|presence|stability|security|peace|aggression|invasion|role|leadership|growth|jobs|partners|allies|communities|people|citizens|hostages|troops|forces|prices|democracy|rights|disaster|disasters|flooding|fires?|storms?|hurricanes?|earthquakes?|victims|progress|reforms?|cooperation|support|assistance|aid)\s+(?:in|at|to|inside)\s+(?:the\s+)?$/i;
