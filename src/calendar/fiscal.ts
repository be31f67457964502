/**
 * Fiscal calendars mapped onto calendar quarters (quarter indices as in quarter.ts: 4 * year + quarter - 1).
 *
 * A fiscal year is named by the calendar year in which it ends (Alibaba's FY2020 ends 31 March 2020,
 * Microsoft's FY20 ends 30 June 2020) unless `yearNamedBy` is "start". Fiscal quarter k of a fiscal year is
 * its k-th run of three months. When the year ends in March, June, September or December the fiscal quarters
 * are calendar quarters; otherwise each fiscal quarter is mapped to the calendar quarter holding its middle
 * month (two of its three months), which keeps the mapping one-to-one.
 */
import { InputError } from "../core/issues.ts";

/** A company's fiscal calendar. */
export interface FiscalCalendar {
  /** 1..12: the month the fiscal year ends in (Alibaba: 3, Microsoft: 6, calendar years: 12). */
  yearEndMonth: number;
  /**
   * Whether "FY2020" names the fiscal year by the calendar year it ends in or starts in.
   * @defaultValue "end"
   */
  yearNamedBy?: "end" | "start";
}

/** A fiscal quarter: fiscal year (as named by the calendar) and quarter 1..4. */
export interface FiscalQuarter {
  fiscalYear: number;
  quarter: number;
}

/** Calendar years: the fiscal year ends in December. */
export const calendarYear: FiscalCalendar = { yearEndMonth: 12 };
/** Alibaba Group: the fiscal year ends 31 March ("Q1 FY2020" is April-June 2019). */
export const alibabaFiscalCalendar: FiscalCalendar = { yearEndMonth: 3 };
/** Microsoft: the fiscal year ends 30 June ("FY20Q2" is October-December 2019). */
export const microsoftFiscalCalendar: FiscalCalendar = { yearEndMonth: 6 };

/**
 * Builds a fiscal calendar; throws `InputError` at `path` unless `yearEndMonth` is an integer 1..12.
 *
 * @example
 * fiscalCalendar(3) // { yearEndMonth: 3, yearNamedBy: "end" }
 */
export function fiscalCalendar(
  yearEndMonth: number,
  yearNamedBy: "end" | "start" = "end",
  path: ReadonlyArray<string | number> = ["fiscalCalendar", "yearEndMonth"],
): FiscalCalendar {
  if (!Number.isInteger(yearEndMonth) || yearEndMonth < 1 || yearEndMonth > 12) {
    throw new InputError([{ code: "out_of_range", path, message: `expected an integer month 1..12, got ${yearEndMonth}` }]);
  }
  return { yearEndMonth, yearNamedBy };
}

/**
 * True when the fiscal quarters are exactly calendar quarters (the year ends in March, June, September or
 * December); otherwise the mapping goes by each fiscal quarter's middle month.
 */
export function isQuarterAligned(calendar: FiscalCalendar): boolean {
  return calendar.yearEndMonth % 3 === 0;
}

/**
 * The calendar quarter index of fiscal quarter `quarter` of fiscal year `fiscalYear`.
 * Formula: with the year named by its end, index = 4 * fiscalYear + (quarter - 1) + floor((yearEndMonth - 11) / 3);
 * it is the calendar quarter holding the fiscal quarter's middle month. Throws RangeError for a quarter
 * outside 1..4 or a non-integer year.
 *
 * @example
 * formatQuarter(fiscalToQuarter(alibabaFiscalCalendar, 2020, 1))    // "2019Q2"
 * formatQuarter(fiscalToQuarter(microsoftFiscalCalendar, 2020, 2))  // "2019Q4"
 */
export function fiscalToQuarter(calendar: FiscalCalendar, fiscalYear: number, quarter: number): number {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`fiscalToQuarter: quarter must be 1..4, got ${quarter}`);
  if (!Number.isInteger(fiscalYear)) throw new RangeError(`fiscalToQuarter: fiscal year must be an integer, got ${fiscalYear}`);
  return 4 * endYear(calendar, fiscalYear) + (quarter - 1) + quarterShift(calendar);
}

/**
 * The fiscal quarter that maps onto calendar quarter `index` (inverse of `fiscalToQuarter`).
 *
 * @example
 * quarterToFiscal(alibabaFiscalCalendar, parseQuarter("2019Q2")!) // { fiscalYear: 2020, quarter: 1 }
 */
export function quarterToFiscal(calendar: FiscalCalendar, index: number): FiscalQuarter {
  const fiscalIndex = index - quarterShift(calendar);
  const year = Math.floor(fiscalIndex / 4);
  return { fiscalYear: nameYear(calendar, year), quarter: fiscalIndex - 4 * year + 1 };
}

/**
 * The four calendar quarter indices, in order, that make up fiscal year `fiscalYear`.
 *
 * @example
 * fiscalYearQuarters(alibabaFiscalCalendar, 2019).map(formatQuarter) // ["2018Q2", "2018Q3", "2018Q4", "2019Q1"]
 */
export function fiscalYearQuarters(calendar: FiscalCalendar, fiscalYear: number): [number, number, number, number] {
  const first = fiscalToQuarter(calendar, fiscalYear, 1);
  return [first, first + 1, first + 2, first + 3];
}

/**
 * The calendar year and month (1..12) in which fiscal year `fiscalYear` ends.
 *
 * @example
 * fiscalYearEndMonth(alibabaFiscalCalendar, 2019) // { year: 2019, month: 3 }
 * fiscalYearEndMonth({ yearEndMonth: 6, yearNamedBy: "start" }, 2019) // { year: 2020, month: 6 }
 */
export function fiscalYearEndMonth(calendar: FiscalCalendar, fiscalYear: number): { year: number; month: number } {
  return { year: endYear(calendar, fiscalYear), month: calendar.yearEndMonth };
}

/**
 * The fiscal year end month implied by one labelled quarter: fiscal quarter `quarter` ends in calendar month
 * `endMonth` (1..12). Used to check labels such as `Jun-2019 (Q1 FY2020)`.
 *
 * @example
 * yearEndMonthFrom(6, 1) // 3  (a Q1 ending in June: the year ends in March)
 */
export function yearEndMonthFrom(endMonth: number, quarter: number): number {
  return ((((endMonth - 1 + 3 * (4 - quarter)) % 12) + 12) % 12) + 1;
}

/** floor((yearEndMonth - 11) / 3): the fiscal-to-calendar shift in quarters. */
function quarterShift(calendar: FiscalCalendar): number {
  return Math.floor((calendar.yearEndMonth - 11) / 3);
}

/** The calendar year in which the named fiscal year ends. */
function endYear(calendar: FiscalCalendar, fiscalYear: number): number {
  return calendar.yearNamedBy === "start" && calendar.yearEndMonth !== 12 ? fiscalYear + 1 : fiscalYear;
}

/** The name of the fiscal year that ends in calendar year `year`. */
function nameYear(calendar: FiscalCalendar, year: number): number {
  return calendar.yearNamedBy === "start" && calendar.yearEndMonth !== 12 ? year - 1 : year;
}
