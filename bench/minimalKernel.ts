/**
 * A minimal hand-written kernel of the canonical model: flat loops over typed arrays, no scenario, no
 * compile step, no generality. The baseline `npm run bench` measures sharecast against, in the same run.
 *
 * It draws exactly what the engine draws (same seedrandom xorwow streams keyed by chunk, the same
 * ziggurat for the shocks, `fillStandardNormalZiggurat`, the same inverse-transform parameter draws),
 * computes in the same order of operations, and summarises the same outputs: revenue and share of every
 * provider for the 28 quarters and 7 calendar years, mean, sample sd and exact R type 7 quantiles (the
 * library's summaries of four columns side by side, `summariseColumns`: both sides need exact order
 * statistics). So its numbers equal the engine's bit for bit (tests/bench/canonical.test.ts), and the
 * ratio of their speeds is the engine's overhead.
 */
import { CHUNK_SIZE } from "../src/engine/kernel.ts";
import { normalQuantile } from "../src/random/normal.ts";
import { fillStandardNormalZiggurat } from "../src/random/ziggurat.ts";
import { createStream } from "../src/random/stream.ts";
import type { CellSummary } from "../src/samples/summaries.ts";
import { summariseColumns } from "../src/stats/summaryBatch.ts";
import type { CanonicalModel } from "./canonical.ts";

/** Summaries of the minimal kernel: `[provider][period][metric]` with periods years first, then quarters. */
export interface MinimalResult {
  periods: string[];
  providers: string[];
  /** summaries[(k * periods + p) * 2 + m], m = 0 revenue, 1 share. */
  summaries: CellSummary[];
}

const QUARTERS_PER_YEAR = 4;

/** Runs `paths` paths of the canonical model from 2019Q1 (base 2018Q4) with root seed `seed`. */
export function runMinimal(model: CanonicalModel, paths: number, seed: number): MinimalResult {
  const T = model.quarters;
  const K = model.providers.length;
  const Y = Math.floor(T / QUARTERS_PER_YEAR);
  const P = Y + T;
  // Every value: cell (k, p) of metric m at column (k * P + p), all paths.
  const revenue = new Float64Array(K * P * paths);
  const share = new Float64Array(K * P * paths);
  const g0 = new Float64Array(CHUNK_SIZE);
  const decay = new Float64Array(CHUNK_SIZE);
  const normals = new Float64Array(T * CHUNK_SIZE);
  const level = new Float64Array(K * P * CHUNK_SIZE);
  const shares = new Float64Array(K * P * CHUNK_SIZE);
  const total = new Float64Array(CHUNK_SIZE);

  for (let chunk = 0; chunk * CHUNK_SIZE < paths; chunk++) {
    const n = Math.min(CHUNK_SIZE, paths - chunk * CHUNK_SIZE);
    level.fill(0);
    for (let k = 0; k < K; k++) {
      const p = model.providers[k];
      const key = `providers.${p.id}.model`;
      const g0Stream = createStream(seed, `chunk:${chunk}/param:${key}.g0`);
      for (let i = 0; i < n; i++) g0[i] = p.g0[0] + p.g0[1] * normalQuantile(g0Stream.uniform());
      const halfStream = createStream(seed, `chunk:${chunk}/param:${key}.halfLifeYears`);
      const lo = p.halfLife[0];
      const width = p.halfLife[1] - lo;
      for (let i = 0; i < n; i++) decay[i] = Math.exp(-Math.LN2 / (4 * Math.min(p.halfLife[1], lo + halfStream.uniform() * width)));
      fillStandardNormalZiggurat(createStream(seed, `chunk:${chunk}/shock:${key}`), normals, 0, T * n, () => createStream(seed, `chunk:${chunk}/shock:${key}/ziggurat`));
      const sigma = p.sigma;
      const drift = -0.5 * sigma * sigma;
      const gInf = p.gInf;
      const out = k * P * n;
      for (let i = 0; i < n; i++) {
        const gap = g0[i] - gInf;
        const d = decay[i];
        let weight = 1;
        let r = p.base;
        let shock = 1;
        const row = i * T;
        for (let t = 0; t < T; t++) {
          weight *= d;
          const x = 1 + (gInf + gap * weight);
          r *= x > 0 ? Math.sqrt(Math.sqrt(x)) : 0;
          shock *= Math.exp(sigma * normals[row + t] + drift);
          const v = r * shock;
          level[out + (Y + t) * n + i] = v;
          level[out + Math.floor(t / QUARTERS_PER_YEAR) * n + i] += v;
        }
      }
    }
    // Shares per period: revenue over the left-to-right total; a path whose shares sum above 1 is repaired.
    for (let p = 0; p < P; p++) {
      total.fill(0, 0, n);
      for (let k = 0; k < K; k++) {
        const at = (k * P + p) * n;
        for (let i = 0; i < n; i++) total[i] += level[at + i];
      }
      for (let k = 0; k < K; k++) {
        const at = (k * P + p) * n;
        for (let i = 0; i < n; i++) shares[at + i] = total[i] > 0 ? level[at + i] / total[i] : 0;
      }
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let k = 0; k < K; k++) sum += shares[(k * P + p) * n + i];
        if (sum > 1) repair(shares, p, P, K, n, i);
      }
    }
    const first = chunk * CHUNK_SIZE;
    for (let cell = 0; cell < K * P; cell++) {
      revenue.set(level.subarray(cell * n, (cell + 1) * n), cell * paths + first);
      share.set(shares.subarray(cell * n, (cell + 1) * n), cell * paths + first);
    }
  }

  // The library's fastest summaries (four columns side by side), the same bits as summariseValues.
  const columns: Float64Array[] = [];
  for (let cell = 0; cell < K * P; cell++) {
    columns.push(revenue.subarray(cell * paths, (cell + 1) * paths), share.subarray(cell * paths, (cell + 1) * paths));
  }
  const summaries: CellSummary[] = summariseColumns(columns, model.quantiles);
  const periods: string[] = [];
  for (let y = 0; y < Y; y++) periods.push(String(2019 + y));
  for (let t = 0; t < T; t++) periods.push(`${2019 + Math.floor(t / 4)}Q${(t % 4) + 1}`);
  return { periods, providers: model.providers.map((p) => p.id), summaries };
}

// Lowers the largest share by one unit in the last place at a time until the left-to-right sum is <= 1.
function repair(shares: Float64Array, p: number, P: number, K: number, n: number, i: number): void {
  let largest = 0;
  for (let k = 1; k < K; k++) if (shares[(k * P + p) * n + i] > shares[(largest * P + p) * n + i]) largest = k;
  const at = (largest * P + p) * n + i;
  for (;;) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += shares[(k * P + p) * n + i];
    if (sum <= 1) return;
    const v = shares[at];
    const next = v - v * 2.220446049250313e-16;
    shares[at] = v <= 0 ? 0 : next < v ? next : 0;
  }
}
