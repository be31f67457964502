/**
 * Calendar dates as sources write them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a year or a month stands for any
 * day in it). Compared as ISO strings: `YYYY-MM-DD` text sorts in date order.
 */

const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A date read from text: the year, and the month and day when given. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

/**
 * Days in a month of the Gregorian calendar (`month` 1..12).
 *
 * @example
 * daysInMonth(2020, 2) // 29
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Formats a day as `YYYY-MM-DD`.
 *
 * @example
 * isoDate(2019, 6, 30) // "2019-06-30"
 */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Reads a valid `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date (month 1..12, a day that exists), or returns undefined.
 *
 * @example
 * parseDate("2019-08") // { year: 2019, month: 8 }
 * parseDate("2019-02-29") // undefined
 */
export function parseDate(text: string): PartialDate | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2] === undefined) return { year };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  if (match[3] === undefined) return { year, month };
  const day = Number(match[3]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** True for a valid full day `YYYY-MM-DD` (not a bare year or month). */
export function isDay(text: string): boolean {
  return DAY_PATTERN.test(text) && parseDate(text) !== undefined;
}

/**
 * The last day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date can mean, as `YYYY-MM-DD`; undefined for text that
 * is not such a date.
 *
 * @example
 * lastDayOf("2019-08") // "2019-08-31"
 * lastDayOf("2019") // "2019-12-31"
 */
export function lastDayOf(text: string): string | undefined {
  const date = parseDate(text);
  if (!date) return undefined;
  const month = date.month ?? 12;
  return isoDate(date.year, month, date.day ?? daysInMonth(date.year, month));
}
