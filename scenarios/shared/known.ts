// Helpers for catalogue scenarios: small statistics and quarter arithmetic. Fixture look-ups go through the
// `known` context each scenario factory receives (src/data/known.ts), never around it.
import { InputError } from "../../src/core/issues.ts";
import { formatQuarter, parseQuarter, quarterEndDate } from "../../src/calendar/quarter.ts";

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

/** Quarter index of a label such as 2019Q3 (throws for anything else: a catalogue bug). */
export function quarter(label: string): number {
  const q = parseQuarter(label);
  if (q === undefined) throw new Error(`expected a quarter label, got ${JSON.stringify(label)}`);
  return q;
}

/** The last quarter that ended before `asOf` (`YYYY-MM-DD`): 2019-12-31 -> 2019Q3, 2020-03-31 -> 2019Q4. */
export function lastQuarterBefore(asOf: string): string {
  let q = quarter(`${asOf.slice(0, 4)}Q4`);
  while (quarterEndDate(q) >= asOf) q -= 1;
  return formatQuarter(q);
}

/** The quarter `steps` after `label`. */
export function quarterAfter(label: string, steps = 1): string {
  return formatQuarter(quarter(label) + steps);
}

/**
 * The longest run of consecutive quarters among `rows` (quarterly, in order), the latest on a tie: the
 * stretch of a series without gaps that its volatility is measured on.
 */
export function longestRun<T extends { period: string }>(rows: readonly T[]): T[] {
  let best: T[] = [];
  let run: T[] = [];
  for (const row of rows) {
    if (run.length > 0 && quarter(row.period) !== quarter(run[run.length - 1].period) + 1) run = [];
    run = [...run, row];
    if (run.length >= best.length) best = run;
  }
  return best;
}

/** A value that must exist; else the scenario cannot be built at `asOf` (an InputError on `asOf` saying what is missing). */
export function required<T>(value: T | undefined, scenario: string, what: string, asOf: string): T {
  if (value === undefined) throw new InputError([{ code: "conflict", path: ["asOf"], message: `${scenario}: no ${what} was public by ${asOf}` }]);
  return value;
}

/**
 * An interval [low, high] widened k times about its centre (unchanged, number for number, when k = 1), its
 * low end kept at or above `floor`: how a factory applies a calibrated width factor to a prior.
 */
export function widenRange(low: number, high: number, k: number, floor = -Infinity): { low: number; high: number } {
  if (k === 1) return { low, high };
  const centre = (low + high) / 2;
  const half = ((high - low) / 2) * k;
  return { low: Math.max(floor, centre - half), high: centre + half };
}
