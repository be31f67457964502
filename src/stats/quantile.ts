/**
 * Sample quantiles by linear interpolation between order statistics: with the values sorted as
 * x_0 <= ... <= x_{n-1} and h = (n - 1) p, Q(p) = x_floor(h) + (h - floor(h)) (x_floor(h)+1 - x_floor(h)).
 * This is R's type 7 and NumPy's default ("linear").
 */

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

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p: expected a number in [0, 1], got ${p}`);
}

/**
 * Quantiles of unsorted values (R type 7); does not mutate its input.
 *
 * Exact: the order statistics x_floor(h) and x_floor(h)+1 are found by selection (Floyd-Rivest, falling back
 * to sorting a range that partitions badly) on a copy, O(n) per quantile on average instead of O(n log n) for a full sort; the result equals sorting and indexing,
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
  let nan = false;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) nan = true;
    work[i] = v;
  }
  if (nan) return quantilesSorted(work.sort(), probabilities);

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
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
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

/** Column name of a quantile: `p` and the percentile, two digits at least (`p05`, `p50`, `p2.5`). */
export function quantileName(p: number): string {
  const percent = Number((p * 100).toFixed(10));
  const text = String(percent);
  return `p${percent < 10 && Number.isInteger(percent) ? `0${text}` : text}`;
}
