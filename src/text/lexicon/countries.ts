/**
 * The gazetteer's table of countries, written for this project (no maintained package with a
 * permissive licence carries English demonyms and aliases together; the one that does,
 * world-countries, is ODbL).
 *
 * One line per entity: `Canonical name | aliases | demonyms | cities`, lists
 * separated by ";". The first city is the capital. Canonical names are the short
 * names news writing uses ("South Korea", "Russia"), so they read well in answers.
 * Aliases written in capitals without dots (US, UK, ROK, NATO) only match in
 * capitals, so the pronoun "us" is not the United States.
 */

export const COUNTRY_TABLE = `
Afghanistan|Islamic Republic of Afghanistan|Afghan;Afghani|Kabul;Kandahar;Herat
Albania|Republic of Albania|Albanian|Tirana
Algeria|People's Democratic Republic of Algeria|Algerian|Algiers;Oran
Andorra|Principality of Andorra|Andorran|Andorra la Vella
Angola|Republic of Angola|Angolan|Luanda
Antigua and Barbuda|Antigua|Antiguan;Barbudan|St. John's
Argentina|Argentine Republic|Argentine;Argentinian;Argentinean|Buenos Aires;Cordoba
Armenia|Republic of Armenia|Armenian|Yerevan
Australia|Commonwealth of Australia|Australian|Canberra;Sydney;Melbourne;Brisbane;Perth;Adelaide
Austria|Republic of Austria|Austrian|Vienna;Salzburg
Azerbaijan|Republic of Azerbaijan|Azerbaijani;Azeri|Baku
Bahamas|The Bahamas;Commonwealth of The Bahamas|Bahamian|Nassau
Bahrain|Kingdom of Bahrain|Bahraini|Manama
Bangladesh|People's Republic of Bangladesh|Bangladeshi|Dhaka;Chittagong
Barbados||Barbadian;Bajan|Bridgetown
Belarus|Republic of Belarus;Byelorussia|Belarusian;Belarussian;Byelorussian|Minsk
Belgium|Kingdom of Belgium|Belgian|Brussels;Antwerp
Belize||Belizean|Belmopan
Benin|Republic of Benin|Beninese|Porto-Novo;Cotonou
Bhutan|Kingdom of Bhutan|Bhutanese|Thimphu
Bolivia|Plurinational State of Bolivia|Bolivian|La Paz;Sucre;Santa Cruz
Bosnia and Herzegovina|Bosnia;Bosnia-Herzegovina;BiH|Bosnian;Herzegovinian|Sarajevo
Botswana|Republic of Botswana|Botswanan;Motswana;Batswana|Gaborone
Brazil|Federative Republic of Brazil|Brazilian|Brasilia;Brasília;Sao Paulo;São Paulo;Rio de Janeiro
Brunei|Brunei Darussalam|Bruneian|Bandar Seri Begawan
Bulgaria|Republic of Bulgaria|Bulgarian|Sofia
Burkina Faso||Burkinabe;Burkinabè|Ouagadougou
Burundi|Republic of Burundi|Burundian|Gitega;Bujumbura
Cabo Verde|Cape Verde|Cabo Verdean;Cape Verdean|Praia
Cambodia|Kingdom of Cambodia|Cambodian;Khmer|Phnom Penh;Siem Reap
Cameroon|Republic of Cameroon|Cameroonian|Yaounde;Yaoundé;Douala
Canada||Canadian|Ottawa;Toronto;Montreal;Vancouver;Quebec City;Calgary
Central African Republic|CAR|Central African|Bangui
Chad|Republic of Chad|Chadian|N'Djamena
Chile|Republic of Chile|Chilean|Santiago
China|People's Republic of China;PRC;P.R.C.;Mainland China|Chinese|Beijing;Shanghai;Hong Kong;Guangzhou;Shenzhen
Colombia|Republic of Colombia|Colombian|Bogota;Bogotá;Medellin;Cartagena
Comoros|Union of the Comoros|Comorian|Moroni
Democratic Republic of the Congo|DRC;DR Congo;D.R.C.;Congo-Kinshasa;Democratic Republic of Congo;Congo|Congolese|Kinshasa;Goma
Republic of the Congo|Congo-Brazzaville;Republic of Congo||Brazzaville
Costa Rica|Republic of Costa Rica|Costa Rican|San Jose;San José
Cote d'Ivoire|Côte d'Ivoire;Cote d’Ivoire;Côte d’Ivoire;Ivory Coast|Ivorian|Yamoussoukro;Abidjan
Croatia|Republic of Croatia|Croatian;Croat|Zagreb;Dubrovnik
Cuba|Republic of Cuba|Cuban|Havana
Cyprus|Republic of Cyprus|Cypriot|Nicosia
Czech Republic|Czechia|Czech|Prague
Denmark|Kingdom of Denmark|Danish;Dane|Copenhagen
Djibouti|Republic of Djibouti|Djiboutian|Djibouti City
Dominica|Commonwealth of Dominica||Roseau
Dominican Republic||Dominican|Santo Domingo
Ecuador|Republic of Ecuador|Ecuadorian;Ecuadorean|Quito;Guayaquil
Egypt|Arab Republic of Egypt|Egyptian|Cairo;Alexandria;Sharm el-Sheikh;Sharm El-Sheikh
El Salvador|Republic of El Salvador|Salvadoran;Salvadorian|San Salvador
Equatorial Guinea|Republic of Equatorial Guinea|Equatorial Guinean;Equatoguinean|Malabo
Eritrea|State of Eritrea|Eritrean|Asmara
Estonia|Republic of Estonia|Estonian|Tallinn
Eswatini|Kingdom of Eswatini;Swaziland|Swazi;Emaswati|Mbabane
Ethiopia|Federal Democratic Republic of Ethiopia|Ethiopian|Addis Ababa
Fiji|Republic of Fiji|Fijian|Suva
Finland|Republic of Finland|Finnish;Finn|Helsinki
France|French Republic|French|Paris;Marseille;Lyon;Nice;Biarritz
Gabon|Gabonese Republic|Gabonese|Libreville
Gambia|The Gambia;Republic of The Gambia|Gambian|Banjul
Georgia|Republic of Georgia|Georgian|Tbilisi
Germany|Federal Republic of Germany|German|Berlin;Munich;Hamburg;Frankfurt;Bonn;Elmau;Schloss Elmau
Ghana|Republic of Ghana|Ghanaian|Accra
Greece|Hellenic Republic|Greek;Hellenic|Athens;Thessaloniki
Grenada||Grenadian|St. George's
Guatemala|Republic of Guatemala|Guatemalan|Guatemala City
Guinea|Republic of Guinea|Guinean|Conakry
Guinea-Bissau|Republic of Guinea-Bissau|Bissau-Guinean|Bissau
Guyana|Co-operative Republic of Guyana|Guyanese|Georgetown
Haiti|Republic of Haiti|Haitian|Port-au-Prince
Honduras|Republic of Honduras|Honduran|Tegucigalpa
Hungary||Hungarian|Budapest
Iceland||Icelandic;Icelander|Reykjavik;Reykjavík
India|Republic of India;Bharat|Indian|New Delhi;Delhi;Mumbai;Bengaluru;Bangalore;Kolkata;Chennai;Hyderabad
Indonesia|Republic of Indonesia|Indonesian|Jakarta;Bali;Nusa Dua;Denpasar
Iran|Islamic Republic of Iran;Persia|Iranian;Persian|Tehran
Iraq|Republic of Iraq|Iraqi|Baghdad;Erbil;Basra
Ireland|Republic of Ireland;Éire|Irish|Dublin
Israel|State of Israel|Israeli|Jerusalem;Tel Aviv
Italy|Italian Republic|Italian|Rome;Milan;Naples;Venice;Florence;Apulia;Borgo Egnazia
Jamaica||Jamaican|Kingston
Japan||Japanese|Tokyo;Osaka;Kyoto;Hiroshima;Yokohama;Nagoya
Jordan|Hashemite Kingdom of Jordan|Jordanian|Amman;Aqaba
Kazakhstan|Republic of Kazakhstan|Kazakh;Kazakhstani|Astana;Almaty
Kenya|Republic of Kenya|Kenyan|Nairobi;Mombasa
Kiribati|Republic of Kiribati|I-Kiribati|Tarawa;South Tarawa
Kuwait|State of Kuwait|Kuwaiti|Kuwait City
Kyrgyzstan|Kyrgyz Republic|Kyrgyz;Kyrgyzstani|Bishkek
Laos|Lao PDR;Lao People's Democratic Republic|Lao;Laotian|Vientiane
Latvia|Republic of Latvia|Latvian|Riga
Lebanon|Lebanese Republic|Lebanese|Beirut
Lesotho|Kingdom of Lesotho|Basotho;Mosotho|Maseru
Liberia|Republic of Liberia|Liberian|Monrovia
Libya|State of Libya|Libyan|Tripoli;Benghazi
Liechtenstein|Principality of Liechtenstein|Liechtensteiner|Vaduz
Lithuania|Republic of Lithuania|Lithuanian|Vilnius
Luxembourg|Grand Duchy of Luxembourg|Luxembourgish;Luxembourger|Luxembourg City
Madagascar|Republic of Madagascar|Malagasy|Antananarivo
Malawi|Republic of Malawi|Malawian|Lilongwe
Malaysia||Malaysian|Kuala Lumpur;Putrajaya
Maldives|Republic of Maldives|Maldivian|Male;Malé
Mali|Republic of Mali|Malian|Bamako
Malta|Republic of Malta|Maltese|Valletta
Marshall Islands|Republic of the Marshall Islands|Marshallese|Majuro
Mauritania|Islamic Republic of Mauritania|Mauritanian|Nouakchott
Mauritius|Republic of Mauritius|Mauritian|Port Louis
Mexico|United Mexican States|Mexican|Mexico City;Guadalajara;Monterrey;Tijuana
Micronesia|Federated States of Micronesia;FSM|Micronesian|Palikir
Moldova|Republic of Moldova|Moldovan|Chisinau;Chișinău
Monaco|Principality of Monaco|Monegasque;Monacan|Monaco City
Mongolia||Mongolian|Ulaanbaatar;Ulan Bator
Montenegro||Montenegrin|Podgorica
Morocco|Kingdom of Morocco|Moroccan|Rabat;Casablanca;Marrakech
Mozambique|Republic of Mozambique|Mozambican|Maputo
Myanmar|Burma;Republic of the Union of Myanmar|Burmese;Myanmar|Naypyidaw;Nay Pyi Taw;Yangon;Rangoon
Namibia|Republic of Namibia|Namibian|Windhoek
Nauru|Republic of Nauru|Nauruan|Yaren
Nepal|Federal Democratic Republic of Nepal|Nepali;Nepalese|Kathmandu
Netherlands|The Netherlands;Kingdom of the Netherlands;Holland|Dutch|Amsterdam;The Hague;Rotterdam
New Zealand|Aotearoa|New Zealander|Wellington;Auckland
Nicaragua|Republic of Nicaragua|Nicaraguan|Managua
Niger|Republic of the Niger|Nigerien|Niamey
Nigeria|Federal Republic of Nigeria|Nigerian|Abuja;Lagos
North Korea|Democratic People's Republic of Korea;DPRK;D.P.R.K.|North Korean|Pyongyang
North Macedonia|Republic of North Macedonia;Macedonia|North Macedonian;Macedonian|Skopje
Norway|Kingdom of Norway|Norwegian|Oslo
Oman|Sultanate of Oman|Omani|Muscat
Pakistan|Islamic Republic of Pakistan|Pakistani|Islamabad;Karachi;Lahore
Palau|Republic of Palau|Palauan|Ngerulmud;Koror
Panama|Republic of Panama|Panamanian|Panama City
Papua New Guinea|PNG|Papua New Guinean|Port Moresby
Paraguay|Republic of Paraguay|Paraguayan|Asuncion;Asunción
Peru|Republic of Peru|Peruvian|Lima
Philippines|The Philippines;Republic of the Philippines|Filipino;Philippine|Manila
Poland|Republic of Poland|Polish;Pole|Warsaw;Krakow;Kraków;Rzeszow;Rzeszów
Portugal|Portuguese Republic|Portuguese|Lisbon;Porto
Qatar|State of Qatar|Qatari|Doha
Romania||Romanian|Bucharest
Russia|Russian Federation|Russian|Moscow;St. Petersburg;Saint Petersburg;Sochi;Kazan
Rwanda|Republic of Rwanda|Rwandan|Kigali
Saint Kitts and Nevis|St. Kitts and Nevis;Federation of Saint Kitts and Nevis|Kittitian;Nevisian|Basseterre
Saint Lucia|St. Lucia|Saint Lucian;St. Lucian|Castries
Saint Vincent and the Grenadines|St. Vincent and the Grenadines;St. Vincent|Vincentian|Kingstown
Samoa|Independent State of Samoa|Samoan|Apia
San Marino|Republic of San Marino|Sammarinese|City of San Marino
Sao Tome and Principe|São Tomé and Príncipe|Sao Tomean;Santomean|São Tomé;Sao Tome
Saudi Arabia|Kingdom of Saudi Arabia;KSA|Saudi;Saudi Arabian|Riyadh;Jeddah;Mecca;Neom
Senegal|Republic of Senegal|Senegalese|Dakar
Serbia|Republic of Serbia|Serbian;Serb|Belgrade
Seychelles|Republic of Seychelles|Seychellois|Victoria
Sierra Leone|Republic of Sierra Leone|Sierra Leonean|Freetown
Singapore|Republic of Singapore|Singaporean|Singapore City
Slovakia|Slovak Republic|Slovak;Slovakian|Bratislava
Slovenia|Republic of Slovenia|Slovenian;Slovene|Ljubljana
Solomon Islands||Solomon Islander|Honiara
Somalia|Federal Republic of Somalia|Somali;Somalian|Mogadishu
South Africa|Republic of South Africa|South African|Pretoria;Cape Town;Johannesburg;Durban
South Korea|Republic of Korea;ROK;R.O.K.;Korea|South Korean;Korean|Seoul;Busan
South Sudan|Republic of South Sudan|South Sudanese|Juba
Spain|Kingdom of Spain|Spanish;Spaniard|Madrid;Barcelona;Seville;Malaga
Sri Lanka|Democratic Socialist Republic of Sri Lanka|Sri Lankan|Colombo;Sri Jayawardenepura Kotte
Sudan|Republic of the Sudan;The Sudan|Sudanese|Khartoum;Port Sudan
Suriname|Republic of Suriname|Surinamese|Paramaribo
Sweden|Kingdom of Sweden|Swedish;Swede|Stockholm
Switzerland|Swiss Confederation|Swiss|Bern;Berne;Geneva;Zurich;Davos;Lucerne;Bürgenstock;Burgenstock
Syria|Syrian Arab Republic|Syrian|Damascus;Aleppo
Tajikistan|Republic of Tajikistan|Tajik;Tajikistani|Dushanbe
Tanzania|United Republic of Tanzania|Tanzanian|Dodoma;Dar es Salaam;Zanzibar
Thailand|Kingdom of Thailand|Thai|Bangkok
Timor-Leste|East Timor;Democratic Republic of Timor-Leste|Timorese|Dili
Togo|Togolese Republic|Togolese|Lome;Lomé
Tonga|Kingdom of Tonga|Tongan|Nuku'alofa
Trinidad and Tobago|Trinidad|Trinidadian;Tobagonian|Port of Spain
Tunisia|Tunisian Republic|Tunisian|Tunis
Turkey|Türkiye;Turkiye;Republic of Türkiye;Republic of Turkey|Turkish;Turk|Ankara;Istanbul
Turkmenistan||Turkmen;Turkmenistani|Ashgabat
Tuvalu||Tuvaluan|Funafuti
Uganda|Republic of Uganda|Ugandan|Kampala
Ukraine|The Ukraine|Ukrainian|Kyiv;Kiev;Lviv;Odesa;Odessa;Kharkiv;Zaporizhzhia
United Arab Emirates|UAE;U.A.E.;Emirates|Emirati|Abu Dhabi;Dubai
United Kingdom|UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland;England;Scotland;Wales;Northern Ireland|British;Briton;English;Scottish;Welsh|London;Edinburgh;Belfast;Glasgow;Cardiff;Cornwall;Carbis Bay;Bletchley Park
United States|United States of America;U.S.;US;USA;U.S.A.;America|American|Washington;Washington, D.C.;New York;New York City;Los Angeles;San Francisco;Chicago;Philadelphia;Boston;Seattle;Atlanta;Detroit;Pittsburgh;Baltimore;Miami;Honolulu;Houston;Dallas;Denver;Phoenix;Las Vegas;Anchorage;Wilmington;Rehoboth Beach;Camp David;Woodside;Annapolis;New Orleans;San Diego;Portland;Milwaukee;Minneapolis;Kansas City;St. Louis;Nashville;Charlotte;Raleigh;Richmond;Norfolk;Austin;San Antonio;Mar-a-Lago;Palm Beach
Uruguay|Oriental Republic of Uruguay|Uruguayan|Montevideo
Uzbekistan|Republic of Uzbekistan|Uzbek;Uzbekistani|Tashkent;Samarkand
Vanuatu|Republic of Vanuatu|Ni-Vanuatu;Vanuatuan|Port Vila
Venezuela|Bolivarian Republic of Venezuela|Venezuelan|Caracas
Vietnam|Viet Nam;Socialist Republic of Vietnam|Vietnamese|Hanoi;Ho Chi Minh City;Saigon;Da Nang
Yemen|Republic of Yemen|Yemeni|Sanaa;Sana'a;Aden
Zambia|Republic of Zambia|Zambian|Lusaka
Zimbabwe|Republic of Zimbabwe|Zimbabwean|Harare
Taiwan|Republic of China;ROC;Chinese Taipei|Taiwanese|Taipei;Kaohsiung
Kosovo|Republic of Kosovo|Kosovar;Kosovan|Pristina;Prishtina
Palestine|State of Palestine;Palestinian Territories;Palestinian Authority;Palestinian National Authority;PA;West Bank;Gaza;Gaza Strip|Palestinian|Ramallah;East Jerusalem;Gaza City
Holy See|Vatican;Vatican City;Vatican City State|Vatican|Vatican City
`;
