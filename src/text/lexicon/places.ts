/** Places that are not countries or cities, and words that look like a place but are not one. */

/** US and other sub-national regions that follow a city ("Wilmington, Delaware"). */
export const SUBNATIONAL_REGIONS = [
  "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
  "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
  "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
  "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
  "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
  "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "D.C.", "DC",
  "Puerto Rico", "Guam",
];

/** Venues that are places in their own right. */
export const VENUES: Array<[venue: string, country: string]> = [
  ["White House", "United States"],
  ["Oval Office", "United States"],
  ["Roosevelt Room", "United States"],
  ["Eisenhower Executive Office Building", "United States"],
  ["Camp David", "United States"],
  ["Pentagon", "United States"],
  ["State Department", "United States"],
  ["Department of State", "United States"],
  ["Capitol", "United States"],
  ["United Nations Headquarters", "United States"],
  ["UN Headquarters", "United States"],
  ["Kremlin", "Russia"],
  ["Élysée Palace", "France"],
  ["Elysee Palace", "France"],
  ["Downing Street", "United Kingdom"],
  ["10 Downing Street", "United Kingdom"],
  ["Buckingham Palace", "United Kingdom"],
  ["Windsor Castle", "United Kingdom"],
  ["Chequers", "United Kingdom"],
  ["Mariinskyi Palace", "Ukraine"],
  ["Zhongnanhai", "China"],
  ["Great Hall of the People", "China"],
  ["Blue House", "South Korea"],
  ["Kantei", "Japan"],
  ["Akasaka Palace", "Japan"],
];

/** Capitalised words after "in" that never start a place of meeting ("in January", "in Congress", "in addition"). */
export const NOT_PLACE_WORDS: ReadonlySet<string> = new Set(
  "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday the this that his her their its our all every congress parliament person depth addition particular order support response light advance total recent".split(
    " ",
  ),
);

/** Capitalised phrases after "in" that are documents, programmes or events, not places. */
export const NOT_PLACE_PHRASES = /\b(?:Order|Act|Plan|Agenda|Initiative|Strategy|Program|Programme|Law|Bill|Treaty|Agreement|Declaration|Framework|Summit|Forum|Dialogue|Month|Week|Day|Office|Council|Committee|Commission|Congress|Administration|Government)\b/;
