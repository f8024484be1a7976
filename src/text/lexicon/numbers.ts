/** Numbers written as words. */

/** Cardinal number words, for spotting figures written out ("forty minutes", "two more weeks"). */
export const NUMBER_WORD_PATTERN =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen";
