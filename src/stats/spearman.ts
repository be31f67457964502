import { rank } from "./rank.ts";

/**
 * Spearman's rank correlation: the Pearson correlation of the average ranks (see {@link rank}) of `x` and `y`,
 * which is what R's `cor(x, y, method = "spearman")` computes, ties included (the shortcut
 * 1 - 6 sum d^2 / (n (n^2 - 1)) is exact only without ties, so it is not used). Inputs are not mutated.
 *
 *     rho = sum (Rx_i - mean) (Ry_i - mean) / sqrt(sum (Rx_i - mean)^2 sum (Ry_i - mean)^2),  mean = (n + 1) / 2
 *
 * Complexity: O(n log n).
 * Returns NaN when either input is constant (all ranks tied: the correlation is undefined).
 * Throws: RangeError if the lengths differ, n < 2, or a value is NaN.
 *
 * @example spearman(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(5, 6, 7, 8, 7)) // 0.8207826816681233
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`spearman: expected inputs of equal length, got ${x.length} and ${y.length}`);
  if (x.length < 2) throw new RangeError(`spearman requires at least 2 data points, got ${x.length}`);
  return rankCorrelation(rank(x), rank(y));
}

/**
 * Spearman rank-correlation matrix of k columns of equal length (each ranked once): entry (i, j) is
 * `spearman(columns[i], columns[j])`, the diagonal 1 (NaN for a constant column).
 *
 * Complexity: O(k n log n + k^2 n). Throws as {@link spearman}.
 *
 * @example spearmanMatrix([Float64Array.of(1, 2, 3), Float64Array.of(3, 1, 2)]) // [[1, -0.5], [-0.5, 1]]
 */
export function spearmanMatrix(columns: readonly ArrayLike<number>[]): number[][] {
  const k = columns.length;
  const n = k > 0 ? columns[0].length : 0;
  for (let i = 0; i < k; i++) {
    if (columns[i].length !== n) throw new RangeError(`spearmanMatrix: expected columns of equal length, column ${i} has ${columns[i].length}, column 0 has ${n}`);
  }
  if (k > 0 && n < 2) throw new RangeError(`spearmanMatrix requires at least 2 data points, got ${n}`);
  const ranks = columns.map((column) => rank(column));
  const out: number[][] = [];
  for (let i = 0; i < k; i++) out.push(new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    out[i][i] = Number.isNaN(rankCorrelation(ranks[i], ranks[i])) ? NaN : 1;
    for (let j = 0; j < i; j++) {
      const rho = rankCorrelation(ranks[i], ranks[j]);
      out[i][j] = rho;
      out[j][i] = rho;
    }
  }
  return out;
}

/** Pearson correlation of two rank vectors (mean (n + 1) / 2 known exactly). */
function rankCorrelation(rx: Float64Array, ry: Float64Array): number {
  const n = rx.length;
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i] - mean;
    const dy = ry[i] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  const rho = sxy / Math.sqrt(sxx * syy);
  return rho > 1 ? 1 : rho < -1 ? -1 : rho;
}
