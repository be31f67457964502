import { describe, expect, it } from "vitest";
import { makeDistribution } from "../../src/random/distributions.ts";
import { createStream } from "../../src/random/stream.ts";
import { sobolDesign, sobolEstimate, sobolIndices, type SobolInput } from "../../src/stats/sobol.ts";

/*
 * Ishigami function f = sin x1 + a sin^2 x2 + b x3^4 sin x1, x_i ~ Uniform(-pi, pi), a = 7, b = 0.1.
 * Moments used: E sin x = 0, E sin^2 x = 1/2, E sin^4 x = 3/8, E x^4 = pi^4/5, E x^8 = pi^8/9.
 *   E[f | x1]      = sin x1 (1 + b pi^4/5) + a/2               -> V1 = (1 + b pi^4/5)^2 / 2
 *   E[f | x2]      = a sin^2 x2                                -> V2 = a^2 (3/8 - 1/4) = a^2/8
 *   E[f | x3]      = a/2 (E sin x1 = 0)                         -> V3 = 0
 *   E[f | x1, x3]  = sin x1 (1 + b x3^4) + a/2                  -> Var = (1 + 2 b pi^4/5 + b^2 pi^8/9) / 2,
 *                    so V13 = Var - V1 - V3 = b^2 pi^8 (1/9 - 1/25) / 2 = 8 b^2 pi^8 / 225
 *   V = V1 + V2 + V13 = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 (no other interaction: x2 enters additively)
 *   Totals: VT1 = V1 + V13, VT2 = V2, VT3 = V13.
 * (Ishigami & Homma 1990; Saltelli et al., Global Sensitivity Analysis: The Primer, 2008.)
 */
const A = 7;
const B = 0.1;
const PI4 = Math.PI ** 4;
const PI8 = Math.PI ** 8;
const V = (A * A) / 8 + (B * PI4) / 5 + (B * B * PI8) / 18 + 0.5;
const V1 = 0.5 * (1 + (B * PI4) / 5) ** 2;
const V2 = (A * A) / 8;
const V13 = (8 * B * B * PI8) / 225;
const TRUE_FIRST = [V1 / V, V2 / V, 0];
const TRUE_TOTAL = [(V1 + V13) / V, V2 / V, V13 / V];

function ishigami(x: Float64Array): number {
  const s1 = Math.sin(x[0]);
  const s2 = Math.sin(x[1]);
  const x3 = x[2];
  const x3sq = x3 * x3;
  return s1 + A * s2 * s2 + B * x3sq * x3sq * s1;
}

const inputs: SobolInput[] = ["x1", "x2", "x3"].map((name) => ({
  name,
  distribution: makeDistribution({ dist: "uniform", min: -Math.PI, max: Math.PI }),
}));

const N = 2 ** 14;
const BOOTSTRAP = 1000;
const CONFIDENCE = 0.99;
const Z_99 = 2.5758293035489004; // qnorm(0.995)

describe("sobolIndices on the Ishigami function", () => {
  const result = sobolIndices(createStream(42, "ishigami"), inputs, ishigami, { n: N, bootstrap: BOOTSTRAP, confidence: CONFIDENCE });

  it("closed-form values are the published ones", () => {
    // Saltelli et al. (2008), Primer, p. 179: S = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244.
    expect(TRUE_FIRST[0]).toBeCloseTo(0.3139, 4);
    expect(TRUE_FIRST[1]).toBeCloseTo(0.4424, 4);
    expect(TRUE_TOTAL[0]).toBeCloseTo(0.5576, 4);
    expect(TRUE_TOTAL[2]).toBeCloseTo(0.2437, 4);
    expect(result.variance).toBeGreaterThan(0.95 * V);
    expect(result.variance).toBeLessThan(1.05 * V);
  });

  it("reports its size", () => {
    expect(result.n).toBe(N);
    expect(result.evaluations).toBe(N * 5);
    expect(result.inputs.map((input) => input.name)).toEqual(["x1", "x2", "x3"]);
  });

  it("each 99% bootstrap interval contains the closed form", () => {
    result.inputs.forEach((input, i) => {
      expect(input.firstCi[0], `${input.name} first`).toBeLessThanOrEqual(TRUE_FIRST[i]);
      expect(input.firstCi[1], `${input.name} first`).toBeGreaterThanOrEqual(TRUE_FIRST[i]);
      expect(input.totalCi[0], `${input.name} total`).toBeLessThanOrEqual(TRUE_TOTAL[i]);
      expect(input.totalCi[1], `${input.name} total`).toBeGreaterThanOrEqual(TRUE_TOTAL[i]);
      expect(input.firstCi[0]).toBeLessThanOrEqual(input.first);
      expect(input.firstCi[1]).toBeGreaterThanOrEqual(input.first);
    });
  });

  it("intervals are as narrow as the estimators' standard errors say (so containment has power)", () => {
    // Delta-method standard error of a ratio estimator S = mean(t) / V with V = mean(w):
    // influence psi_j = (t_j - S w_j) / V, SE = sd(psi) / sqrt(n). A 99% percentile interval is then about
    // 2 z SE wide. The 0.5% and 99.5% bootstrap quantiles from 1000 resamples have a relative sd of about
    // sqrt(0.005 * 0.995 / 1000) / (phi(2.576) * 2.576) = 6% each, so the width is checked within 25%.
    const design = sobolDesign(createStream(42, "ishigami"), inputs, { n: N });
    const y = new Float64Array(design.rows);
    for (let row = 0; row < design.rows; row++) y[row] = ishigami(design.values.subarray(row * 3, row * 3 + 3));
    let mean = 0;
    for (let j = 0; j < 2 * N; j++) mean += y[j];
    mean /= 2 * N;
    const w = new Float64Array(N);
    for (let j = 0; j < N; j++) w[j] = ((y[j] - mean) ** 2 + (y[N + j] - mean) ** 2) / 2;
    for (let i = 0; i < 3; i++) {
      const block = (2 + i) * N;
      const first = new Float64Array(N);
      const total = new Float64Array(N);
      for (let j = 0; j < N; j++) {
        first[j] = (y[N + j] - mean) * (y[block + j] - y[j]);
        total[j] = 0.5 * (y[j] - y[block + j]) ** 2;
      }
      for (const [terms, ci] of [
        [first, result.inputs[i].firstCi],
        [total, result.inputs[i].totalCi],
      ] as const) {
        const se = ratioStandardError(terms, w);
        const width = ci[1] - ci[0];
        expect(width).toBeGreaterThan(0.75 * 2 * Z_99 * se);
        expect(width).toBeLessThan(1.25 * 2 * Z_99 * se);
        // And absolutely narrow: every interval is under 0.08 wide, far less than the gaps between the
        // indices (0.314 vs 0.558 for x1's first and total), so a mixed-up estimator cannot pass.
        expect(width).toBeLessThan(0.08);
      }
    }
  });

  it("the containment check fails for wrong outputs (power check)", () => {
    // Hand the estimator x3's A_B block as x1's: x1's intervals must then miss x1's true indices.
    const design = sobolDesign(createStream(42, "ishigami"), inputs, { n: N });
    const y = new Float64Array(design.rows);
    for (let row = 0; row < design.rows; row++) y[row] = ishigami(design.values.subarray(row * 3, row * 3 + 3));
    const swapped = y.slice();
    swapped.set(y.subarray(4 * N, 5 * N), 2 * N);
    swapped.set(y.subarray(2 * N, 3 * N), 4 * N);
    const wrong = sobolEstimate(createStream(42, "boot"), design, swapped, { bootstrap: 200, confidence: CONFIDENCE });
    const x1 = wrong.inputs[0];
    expect(x1.firstCi[1] < TRUE_FIRST[0] || x1.firstCi[0] > TRUE_FIRST[0]).toBe(true);
    expect(x1.totalCi[1] < TRUE_TOTAL[0] || x1.totalCi[0] > TRUE_TOTAL[0]).toBe(true);
  });

  it("is reproducible from the seed, and design + estimate equals sobolIndices", () => {
    const small = { n: 512, bootstrap: 50, confidence: 0.9 };
    const once = sobolIndices(createStream(7, "s"), inputs, ishigami, small);
    const again = sobolIndices(createStream(7, "s"), inputs, ishigami, small);
    expect(again).toEqual(once);
    const stream = createStream(7, "s");
    const design = sobolDesign(stream, inputs, small);
    const outputs = new Float64Array(design.rows);
    for (let row = 0; row < design.rows; row++) outputs[row] = ishigami(design.values.slice(row * 3, row * 3 + 3));
    expect(sobolEstimate(stream, design, outputs, small)).toEqual(once);
    const other = sobolIndices(createStream(8, "s"), inputs, ishigami, small);
    expect(other.inputs[0].first).not.toBe(once.inputs[0].first);
  });
});

describe("sobolDesign and sobolEstimate", () => {
  it("lays out A, B and A_B^i as documented", () => {
    const unit = makeDistribution({ dist: "uniform", min: 0, max: 1 });
    const design = sobolDesign(createStream(1, "layout"), [{ name: "p", distribution: unit }, { name: "q", distribution: unit }], { n: 3 });
    expect(design.rows).toBe(12);
    const row = (block: number, r: number) => Array.from(design.uniforms.subarray((block * 3 + r) * 2, (block * 3 + r) * 2 + 2));
    for (let r = 0; r < 3; r++) {
      const a = row(0, r);
      const b = row(1, r);
      expect(row(2, r)).toEqual([b[0], a[1]]);
      expect(row(3, r)).toEqual([a[0], b[1]]);
    }
    for (let m = 0; m < design.values.length; m++) expect(design.values[m]).toBeCloseTo(design.uniforms[m], 15);
  });

  it("gives an additive model's indices: y = x1 + 2 x2 on Uniform(0, 1) has S = [0.2, 0.8] = ST", () => {
    // Var(x1) = 1/12, Var(2 x2) = 4/12: S1 = 1/5, S2 = 4/5, no interactions.
    const unit = makeDistribution({ dist: "uniform", min: 0, max: 1 });
    const result = sobolIndices(
      createStream(3, "additive"),
      [{ name: "x1", distribution: unit }, { name: "x2", distribution: unit }],
      (x) => x[0] + 2 * x[1],
      { n: 8192, bootstrap: 500, confidence: 0.99 },
    );
    const truth = [0.2, 0.8];
    result.inputs.forEach((input, i) => {
      expect(input.firstCi[0]).toBeLessThanOrEqual(truth[i]);
      expect(input.firstCi[1]).toBeGreaterThanOrEqual(truth[i]);
      expect(input.totalCi[0]).toBeLessThanOrEqual(truth[i]);
      expect(input.totalCi[1]).toBeGreaterThanOrEqual(truth[i]);
    });
  });

  it("rejects bad arguments", () => {
    const unit = makeDistribution({ dist: "uniform", min: 0, max: 1 });
    const design = sobolDesign(createStream(1, "x"), [{ name: "p", distribution: unit }], { n: 4 });
    expect(() => sobolEstimate(createStream(1, "b"), design, new Float64Array(3))).toThrow(/expected 12 values/);
    const outputs = new Float64Array(12);
    outputs[5] = Number.NaN;
    expect(() => sobolEstimate(createStream(1, "b"), design, outputs)).toThrow(/row 5/);
    expect(() => sobolEstimate(createStream(1, "b"), design, new Float64Array(12), { confidence: 1 })).toThrow(RangeError);
    expect(() => sobolDesign(createStream(1, "x"), [], { n: 4 })).toThrow(RangeError);
    expect(() => sobolDesign(createStream(1, "x"), [{ name: "p", distribution: unit }], { n: 1.5 })).toThrow(RangeError);
    // A constant output has no variance to share out.
    expect(sobolEstimate(createStream(1, "b"), design, new Float64Array(12).fill(2), { bootstrap: 10 }).inputs[0].first).toBeNaN();
  });
});

/** Delta-method SE of mean(t) / mean(w). */
function ratioStandardError(t: Float64Array, w: Float64Array): number {
  const n = t.length;
  let st = 0;
  let sw = 0;
  for (let j = 0; j < n; j++) {
    st += t[j];
    sw += w[j];
  }
  const ratio = st / sw;
  const v = sw / n;
  let mean = 0;
  const psi = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    psi[j] = (t[j] - ratio * w[j]) / v;
    mean += psi[j];
  }
  mean /= n;
  let squares = 0;
  for (let j = 0; j < n; j++) squares += (psi[j] - mean) ** 2;
  return Math.sqrt(squares / (n - 1) / n);
}

describe("sobolEstimate options", () => {
  it("an explicit undefined keeps the default (bootstrap 1000, confidence 0.95)", () => {
    const unit = makeDistribution({ dist: "uniform", min: 0, max: 1 });
    const inputs: SobolInput[] = [{ name: "x1", distribution: unit }, { name: "x2", distribution: unit }];
    const design = sobolDesign(createStream(3, "sobol"), inputs, { n: 256 });
    const outputs = new Float64Array(design.rows);
    for (let r = 0; r < design.rows; r++) outputs[r] = design.values[2 * r] + 2 * design.values[2 * r + 1];
    const defaults = sobolEstimate(createStream(4, "boot"), design, outputs);
    const explicit = sobolEstimate(createStream(4, "boot"), design, outputs, { bootstrap: undefined, confidence: undefined });
    expect(explicit).toEqual(defaults);
    // The defaults are the documented ones, not whatever comes out without them.
    expect(sobolEstimate(createStream(4, "boot"), design, outputs, { bootstrap: 1000, confidence: 0.95 })).toEqual(defaults);
    expect(sobolEstimate(createStream(4, "boot"), design, outputs, { bootstrap: 50 })).not.toEqual(defaults);
  });
});
