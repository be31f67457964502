// Sums over paths in blocks of the chunk size, so that chunk-by-chunk summaries (passes, threads, shards)
// give the same bits as a whole column.

/**
 * Values are summed in blocks of this many, from the first (the engine's chunk size): each block's sum is
 * formed alone, and the block sums are then added in order. A run's chunks are its blocks, so a sum over
 * paths can be formed chunk by chunk, by any number of threads, shards or passes, with the same bits.
 */
export const SUM_BLOCK = 1024;

/**
 * Neumaier-compensated sum of `values[from..to)` (from < to), as simple-statistics' `sum` forms it: the
 * running sum starts at the first value and the correction is added once at the end.
 */
export function blockSum(values: ArrayLike<number>, from: number, to: number): number {
  let sum = values[from];
  let correction = 0;
  for (let i = from + 1; i < to; i++) {
    const x = values[i];
    const next = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) correction += sum - next + x;
    else correction += x - next + sum;
    sum = next;
  }
  return sum + correction;
}

/**
 * `blockSum` of values known to be >= 0 (no NaN): there |sum| >= |x| is sum >= x, so the same branches are
 * taken and the bits are the same, without two absolute values per value.
 */
export function blockSumNonNegative(values: ArrayLike<number>, from: number, to: number): number {
  let sum = values[from];
  let correction = 0;
  for (let i = from + 1; i < to; i++) {
    const x = values[i];
    const next = sum + x;
    if (sum >= x) correction += sum - next + x;
    else correction += x - next + sum;
    sum = next;
  }
  return sum + correction;
}

/** Plain sum of squared deviations from `mean` of `values[from..to)`, in order from 0. */
export function blockSquares(values: ArrayLike<number>, from: number, to: number, mean: number): number {
  let squares = 0;
  for (let i = from; i < to; i++) {
    const d = values[i] - mean;
    squares += d * d;
  }
  return squares;
}

/**
 * Adds block sums in block order, Neumaier-compensated (starting at the first block's sum): the second
 * level of the sums of {@link SUM_BLOCK}. One block gives its own sum back, bit for bit.
 */
export class BlockTotal {
  private sum = 0;
  private correction = 0;
  private blocks = 0;

  /** Adds the next block's sum. */
  add(x: number): void {
    if (this.blocks++ === 0) {
      this.sum = x;
      return;
    }
    const sum = this.sum;
    const next = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) this.correction += sum - next + x;
    else this.correction += x - next + sum;
    this.sum = next;
  }

  /** The total so far (0 before any block). */
  value(): number {
    return this.blocks <= 1 ? this.sum : this.sum + this.correction;
  }
}

/** Sum of `values` in blocks of {@link SUM_BLOCK} (see there). */
export function blockedSum(values: ArrayLike<number>): number {
  const total = new BlockTotal();
  for (let at = 0; at < values.length; at += SUM_BLOCK) total.add(blockSum(values, at, Math.min(at + SUM_BLOCK, values.length)));
  return total.value();
}

/** `blockedSum` of values known to be >= 0 (no NaN), bit for bit (see {@link blockSumNonNegative}). */
export function blockedSumNonNegative(values: ArrayLike<number>): number {
  const total = new BlockTotal();
  for (let at = 0; at < values.length; at += SUM_BLOCK) total.add(blockSumNonNegative(values, at, Math.min(at + SUM_BLOCK, values.length)));
  return total.value();
}

/**
 * A block's term of a pooled sum of squared deviations: the block's own squared deviations (`squares`,
 * from its own mean `sum / count`, as `blockSquares` forms them) plus count x (its mean - `mean`)^2, the
 * part its mean's distance from the whole column's adds. A block whose mean is the column's (a column of
 * one block) gives its squares back, bit for bit.
 */
export function pooledTerm(sum: number, squares: number, count: number, mean: number): number {
  const d = sum / count - mean;
  return squares + count * d * d;
}

/**
 * The pooled sum of squared deviations from `mean` of a column of `n` values in blocks of {@link SUM_BLOCK}
 * whose block sums and own squared deviations are `sums[at + b * stride]` and `squares[at + b * stride]`:
 * the blocks' {@link pooledTerm}s added compensated in block order (`BlockTotal`).
 *
 * Why pooled (Chan, Golub and LeVeque's update for combining groups) rather than the deviations of every
 * value from the column's mean: each block's part needs only that block's values, so a column can be
 * summarised in one round over its chunks, by any number of threads, shards or passes, before its mean is
 * known (engine/twoRounds.ts) with the same bits as a column held whole.
 */
export function pooledSquares(sums: ArrayLike<number>, squares: ArrayLike<number>, n: number, mean: number, stride = 1, at = 0): number {
  const total = new BlockTotal();
  for (let b = 0; b * SUM_BLOCK < n; b++) {
    const count = Math.min(SUM_BLOCK, n - b * SUM_BLOCK);
    total.add(pooledTerm(sums[at + b * stride], squares[at + b * stride], count, mean));
  }
  return total.value();
}

/**
 * Sum of squared deviations from `mean` of `values`, pooled over blocks of {@link SUM_BLOCK}
 * ({@link pooledSquares}): each block's squared deviations from its own mean (its `blockSum` over its
 * count), plus its count x the square of its mean's distance from `mean`.
 */
export function blockedSquares(values: ArrayLike<number>, mean: number): number {
  const n = values.length;
  const blocks = Math.ceil(n / SUM_BLOCK);
  const sums = new Float64Array(blocks);
  const squares = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const at = b * SUM_BLOCK;
    const end = Math.min(at + SUM_BLOCK, n);
    sums[b] = blockSum(values, at, end);
    squares[b] = blockSquares(values, at, end, sums[b] / (end - at));
  }
  return pooledSquares(sums, squares, n, mean);
}
