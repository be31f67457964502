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

/** Sum of squared deviations from `mean` of `values` in blocks of {@link SUM_BLOCK}. */
export function blockedSquares(values: ArrayLike<number>, mean: number): number {
  const total = new BlockTotal();
  for (let at = 0; at < values.length; at += SUM_BLOCK) total.add(blockSquares(values, at, Math.min(at + SUM_BLOCK, values.length), mean));
  return total.value();
}
