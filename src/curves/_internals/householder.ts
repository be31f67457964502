/**
 * Householder QR for the small dense least-squares problems of curve fitting.
 * Matrices are row-major Float64Arrays: element (i, j) of an m x p matrix is at i * p + j.
 */

/**
 * Solves min |A x - b|^2 in place by Householder QR (A is m x p, m >= p; A and b are overwritten).
 * Returns x, or undefined when R has a zero (or non-finite) diagonal entry.
 */
export function householderSolve(A: Float64Array, b: Float64Array, m: number, p: number): Float64Array | undefined {
  if (!householderTriangularise(A, b, m, p)) return undefined;
  const x = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    let s = b[k];
    for (let j = k + 1; j < p; j++) s -= A[k * p + j] * x[j];
    x[k] = s / A[k * p + k];
  }
  return x;
}

/**
 * (A'A)^-1 for an m x p matrix A (m >= p) from its QR factor: R^-1 R^-T. A is overwritten.
 * Returns a row-major p x p matrix, or undefined when A is rank deficient to working precision.
 */
export function inverseGram(A: Float64Array, m: number, p: number): Float64Array | undefined {
  if (!householderTriangularise(A, undefined, m, p)) return undefined;
  let largest = 0;
  for (let k = 0; k < p; k++) largest = Math.max(largest, Math.abs(A[k * p + k]));
  for (let k = 0; k < p; k++) if (Math.abs(A[k * p + k]) <= largest * 1e-14) return undefined;
  // Rinv: upper triangular inverse of R.
  const Rinv = new Float64Array(p * p);
  for (let k = p - 1; k >= 0; k--) {
    Rinv[k * p + k] = 1 / A[k * p + k];
    for (let j = k + 1; j < p; j++) {
      let s = 0;
      for (let l = k + 1; l <= j; l++) s += A[k * p + l] * Rinv[l * p + j];
      Rinv[k * p + j] = -s / A[k * p + k];
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let l = j; l < p; l++) s += Rinv[i * p + l] * Rinv[j * p + l];
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
  return out;
}

/** Reduces A to R (upper p x p block) and applies the same reflections to b; false if a column vanishes. */
function householderTriangularise(A: Float64Array, b: Float64Array | undefined, m: number, p: number): boolean {
  const v = new Float64Array(m);
  for (let k = 0; k < p; k++) {
    let scale = 0;
    for (let i = k; i < m; i++) scale = Math.max(scale, Math.abs(A[i * p + k]));
    if (!(scale > 0) || !Number.isFinite(scale)) return false;
    let norm2 = 0;
    for (let i = k; i < m; i++) {
      const a = A[i * p + k] / scale;
      norm2 += a * a;
    }
    const norm = scale * Math.sqrt(norm2);
    const alpha = A[k * p + k] > 0 ? -norm : norm;
    let vNorm2 = 0;
    for (let i = k; i < m; i++) {
      v[i] = A[i * p + k] - (i === k ? alpha : 0);
      vNorm2 += v[i] * v[i];
    }
    if (!(vNorm2 > 0)) continue;
    for (let j = k; j < p; j++) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * A[i * p + j];
      const f = (2 * s) / vNorm2;
      for (let i = k; i < m; i++) A[i * p + j] -= f * v[i];
    }
    if (b) {
      let s = 0;
      for (let i = k; i < m; i++) s += v[i] * b[i];
      const f = (2 * s) / vNorm2;
      for (let i = k; i < m; i++) b[i] -= f * v[i];
    }
  }
  return true;
}
