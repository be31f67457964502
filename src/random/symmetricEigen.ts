/** A square matrix as rows of numbers (small: correlation matrices have one row per uncertain input). */
export type SquareMatrix = readonly (readonly number[])[];

/** Eigenvalues (ascending) and matching unit eigenvectors of a real symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: number[];
  /** `vectors[m]` is the unit eigenvector of `values[m]`. */
  vectors: number[][];
}

/** (A + A^T) / 2 as a fresh array, checking the matrix is square with finite entries. */
export function symmetrised(matrix: SquareMatrix, caller: string): number[][] {
  const k = matrix.length;
  const out: number[][] = [];
  for (let i = 0; i < k; i++) {
    const row = matrix[i];
    if (row === undefined || row.length !== k) throw new RangeError(`${caller}: expected a square matrix, row ${i} has ${row?.length ?? 0} entries for ${k} rows`);
    out.push(new Array<number>(k));
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const value = 0.5 * (matrix[i][j] + matrix[j][i]);
      if (!Number.isFinite(value)) throw new RangeError(`${caller}: expected finite entries, got ${value} at (${i}, ${j})`);
      out[i][j] = value;
      out[j][i] = value;
    }
  }
  return out;
}

const MAX_SWEEPS = 100;

/**
 * Eigen-decomposition of a real symmetric matrix, A = V diag(values) V^T, by the cyclic Jacobi method:
 * plane rotations J = [[c, s], [-s, c]] on each pair (p, q) with t = tan(phi) the smaller root of
 * t^2 + 2 theta t - 1 = 0, theta = (a_qq - a_pp) / (2 a_pq), zero the off-diagonal entry; sweeps repeat
 * until the off-diagonal mass is below 1e-30 of the matrix's (Golub & Van Loan, Matrix Computations,
 * section 8.5). Written here rather than taken from mathjs because loading mathjs costs about 1.4 s at every
 * start of the command line and of every worker thread, for one small decomposition.
 *
 * Complexity: O(k^3) per sweep; a few sweeps (quadratic convergence).
 * Throws: RangeError if the matrix is not square or has a non-finite entry, or if 100 sweeps do not converge.
 *
 * @example
 * symmetricEigen([[2, 1], [1, 2]]).values // [1, 3]
 */
export function symmetricEigen(matrix: SquareMatrix): SymmetricEigen {
  const a = symmetrised(matrix, "symmetricEigen");
  const k = a.length;
  const v: number[][] = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  let total = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) total += a[i][j] * a[i][j];
  let converged = k < 2;
  for (let sweep = 0; sweep < MAX_SWEEPS && !converged; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p][q] * a[p][q];
    if (off <= 1e-30 * total || off === 0) {
      converged = true;
      break;
    }
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p][q];
        if (apq === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * apq);
        const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r][p];
          const arq = a[r][q];
          a[r][p] = c * arp - s * arq;
          a[r][q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p][r];
          const aqr = a[q][r];
          a[p][r] = c * apr - s * aqr;
          a[q][r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r][p];
          const vrq = v[r][q];
          v[r][p] = c * vrp - s * vrq;
          v[r][q] = s * vrp + c * vrq;
        }
      }
    }
  }
  if (!converged) throw new RangeError(`symmetricEigen: no convergence after ${MAX_SWEEPS} sweeps`);
  const order = a.map((row, m) => m).sort((x, y) => a[x][x] - a[y][y]);
  return { values: order.map((m) => a[m][m]), vectors: order.map((m) => v.map((row) => row[m])) };
}
