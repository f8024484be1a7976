/**
 * Offices as the title matcher reads them: the heads of "Minister of X" offices, the open tails any
 * capitalised words may qualify, the words that qualify a title, portfolios, ranks and connectors.
 */

/** Heads of offices that any portfolio may follow: "Minister of Foreign Affairs and Trade", "Secretary for Home Affairs". */
export const MINISTER_OF: readonly string[] = [
  "minister of",
  "minister for",
  "secretary of",
  "secretary for",
  "director of",
  "chair of",
  "chairman of",
  "chairwoman of",
  "head of",
  "administrator of",
  "commissioner of",
  "commissioner for",
  "governor of",
  "chief of",
];

/** Words before an office that make it another office: "Deputy Foreign Minister", "Acting Secretary of ...". */
export const OFFICE_QUALIFIERS: readonly string[] = ["deputy", "vice", "acting", "first"];

/** The qualifiers that may stand before a "Minister of" head: the office qualifiers and "prime" ("Prime Minister of ..."). */
export const MINISTER_QUALIFIERS: readonly string[] = [...OFFICE_QUALIFIERS, "prime"];

/** Titles that any capitalised words may qualify: "Domestic Policy Advisor", "Special Envoy", "Chief Executive Officer". */
export const OPEN_TAIL_TITLES: ReadonlySet<string> = new Set([
  "advisor",
  "adviser",
  "director",
  "coordinator",
  "envoy",
  "administrator",
  "representative",
  "counselor",
  "counsellor",
  // Companies' offices: "Chief Executive Officer", "Managing Partner", "Executive Chairman", "Co-Founder".
  "officer",
  "chairman",
  "chairwoman",
  "partner",
  "founder",
  "co-founder",
  "counsel",
]);

/** Words that join the words of a portfolio in the title matcher: "Minister of Foreign Affairs and Trade". */
export const PORTFOLIO_CONNECTORS: ReadonlySet<string> = new Set(["and", "of", "the", "for", "&"]);

/**
 * Words that join the words of an office as written in a sentence, walking over it: the portfolio
 * connectors and "to" ("Senior Advisor to the President").
 */
export const TITLE_CONNECTORS: ReadonlySet<string> = new Set(["to", "of", "the", "for", "and", "&"]);

/** Words that name a ministry's portfolio, so "Minister of Foreign Affairs Ararat Mirzoyan" stops before the name. */
export const PORTFOLIO_WORDS: ReadonlySet<string> = new Set(
  `foreign affairs defense defence finance economy economic economics trade industry industries interior home justice
  health education energy environment agriculture labour labor culture tourism transport transportation
  infrastructure development international cooperation co-operation commerce investment investments planning national
  security state europe european integration digital science technology innovation climate change water resources
  natural mines mining petroleum oil gas fisheries communications information public works housing social welfare
  women youth sports family immigration citizenship territorial administration treasury budget revenue veterans
  emergency emergencies situations strategic regional local government ecology food rural urban maritime ocean oceans
  land diaspora relations outer space nuclear power electricity telecommunications post religious consumer protection
  competition human rights gender equality children disaster management civil service aviation railways roads ports
  shipping agrarian reform entrepreneurship small business enterprise enterprises employment pensions solidarity armed
  forces intelligence police borders coordination pacific asia africa americas arms control political military global
  diplomacy overseas expatriates economics humanitarian reconstruction peace process religious freedom women's issues commonwealth colonies research higher scientific legal parliamentary taxation
  indigenous northern southern affair office management federal commission agency bureau board reserve council
  advisers advisors personnel drug policy staff joint chiefs central investigation export import bank representative
  homeland veterans urban housing labor statistics census standards patent communications consumer financial
  cabinet pandemic preparedness response engagement intergovernmental legislative cyber cybersecurity protocol
  strategy outreach mobility initiatives equity opportunity partnerships services programs operations`
    .split(/\s+/)
    .filter(Boolean),
);

/** Ranks written before a name that are no part of it: "Chief Bill Brooks", "Detective Ana Ruiz". */
export const RANK_WORDS: ReadonlySet<string> = new Set(["chief", "captain", "sergeant", "detective", "officer", "deputy", "corporal", "trooper"]);

/**
 * An office that opens the next person's mention at the end of an apposition's clause: "..., Deputy Assistant
 * to the President and Middle East Coordinator Brett McGurk".
 */
export const OFFICE_BEFORE_NAME =
  /\b(?:Advisor|Adviser|Coordinator|Director|Secretary|Minister|Ambassador|President|Administrator|Envoy|Chair|Counselor|Member)\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$/u;

/**
 * Words of official titles and forms of address, one by one: never part of a person's name, so the
 * vocabulary and query understanding do not read them as one.
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set(
  `president vice prime minister minster secretary chancellor king queen prince princess emir sheikh sultan crown pope cardinal
  ambassador governor senator representative congressman congresswoman speaker leader chairman chairwoman chair general admiral
  premier mayor director deputy foreign defense defence national security advisor adviser envoy commissioner chief holiness majesty
  highness excellency his her first lady gentleman ecumenical patriarch archbishop bishop rabbi imam justice attorney pm vp`.split(/\s+/u),
);
