/**
 * Sample quantiles by linear interpolation between order statistics: with the values sorted as
 * x_0 <= ... <= x_{n-1} and h = (n - 1) p, Q(p) = x_floor(h) + (h - floor(h)) (x_floor(h)+1 - x_floor(h)).
 * This is R's type 7 and NumPy's default ("linear").
 */
import { blockedSquares } from "./blockSum.ts";
import { exp, log } from "../core/elementary.ts";

/** Quantiles of already-sorted values, for each p in `probabilities`. */
export function quantilesSorted(sorted: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantilesSorted requires at least 1 data point");
  return probabilities.map((p) => {
    checkProbability(p);
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  });
}

/** Throws RangeError unless p is in [0, 1]. */
export function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p: expected a number in [0, 1], got ${p}`);
}

/**
 * Quantiles of unsorted values (R type 7); does not mutate its input.
 *
 * Exact: the order statistics x_floor(h) and x_floor(h)+1 are found by counting into buckets (long columns)
 * or by selection (Floyd-Rivest, falling back to sorting a range that partitions badly) on a copy, O(n) per quantile on average instead of O(n log n) for a full sort; short columns (up to 1,024 values) are
 * sorted natively, which is faster there. The result equals sorting and indexing,
 * bit for bit. Values containing NaN are sorted instead (NaN sorts last, as Float64Array#sort does).
 * `scratch`, when given and at least as long as `values`, is used for the copy (no allocation).
 *
 * @throws RangeError when `values` is empty or a probability is outside [0, 1].
 * @example quantiles(Float64Array.of(3, 1, 2, 4), [0.5]) // [2.5]
 */
export function quantiles(values: ArrayLike<number>, probabilities: readonly number[], scratch?: Float64Array): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError("quantiles requires at least 1 data point");
  for (const p of probabilities) checkProbability(p);
  const work = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  work.set(values);
  return quantilesInPlace(work, probabilities);
}

/**
 * Quantiles (R type 7) of `work`, which it reorders: for callers that already hold a copy of their values.
 * Same results as `quantiles`, bit for bit.
 *
 * @throws RangeError when `work` is empty or a probability is outside [0, 1].
 */
export function quantilesInPlace(work: Float64Array, probabilities: readonly number[]): number[] {
  const n = work.length;
  if (n === 0) throw new RangeError("quantiles requires at least 1 data point");
  for (const p of probabilities) checkProbability(p);
  // Short columns: the engine's native sort beats selection, above all in a short run whose selection code
  // has not been compiled yet; sorting and indexing is the definition (NaN sorts last, as below), so the
  // numbers are the same.
  if (n <= SORTED_MAX) return quantilesSorted(work.sort(), probabilities);
  let low = work[0];
  let high = work[0];
  for (let i = 0; i < n; i++) {
    const v = work[i];
    if (v !== v) return quantilesSorted(work.sort(), probabilities);
    if (v < low) low = v;
    else if (v > high) high = v;
  }
  if (n >= BUCKETED_MIN) {
    const bucketed = bucketQuantiles(work, probabilities, low, high);
    if (bucketed) return bucketed;
  }

  // Lower order statistics x_floor(h), selected middle-first so each selection splits the range of the
  // others; x_floor(h)+1 is then the minimum of the values between x_floor(h) and the next selected one.
  const lows = [...new Set(probabilities.map((p) => Math.floor((n - 1) * p)))].sort((a, b) => a - b);
  selectMany(work, lows, 0, lows.length - 1, 0, n - 1);
  return probabilities.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = work[lo];
    if (lo + 1 >= n) return a + (h - lo) * (a - a);
    const next = lows.find((r) => r > lo) ?? n - 1;
    let b = work[lo + 1];
    for (let i = lo + 2; i <= next; i++) if (work[i] < b) b = work[i];
    return a + (h - lo) * (b - a);
  });
}

/**
 * Quantiles (R type 7) and the sum of squared deviations from `mean` of NaN-free `values` whose minimum and
 * maximum the caller already knows; `values` is not modified. The deviations are pooled over blocks
 * (`blockedSquares`), and only when the buckets cannot be used are the values copied (into `scratch` when
 * it is long enough).
 */
export function quantilesAndSquares(
  values: Float64Array,
  probabilities: readonly number[],
  low: number,
  high: number,
  mean: number,
  scratch?: Float64Array,
): { quantiles: number[]; squares: number } {
  for (const p of probabilities) checkProbability(p);
  const n = values.length;
  // The squared deviations pool each block's own (blockedSquares), so they need a pass of their own.
  const squares = blockedSquares(values, mean);
  const bucketed = n >= BUCKETED_MIN ? bucketQuantiles(values, probabilities, low, high) : null;
  if (bucketed) return { quantiles: bucketed, squares };
  const work = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float64Array(n);
  work.set(values);
  return { quantiles: quantilesInPlace(work, probabilities), squares };
}

/** Columns at most this long are sorted (natively) instead of selected. */
export const SORTED_MAX = 1024;
/** Columns at least this long use bucket selection first. */
const BUCKETED_MIN = 8192;
const BUCKETS = 4096;

/**
 * Exact order statistics by counting: values go to BUCKETS equal-width buckets between the minimum and the
 * maximum, b(x) = floor((x - low) * BUCKETS / (high - low)), which is monotone in x under floating-point
 * rounding, so the value of rank r lies in the bucket whose cumulative count first exceeds r, at position
 * r minus the count before it. Only the buckets holding the needed ranks are gathered and sorted: two
 * branch-light passes instead of partitioning. Returns null (use selection) when those buckets hold more
 * than n / 16 values (skewed data) or the range is not finite. Reads `work` without changing it.
 */
function bucketQuantiles(work: Float64Array, probabilities: readonly number[], low: number, high: number): number[] | null {
  const n = work.length;
  const scale = BUCKETS / (high - low);
  if (!Number.isFinite(scale) || !(scale > 0)) return null;
  const last = BUCKETS - 1;
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < n; i++) {
    const b = ((work[i] - low) * scale) | 0;
    counts[b > last ? last : b]++;
  }
  const before = new Int32Array(BUCKETS + 1);
  for (let b = 0; b < BUCKETS; b++) before[b + 1] = before[b] + counts[b];
  const ranks: number[] = [];
  for (const p of probabilities) {
    const lo = Math.floor((n - 1) * p);
    ranks.push(lo, Math.min(lo + 1, n - 1));
  }
  const bucketOfRank = (r: number): number => {
    let left = 0;
    let right = last;
    while (left < right) {
      const mid = (left + right) >>> 1;
      if (before[mid + 1] > r) right = mid;
      else left = mid + 1;
    }
    return left;
  };
  const wanted = [...new Set(ranks.map(bucketOfRank))].sort((a, b) => a - b);
  let size = 0;
  for (const b of wanted) size += counts[b];
  if (size > n / 16) return null;
  // Gather the wanted buckets into one buffer, bucket after bucket.
  const slot = new Int32Array(BUCKETS).fill(-1);
  const fill = new Int32Array(wanted.length);
  let offset = 0;
  wanted.forEach((b, j) => {
    slot[b] = j;
    fill[j] = offset;
    offset += counts[b];
  });
  const starts = Int32Array.from(fill);
  const gathered = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    const x = work[i];
    let b = ((x - low) * scale) | 0;
    if (b > last) b = last;
    const j = slot[b];
    if (j >= 0) gathered[fill[j]++] = x;
  }
  wanted.forEach((b, j) => gathered.subarray(starts[j], starts[j] + counts[b]).sort());
  const valueOfRank = (r: number): number => {
    const b = bucketOfRank(r);
    return gathered[starts[slot[b]] + (r - before[b])];
  };
  return probabilities.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = valueOfRank(lo);
    const b = valueOfRank(Math.min(lo + 1, n - 1));
    return a + (h - lo) * (b - a);
  });
}

function selectMany(a: Float64Array, ranks: readonly number[], first: number, last: number, left: number, right: number): void {
  if (first > last) return;
  const middle = (first + last) >>> 1;
  const k = ranks[middle];
  selectInPlace(a, k, left, right);
  selectMany(a, ranks, first, middle - 1, left, k - 1);
  selectMany(a, ranks, middle + 1, last, k + 1, right);
}

/**
 * Rearranges a[left..right] so that a[k] holds the value a sorted range would hold there, everything before
 * it is <= a[k] and everything after is >= a[k]. Floyd and Rivest's SELECT (CACM 18(3), 1975; the layout of
 * mourner/quickselect): a pivot chosen from a recursive selection in a sample brackets k tightly, so about
 * n + min(k, n - k) comparisons on average. A range whose partitions stop shrinking is sorted instead
 * (worst case O(n log n)).
 */
export function selectInPlace(a: Float64Array, k: number, left: number, right: number): void {
  let budget = 4 * Math.ceil(Math.log2(right - left + 2)) + 16;
  while (right > left) {
    if (budget-- === 0) {
      a.subarray(left, right + 1).sort();
      return;
    }
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = log(n);
      const s = 0.5 * exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const sampleLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const sampleRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectInPlace(a, k, sampleLeft, sampleRight);
    }
    const pivot = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > pivot) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
    }
    if (a[left] === pivot) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

