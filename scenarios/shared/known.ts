// Helpers for catalogue scenarios: a fixture value only if it was public by the scenario's as-of date.
import type { Fixture } from "../../src/data/fixture.ts";
import { fixtureSeries, type FixtureQuery } from "../../src/data/series.ts";

/**
 * The value of the row (period, metric, provider) if it was known by `asOf`; throws otherwise, so a
 * scenario cannot use a figure its as-of date could not know.
 */
export function knownValue(fixture: Fixture, period: string, asOf: string, query: FixtureQuery = {}): number {
  const metric = query.metric ?? fixture.metric;
  const row = fixtureSeries(fixture, { knownBy: asOf, metric, provider: query.provider })
    .find((r) => r.period === period && (query.provider !== undefined || r.provider === undefined || r.provider === fixture.provider));
  if (row?.value === null || row?.value === undefined) {
    throw new Error(`${fixture.id}: no value for ${period} ${metric}${query.provider ? ` ${query.provider}` : ""} known by ${asOf}`);
  }
  return row.value;
}

/** Sample mean and sample standard deviation (n - 1) of numbers. */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

/**
 * Sample standard deviation of quarter-on-quarter log growth, log(v_t / v_{t-1}), of a run of quarterly
 * values without gaps: the volatility scenarios use for their quarterly shocks.
 */
export function logGrowthSd(values: readonly number[]): number {
  return meanSd(values.slice(1).map((v, k) => Math.log(v / values[k]))).sd;
}
