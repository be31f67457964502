// The summaries a result holds, as plain data: one row per cell, one probability per event, one comparison
// per benchmark. stats/ computes them; the engine assembles them into a Result; report/ and cli/ read them.
import type { MetricName } from "./layout.ts";

/**
 * The metric of a summary row: a simulated metric, or one derived from it at constant exchange rates
 * (engine/derivedRows.ts: revenue converted at the constant rates, and the shares of those revenues).
 */
export type RowMetric = MetricName | "revenueConstantCurrency" | "shareConstantCurrency" | "revenueReported" | "shareReported";

/** One summary row: a cell's mean, sample standard deviation and quantiles (R type 7) across paths. */
export interface SummaryRow {
  period: string;
  segment: string;
  provider: string;
  metric: RowMetric;
  mean: number;
  sd: number;
  [quantile: `p${number}`]: number;
}

/** Column name of a quantile in a {@link SummaryRow}: `p` and the percentile, two digits at least (`p05`, `p50`, `p2.5`). */
export function quantileName(p: number): string {
  const percent = Number((p * 100).toFixed(10));
  const text = String(percent);
  return `p${percent < 10 && Number.isInteger(percent) ? `0${text}` : text}`;
}

/**
 * Why quantile `k` of `list` cannot have a column of its own, or undefined when it can: it repeats an
 * earlier value, or its column name is an earlier one's (0.5000000000000001 is `p50`, as 0.5 is), so the
 * two would be one column. The one rule for quantile lists a user writes (flags, scenario files, specs).
 */
export function quantileRepeat(list: readonly number[], k: number): string | undefined {
  const q = list[k];
  if (list.indexOf(q) < k) return `expected each quantile once, got ${q} again`;
  const name = quantileName(q);
  const same = list.findIndex((other, j) => j < k && quantileName(other) === name);
  return same < 0 ? undefined : `expected quantiles with distinct column names, got ${q} named ${name} as ${list[same]} is`;
}

/** The numbers of one cell's summary: mean, sample sd, and one value per requested quantile. */
export interface CellSummary {
  mean: number;
  sd: number;
  quantiles: number[];
}

/**
 * The probability of an event across paths, with its Monte Carlo standard error sqrt(p (1 - p) / n) and its
 * exact 95% binomial interval (Clopper-Pearson), which stays honest when an event has few or no hits.
 */
export interface EventResult {
  id: string;
  description: string;
  probability: number;
  stderr: number;
  /** Clopper-Pearson 95% interval of the probability: [0, 1 - 0.025^(1/n)] when no path hits. */
  interval95: [number, number];
  /** First-passage events only: when the condition first holds, across paths. */
  passage?: PassageTime;
  /** The source the event was asked of (the scenario's `observations`), when not the truth. */
  reportedBy?: string;
}

/**
 * The distribution of a first-passage time: the quarter by which half the paths have passed (null when
 * fewer than half pass by the event's `by`), and the cumulative probability of having passed by the end of
 * each calendar year from the first simulated quarter to `by` (a year cut by `by` ends at `by`).
 */
export interface PassageTime {
  medianQuarter: string | null;
  byYear: Array<{ year: string; probability: number }>;
}

/** Where a published or actual value falls in the simulated distribution. */
export interface BenchmarkResult {
  id: string;
  source: string;
  type: "forecast" | "actual";
  metric: MetricName;
  provider: string;
  segment: string;
  period: string;
  value: number;
  /** Mid-rank percentile of the value among the simulated paths: (#below + #equal / 2) / n, in [0, 1]. */
  percentile: number;
  /** Simulated median (R type 7). */
  median: number;
  /** Median minus the benchmark value. */
  medianError: number;
  /** (median - value) / |value|; null when that is not finite (a value of 0, or one so small it overflows). */
  relativeError: number | null;
  /** The source the cell was seen through (the published value's), when not the truth. */
  reportedBy?: string;
}
