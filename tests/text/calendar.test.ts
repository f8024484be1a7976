/** Calendar days: the one check of "a real day written YYYY-MM-DD", for settings, flags and question files. */
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { addYears, addYearsToRange, isCalendarDay } from "../../src/text/calendar.js";

describe("isCalendarDay", () => {
  it.each(["2024-02-29", "2023-12-31", "2021-01-01"])("%s is a day", (text) => expect(isCalendarDay(text)).toBe(true));
  it.each(["2024-13-45", "2023-02-29", "2024-04-31", "24-01-01", "2024-1-1", "today"])("%s is not", (text) => expect(isCalendarDay(text)).toBe(false));

  it("READOUT_TODAY must be one, and the error names the variable", () => {
    expect(() => parseConfig({ READOUT_TODAY: "2024-13-45" }, process.cwd())).toThrow(/READOUT_TODAY/);
    expect(parseConfig({ READOUT_TODAY: "2024-07-01" }, process.cwd()).today).toBe("2024-07-01");
  });
});

describe("addYears", () => {
  it("moves a day by whole years, February 29 to the 28th in a year without one", () => {
    expect(addYears("2024-10-07", -1)).toBe("2023-10-07");
    expect(addYears("2024-02-29", -1)).toBe("2023-02-28");
    expect(addYears("2020-02-29", 4)).toBe("2024-02-29");
  });
});

describe("addYearsToRange", () => {
  it("keeps a range that ends a month ending that month", () => {
    expect(addYearsToRange({ from: "2025-02-01", to: "2025-02-28" }, -1)).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(addYearsToRange({ from: "2024-10-07", to: "2024-10-07" }, -1)).toEqual({ from: "2023-10-07", to: "2023-10-07" });
  });
});
