/**
 * Calendar-year aggregation of quarterly series.
 */
import { InputError, type InputIssue } from "../core/issues.ts";
import { formatQuarter, quarterYear } from "./quarter.ts";

/**
 * How four quarters make a year: `sum` for flows (revenue), `mean` for rates and levels averaged over the
 * year, `last` for stocks measured at the year end (cumulative customers).
 */
export type AnnualAggregation = "sum" | "mean" | "last";

/** One quarterly observation; `value` NaN marks a gap. */
export interface QuarterValue {
  /** Quarter index (quarter.ts). */
  quarter: number;
  value: number;
}

/** Annual values of complete calendar years, and the years that could not be formed. */
export interface AnnualSeries {
  years: { year: number; value: number }[];
  /** Years touched by the series but missing quarters (absent or NaN), with the missing quarter indices. */
  incomplete: { year: number; missingQuarters: number[] }[];
}

/**
 * The calendar years whose four quarters all lie in `firstQuarter..lastQuarter` (quarter indices,
 * quarter.ts), in order, each with the index of its first quarter (Q1). A simulated calendar reports these
 * years; the others it touches are partial.
 *
 * @example completeYears(8077, 8086) // [{ year: 2020, firstQuarter: 8080 }] (2019Q2 to 2021Q3)
 */
export function completeYears(firstQuarter: number, lastQuarter: number): { year: number; firstQuarter: number }[] {
  const out: { year: number; firstQuarter: number }[] = [];
  for (let year = Math.ceil(firstQuarter / 4); 4 * year + 3 <= lastQuarter; year++) out.push({ year, firstQuarter: 4 * year });
  return out;
}

/**
 * Aggregates a quarterly series into calendar years. Only complete years (all four quarters present and
 * finite) get a value; every other year the series touches is listed in `incomplete` with its missing
 * quarters. Sums add the four quarters in calendar order; `mean` is that sum / 4.
 * Throws `InputError` at `path` (default ["series"]) for a quarter given twice or a non-integer quarter index.
 *
 * @example
 * annualFromQuarters([{ quarter: 8076, value: 1 }, { quarter: 8077, value: 2 }, { quarter: 8078, value: 3 },
 *   { quarter: 8079, value: 4 }, { quarter: 8080, value: 5 }])
 * // { years: [{ year: 2019, value: 10 }], incomplete: [{ year: 2020, missingQuarters: [8081, 8082, 8083] }] }
 */
export function annualFromQuarters(
  series: readonly QuarterValue[],
  how: AnnualAggregation = "sum",
  path: ReadonlyArray<string | number> = ["series"],
): AnnualSeries {
  const issues: InputIssue[] = [];
  const byQuarter = new Map<number, number>();
  series.forEach((point, i) => {
    if (!Number.isInteger(point.quarter)) {
      issues.push({ code: "invalid_type", path: [...path, i, "quarter"], message: `expected a quarter index, got ${point.quarter}` });
    } else if (byQuarter.has(point.quarter)) {
      issues.push({ code: "duplicate", path: [...path, i, "quarter"], message: `expected each quarter once, got ${formatQuarter(point.quarter)} again` });
    } else {
      byQuarter.set(point.quarter, point.value);
    }
  });
  if (issues.length > 0) throw new InputError(issues);
  const years = [...new Set([...byQuarter.keys()].map(quarterYear))].sort((a, b) => a - b);
  const out: AnnualSeries = { years: [], incomplete: [] };
  for (const year of years) {
    const values: number[] = [];
    const missing: number[] = [];
    for (let q = 4 * year; q < 4 * year + 4; q++) {
      const v = byQuarter.get(q);
      if (v === undefined || !Number.isFinite(v)) missing.push(q);
      else values.push(v);
    }
    if (missing.length > 0) out.incomplete.push({ year, missingQuarters: missing });
    else out.years.push({ year, value: combine(values, how) });
  }
  return out;
}

/**
 * The typed-array form for simulated series: `values[i]` is quarter `firstQuarter + i`. Writes one value per
 * calendar year from `quarterYear(firstQuarter)` to the year of the last quarter into the result's `values`,
 * NaN for a year that is not complete (partly outside the series, or holding a NaN).
 *
 * @example
 * annualFromQuarterArray(8077, [2, 3, 4, 5, 6, 7, 8]) // { firstYear: 2019, values: Float64Array [NaN, 26] }
 */
export function annualFromQuarterArray(
  firstQuarter: number,
  values: ArrayLike<number>,
  how: AnnualAggregation = "sum",
): { firstYear: number; values: Float64Array } {
  const firstYear = quarterYear(firstQuarter);
  const lastQuarter = firstQuarter + values.length - 1;
  const count = values.length === 0 ? 0 : quarterYear(lastQuarter) - firstYear + 1;
  const out = new Float64Array(count);
  const four: number[] = [0, 0, 0, 0];
  for (let k = 0; k < count; k++) {
    const start = 4 * (firstYear + k);
    let complete = start >= firstQuarter && start + 3 <= lastQuarter;
    for (let j = 0; complete && j < 4; j++) {
      four[j] = values[start + j - firstQuarter];
      if (!Number.isFinite(four[j])) complete = false;
    }
    out[k] = complete ? combine(four, how) : NaN;
  }
  return { firstYear, values: out };
}

const aggregators: { readonly [K in AnnualAggregation]: (four: readonly number[]) => number } = {
  sum: (v) => v[0] + v[1] + v[2] + v[3],
  mean: (v) => (v[0] + v[1] + v[2] + v[3]) / 4,
  last: (v) => v[3],
};

function combine(values: readonly number[], how: AnnualAggregation): number {
  return aggregators[how](values);
}
