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
 * @example rowsToCsv(result.rows, [0.5]).split("\n")[1] // "2020Q1,quarter,2020,1,total,alpha,share,0.41...,0.02...,0.41..."
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
