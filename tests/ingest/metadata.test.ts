import { describe, expect, it } from "vitest";
import { addDays, latestWeekdayOnOrBefore, normaliseDate } from "../../src/text/calendar.js";
import { dateInOpening, extractParticipants, extractPlace, publisherCountry, resolveEventDate } from "../../src/ingest/metadata/index.js";

describe("publication dates", () => {
  it("normalises what files state", () => {
    expect(normaliseDate("2024-05-16")).toBe("2024-05-16");
    expect(normaliseDate("2022-11-13 10:29:07-05:00")).toBe("2022-11-13");
    expect(normaliseDate("2024-05-16T23:30:00-08:00")).toBe("2024-05-16");
    expect(normaliseDate(new Date(Date.UTC(2023, 4, 19)))).toBe("2023-05-19");
    expect(normaliseDate("May 16, 2024")).toBe("2024-05-16");
    expect(normaliseDate("16 May 2024")).toBe("2024-05-16");
    expect(normaliseDate(1715860800)).toBe("2024-05-16");
    expect(normaliseDate("2024-02-30")).toBeUndefined();
    expect(normaliseDate("next week")).toBeUndefined();
    expect(normaliseDate("")).toBeUndefined();
  });

  it("falls back to a dated line at the top of the text", () => {
    expect(dateInOpening(["WASHINGTON, March 3, 2023 — The two leaders met."])).toBe("2023-03-03");
    expect(dateInOpening(["The leaders met on Thursday."])).toBeUndefined();
  });

  it("day arithmetic", () => {
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    // 2024-05-16 is a Thursday.
    expect(latestWeekdayOnOrBefore("2024-05-16", 4)).toBe("2024-05-16");
    expect(latestWeekdayOnOrBefore("2024-05-16", 1)).toBe("2024-05-13");
    expect(latestWeekdayOnOrBefore("2024-05-16", 5)).toBe("2024-05-10");
  });
});

describe("event dates resolved against the publication date", () => {
  const event = (text: string, publishedDate = "2024-05-16", title = "") => resolveEventDate({ title, paragraphs: [text], publishedDate });

  it("today", () => {
    expect(event("President Lee met today with Prime Minister Park.")).toBe("2024-05-16");
    expect(event("This afternoon, the Chancellor spoke with the President.")).toBe("2024-05-16");
  });

  it("yesterday", () => {
    expect(event("The two ministers spoke by telephone yesterday.")).toBe("2024-05-15");
    expect(event("The delegations met yesterday.", "2024-03-01")).toBe("2024-02-29");
  });

  it("a weekday is the latest such day on or before publication", () => {
    expect(event("The presidents met in Baku on Thursday.")).toBe("2024-05-16");
    expect(event("The presidents met on Monday.")).toBe("2024-05-13");
    expect(event("On Friday, the council convened business leaders.")).toBe("2024-05-10");
  });

  it("an explicit date, with or without a year", () => {
    expect(event("On May 14, the leaders met in Oslo.")).toBe("2024-05-14");
    expect(event("The ministers met on December 30 in Rome.", "2024-01-03")).toBe("2023-12-30");
    expect(event("On March 2, 2023, the envoy met the foreign minister.")).toBe("2023-03-02");
  });

  it("the date next to the meeting verb wins over other dates", () => {
    expect(event("Recalling the attack of October 7, the President spoke today with the Prime Minister.")).toBe("2024-05-16");
  });

  it("nothing stated: a report of a meeting happened on its publication date; other texts have no event date", () => {
    expect(event("The President met with the Prime Minister of Japan.")).toBe("2024-05-16");
    expect(event("The committee invites comments on the draft rules.", "2024-05-16", "Draft rules published")).toBeUndefined();
  });

  it("a text that reports no meeting takes only a day close to publication", () => {
    expect(event("The order continues the committees until September 30, 2023.", "2021-09-30", "Executive Order on Advisory Committees")).toBeUndefined();
    expect(event("Today, the Advisor led an event announcing two new rules.", "2024-04-23", "White House Event Announcing New Rules")).toBe("2024-04-23");
  });

  it("a day the meeting was planned for, or moved from, is not its day", () => {
    expect(
      event(
        "The committee on Tuesday evening chose the route, at the meeting rescheduled after the storm forced the cancellation of the session planned for 12 March.",
        "2024-03-27",
      ),
    ).toBe("2024-03-26");
  });

  it("only a sentence that reports the meeting gives its day: an election, a launch or an attack named elsewhere does not", () => {
    const paragraphs = [
      "President Biden welcomed President-elect Edmundo Gonzalez Urrutia of Venezuela to the White House to discuss democracy. President Biden emphasized that the world was inspired by the millions who voted in Venezuela’s deeply flawed July 28 presidential election.",
    ];
    expect(
      resolveEventDate({ title: "Readout of President Biden’s Meeting with President-Elect Gonzalez Urrutia", paragraphs, publishedDate: "2025-01-06" }),
    ).toBe("2025-01-06");
    expect(
      event(
        "President Biden spoke with Prime Minister Trudeau regarding the April 22-23 Leaders Summit. The President applauded the Dialogue launched on February 23.",
        "2021-04-21",
      ),
    ).toBe("2021-04-21");
  });

  it("a date that qualifies another event (an attributive date, 'following the ...') is not the meeting's", () => {
    expect(event("The Vice President met with families of Americans following the horrific October 7 terrorist attacks in Israel.", "2023-10-27")).toBe(
      "2023-10-27",
    );
    expect(
      event("Following the November 13, 2022 Phnom Penh Summit, the three advisors convened the inaugural meeting of the dialogue in Honolulu.", "2023-02-28"),
    ).toBe("2023-02-28");
    expect(event("The President noted he would be following the planned January 9 protests. The leaders met at the White House.", "2025-01-06")).toBe(
      "2025-01-06",
    );
    // A meeting on a written date is still the meeting's.
    expect(event("The leaders met on July 28 at the White House.", "2024-08-02")).toBe("2024-07-28");
    expect(event("At the meeting on July 28 the leaders agreed on a plan.", "2024-08-02")).toBe("2024-07-28");
  });

  it("a meeting still to come, or a day after publication, is not the meeting's day", () => {
    expect(
      event(
        "President Biden and the Amir spoke to reaffirm their friendship. They welcomed the upcoming summit to be held in Baghdad towards the end of the month.",
        "2021-08-20",
      ),
    ).toBe("2021-08-20");
    expect(
      event("The President hosted three meetings with members of Congress. He and his team will have follow-up meetings, starting tomorrow.", "2021-09-22"),
    ).toBe("2021-09-22");
    expect(event("The ministers met today and agreed on rules that take effect on 1 July 2024.", "2024-03-11")).toBe("2024-03-11");
    expect(
      event("The ministry sets out the rules that will apply from 1 July 2024 to licences.", "2024-03-11", "Policy Statement: New Rules for Export Licences"),
    ).toBeUndefined();
    // A day's margin for time zones: a meeting in Beijing on the day after a Washington publication.
    expect(event("The Advisor met on August 29 with General Zhang in Beijing.", "2024-08-28")).toBe("2024-08-29");
  });

  it("a later meeting sentence of the opening may give the day the first one did not", () => {
    expect(
      event("The Advisor traveled to Tokyo for two trilateral meetings. On June 15, the three advisors held their third trilateral meeting.", "2023-06-17"),
    ).toBe("2023-06-15");
  });

  it("the lead gives the day whatever its verb; a deck above it and 'called on' do not count", () => {
    expect(
      event(
        "Yesterday, the two councils launched the Task Force. It was set up by a memorandum signed on Thursday.",
        "2022-06-17",
        "Readout of the Task Force Launch",
      ),
    ).toBe("2022-06-16");
    expect(event("The Administration has called on business leaders to act. Yesterday, the White House hosted a summit on indoor air.", "2022-10-12")).toBe(
      "2022-10-11",
    );
    expect(
      resolveEventDate({
        title: "Readout of the First Stakeholder Convening on Mining Reform",
        paragraphs: [
          "On the 150th Anniversary of the 1872 Mining Law, the Administration Convenes Representatives of States",
          "Yesterday, the White House convened over 20 representatives.",
        ],
        publishedDate: "2022-05-11",
      }),
    ).toBe("2022-05-10");
  });

  it("the body's report of the meeting wins over a date in the headline", () => {
    expect(
      resolveEventDate({
        title: "Readout of White House Meeting with Israel’s Chair of the Civil Commission on October 7 Crimes",
        paragraphs: ["Yesterday, senior officials met with Dr. Cochav Elkayam-Levy, Chair of the Civil Commission."],
        publishedDate: "2023-12-07",
      }),
    ).toBe("2023-12-06");
    expect(
      resolveEventDate({
        title: "NOTICE: Transport Committee meeting of 12 March cancelled",
        paragraphs: ["The council has closed City Hall."],
        publishedDate: "2024-03-11",
      }),
    ).toBe("2024-03-12");
  });

  it("a vague span (last week) leaves the day unknown", () => {
    expect(event("Last week, the office convened health leaders to discuss prevention.")).toBeUndefined();
  });

  it("no publication date: only a full date in the text counts", () => {
    expect(resolveEventDate({ title: "", paragraphs: ["The ministers met today."] })).toBeUndefined();
    expect(resolveEventDate({ title: "", paragraphs: ["The ministers met on 4 June 2021 in Lima."] })).toBe("2021-06-04");
  });
});

describe("place", () => {
  const place = (text: string, title = "") => extractPlace(title, [text]);

  it("a city, qualified by the country the text gives or the gazetteer knows", () => {
    expect(place("Azerbaijan’s President met his Belarusian counterpart in Baku on Thursday.")).toBe("Baku, Azerbaijan");
    expect(place("The President met today with President Yoon in Phnom Penh, Cambodia.")).toBe("Phnom Penh, Cambodia");
    expect(place("The leaders met in Tokyo, Japan, to sign the accord.")).toBe("Tokyo, Japan");
    expect(place("The President met the Governor in Wilmington, Delaware.")).toBe("Wilmington, Delaware");
  });

  it("a venue", () => {
    expect(place("The Vice President met today with King Abdullah II of Jordan at the White House.")).toBe("White House");
    expect(place("The President hosted members of Congress in the Oval Office to discuss roads.")).toBe("Oval Office");
  });

  it("on the sidelines of a summit in a city", () => {
    expect(place("President Biden met Prime Minister Albanese on the sidelines of the G20 Summit in Bali.")).toBe("Bali, Indonesia");
  });

  it("a place the gazetteer does not know", () => {
    expect(place("The two mayors met in Northport on Thursday to sign the pact.")).toBe("Northport");
    expect(place("The office convened business leaders to highlight investments in the Latino community.")).toBeUndefined();
  });

  it("a dateline gives the place when the sentence does not, and a city rather than its country", () => {
    expect(extractPlace("", ["HIROSHIMA, Japan — The President met his counterpart on Sunday, a day after the Ukrainian leader arrived in Japan."])).toBe(
      "Hiroshima, Japan",
    );
    expect(extractPlace("", ["BAKU — The two presidents held talks on Thursday."])).toBe("Baku, Azerbaijan");
    expect(extractPlace("", ["WASHINGTON — The President spoke by phone with the Chancellor."])).toBeUndefined();
  });

  it("a place set in the opening clause, before the verb", () => {
    expect(place("On June 15, 2023 in Tokyo Japan, the Advisor met his counterparts for a trilateral meeting.")).toBe("Tokyo, Japan");
    expect(place("The Advisor met today with the Foreign Minister in Washington, D.C.")).toBe("Washington, D.C.");
    expect(extractPlace("", ["The Advisor traveled to Israel and the West Bank January 18-20. He was joined by the Coordinator."])).toBe("Israel");
  });

  it("'called off' is not a call", () => {
    expect(place("The leaders met on the sidelines of the G7 in Hiroshima after the Sydney summit was called off.")).toBe("Hiroshima, Japan");
  });

  it("a call has no place, even when the call word comes after the verb", () => {
    expect(place("The three advisors held a trilateral phone call on December 13 to reaffirm freedom of navigation in the South China Sea.")).toBeUndefined();
  });

  it("a place after a long list of participants and a date", () => {
    expect(
      place(
        "The Advisor met with National Security Secretariat Secretary General Akiba Takeo of Japan and National Security Office Director Kim Sung-han of the Republic of Korea on September 1, 2022 at the headquarters of the command in Honolulu, Hawaii.",
      ),
    ).toBe("Honolulu, Hawaii");
  });

  it("a later sentence about the meeting itself", () => {
    expect(extractPlace("", ["The delegations recently held meetings of the steering groups. Both meetings were held at the Pentagon."])).toBe("Pentagon");
    expect(extractPlace("", ["Today, the Vice President convened state legislators. Today’s meeting in Philadelphia, Pennsylvania follows others."])).toBe(
      "Philadelphia, Pennsylvania",
    );
    expect(extractPlace("", ["The President spoke with the Prime Minister. They discussed the summit that will be held in Vilnius."])).toBeUndefined();
  });

  it("no place for a call, or for an 'in X' that is about the topic", () => {
    expect(place("The President spoke today with President Zelenskyy of Ukraine to discuss the war in Ukraine.")).toBeUndefined();
    expect(place("The advisors held sessions with community leaders in the wake of the attack in Israel.")).toBeUndefined();
    expect(place("The council convened a roundtable on heat pumps, underscoring how the President is Investing in America.")).toBeUndefined();
  });
});

describe("participants", () => {
  const people = (title: string, text: string, publisher?: string) =>
    extractParticipants({ title, paragraphs: [text], ...(publisher ? { publisherCountry: publisher } : {}) });

  it("from a readout headline: title, name, 'of <country>'", () => {
    expect(people("Readout of President Biden’s Meeting with Prime Minister Kishida of Japan", "")).toEqual([
      { name: "Biden", title: "President" },
      { name: "Kishida", title: "Prime Minister", country: "Japan" },
    ]);
  });

  it("the headline's subject gets the publisher's country", () => {
    expect(people("Readout of President Biden’s Call with Prime Minister Kishida of Japan", "", "United States")[0]).toEqual({
      name: "Biden",
      title: "President",
      country: "United States",
    });
  });

  it("possessive country and demonym counterpart", () => {
    expect(
      people("", "Azerbaijan’s President Ilham Aliyev held a one-on-one meeting with his Belarusian counterpart Aleksandr Lukashenko in Baku on Thursday."),
    ).toEqual([
      { name: "Ilham Aliyev", title: "President", country: "Azerbaijan" },
      { name: "Aleksandr Lukashenko", title: "President", country: "Belarus" },
    ]);
  });

  it("demonym before a compound title", () => {
    expect(people("", "President Biden spoke today with Australian Prime Minister-Designate Anthony Albanese.")).toEqual([
      { name: "Biden", title: "President" },
      { name: "Anthony Albanese", title: "Prime Minister-Designate", country: "Australia" },
    ]);
  });

  it("a country name with an acronym before the title; initials and Jr. kept in the name", () => {
    expect(people("", "President Joseph R. Biden, Jr. met today with Republic of Korea (ROK) President Yoon Suk Yeol in Phnom Penh, Cambodia.")).toEqual([
      { name: "Joseph R. Biden, Jr.", title: "President" },
      { name: "Yoon Suk Yeol", title: "President", country: "South Korea" },
    ]);
  });

  it("mentions of one person merge: headline short form and body full name", () => {
    expect(
      people(
        "Readout of President Joe Biden’s Call with President Volodymyr Zelenskyy of Ukraine",
        "President Biden spoke today with President Zelenskyy of Ukraine to discuss support for Ukraine.",
      ),
    ).toEqual([
      { name: "Joe Biden", title: "President" },
      { name: "Volodymyr Zelenskyy", title: "President", country: "Ukraine" },
    ]);
  });

  it("honorifics are not titles; royal names with particles", () => {
    expect(people("", "His Highness President Sheikh Mohamed bin Zayed Al Nahyan of the United Arab Emirates met the Secretary today.")).toEqual([
      { name: "Mohamed bin Zayed Al Nahyan", title: "President", country: "United Arab Emirates" },
    ]);
    expect(people("", "The Vice President met today with His Majesty King Abdullah II of Jordan at the White House.")).toEqual([
      { name: "Abdullah II", title: "King", country: "Jordan" },
    ]);
  });

  it("plural titles list several people", () => {
    expect(people("", "Presidents Aliyev and Lukashenko then held an expanded meeting.")).toEqual([
      { name: "Aliyev", title: "President" },
      { name: "Lukashenko", title: "President" },
    ]);
  });

  it("people named only in what was discussed, or by a possessive, are not participants", () => {
    expect(people("", "President Biden spoke today with Chancellor Scholz to discuss President Putin’s war and Secretary Blinken’s trip.")).toEqual([
      { name: "Biden", title: "President" },
      { name: "Scholz", title: "Chancellor" },
    ]);
  });

  it("participant lists", () => {
    expect(people("", "", undefined)).toEqual([]);
    expect(
      extractParticipants({
        title: "",
        paragraphs: [
          "The council met today.",
          "Participants included: Secretary of Transportation Pete Buttigieg; Acting Director of the Office of Management and Budget Shalanda Young; National Climate Advisor Gina McCarthy.",
        ],
      }),
    ).toEqual([
      { name: "Pete Buttigieg", title: "Secretary of Transportation" },
      { name: "Shalanda Young", title: "Acting Director of the Office of Management and Budget" },
      { name: "Gina McCarthy", title: "National Climate Advisor" },
    ]);
  });

  it("offices with 'to' or 'for' and a country or portfolio", () => {
    expect(people("", "The Advisor met today with U.S. Ambassador to Israel Tom Nides and Deputy Advisor for International Economics Mike Pyle.")).toEqual([
      { name: "Tom Nides", title: "U.S. Ambassador to Israel" },
      { name: "Mike Pyle", title: "Deputy Advisor for International Economics" },
    ]);
  });

  it("people joining a meeting in a later sentence", () => {
    expect(
      extractParticipants({
        title: "",
        paragraphs: [
          "The President convened a virtual meeting today with governors. Joining the President at the meeting were FEMA Administrator Deanne Criswell and Director of Intergovernmental Affairs Julie Rodriguez.",
        ],
      }),
    ).toEqual([
      { name: "Deanne Criswell", title: "Administrator" },
      { name: "Julie Rodriguez", title: "Director of Intergovernmental Affairs" },
    ]);
  });

  it("appositions: a name, a comma, then the office", () => {
    expect(people("", "Yesterday, Tom Perez, Senior Advisor to the President, and Dr. Ana Lind, Director of Research, met with mayors.")).toEqual([
      { name: "Tom Perez", title: "Senior Advisor to the President" },
      { name: "Ana Lind", title: "Director of Research" },
    ]);
  });

  it("plural titles with the plural on the first word, each person with their state", () => {
    expect(people("", "Officials met today with Attorneys General Dana Nessel of Michigan and Keith Ellison of Minnesota.")).toEqual([
      { name: "Dana Nessel", title: "Attorney General" },
      { name: "Keith Ellison", title: "Attorney General" },
    ]);
  });

  it("a short form merges with the full name it is part of", () => {
    expect(
      people(
        "Readout of President Biden’s Meeting with President López Obrador of Mexico",
        "President Biden met today with President Andrés Manuel López Obrador in Mexico City.",
      ),
    ).toEqual([
      { name: "Biden", title: "President" },
      { name: "Andrés Manuel López Obrador", title: "President", country: "Mexico" },
    ]);
  });

  it("a title does not start inside a two-word demonym", () => {
    expect(people("", "The Advisor spoke on Wednesday with Sri Lankan National Security Advisor Sagala Ratnayake.")).toEqual([
      { name: "Sagala Ratnayake", title: "National Security Advisor", country: "Sri Lanka" },
    ]);
  });

  it("someone whose visit is still to come is not a participant; someone who will travel after the call is", () => {
    expect(
      extractParticipants({
        title: "",
        paragraphs: [
          "President Biden spoke today with Prime Minister Sudani. The President welcomed the upcoming visit by Foreign Minister Fuad Hussein. The President also spoke with Administrator Deanne Criswell, who will travel to the region tomorrow.",
        ],
      }),
    ).toEqual([
      { name: "Biden", title: "President" },
      { name: "Sudani", title: "Prime Minister" },
      { name: "Deanne Criswell", title: "Administrator" },
    ]);
  });

  it("in a Title Case headline a name ends before the headline's verb", () => {
    expect(people("Press Gaggle by Press Secretary Karine Jean-Pierre En Route Queens, NY", "")).toEqual([
      { name: "Karine Jean-Pierre", title: "Press Secretary" },
    ]);
    expect(people("FACT SHEET: President Biden Designates Emmett Till National Monument", "")).toEqual([{ name: "Biden", title: "President" }]);
    expect(people("Remarks by President Biden and President Abbas of the Palestinian National Authority", "")).toEqual([
      { name: "Biden", title: "President" },
      { name: "Abbas", title: "President", country: "Palestine" },
    ]);
  });

  it("a headline's possessive names the subject only before a meeting word", () => {
    expect(people("Readout of President Biden’s Special Advisor Chris Dodd’s Trip to Ecuador", "")).toEqual([{ name: "Chris Dodd", title: "Special Advisor" }]);
    expect(people("Readout of President Biden’s Call with President Xi Jinping of the People’s Republic of China", "")).toEqual([
      { name: "Biden", title: "President" },
      { name: "Xi Jinping", title: "President", country: "China" },
    ]);
  });

  it("names with particle runs and apostrophes that stand for a letter", () => {
    expect(people("", "President Biden met today with European Commission President Ursula von der Leyen.")).toEqual([
      { name: "Biden", title: "President" },
      { name: "Ursula von der Leyen", title: "European Commission President" },
    ]);
    expect(people("", "President Biden spoke today with Prime Minister Mohammed Shia’ al-Sudani of Iraq.")).toEqual([
      { name: "Biden", title: "President" },
      { name: "Mohammed Shia’ al-Sudani", title: "Prime Minister", country: "Iraq" },
    ]);
  });

  it("a lowercase office after a demonym (news style)", () => {
    expect(people("", "Belarusian leader Alyaksandr Lukashenka held talks with Chinese President Xi Jinping in Beijing on Wednesday.")).toEqual([
      { name: "Alyaksandr Lukashenka", title: "Leader", country: "Belarus" },
      { name: "Xi Jinping", title: "President", country: "China" },
    ]);
  });

  it("an apposition introduced by 'the', with the country after the office", () => {
    expect(people("", "President Biden met today with Leo Varadkar, the Taoiseach of Ireland, in Dublin.")).toEqual([
      { name: "Biden", title: "President" },
      { name: "Leo Varadkar", title: "Taoiseach", country: "Ireland" },
    ]);
  });

  it("a title never spans punctuation", () => {
    expect(people("", "Yesterday, National Climate Advisor Ali Zaidi convened the first roundtable.")).toEqual([
      { name: "Ali Zaidi", title: "National Climate Advisor" },
    ]);
  });

  it("'Name, Title of Country': the office and the country are told apart, known to the gazetteer or not", () => {
    expect(
      people(
        "",
        "The Minister of Trade and Industry, Ilse Marrow, held a video call today with Dalia Ferreiro, Minister of Economy of the Federal Republic of Serrania, on batteries.",
      ),
    ).toEqual([
      { name: "Ilse Marrow", title: "Minister of Trade and Industry" },
      { name: "Dalia Ferreiro", title: "Minister of Economy", country: "Serrania" },
    ]);
    expect(
      people("", "The Minister spoke today with Jonas Brecke, Minister of Trade of Lindmark, and Amara Kotei, Commerce Secretary of the Tavoran Federation."),
    ).toEqual([
      { name: "Jonas Brecke", title: "Minister of Trade", country: "Lindmark" },
      { name: "Amara Kotei", title: "Commerce Secretary", country: "Tavoran Federation" },
    ]);
    expect(people("", "The Advisor met today with Boris Pistorius, Federal Minister of Defense of Germany.")).toEqual([
      { name: "Boris Pistorius", title: "Federal Minister of Defense", country: "Germany" },
    ]);
    // An organisation after "of" stays part of the office.
    expect(
      people(
        "",
        "Participants: Hana Wrenfield, Chair of the Foreign Affairs Committee; Greg Jackson, Deputy Director of the Office of Gun Violence Prevention.",
      ),
    ).toEqual([
      { name: "Hana Wrenfield", title: "Chair of the Foreign Affairs Committee" },
      { name: "Greg Jackson", title: "Deputy Director of the Office of Gun Violence Prevention" },
    ]);
  });

  it("the headline's short office gives way to the fuller one in the text", () => {
    expect(people("Minister Marrow holds video call", "The Minister of Trade and Industry, Ilse Marrow, held a video call today.")).toEqual([
      { name: "Ilse Marrow", title: "Minister of Trade and Industry" },
    ]);
  });

  it("words of an office or an organisation are never a name", () => {
    const list = [
      "Participants included: Emmy Ruiz, Assistant to the President and Director of the Office of Political Strategy and Outreach",
      "Kenneth Chenault, Chairman and Managing Director, General Catalyst",
      "Jane Fraser, Chief Executive Officer, Citi",
      "Brandon Brown, Executive Director, Association of Rural Independent Living; David Capozzi, Nominee to the AMTRAK Board of Directors",
      "Keely Cat-Wells, Founder & Producer, C-Talent",
      "Dilawar Syed, Deputy Administrator of the U.S. Small Business Administration.",
    ].join("; ");
    expect(extractParticipants({ title: "", paragraphs: ["The Vice President convened leaders.", list] })).toEqual([
      { name: "Emmy Ruiz", title: "Assistant to the President and Director of the Office of Political Strategy and Outreach" },
      { name: "Kenneth Chenault", title: "Chairman and Managing Director" },
      { name: "Jane Fraser", title: "Chief Executive Officer" },
      { name: "Brandon Brown", title: "Executive Director" },
      { name: "Dilawar Syed", title: "Deputy Administrator of the U.S. Small Business Administration" },
    ]);
    expect(
      people(
        "",
        "Today, they met with Acting Commissioner of the U.S. Food and Drug Administration Dr. Janet Woodcock, Deputy Secretary of Health and Human Services Andrea Palm, and Director of the Office of Political Strategy and Outreach Emmy Ruiz.",
      ),
    ).toEqual([
      { name: "Janet Woodcock", title: "Commissioner of the U.S. Food and Drug Administration", country: "United States" },
      { name: "Andrea Palm", title: "Deputy Secretary of Health and Human Services" },
      { name: "Emmy Ruiz", title: "Director of the Office of Political Strategy and Outreach" },
    ]);
    expect(people("", "Today, the Advisor spoke with Chairman of the Joint Chiefs of Staff Gen. Mark A. Milley.")).toEqual([
      { name: "Mark A. Milley", title: "Chairman of the Joint Chiefs of Staff" },
    ]);
  });

  it("a list ends an apposition at the next person; ranks and initials are handled in names", () => {
    expect(
      people(
        "",
        "Today, Jennifer Klein, Director of the Gender Policy Council and Zayn Siddique, Deputy Assistant to the President for Economic Mobility, convened legislators.",
      ),
    ).toEqual([
      { name: "Jennifer Klein", title: "Director of the Gender Policy Council" },
      { name: "Zayn Siddique", title: "Deputy Assistant to the President for Economic Mobility" },
    ]);
    expect(
      extractParticipants({
        title: "",
        paragraphs: [
          "Officials met police leaders.",
          "Attendees included: Chief Bill Brooks, Chair of the Board; Sheriff Peter Koutoujian, President of the Association; EEOC Chair Charlotte A. Burrows.",
        ],
      }),
    ).toEqual([
      { name: "Bill Brooks", title: "Chair of the Board" },
      { name: "Peter Koutoujian", title: "Sheriff" },
      { name: "Charlotte A. Burrows", title: "Chair" },
    ]);
    expect(
      people(
        "",
        "He met with Deputy Prime Minister/Foreign Minister Parnpree Bahiddha-Nukara and Polish Secretary of State, Head of the National Security Bureau, Jacek Siewiera.",
      ),
    ).toEqual([
      { name: "Parnpree Bahiddha-Nukara", title: "Deputy Prime Minister and Foreign Minister" },
      { name: "Jacek Siewiera", title: "Secretary of State and Head of the National Security Bureau", country: "Poland" },
    ]);
  });

  it("people named in what a meeting was for are not in it", () => {
    expect(
      people(
        "",
        "Vice President Harris today led a Presidential Delegation to Abu Dhabi to offer condolences on the passing of the President of the UAE, Sheikh Khalifa bin Zayed Al Nahyan.",
      ),
    ).toEqual([{ name: "Harris", title: "Vice President" }]);
    expect(
      people(
        "",
        "The Advisor spoke today with Akiba Takeo, Secretary General of the Secretariat, to prepare for the President’s meeting with Prime Minister Kishida.",
      ),
    ).toEqual([{ name: "Akiba Takeo", title: "Secretary General of the Secretariat" }]);
    // A meeting verb after "to" still names who met.
    expect(people("", "The Advisor traveled to Kyiv to meet President Zelenskyy.")).toEqual([{ name: "Zelenskyy", title: "President" }]);
  });

  it("publisher country from official source URLs", () => {
    expect(publisherCountry("https://bidenwhitehouse.archives.gov/briefing-room/x")).toBe("United States");
    expect(publisherCountry("https://www.whitehouse.gov/briefing-room/x")).toBe("United States");
    expect(publisherCountry("https://example.org/x")).toBeUndefined();
    expect(publisherCountry(undefined)).toBeUndefined();
  });
});
