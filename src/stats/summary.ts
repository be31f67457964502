import type { MetricName } from "../samples/layout.ts";
import type { CellSummary, SummaryRow } from "../samples/summaries.ts";
import { blockedSquares, blockedSum, blockedSumNonNegative } from "./blockSum.ts";
import { SORTED_MAX, quantiles, quantilesAndSquares, quantilesSorted } from "./quantile.ts";

/**
 * Mean, sample standard deviation (n - 1) and R type 7 quantiles of one cell's values; never mutates them.
 *
 * The mean is a sum over n; the sd the square root of the sum of squared deviations from that mean over
 * n - 1 (0 for one value). Both sums are formed in blocks of {@link SUM_BLOCK} values: within a block the
 * sum is simple-statistics' (Neumaier-compensated) and the squares a plain sum, and the block totals are
 * added in order, compensated. Up to 1,024 values that is bit for bit simple-statistics' `mean` and
 * `sampleStandardDeviation`; beyond, it is what lets a run summarise chunk by chunk (runs larger than
 * memory, shards) with the same bits. `scratch` (length >= n) avoids allocating the quantiles' working copy.
 */
export function summariseValues(values: Float64Array, probabilities: readonly number[], scratch?: Float64Array): CellSummary {
  const n = values.length;
  if (n === 0) throw new RangeError("summariseValues requires at least 1 data point");
  if (n <= SORTED_MAX) return summariseShort(values, probabilities, scratch);
  // One pass: the range, NaN, and the block sums.
  let low = values[0];
  let high = values[0];
  let nan = low !== low;
  for (let i = 1; i < n; i++) {
    const x = values[i];
    if (x < low) low = x;
    else if (x > high) high = x;
    else if (x !== x) nan = true;
  }
  // A constant cell: its mean is the value and its sd 0, exactly.
  if (!nan && low === high) return { mean: low, sd: 0, quantiles: probabilities.map(() => low) };
  let mean = blockedSum(values) / n;
  if (!Number.isFinite(mean) && !nan) mean = scaledMean(values);
  let squares: number;
  let qs: number[];
  if (nan) {
    squares = Number.NaN;
    qs = quantiles(values, probabilities, scratch);
  } else {
    // Squared deviations with the quantiles: one or two more passes over the column, which stays unchanged.
    ({ quantiles: qs, squares } = quantilesAndSquares(values, probabilities, low, high, mean, scratch));
  }
  return { mean, sd: sampleSd(squares, n, values, mean), quantiles: qs };
}

/**
 * `summariseValues` of a short column (at most SORTED_MAX values, which are sorted for their quantiles
 * anyway): the sorted copy gives the range and NaN (sorted last), so the column is read twice more (sum,
 * squared deviations) instead of three times. Same numbers as the long path, bit for bit.
 */
function summariseShort(values: Float64Array, probabilities: readonly number[], scratch?: Float64Array): CellSummary {
  const n = values.length;
  const sorted = sortedCopy(values, scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n));
  const nan = sorted[n - 1] !== sorted[n - 1];
  // A constant cell: the first value (as the long path keeps it, whatever the sign of a zero).
  if (!nan && sorted[0] === sorted[n - 1]) {
    const first = values[0];
    return { mean: first, sd: 0, quantiles: probabilities.map(() => first) };
  }
  // Revenues and shares are never negative: their sum needs no absolute values (same bits).
  let mean = (!nan && sorted[0] >= 0 ? blockedSumNonNegative(values) : blockedSum(values)) / n;
  if (!Number.isFinite(mean) && !nan) mean = scaledMean(values);
  const squares = nan ? Number.NaN : blockedSquares(values, mean);
  return { mean, sd: sampleSd(squares, n, values, mean), quantiles: quantilesSorted(sorted, probabilities) };
}

/**
 * `values` sorted into `out` exactly as Float64Array#sort orders them. Sorting the bit patterns as unsigned
 * integers is faster and gives that order when no value has its sign bit set or is NaN (those would sort
 * last, above +Infinity), which the last sorted value tells; otherwise the values are sorted as numbers.
 */
function sortedCopy(values: Float64Array, out: Float64Array): Float64Array {
  const n = out.length;
  out.set(values);
  new BigUint64Array(out.buffer, out.byteOffset, n).sort();
  const last = out[n - 1];
  if (last > 0 || (last === 0 && 1 / last > 0)) return out;
  out.set(values);
  return out.sort();
}

/**
 * The sample sd from a sum of squared deviations (0 for one value; rescaled when the squares overflow: their
 * sum is then infinite, or NaN once its compensation met an infinity, while the mean is a number).
 */
export function sampleSd(squares: number, n: number, values: Float64Array | null, mean: number): number {
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  if (sd !== Infinity && !(sd !== sd && mean === mean)) return sd;
  if (!values) throw new RangeError("sampleSd: the squared deviations overflow; the values are needed to rescale them");
  return scaledSd(values, mean);
}

/** Mean of values whose sum overflows: each divided by n before adding. */
function scaledMean(values: Float64Array): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] / n;
  return sum;
}

/** Sample sd of values whose squared deviations overflow: deviations scaled by the largest first. */
function scaledSd(values: Float64Array, mean: number): number {
  const n = values.length;
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(values[i] - mean));
  if (!(largest > 0 && largest < Infinity)) return largest === 0 ? 0 : Infinity;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] - mean) / largest;
    squares += d * d;
  }
  return largest * Math.sqrt(squares / (n - 1));
}

/** A summary row from a cell's labels and numbers, quantile columns named by `quantileName`. */
export function summaryRow(
  labels: { period: string; segment: string; provider: string; metric: MetricName },
  summary: CellSummary,
  names: readonly string[],
): SummaryRow {
  const row: SummaryRow = { period: labels.period, segment: labels.segment, provider: labels.provider, metric: labels.metric, mean: summary.mean, sd: summary.sd };
  for (let j = 0; j < names.length; j++) row[names[j] as `p${number}`] = summary.quantiles[j];
  return row;
}
