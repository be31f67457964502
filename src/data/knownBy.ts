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
 * The date from which a row counts as public: the earlier of its `published` date read at its latest
 * (`2019-08` counts as 2019-08-31) and, for a row marked `knownAsOf2019`, 2019-12-31; undefined when it has
 * neither (never known by this rule).
 *
 * @example
 * publicationDate({ ...row, published: "2019-08", knownAsOf2019: true }) // "2019-08-31"
 */
export function publicationDate(row: FixtureRow): string | undefined {
  const last = row.published === undefined ? undefined : lastDayOf(row.published);
  const flagged = row.knownAsOf2019 ? AS_OF_2019 : undefined;
  if (last === undefined) return flagged;
  return flagged !== undefined && flagged < last ? flagged : last;
}

/**
 * Why a row's figure was not public on `knownBy` (`YYYY-MM-DD`), or undefined when it was: the one as-of
 * rule that {@link isKnownBy} and every scenario look-up apply. Conservative: a gap is never known; an
 * observed period (not a forecast) must have ended before `knownBy`; then the row's
 * {@link publicationDate} must be on or before `knownBy`.
 *
 * @throws {RangeError} when `knownBy` is not a `YYYY-MM-DD` date.
 * @example
 * unknownReason(canalysQ4Row, "2019-12-31") // "its period ends 2019-12-31, not before the as-of date 2019-12-31"
 */
export function unknownReason(row: FixtureRow, knownBy: string, fiscalYearEnd?: FiscalYearEnd): string | undefined {
  checkKnownBy(knownBy);
  if (row.value === null) return "it is a gap (no value)";
  if (!row.forecast) {
    const end = fixturePeriodEnd(row.period, fiscalYearEnd);
    if (end !== undefined && end >= knownBy) return `its period ends ${end}, not before the as-of date ${knownBy}`;
  }
  const published = publicationDate(row);
  if (published === undefined) return `it has no publication date and was not known by ${AS_OF_2019}`;
  if (published > knownBy) {
    const as = row.published !== undefined && lastDayOf(row.published) === published ? `published ${row.published}` : `known only from ${published}`;
    return `${as}, after the as-of date ${knownBy}`;
  }
  return undefined;
}

/**
 * Whether a row's figure was public on `knownBy` (`YYYY-MM-DD`): {@link unknownReason} finds nothing.
 *
 * @throws {RangeError} when `knownBy` is not a `YYYY-MM-DD` date.
 * @example
 * isKnownBy(canalysQ4Row, "2019-12-31") // false (period 2019Q4 had not ended; published 2020-03-31)
 */
export function isKnownBy(row: FixtureRow, knownBy: string, fiscalYearEnd?: FiscalYearEnd): boolean {
  return unknownReason(row, knownBy, fiscalYearEnd) === undefined;
}
