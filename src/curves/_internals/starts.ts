/** Helpers for the data-driven starting values of the curve families. */

/** Range facts about the data used by every starting-value generator. */
export interface DataShape {
  tMin: number;
  tMax: number;
  /** tMax - tMin, or 1 when the times do not vary. */
  span: number;
  yMin: number;
  yMax: number;
  /** Largest |y|, or 1 when every y is 0. */
  yScale: number;
}

export function dataShape(t: ArrayLike<number>, y: ArrayLike<number>): DataShape {
  let tMin = Infinity;
  let tMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i < t.length; i++) {
    if (t[i] < tMin) tMin = t[i];
    if (t[i] > tMax) tMax = t[i];
    if (y[i] < yMin) yMin = y[i];
    if (y[i] > yMax) yMax = y[i];
  }
  const span = tMax > tMin ? tMax - tMin : 1;
  const yScale = Math.max(Math.abs(yMin), Math.abs(yMax)) || 1;
  return { tMin, tMax, span, yMin, yMax, yScale };
}

/** Ordinary least squares of z on x over the points where `keep` holds; undefined with < 2 distinct x. */
export function lineThrough(
  x: ArrayLike<number>,
  z: (i: number) => number,
  keep: (i: number) => boolean,
): { intercept: number; slope: number } | undefined {
  let n = 0;
  let sx = 0;
  let sz = 0;
  for (let i = 0; i < x.length; i++) {
    if (!keep(i)) continue;
    const zi = z(i);
    if (!Number.isFinite(zi)) continue;
    n++;
    sx += x[i];
    sz += zi;
  }
  if (n < 2) return undefined;
  const mx = sx / n;
  const mz = sz / n;
  let sxx = 0;
  let sxz = 0;
  for (let i = 0; i < x.length; i++) {
    if (!keep(i)) continue;
    const zi = z(i);
    if (!Number.isFinite(zi)) continue;
    sxx += (x[i] - mx) * (x[i] - mx);
    sxz += (x[i] - mx) * (zi - mz);
  }
  if (!(sxx > 0)) return undefined;
  const slope = sxz / sxx;
  const intercept = mz - slope * mx;
  return Number.isFinite(slope) && Number.isFinite(intercept) ? { intercept, slope } : undefined;
}

/** Candidate ceilings (K, m) as multiples of the largest observation. */
export const ceilingMultiples = [1.05, 1.5, 3, 10] as const;

/** Keeps candidates whose every entry is finite, dropping duplicates. */
export function finiteCandidates(candidates: number[][]): number[][] {
  const out: number[][] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (!c.every(Number.isFinite)) continue;
    const key = c.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}
