/** How states are formally named: "the Federal Republic of ...", "the ... Federation". */

/** Leading words of a state's formal name: "the Federal Republic of", "the Kingdom of". */
export const STATE_FORM =
  /^(?:(?:Federal|Democratic|People['’]s|Islamic|United|Socialist|Arab|Plurinational|Bolivarian|Federative|Hashemite|Grand|Co-operative|Cooperative)\s+)*(?:Republic|Kingdom|Principality|Sultanate|Emirate|Commonwealth|State|Grand Duchy|Duchy)\s+of\s+/u;

/** A state's form that may end a country's name the gazetteer does not know: "the Tavoran Federation". */
export const STATE_NOUN = /^(?:Federation|Republic|Kingdom|Union|Emirates|Islands|Confederation|Commonwealth)$/u;
