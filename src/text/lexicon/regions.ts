/**
 * Regions that questions describe people by, and how they say them. Continents come from the
 * countries-list package (by its continent codes); the smaller groupings are listed here by their
 * usual membership (the Gulf Cooperation Council, the Arab League, ASEAN and Timor-Leste, the
 * Pacific Islands Forum's sovereign members…), by the gazetteer's canonical names.
 */

/** countries-list's continent code of each continent a question may name. */
export const CONTINENT_CODES: Readonly<Record<string, string>> = {
  Africa: "AF",
  Asia: "AS",
  Europe: "EU",
  "North America": "NA",
  "South America": "SA",
  Oceania: "OC",
};

export const CENTRAL_AMERICA = ["Belize", "Costa Rica", "El Salvador", "Guatemala", "Honduras", "Nicaragua", "Panama"];
export const CARIBBEAN = [
  "Antigua and Barbuda",
  "Bahamas",
  "Barbados",
  "Cuba",
  "Dominica",
  "Dominican Republic",
  "Grenada",
  "Haiti",
  "Jamaica",
  "Saint Kitts and Nevis",
  "Saint Lucia",
  "Saint Vincent and the Grenadines",
  "Trinidad and Tobago",
  "Guyana",
  "Suriname",
];

export const REGION_GROUPS: Record<string, string[]> = {
  "the Gulf": ["Saudi Arabia", "United Arab Emirates", "Qatar", "Kuwait", "Bahrain", "Oman"],
  "the Nordic countries": ["Denmark", "Finland", "Iceland", "Norway", "Sweden"],
  "the Baltic states": ["Estonia", "Latvia", "Lithuania"],
  "the Middle East": [
    "Bahrain",
    "Egypt",
    "Iran",
    "Iraq",
    "Israel",
    "Jordan",
    "Kuwait",
    "Lebanon",
    "Oman",
    "Palestine",
    "Qatar",
    "Saudi Arabia",
    "Syria",
    "Turkey",
    "United Arab Emirates",
    "Yemen",
  ],
  "the Arab world": [
    "Algeria",
    "Bahrain",
    "Comoros",
    "Djibouti",
    "Egypt",
    "Iraq",
    "Jordan",
    "Kuwait",
    "Lebanon",
    "Libya",
    "Mauritania",
    "Morocco",
    "Oman",
    "Palestine",
    "Qatar",
    "Saudi Arabia",
    "Somalia",
    "Sudan",
    "Syria",
    "Tunisia",
    "United Arab Emirates",
    "Yemen",
  ],
  "Central America": CENTRAL_AMERICA,
  "the Caribbean": CARIBBEAN,
  "the Pacific Islands": [
    "Fiji",
    "Kiribati",
    "Marshall Islands",
    "Micronesia",
    "Nauru",
    "Palau",
    "Papua New Guinea",
    "Samoa",
    "Solomon Islands",
    "Tonga",
    "Tuvalu",
    "Vanuatu",
  ],
  "Southeast Asia": ["Brunei", "Cambodia", "Indonesia", "Laos", "Malaysia", "Myanmar", "Philippines", "Singapore", "Thailand", "Vietnam", "Timor-Leste"],
  "Central Asia": ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"],
};

/** How questions say each region: the adjective before the people, the noun after "from", "of" or "in". */
export const REGION_WORDS: ReadonlyArray<{ region: string; adjectives: string[]; nouns: string[] }> = [
  { region: "Africa", adjectives: ["african"], nouns: ["africa"] },
  { region: "Asia", adjectives: ["asian"], nouns: ["asia"] },
  { region: "Europe", adjectives: ["european"], nouns: ["europe"] },
  { region: "North America", adjectives: ["north american"], nouns: ["north america"] },
  { region: "South America", adjectives: ["south american"], nouns: ["south america"] },
  { region: "Latin America", adjectives: ["latin american"], nouns: ["latin america"] },
  { region: "Oceania", adjectives: ["oceanian"], nouns: ["oceania"] },
  { region: "the Gulf", adjectives: ["gulf", "gulf arab"], nouns: ["the gulf", "the persian gulf", "the arabian gulf"] },
  { region: "the Nordic countries", adjectives: ["nordic"], nouns: ["the nordics", "the nordic countries", "the nordic region"] },
  { region: "the Baltic states", adjectives: ["baltic"], nouns: ["the baltics", "the baltic states", "the baltic countries"] },
  { region: "the Middle East", adjectives: ["middle eastern", "middle east"], nouns: ["the middle east"] },
  { region: "the Arab world", adjectives: ["arab"], nouns: ["the arab world"] },
  { region: "Central America", adjectives: ["central american"], nouns: ["central america"] },
  { region: "the Caribbean", adjectives: ["caribbean"], nouns: ["the caribbean"] },
  { region: "the Pacific Islands", adjectives: ["pacific island", "pacific islands"], nouns: ["the pacific islands"] },
  { region: "Southeast Asia", adjectives: ["southeast asian", "south east asian"], nouns: ["southeast asia", "south east asia"] },
  { region: "Central Asia", adjectives: ["central asian"], nouns: ["central asia"] },
];

/** The people or countries a region describes: "African leaders", "Gulf states", "Nordic counterparts". */
export const REGION_PEOPLE =
  "leaders?|heads? of (?:state|government)|presidents?|prime ministers?|counterparts?|countries|nations|states|partners?|" +
  "officials?|ministers?|foreign ministers?|kings?|monarchs?|governments?|allies|delegations?|rulers?|premiers?";
