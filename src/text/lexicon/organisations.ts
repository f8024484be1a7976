/** Organisations and institutions: the gazetteer's table of organisations, and the nouns that make a name an institution's. */

/** Organisations often named in meeting reports: `Name | aliases`. */
export const ORGANISATION_TABLE = `
European Union|EU;E.U.
NATO|North Atlantic Treaty Organization;North Atlantic Treaty Organisation;N.A.T.O.
United Nations|UN;U.N.;UN General Assembly;United Nations General Assembly;UNGA
United Nations Security Council|UN Security Council;U.N. Security Council;UNSC;Security Council
African Union|AU
ASEAN|Association of Southeast Asian Nations
G7|G-7;Group of Seven
G20|G-20;Group of Twenty
Quad|Quadrilateral Security Dialogue
European Commission|
European Council|
Organization of American States|OAS
OSCE|Organization for Security and Co-operation in Europe;Organization for Security and Cooperation in Europe
International Monetary Fund|IMF
World Bank|
World Trade Organization|WTO
World Health Organization|WHO
International Atomic Energy Agency|IAEA
Gulf Cooperation Council|GCC
Arab League|League of Arab States
APEC|Asia-Pacific Economic Cooperation
BRICS|
Pacific Islands Forum|PIF
CARICOM|Caribbean Community
ECOWAS|Economic Community of West African States
OPEC|
Shanghai Cooperation Organisation|SCO;Shanghai Cooperation Organization
Commonwealth of Independent States|CIS
Collective Security Treaty Organization|CSTO
Council of Europe|
European Parliament|
`;

/** Words that make "of X" an organisation rather than a country: "of the Foreign Affairs Committee". */
export const INSTITUTION_WORD =
  /\b(?:Administration|Agency|Office|Council|Department|Ministry|Committee|Commission|Bureau|Board|Service|Services|Institute|Center|Centre|Centers|Foundation|Association|Union|Network|Group|Corporation|Company|Authority|Program|Programme|Fund|Bank|University|College|School|Society|League|Coalition|Alliance|Organization|Organisation|Party|Caucus|Court|Force|Forces|Team|Initiative|Project|Campaign|Trust|Partnership|Forum|Club|Assembly|Parliament|Congress|Senate|House|Police|Staff|Cabinet|Government|Chamber|Council|Secretariat|Mission|Embassy|Consulate)\b/u;
