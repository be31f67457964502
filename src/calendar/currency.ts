/**
 * Currency conversion with the rate as a constant, a per-period series or a distribution.
 * A rate is units of the target currency per unit of the source currency (CNY -> USD in 2019: about 0.145).
 * Distributions are only carried here; they are sampled once per path by the random module.
 */
import { InputError, describeValue, type InputIssue } from "../core/issues.ts";
import type { DistributionSpec } from "../random/spec.ts";
import { formatQuarter, isPeriodLabel, quarterYear } from "./quarter.ts";

/** Rates per period, keyed by a quarter (`2019Q3`) or year (`2019`) label; a quarter's own entry wins. */
export interface RateSeries {
  series: Readonly<Record<string, number>>;
}

/** An exchange rate: a constant, a per-period series, or a distribution spec sampled once per path. */
export type ExchangeRate = number | RateSeries | DistributionSpec;

/** A conversion from one currency to another. */
export interface CurrencyConversion {
  /** ISO code of the values' currency, e.g. "CNY". */
  from: string;
  /** ISO code of the result, e.g. "USD". */
  to: string;
  /** Units of `to` per unit of `from`. */
  rate: ExchangeRate;
}

/**
 * Checks an exchange rate as written in a scenario: a positive finite constant, a series whose keys are
 * quarter or year labels and whose values are positive finite numbers, or a distribution spec (left to the
 * random module's own checks). Returns the issues found (empty when valid), with paths under `path`.
 *
 * @example
 * exchangeRateIssues({ series: { "2019Q1": -1 } }, ["rate"])
 * // [{ path: ["rate", "series", "2019Q1"], message: "expected a positive number, got -1" }]
 */
export function exchangeRateIssues(rate: unknown, path: ReadonlyArray<string | number> = ["rate"]): InputIssue[] {
  if (typeof rate === "number") {
    return Number.isFinite(rate) && rate > 0 ? [] : [{ code: "not_positive", path, message: `expected a positive number, got ${describeValue(rate)}` }];
  }
  if (rate !== null && typeof rate === "object" && "dist" in rate) return [];
  if (rate !== null && typeof rate === "object" && "series" in rate) {
    const series = (rate as { series: unknown }).series;
    if (series === null || typeof series !== "object") return [{ code: "invalid_type", path: [...path, "series"], message: `expected an object of period: rate, got ${describeValue(series)}` }];
    const issues: InputIssue[] = [];
    for (const [label, value] of Object.entries(series)) {
      const at = [...path, "series", label];
      if (!isPeriodLabel(label)) issues.push({ code: "invalid_format", path: at, message: `expected a quarter (2019Q3) or year (2019) label, got ${describeValue(label)}` });
      if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) issues.push({ code: "not_positive", path: at, message: `expected a positive number, got ${describeValue(value)}` });
    }
    return issues;
  }
  return [{ code: "invalid_type", path, message: `expected a positive number, a { series } of rates or a distribution, got ${describeValue(rate)}` }];
}

/**
 * The rate that applies in quarter `quarter` (index as in quarter.ts): the constant, the series entry for
 * the quarter or else for its year, or the distribution spec unchanged (sample it, then call `convert`).
 * Throws `InputError` at [...path, "series"] when the series has no entry for the quarter or its year.
 *
 * @example
 * rateInQuarter({ series: { "2019": 0.145, "2019Q4": 0.142 } }, parsePeriod("2019Q4").first) // 0.142
 * rateInQuarter({ series: { "2019": 0.145, "2019Q4": 0.142 } }, parsePeriod("2019Q1").first) // 0.145
 */
export function rateInQuarter(
  rate: ExchangeRate,
  quarter: number,
  path: ReadonlyArray<string | number> = ["rate"],
): number | DistributionSpec {
  if (typeof rate === "number") return rate;
  if ("series" in rate) {
    const own = rate.series[formatQuarter(quarter)];
    if (own !== undefined) return own;
    const annual = rate.series[String(quarterYear(quarter))];
    if (annual !== undefined) return annual;
    throw new InputError([{ code: "required", path: [...path, "series"], message: `expected a rate for ${formatQuarter(quarter)} or ${quarterYear(quarter)}, got none` }]);
  }
  return rate;
}

/**
 * Converts `value` at a resolved numeric rate: value * rate.
 * Throws RangeError for a rate that is not a positive finite number (resolve distributions first).
 *
 * @example
 * convert(100, 0.145) // 14.499999999999998
 */
export function convert(value: number, rate: number): number {
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`convert: rate must be a positive finite number, got ${rate}`);
  return value * rate;
}

/**
 * Converts a quarterly series (`values[i]` in quarter `firstQuarter + i`) at a constant or per-period rate.
 * A distribution rate must be sampled first: pass the sampled number. Throws `InputError` (see
 * `rateInQuarter`) when a series rate is missing for a quarter.
 *
 * @example
 * convertQuarterly(parsePeriod("2019Q4").first, [10, 20], { series: { "2019": 0.145, "2020": 0.143 } })
 * // Float64Array [1.45, 2.86]
 */
export function convertQuarterly(
  firstQuarter: number,
  values: ArrayLike<number>,
  rate: number | RateSeries,
  path: ReadonlyArray<string | number> = ["rate"],
): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = convert(values[i], rateInQuarter(rate, firstQuarter + i, path) as number);
  return out;
}
