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
 * `shares[shareOffsets[k] + i]`. One pass, path by path: the total, the shares, and the left-to-right check
 * of their sum (the same sums, in the same order, as adding provider after provider over every path).
 * `total` is kept for callers that pass scratch; it is not used.
 */
export function reconcileShares(
  revenue: Float64Array,
  revenueOffsets: readonly number[],
  shares: Float64Array,
  shareOffsets: readonly number[],
  count: number,
  paths: number,
  _total?: Float64Array,
): void {
  for (let i = 0; i < paths; i++) {
    let sum = 0;
    for (let k = 0; k < count; k++) sum += revenue[revenueOffsets[k] + i];
    let check = 0;
    if (sum > 0) {
      for (let k = 0; k < count; k++) {
        const share = revenue[revenueOffsets[k] + i] / sum;
        shares[shareOffsets[k] + i] = share;
        check += share;
      }
    } else for (let k = 0; k < count; k++) shares[shareOffsets[k] + i] = 0;
    // A total that overflows although every revenue is finite: shares of the revenues scaled by the largest.
    if (sum === Infinity) check = overflowedTotal(revenue, revenueOffsets, shares, shareOffsets, count, i);
    // The rare path whose left-to-right sum exceeds 1 is repaired.
    if (check > 1) repairPath(shares, shareOffsets, count, i);
  }
}

/**
 * {@link reconcileShares} for providers whose cells are evenly spaced, the layout of a chunk: provider k's
 * revenue of path i at `revenue[base + k * stride + i]`, its share at `shares[base + k * stride + i]`.
 * The same sums in the same order, so the same shares bit for bit. Two paths at a time (two independent
 * chains of additions and divisions), each alone where a total is 0 or overflows.
 */
export function reconcileStrided(revenue: Float64Array, shares: Float64Array, base: number, stride: number, count: number, paths: number): void {
  const end = base + count * stride;
  const last = base + paths;
  let first = base;
  for (; first + 1 < last; first += 2) {
    let sum = 0;
    let next = 0;
    for (let at = first; at < end; at += stride) {
      sum += revenue[at];
      next += revenue[at + 1];
    }
    if (sum > 0 && next > 0 && sum < Infinity && next < Infinity) {
      let check = 0;
      let nextCheck = 0;
      for (let at = first; at < end; at += stride) {
        const share = revenue[at] / sum;
        const nextShare = revenue[at + 1] / next;
        shares[at] = share;
        shares[at + 1] = nextShare;
        check += share;
        nextCheck += nextShare;
      }
      if (check > 1) repairStrided(shares, first, stride, count);
      if (nextCheck > 1) repairStrided(shares, first + 1, stride, count);
    } else {
      reconcileOne(revenue, shares, base, first, stride, count);
      reconcileOne(revenue, shares, base, first + 1, stride, count);
    }
  }
  if (first < last) reconcileOne(revenue, shares, base, first, stride, count);
}

/** One path of {@link reconcileStrided}, any total: provider 0's cell at `first`. */
function reconcileOne(revenue: Float64Array, shares: Float64Array, base: number, first: number, stride: number, count: number): void {
  const end = first + count * stride;
  let sum = 0;
  for (let at = first; at < end; at += stride) sum += revenue[at];
  let check = 0;
  if (sum > 0) {
    for (let at = first; at < end; at += stride) {
      const share = revenue[at] / sum;
      shares[at] = share;
      check += share;
    }
  } else for (let at = first; at < end; at += stride) shares[at] = 0;
  if (sum === Infinity) {
    const offsets: number[] = [];
    for (let k = 0; k < count; k++) offsets.push(base + k * stride);
    check = overflowedTotal(revenue, offsets, shares, offsets, count, first - base);
  }
  if (check > 1) repairStrided(shares, first, stride, count);
}

/** {@link repairPath} for evenly spaced providers: the first largest share is lowered until the sum is <= 1. */
function repairStrided(shares: Float64Array, first: number, stride: number, count: number): void {
  const end = first + count * stride;
  let largest = first;
  for (let at = first + stride; at < end; at += stride) if (shares[at] > shares[largest]) largest = at;
  for (;;) {
    let sum = 0;
    for (let at = first; at < end; at += stride) sum += shares[at];
    if (sum <= 1) return;
    shares[largest] = lower(shares[largest]);
  }
}

function overflowedTotal(
  revenue: Float64Array,
  revenueOffsets: readonly number[],
  shares: Float64Array,
  shareOffsets: readonly number[],
  count: number,
  i: number,
): number {
  let largest = 0;
  for (let k = 0; k < count; k++) largest = Math.max(largest, revenue[revenueOffsets[k] + i]);
  if (largest < Infinity) {
    let sum = 0;
    for (let k = 0; k < count; k++) sum += revenue[revenueOffsets[k] + i] / largest;
    for (let k = 0; k < count; k++) shares[shareOffsets[k] + i] = revenue[revenueOffsets[k] + i] / largest / sum;
  }
  // The path's left-to-right sum of its shares, as they now stand.
  let check = 0;
  for (let k = 0; k < count; k++) check += shares[shareOffsets[k] + i];
  return check;
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

/**
 * Runs the rare branches of {@link reconcileStrided} once when the module loads: a share sum above 1 (on
 * the two-path and the one-path route), a zero total, an overflowing total. The kernel's year-and-share
 * loop inlines them; without type feedback for them, the first repair of a run threw that loop's optimised
 * code away, and each further first-time branch again (8 deoptimisations in a 200k-path run of the
 * canonical model). Revenues 1/7, 5/3, 1/11 give shares whose left-to-right sum is 1 + 2^-52. The values
 * computed here are discarded.
 */
function primeRareBranches(): void {
  const repair = [1 / 7, 5 / 3, 1 / 11];
  // Three providers, three paths (paths 0 and 1 on the two-path route, path 2 alone), each repaired.
  const revenue = new Float64Array(9);
  for (let k = 0; k < 3; k++) for (let i = 0; i < 3; i++) revenue[k * 3 + i] = repair[k];
  reconcileStrided(revenue, new Float64Array(9), 0, 3, 3, 3);
  // A zero total and an overflowing total (finite revenues whose sum is infinite).
  const edge = Float64Array.of(0, 1e308, 0, 1e308, 0, 1e308);
  reconcileStrided(edge, new Float64Array(6), 0, 2, 3, 2);
}
primeRareBranches();
