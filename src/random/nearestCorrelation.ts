import { complete } from "../core/options.ts";
import { symmetricEigen, symmetrised, type SquareMatrix } from "./symmetricEigen.ts";

/** Options of {@link nearestCorrelation}. Filled in by one function; see each field's default. */
export interface NearestCorrelationOptions {
  /** Stop when ||Y - X||_F / ||Y||_F falls below this. @defaultValue 1e-10 */
  tolerance?: number;
  /** Give up (and say so in `converged`) after this many projection pairs. @defaultValue 10000 */
  maxIterations?: number;
  /**
   * Eigenvalue floor of the result before its diagonal is rescaled to 1; 0 gives a positive
   * semi-definite result, a small positive value a strictly positive definite one. @defaultValue 0
   */
  eigenvalueFloor?: number;
}

const NEAREST_DEFAULTS: Required<NearestCorrelationOptions> = { tolerance: 1e-10, maxIterations: 10000, eigenvalueFloor: 0 };

/** What {@link nearestCorrelation} found. */
export interface NearestCorrelationResult {
  /** The nearest correlation matrix: symmetric, unit diagonal, positive semi-definite. */
  matrix: number[][];
  /** Projection pairs used. */
  iterations: number;
  /** Whether the tolerance was reached within `maxIterations`. */
  converged: boolean;
  /** Frobenius distance from the input, ||A - result||_F. */
  distance: number;
}

/**
 * The correlation matrix nearest to a symmetric matrix `A` in the Frobenius norm: Higham's alternating
 * projections with Dykstra's correction (N. J. Higham, "Computing the nearest correlation matrix - a problem
 * from finance", IMA J. Numer. Anal. 22 (2002) 329-343, Algorithm 3.3 with W = I):
 *
 *     dS = 0, Y = A;  repeat  R = Y - dS;  X = P_S(R);  dS = X - R;  Y = P_U(X)
 *
 * where P_S clips negative eigenvalues to 0 (projection onto the positive semi-definite cone) and P_U sets the
 * diagonal to 1. After convergence the result is polished so that it is exactly what it claims: eigenvalues
 * clipped at `eigenvalueFloor`, then rescaled D^-1/2 X D^-1/2 to a unit diagonal (a congruence, so it stays
 * positive semi-definite) and symmetrised.
 *
 * Complexity: O(k^3) per iteration (one eigen-decomposition); linear convergence, typically tens to a few
 * hundred iterations for the small matrices of a scenario.
 * Throws: RangeError if `A` is not square or has non-finite entries.
 *
 * @example
 * // Higham (2002), section 4:
 * nearestCorrelation([[1, 1, 0], [1, 1, 1], [0, 1, 1]]).matrix
 * // [[1, 0.7606898533980163, 0.1572981061253909], [0.7606898533980163, 1, 0.7606898533980164],
 * //  [0.1572981061253909, 0.7606898533980164, 1]]   (Higham: 0.7607, 0.1573; 26 iterations)
 */
export function nearestCorrelation(matrix: SquareMatrix, options: NearestCorrelationOptions = {}): NearestCorrelationResult {
  const { tolerance, maxIterations, eigenvalueFloor } = complete(NEAREST_DEFAULTS, options);
  const k = matrix.length;
  const input = symmetrised(matrix, "nearestCorrelation");
  let y = input.map((row) => row.slice());
  let correction = zeros(k);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const r = subtract(y, correction);
    const x = projectPositiveSemidefinite(r, 0);
    correction = subtract(x, r);
    const next = x.map((row) => row.slice());
    for (let i = 0; i < k; i++) next[i][i] = 1;
    const change = frobenius(subtract(next, x)) / Math.max(frobenius(next), Number.MIN_VALUE);
    y = next;
    if (change <= tolerance) {
      converged = true;
      break;
    }
  }
  const polished = unitDiagonal(projectPositiveSemidefinite(y, eigenvalueFloor));
  return { matrix: polished, iterations, converged, distance: frobenius(subtract(input, polished)) };
}

/** (A + A^T) / 2 as fresh rows; throws on a non-square matrix or a non-finite entry. */
/** V max(Lambda, floor) V^T, symmetrised. */
function projectPositiveSemidefinite(matrix: number[][], floor: number): number[][] {
  const k = matrix.length;
  const { values, vectors } = symmetricEigen(matrix);
  const out = zeros(k);
  for (let m = 0; m < k; m++) {
    const lambda = Math.max(values[m], floor);
    if (lambda === 0) continue;
    const v = vectors[m];
    for (let i = 0; i < k; i++) {
      const vi = lambda * v[i];
      for (let j = 0; j <= i; j++) out[i][j] += vi * v[j];
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) out[j][i] = out[i][j];
  return out;
}

/** D^-1/2 X D^-1/2 with an exact unit diagonal. */
function unitDiagonal(matrix: number[][]): number[][] {
  const k = matrix.length;
  const scale = matrix.map((row, i) => (row[i] > 0 ? 1 / Math.sqrt(row[i]) : 0));
  const out = zeros(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const value = Math.max(-1, Math.min(1, matrix[i][j] * scale[i] * scale[j]));
      out[i][j] = value;
      out[j][i] = value;
    }
    out[i][i] = 1;
  }
  return out;
}

function zeros(k: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < k; i++) out.push(new Array<number>(k).fill(0));
  return out;
}

function subtract(a: number[][], b: number[][]): number[][] {
  return a.map((row, i) => row.map((value, j) => value - b[i][j]));
}

function frobenius(a: number[][]): number {
  let sum = 0;
  for (const row of a) for (const value of row) sum += value * value;
  return Math.sqrt(sum);
}
