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
  if (count > BLOCKED_FROM) return reconcileBlocked(revenue, shares, base, stride, count, paths);
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

/**
 * Providers from which {@link reconcileStrided} goes block by block. A chunk's cells of one period are
 * periods x paths values apart (a multiple of 4 KB), so path by path over many providers every read falls
 * in the same cache set and misses: 120 providers cost about 11 times as much per share as 6.
 */
const BLOCKED_FROM = 12;
/** Paths per block of {@link reconcileBlocked}: 8 cache lines of each provider. */
const BLOCK_PATHS = 64;
const blockTotals = new Float64Array(BLOCK_PATHS);
const blockChecks = new Float64Array(BLOCK_PATHS);

/**
 * {@link reconcileStrided} for many providers, 64 paths at a time, provider after provider: each provider's
 * cells of the block are read as 8 whole cache lines. Per path the same sums in the same order (0, then
 * provider 0, 1, ...), the same divisions and the same check, so the same shares bit for bit; a path whose
 * total is 0, overflows or is NaN is then redone alone (`reconcileOne`), and one whose shares sum above 1
 * is repaired, as there.
 */
function reconcileBlocked(revenue: Float64Array, shares: Float64Array, base: number, stride: number, count: number, paths: number): void {
  const totals = blockTotals;
  const checks = blockChecks;
  for (let from = 0; from < paths; from += BLOCK_PATHS) {
    const m = paths - from < BLOCK_PATHS ? paths - from : BLOCK_PATHS;
    const first = base + from;
    totals.fill(0, 0, m);
    checks.fill(0, 0, m);
    for (let k = 0, at = first; k < count; k++, at += stride) for (let i = 0; i < m; i++) totals[i] += revenue[at + i];
    for (let k = 0, at = first; k < count; k++, at += stride) {
      for (let i = 0; i < m; i++) {
        const share = revenue[at + i] / totals[i];
        shares[at + i] = share;
        checks[i] += share;
      }
    }
    for (let i = 0; i < m; i++) {
      const total = totals[i];
      if (!(total > 0 && total < Infinity)) reconcileOne(revenue, shares, base, first + i, stride, count);
      else if (checks[i] > 1) repairStrided(shares, first + i, stride, count);
    }
  }
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
  for (let step = 0, steps = count <= BLOCKED_FROM ? PLAIN_STEPS : 0; step < steps; step++) {
    let sum = 0;
    for (let at = first; at < end; at += stride) sum += shares[at];
    if (sum <= 1) return;
    shares[largest] = lower(shares[largest]);
  }
  // The terms before the largest add up the same whatever its value.
  let before = 0;
  for (let at = first; at < largest; at += stride) before += shares[at];
  shares[largest] = lowered(shares[largest], (value) => {
    let sum = before + value;
    for (let at = largest + stride; at < end; at += stride) sum += shares[at];
    return sum;
  });
}

/**
 * Steps a repair over a few providers (at most BLOCKED_FROM) takes one sum at a time before it estimates
 * them from the excess (`lowered`): there most repairs take a step or two. Over more providers the excess is
 * many units in the last place and the repair estimates at once.
 */
const PLAIN_STEPS = 16;

/**
 * `lower` applied n times, in a few steps per binade rather than n. For v = 2^e (1 + j 2^-52), v - v 2^-52
 * is v less 1 + j 2^-52 units in the last place, rounded to even: one unit while 0 < j < 2^51, two from
 * j = 2^51 up (the tie at 2^51 goes to the even two), and at j = 0 (a power of two) one `lower` into the
 * binade below. Runs of equal steps are taken at once (exact: every value on the way is a double of the
 * binade); values below 2^-900, where v 2^-52 would round, go one `lower` at a time.
 */
export function lowerTimes(value: number, n: number): number {
  let v = value;
  let left = n;
  while (left > 0) {
    if (!(v >= 2 ** -900 && v < Infinity)) {
      if (v <= 0) return 0;
      v = lower(v);
      left -= 1;
      continue;
    }
    let e = Math.floor(Math.log2(v));
    let base = 2 ** e;
    if (base > v) base = 2 ** --e;
    else if (base * 2 <= v) base = 2 ** ++e;
    const unit = 2 ** (e - 52);
    const j = (v - base) / unit;
    let steps: number;
    let by: number;
    if (j === 0) {
      v = lower(v);
      left -= 1;
      continue;
    } else if (j >= HALF_BINADE) [steps, by] = [Math.min(left, Math.floor((j - HALF_BINADE) / 2) + 1), 2];
    else [steps, by] = [Math.min(left, j), 1];
    v = base + (j - steps * by) * unit;
    left -= steps;
  }
  return v;
}

/** 2^51: from there up a binade's `lower` takes two units in the last place. */
const HALF_BINADE = 2 ** 51;

/**
 * The value the repair ends with: `lower` applied to the largest share `value` until `sumWith(v)` (the
 * left-to-right sum with v in its place) is <= 1, which is what lowering one step and summing again gives,
 * with far fewer sums. Each step lowers v by about v * 2^-52, so the sum's excess over 1 says roughly how
 * many steps remain: the search takes nine tenths of that many at once and sums again, and when a sum fits
 * it bisects between the last two. A sum never rises as v falls (a smaller term never raises a
 * left-to-right sum of non-negative terms), so the first step count that fits is the loop's: the same bits.
 * Why: over many providers the excess is many units in the last place of 1 and the largest share's unit is
 * smaller, so the loop took thousands of steps, each a sum over every provider (120 providers: most of a
 * run's time); counting by doubling still took about twenty sums a repair, this about three.
 */
export function lowered(value: number, sumWith: (v: number) => number): number {
  let failing = value;
  let sum = sumWith(failing);
  if (sum <= 1) return value;
  for (;;) {
    const guess = Math.floor((0.9 * (sum - 1)) / (failing * 2.220446049250313e-16));
    // At least one step; at most 2^40 at once (a value near 0 would ask for an unbounded number).
    const step = guess > 1 ? Math.min(guess, 2 ** 40) : 1;
    const candidate = lowerTimes(failing, step);
    const candidateSum = sumWith(candidate);
    // Lowered to 0 and still above 1: nothing lower to try.
    if (candidate === failing) return candidate;
    if (candidateSum > 1) {
      failing = candidate;
      sum = candidateSum;
      continue;
    }
    if (step === 1) return candidate;
    // The first fitting count lies in (0, step] steps after `failing`: bisection, `failing` moving up.
    let fitting = candidate;
    let low = 0;
    let high = step;
    while (high - low > 1) {
      // Halved as a double: counts reach 2^40, past what a 32-bit shift holds.
      const mid = Math.floor((low + high) / 2);
      const next = lowerTimes(failing, mid - low);
      if (sumWith(next) <= 1) {
        high = mid;
        fitting = next;
      } else {
        low = mid;
        failing = next;
      }
    }
    return fitting;
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
  for (let step = 0, steps = count <= BLOCKED_FROM ? PLAIN_STEPS : 0; step < steps; step++) {
    let sum = 0;
    for (let k = 0; k < count; k++) sum += shares[offsets[k] + i];
    if (sum <= 1) return;
    shares[at] = lower(shares[at]);
  }
  let before = 0;
  for (let k = 0; k < largest; k++) before += shares[offsets[k] + i];
  shares[at] = lowered(shares[at], (value) => {
    let sum = before + value;
    for (let k = largest + 1; k < count; k++) sum += shares[offsets[k] + i];
    return sum;
  });
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
  // The blocked route (more than BLOCKED_FROM providers: 13 here): a repaired path (revenues 1/7, 12/3 and
  // 1/(11 + k) for k = 2..12, whose shares sum to 1 + 2^-52), a zero and an overflowing total.
  const many = BLOCKED_FROM + 1;
  const wide = new Float64Array(many * 3);
  for (let k = 0; k < many; k++) {
    wide[k * 3] = k === 0 ? 1 / 7 : k === 1 ? 12 / 3 : 1 / (11 + k);
    wide[k * 3 + 2] = 1e308;
  }
  reconcileStrided(wide, new Float64Array(wide.length), 0, 3, many, 3);
}
primeRareBranches();
