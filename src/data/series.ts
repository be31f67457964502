/**
 * Look-ups in a parsed fixture: one row, one value, or a filtered series (optionally as of a date).
 */
import type { Fixture, FixtureRow } from "./fixture.ts";
import { checkKnownBy, isKnownBy } from "./knownBy.ts";

/** Which row: the metric defaults to the fixture's; without a provider, rows that name none match. */
export interface FixtureQuery {
  provider?: string;
  metric?: string;
}

/** Options of {@link fixtureSeries}; an option left out (or undefined) does not filter. */
export interface FixtureSeriesOptions {
  /** Keep only rows known by this date (`YYYY-MM-DD`); see {@link isKnownBy}. */
  knownBy?: string;
  /** Keep only rows of this provider. */
  provider?: string;
  /** Keep only rows of this metric. */
  metric?: string;
}

function matches(row: FixtureRow, fixture: Fixture, query: FixtureQuery): boolean {
  if (row.metric !== (query.metric ?? fixture.metric)) return false;
  if (query.provider === undefined) return row.provider === undefined || row.provider === fixture.provider;
  return row.provider === query.provider;
}

/**
 * The row for a period (and metric and provider; see {@link FixtureQuery}), gaps included, or undefined.
 *
 * @example
 * fixtureRow(shares, "2019Q3", { provider: "alibaba" })?.published // "2019-12-02"
 */
export function fixtureRow(fixture: Fixture, period: string, query: FixtureQuery = {}): FixtureRow | undefined {
  return fixture.rows.find((row) => row.period === period && matches(row, fixture, query));
}

/**
 * The value for a period, in the row's unit; undefined for a gap or a period the fixture does not have.
 * Never interpolates or guesses.
 *
 * @example
 * fixtureValue(alibabaQuarterly, "2019Q2") // 7787 (RMB m)
 * fixtureValue(alibabaQuarterly, "2018Q4") // undefined (a gap)
 */
export function fixtureValue(fixture: Fixture, period: string, query: FixtureQuery = {}): number | undefined {
  const row = fixtureRow(fixture, period, query);
  return row === undefined || row.value === null ? undefined : row.value;
}

/**
 * The fixture's rows in file order, optionally only those of one metric or provider and only those known
 * by a date ({@link isKnownBy}; gaps are then dropped). A scenario set "as of 31 December 2019" passes
 * `{ knownBy: "2019-12-31" }`, which drops for instance Canalys' 2019Q4 figures, published 2020-03-31.
 *
 * @throws {RangeError} when `knownBy` is not a `YYYY-MM-DD` date.
 * @example
 * fixtureSeries(market, { knownBy: "2019-12-31", metric: "market-size" }).map((r) => r.period) // ["2019Q2", "2019Q3"]
 */
export function fixtureSeries(fixture: Fixture, options: FixtureSeriesOptions = {}): FixtureRow[] {
  const { knownBy, provider, metric } = options;
  if (knownBy !== undefined) checkKnownBy(knownBy);
  return fixture.rows.filter((row) =>
    (metric === undefined || row.metric === metric) &&
    (provider === undefined || row.provider === provider) &&
    (knownBy === undefined || isKnownBy(row, knownBy, fixture.fiscalYearEnd)));
}
