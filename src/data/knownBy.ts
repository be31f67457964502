/**
 * The one as-of filter: whether a fixture row's figure was public by a date. Every fixture look-up with a
 * `knownBy` date goes through {@link isKnownBy}.
 */
import { describeValue } from "../core/issues.ts";
import { isDay, lastDayOf } from "../calendar/date.ts";
import { AS_OF_2019, type FixtureRow } from "./fixture.ts";
import type { FiscalYearEnd } from "./schema.ts";
import { fixturePeriodEnd } from "./period.ts";

/**
 * Checks an as-of date given to a look-up.
 *
 * @throws {RangeError} when `knownBy` is not a `YYYY-MM-DD` date, e.g.
 *   `knownBy: expected a date like 2019-12-31, got "2019-13-01"`.
 */
export function checkKnownBy(knownBy: string): void {
  if (!isDay(knownBy)) {
    throw new RangeError(`knownBy: expected a date like 2019-12-31, got ${describeValue(knownBy)}`);
  }
}

/**
 * Whether a row's figure was public on `knownBy` (`YYYY-MM-DD`). Conservative: a gap is never known; an
 * observed period (not a forecast) must have ended before `knownBy`; then the row is known if its `published`
 * date (read at its latest: `2019-08` counts as 2019-08-31) is on or before `knownBy`, or, without a
 * usable date, if it is `knownAsOf2019` and `knownBy` is on or after 2019-12-31.
 *
 * @throws {RangeError} when `knownBy` is not a `YYYY-MM-DD` date.
 * @example
 * isKnownBy(canalysQ4Row, "2019-12-31") // false (period 2019Q4 had not ended; published 2020-03-31)
 */
export function isKnownBy(row: FixtureRow, knownBy: string, fiscalYearEnd?: FiscalYearEnd): boolean {
  checkKnownBy(knownBy);
  if (row.value === null) return false;
  if (!row.forecast) {
    const end = fixturePeriodEnd(row.period, fiscalYearEnd);
    if (end !== undefined && end >= knownBy) return false;
  }
  if (row.published !== undefined) {
    const last = lastDayOf(row.published);
    if (last !== undefined && last <= knownBy) return true;
  }
  return row.knownAsOf2019 && knownBy >= AS_OF_2019;
}
