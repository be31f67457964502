/**
 * Reconciliation: revenues to shares on the simplex, exactly.
 *
 * For revenues r_1..r_n >= 0 with total T (summed left to right), share_k = r_k / T. Each share is in
 * [0, 1] because r_k <= T in floating point (rounding is monotone). A total that overflows to infinity
 * is computed on the revenues divided by the largest. The left-to-right sum of the shares
 * can still exceed 1 by a few units in the last place; when it does, the largest share is lowered until
 * the sum is <= 1 exactly. When T is 0 every share is 0.
 */

/** Lowers `shares[at]` by at least one unit in the last place. */
function lower(value: number): number {
  if (value <= 0) return 0;
  const next = value - value * 2.220446049250313e-16;
  return next < value ? next : 0;
}

/**
 * Writes shares for `count` providers of one period, vectorised over `paths`:
 * revenue of provider k on path i is `revenue[revenueOffsets[k] + i]`, its share goes to
 * `shares[shareOffsets[k] + i]`. `total` is scratch of length >= paths.
 */
export function reconcileShares(
  revenue: Float64Array,
  revenueOffsets: readonly number[],
  shares: Float64Array,
  shareOffsets: readonly number[],
  count: number,
  paths: number,
  total: Float64Array,
): void {
  total.fill(0, 0, paths);
  for (let k = 0; k < count; k++) {
    const base = revenueOffsets[k];
    for (let i = 0; i < paths; i++) total[i] += revenue[base + i];
  }
  for (let k = 0; k < count; k++) {
    const from = revenueOffsets[k];
    const to = shareOffsets[k];
    for (let i = 0; i < paths; i++) {
      const sum = total[i];
      shares[to + i] = sum > 0 ? revenue[from + i] / sum : 0;
    }
  }
  // A total that overflows although every revenue is finite: shares of the revenues scaled by the largest.
  for (let i = 0; i < paths; i++) {
    if (total[i] === Infinity) overflowedTotal(revenue, revenueOffsets, shares, shareOffsets, count, i);
  }
  // Check the left-to-right sums; repair the rare path whose sum exceeds 1.
  total.fill(0, 0, paths);
  for (let k = 0; k < count; k++) {
    const base = shareOffsets[k];
    for (let i = 0; i < paths; i++) total[i] += shares[base + i];
  }
  for (let i = 0; i < paths; i++) {
    if (total[i] > 1) repairPath(shares, shareOffsets, count, i);
  }
}

function overflowedTotal(
  revenue: Float64Array,
  revenueOffsets: readonly number[],
  shares: Float64Array,
  shareOffsets: readonly number[],
  count: number,
  i: number,
): void {
  let largest = 0;
  for (let k = 0; k < count; k++) largest = Math.max(largest, revenue[revenueOffsets[k] + i]);
  if (!(largest < Infinity)) return;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += revenue[revenueOffsets[k] + i] / largest;
  for (let k = 0; k < count; k++) shares[shareOffsets[k] + i] = revenue[revenueOffsets[k] + i] / largest / sum;
}

function repairPath(shares: Float64Array, offsets: readonly number[], count: number, i: number): void {
  let largest = 0;
  for (let k = 1; k < count; k++) if (shares[offsets[k] + i] > shares[offsets[largest] + i]) largest = k;
  const at = offsets[largest] + i;
  for (;;) {
    let sum = 0;
    for (let k = 0; k < count; k++) sum += shares[offsets[k] + i];
    if (sum <= 1) return;
    shares[at] = lower(shares[at]);
  }
}

/** Sums shares left to right (the order the invariant is stated in). */
export function leftToRightSum(values: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  return sum;
}
