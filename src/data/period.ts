/**
 * Fixture periods: which labels each frequency allows, and the last day a period covers (what the as-of
 * rules compare with publication dates).
 */
import { daysInMonth, isoDate, lastDayOf, parseDate } from "../calendar/date.ts";
import { fiscalCalendar, fiscalYearEndMonth, type FiscalCalendar } from "../calendar/fiscal.ts";
import { parseQuarter, parseQuarterSpan, PERIOD_PATTERN, QUARTER_PATTERN, quarterEndDate } from "../calendar/quarter.ts";
import { MONTH_NAMES, type FiscalYearEnd, type FixtureFrequency } from "./schema.ts";

const FISCAL_YEAR = /^FY(\d{4})$/;

/**
 * The fiscal calendar of a fixture's `fiscalYearEnd` (years named by the calendar year they end in).
 *
 * @example
 * fixtureFiscalCalendar("March") // { yearEndMonth: 3, yearNamedBy: "end" }
 */
export function fixtureFiscalCalendar(fiscalYearEnd: FiscalYearEnd): FiscalCalendar {
  return fiscalCalendar(MONTH_NAMES.indexOf(fiscalYearEnd) + 1);
}

function monthEnd(year: number, month: number): string {
  return isoDate(year, month, daysInMonth(year, month));
}

/**
 * The last day of a fixture period, as `YYYY-MM-DD`: `2019Q3` -> `2019-09-30`, `2019` -> `2019-12-31`,
 * `FY2019` with a March year end -> `2019-03-31`, `2018Q1-2018Q3` -> `2018-09-30`, `2019-06` -> `2019-06-30`.
 * Undefined for `undated`, for a fiscal year without its year end, and for text that is not a period.
 */
export function fixturePeriodEnd(period: string, fiscalYearEnd?: FiscalYearEnd): string | undefined {
  const quarter = parseQuarter(period);
  if (quarter !== undefined) return quarterEndDate(quarter);
  const span = parseQuarterSpan(period);
  if (span) return quarterEndDate(span.last);
  const fiscal = FISCAL_YEAR.exec(period);
  if (fiscal) {
    if (fiscalYearEnd === undefined) return undefined;
    const end = fiscalYearEndMonth(fixtureFiscalCalendar(fiscalYearEnd), Number(fiscal[1]));
    return monthEnd(end.year, end.month);
  }
  return lastDayOf(period);
}

const isForwardSpan = (period: string): boolean => {
  const span = parseQuarterSpan(period);
  return span !== undefined && span.first < span.last;
};

const isYear = (period: string): boolean => {
  const match = PERIOD_PATTERN.exec(period);
  return match !== null && match[2] === undefined;
};

/** Per frequency: what is wrong with a period label, or undefined when it fits. */
const periodRules: { readonly [F in FixtureFrequency]: (period: string) => string | undefined } = {
  quarter: (p) => (QUARTER_PATTERN.test(p) || isForwardSpan(p) ? undefined : "expected a quarter like 2019Q3 or a span like 2018Q1-2018Q3"),
  year: (p) => (isYear(p) ? undefined : "expected a year like 2019"),
  "fiscal-year": (p) => (FISCAL_YEAR.test(p) ? undefined : "expected a fiscal year like FY2019"),
  point: (p) =>
    p === "undated" || QUARTER_PATTERN.test(p) || parseDate(p) !== undefined
      ? undefined
      : "expected a year, a quarter, a date (YYYY-MM or YYYY-MM-DD) or \"undated\"",
};

/**
 * What is wrong with `period` for a fixture of `frequency`, or undefined when it fits.
 *
 * @example
 * fixturePeriodProblem("2019-Q3", "quarter") // "expected a quarter like 2019Q3 or a span like 2018Q1-2018Q3"
 */
export function fixturePeriodProblem(period: string, frequency: FixtureFrequency): string | undefined {
  return periodRules[frequency](period);
}
