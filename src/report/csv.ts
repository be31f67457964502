import { PERIOD_PART_COLUMNS, rowPeriodParts } from "../samples/columns.ts";
import { recordsToCsv } from "../samples/records.ts";
import { quantileName, type SummaryRow } from "../samples/summaries.ts";

/** The columns of the summary CSV for the given quantile probabilities, in order. */
export function summaryCsvColumns(probabilities: readonly number[]): string[] {
  return ["period", ...PERIOD_PART_COLUMNS, "segment", "provider", "metric", "mean", "sd", ...probabilities.map(quantileName)];
}

/**
 * Summary rows as CSV (`sharecast run --format csv`, `summary.csv`):
 * `period,periodKind,year,quarter,segment,provider,metric,mean,sd,p05,...`. The tidy period columns are
 * {@link rowPeriodParts}'s (`quarter` empty for a year or fiscal year); numbers at full precision (JavaScript's
 * shortest round-trip form), RFC 4180 quoting as `recordsToCsv`. O(rows).
 *
 * @throws RangeError for a row whose period is not `2020`, `2020Q1` or `FY2020`.
 * @example
 * // result: tests/cli/fixtures/fiscal.yaml, 1,500 paths, seed 5; years first, then quarters, then fiscal years
 * rowsToCsv(result.rows, result.meta.quantiles).split("\n").slice(0, 2)
 * // ["period,periodKind,year,quarter,segment,provider,metric,mean,sd,p05,p25,p50,p75,p95",
 * //  "2020,year,2020,,total,alpha,revenue,47.26524542472961,2.346571116351358,43.365363035104416,..."]
 */
export function rowsToCsv(rows: readonly SummaryRow[], probabilities: readonly number[]): string {
  const parts = new Map<string, ReturnType<typeof rowPeriodParts>>();
  const records = rows.map((row) => {
    let period = parts.get(row.period);
    if (period === undefined) parts.set(row.period, (period = rowPeriodParts(row.period)));
    return { ...row, ...period };
  });
  return recordsToCsv(records, summaryCsvColumns(probabilities));
}
