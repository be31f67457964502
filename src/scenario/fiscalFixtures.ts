/**
 * Fixtures in fiscal terms, mapped onto calendar quarters by the calendar module (calendar/fiscal.ts), so
 * that a scenario never maps fiscal quarters by hand.
 */
import { fiscalYearQuarters, quarterToFiscal } from "../calendar/fiscal.ts";
import { formatQuarter, parseQuarter } from "../calendar/quarter.ts";
import type { Fixture } from "../data/fixture.ts";
import type { Known } from "../data/known.ts";
import { fixtureFiscalCalendar } from "../data/period.ts";
import type { FixtureQuery } from "../data/series.ts";
import type { ProviderFiscalYear } from "./outputsSchema.ts";

function calendarOf(fixture: Fixture) {
  if (fixture.fiscalYearEnd === undefined) throw new TypeError(`${fixture.id}: expected a fixture with a fiscalYearEnd`);
  return fixtureFiscalCalendar(fixture.fiscalYearEnd);
}

/**
 * A provider's `fiscalYear` from a fixture's `fiscalYearEnd` (years named by the year they end in).
 *
 * @throws TypeError for a fixture without a fiscal year end (a programming error in the scenario).
 * @example fiscalYearOf(alibabaAnnual) // { endMonth: 3 }
 */
export function fiscalYearOf(fixture: Fixture): ProviderFiscalYear {
  return { endMonth: calendarOf(fixture).yearEndMonth };
}

/**
 * The value of calendar quarter `quarter` (`2018Q4`) as known through `known`: the quarterly fixture's row
 * when it is known, else the fiscal year holding that quarter (a row `FY2019` of `annual`, whose
 * `fiscalYearEnd` gives the calendar) minus the fiscal year's other three quarters (each from `quarterly`).
 *
 * @throws InputError (`asOf`) when a row needed is not known by the as-of date; TypeError when `annual` has
 *   no fiscal year end or `quarter` is not a quarter label.
 * @example calendarQuarterValue(known, alibabaQuarterly, alibabaAnnual, "2018Q4") // 6611 (FY2019 24,702 - 4,698 - 5,667 - 7,726)
 */
export function calendarQuarterValue(known: Known, quarterly: Fixture, annual: Fixture, quarter: string, query: FixtureQuery = {}): number {
  const own = known.find(quarterly, quarter, query);
  if (own !== undefined) return own;
  const index = parseQuarter(quarter);
  if (index === undefined) throw new TypeError(`calendarQuarterValue: expected a quarter such as 2018Q4, got ${quarter}`);
  const calendar = calendarOf(annual);
  const { fiscalYear } = quarterToFiscal(calendar, index);
  const others = fiscalYearQuarters(calendar, fiscalYear).filter((q) => q !== index);
  return known.value(annual, `FY${fiscalYear}`, query) - others.reduce((sum, q) => sum + known.value(quarterly, formatQuarter(q), query), 0);
}
