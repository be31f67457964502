// The kernel's random structures beyond parameter draws: market factor paths, the quarterly shocks of a
// component (plain lognormal, or with factor loadings, Student-t tails and jumps) and regime switching.
// Streams (random/stream.ts keys under `chunk:C/`): `factor:ID`, `shock:KEY`, `jumps:KEY`, `jumpSizes:KEY`,
// `regime:KEY`, and `factor:ID/ziggurat`, `shock:KEY/ziggurat` for the ziggurat's rare further uniforms; each
// depends on the chunk and what it feeds only, never on the worker count.
import { createStream } from "../random/stream.ts";
import { fillStandardNormalZiggurat } from "../random/ziggurat.ts";
import { studentTQuantile } from "../random/studentT.ts";
import type { CompiledScenario, Component } from "./compile.ts";
import type { CompiledJumps, CompiledRegime } from "./shockPlan.ts";
import { exp } from "../core/elementary.ts";

/**
 * Draws every market factor's path for one chunk into `out[f]` (row-major by path: `out[f][i * T + t]`):
 * f_1 = sigma z_1, f_t = phi f_{t-1} + sigma sqrt(1 - phi^2) z_t, z from stream `chunk:C/factor:ID` (ziggurat).
 */
export function drawFactors(compiled: CompiledScenario, chunk: number, paths: number, out: Float64Array[]): void {
  const quarters = compiled.quarters;
  compiled.factors.forEach((factor, f) => {
    const values = out[f];
    const key = `chunk:${chunk}/factor:${factor.id}`;
    fillStandardNormalZiggurat(createStream(compiled.settings.seed, key), values, 0, quarters * paths, () => createStream(compiled.settings.seed, `${key}/ziggurat`));
    const innovation = factor.sigma * Math.sqrt(1 - factor.ar * factor.ar);
    for (let i = 0; i < paths; i++) {
      const row = i * quarters;
      let previous = factor.sigma * values[row];
      values[row] = previous;
      for (let t = 1; t < quarters; t++) {
        previous = factor.ar * previous + innovation * values[row + t];
        values[row + t] = previous;
      }
    }
  });
}

/** Number of jumps in a quarter: the Poisson(rate) quantile of one uniform, by sequential search. */
function poissonCount(u: number, rate: number): number {
  let k = 0;
  let term = exp(-rate);
  let cdf = term;
  while (u > cdf && term > 0) {
    k++;
    term *= rate / k;
    cdf += term;
  }
  return k;
}

/** Adds each quarter's jumps (sum of a Poisson number of log-sizes) to `x` (row-major by path). */
function addJumps(compiled: CompiledScenario, component: Component, jumps: CompiledJumps, chunk: number, paths: number, x: Float64Array): void {
  const seed = compiled.settings.seed;
  const counts = createStream(seed, `chunk:${chunk}/jumps:${component.key}`);
  const sizes = createStream(seed, `chunk:${chunk}/jumpSizes:${component.key}`);
  const n = compiled.quarters * paths;
  for (let at = 0; at < n; at++) {
    const count = poissonCount(counts.uniform32(), jumps.rate);
    for (let j = 0; j < count; j++) x[at] += jumps.size ? jumps.size.quantile(sizes.uniform()) : jumps.constant;
  }
}

/**
 * Multiplies a component's levels by its quarterly shocks. Plain shock: exp(sigma z - sigma^2 / 2) per
 * quarter (normal z from `chunk:C/shock:KEY`, by the ziggurat: random/ziggurat.ts). Structured shock: the log shock
 * x = s e + sum_j loading_j f_j - sigma^2 / 2 + jumps, s = sqrt(sigma^2 - sum_j loading_j^2 sigma_j^2), e normal or
 * scaled Student-t (one uniform of the same stream per draw). Permanent shocks compound; transient ones act
 * in their own quarter only. A path whose sigma is 0 gets no diffusive shock (jumps still apply).
 */
export function applyShock(
  compiled: CompiledScenario,
  component: Component,
  chunk: number,
  paths: number,
  sigmas: Float64Array,
  values: Float64Array,
  normals: Float64Array,
  factors: readonly Float64Array[],
): void {
  const quarters = compiled.quarters;
  const stream = createStream(compiled.settings.seed, `chunk:${chunk}/shock:${component.key}`);
  const structure = component.shock;
  if (structure && structure.tDf > 0) {
    const df = structure.tDf;
    const scale = Math.sqrt((df - 2) / df);
    const n = quarters * paths;
    // The uniforms first (one batch), then the transform in place: the numbers of one uniform32 per draw.
    stream.fillUniform32(normals, 0, n);
    for (let at = 0; at < n; at++) normals[at] = scale * studentTQuantile(normals[at], df);
  } else {
    fillStandardNormalZiggurat(stream, normals, 0, quarters * paths, () => createStream(compiled.settings.seed, `chunk:${chunk}/shock:${component.key}/ziggurat`));
  }
  if (structure) {
    // Log shocks in place of the draws, then the jumps; then applied as below with sigma's role done.
    for (let i = 0; i < paths; i++) {
      const sigma = sigmas[i];
      const row = i * quarters;
      if (sigma === 0) {
        for (let t = 0; t < quarters; t++) normals[row + t] = 0;
        continue;
      }
      const idiosyncratic = Math.sqrt(Math.max(0, sigma * sigma - structure.commonVariance));
      const drift = -0.5 * sigma * sigma;
      for (let t = 0; t < quarters; t++) {
        let x = idiosyncratic * normals[row + t] + drift;
        for (const { factor, loading } of structure.loadings) x += loading * factors[factor][row + t];
        normals[row + t] = x;
      }
    }
    if (structure.jumps) addJumps(compiled, component, structure.jumps, chunk, paths, normals);
    for (let i = 0; i < paths; i++) {
      if (sigmas[i] === 0 && !structure.jumps) continue;
      const row = i * quarters;
      let factor = 1;
      for (let t = 0; t < quarters; t++) {
        if (component.permanentShock) {
          factor *= exp(normals[row + t]);
          values[t * paths + i] *= factor;
        } else {
          values[t * paths + i] *= exp(normals[row + t]);
        }
      }
    }
    return;
  }
  for (let i = 0; i < paths; i++) {
    const sigma = sigmas[i];
    if (sigma === 0) continue;
    const drift = -0.5 * sigma * sigma;
    const row = i * quarters;
    let factor = 1;
    if (component.permanentShock) {
      for (let t = 0; t < quarters; t++) {
        factor *= exp(sigma * normals[row + t] + drift);
        values[t * paths + i] *= factor;
      }
    } else {
      for (let t = 0; t < quarters; t++) values[t * paths + i] *= exp(sigma * normals[row + t] + drift);
    }
  }
}

/** The state a uniform picks from cumulative probabilities `cumulative[offset .. offset + n)`. */
function pick(cumulative: Float64Array, offset: number, n: number, u: number): number {
  for (let s = 0; s < n - 1; s++) if (u < cumulative[offset + s]) return s;
  return n - 1;
}

/**
 * Levels of a regime-switching model into `out` ([quarter][path]): every state's model is evaluated into
 * `stateLevels` (states x quarters x paths), then each path walks its Markov chain (one uniform per quarter
 * from `chunk:C/regime:KEY`): R_1 = L_{s_1}(1), R_t = R_{t-1} L_{s_t}(t) / L_{s_t}(t-1) (factor 1 where
 * L_{s_t}(t-1) = 0).
 */
export function regimeLevels(
  compiled: CompiledScenario,
  component: Component,
  regime: CompiledRegime,
  chunk: number,
  paths: number,
  columns: readonly Float64Array[],
  stateLevels: Float64Array,
  out: Float64Array,
): void {
  const quarters = compiled.quarters;
  const size = quarters * paths;
  const n = regime.states.length;
  regime.states.forEach((state, s) => state.impl.simulate(state.columns.map((j) => columns[j]), quarters, paths, stateLevels, s * size));
  const stream = createStream(compiled.settings.seed, `chunk:${chunk}/regime:${component.key}`);
  for (let i = 0; i < paths; i++) {
    let state = pick(regime.cumulativeStart, 0, n, stream.uniform());
    let level = stateLevels[state * size + i];
    out[i] = level;
    for (let t = 1; t < quarters; t++) {
      state = pick(regime.cumulativeTransition, state * n, n, stream.uniform());
      const before = stateLevels[state * size + (t - 1) * paths + i];
      if (before !== 0) level *= stateLevels[state * size + t * paths + i] / before;
      out[t * paths + i] = level;
    }
  }
}
