/** Dates shared between rooms. */

/** An inclusive range of days, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}
