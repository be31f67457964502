// Shared helpers of the shock-structure tests: per-path quarterly revenues straight from the kernel, and
// sample moments with their Monte Carlo standard errors.
import { prepare } from "../../src/engine/prepare.ts";
import { ChunkSimulator, CHUNK_SIZE } from "../../src/engine/kernel.ts";
import { cellIndex } from "../../src/samples/layout.ts";

/** Quarterly revenue of every provider on every path: `revenue(k, t)` for provider index k, quarter t = 0..T-1. */
export function quarterlyRevenue(scenario: unknown, paths: number, seed: number): { revenue: (k: number, t: number) => Float64Array; providers: string[] } {
  const compiled = prepare(scenario, { paths, seed }).compiled;
  const sim = new ChunkSimulator(compiled);
  const nYears = compiled.years.length;
  const cache = new Map<string, Float64Array>();
  const chunks: Array<{ revenue: Float64Array; paths: number }> = [];
  for (let c = 0; c * CHUNK_SIZE < paths; c++) {
    const n = Math.min(CHUNK_SIZE, paths - c * CHUNK_SIZE);
    chunks.push({ revenue: sim.run(c, n).revenue.slice(), paths: n });
  }
  const revenue = (k: number, t: number) => {
    const key = `${k}/${t}`;
    let out = cache.get(key);
    if (!out) {
      out = new Float64Array(paths);
      let at = 0;
      for (const chunk of chunks) {
        const from = cellIndex(compiled, 0, k, nYears + t) * chunk.paths;
        out.set(chunk.revenue.subarray(from, from + chunk.paths), at);
        at += chunk.paths;
      }
      cache.set(key, out);
    }
    return out;
  };
  return { revenue, providers: compiled.providers };
}

/** log(b / a) elementwise. */
export function logRatio(a: Float64Array, b: Float64Array): Float64Array {
  return b.map((x, i) => Math.log(x / a[i]));
}

export function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** Sample variance (n - 1). */
export function variance(x: Float64Array): number {
  const m = mean(x);
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return s / (x.length - 1);
}

/** Pearson correlation. */
export function correlation(x: Float64Array, y: Float64Array): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Standard error of a sample variance of n normal draws with variance v: v sqrt(2 / (n - 1)). */
export const varianceSe = (v: number, n: number) => v * Math.sqrt(2 / (n - 1));

/** Asymptotic standard error of a sample correlation of n bivariate normal pairs: (1 - rho^2) / sqrt(n). */
export const correlationSe = (rho: number, n: number) => (1 - rho * rho) / Math.sqrt(n);
