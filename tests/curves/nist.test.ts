// NIST StRD nonlinear regression, certified values from fixtures/nist (see each file's "source").
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fitCurve } from "../../src/curves/fit.ts";

interface Nist {
  x: number[];
  y: number[];
  start1: Record<string, number>;
  start2: Record<string, number>;
  certified: Record<string, number>;
  certifiedStandardDeviation: Record<string, number>;
  residualSumOfSquares: number;
}

function load(name: string): Nist {
  return JSON.parse(readFileSync(new URL(`../../fixtures/nist/${name}.json`, import.meta.url), "utf8")) as Nist;
}

/** Log relative error: the number of significant digits on which `value` agrees with `certified`. */
function digits(value: number, certified: number): number {
  const relative = Math.abs(value - certified) / Math.abs(certified);
  return relative === 0 ? 16 : -Math.log10(relative);
}

describe("NIST StRD Misra1a (saturating: K = b1, r = b2)", () => {
  const data = load("misra1a");
  for (const which of ["start1", "start2"] as const) {
    it(`matches the certified values from ${which}`, () => {
      const s = data[which];
      const fit = fitCurve("saturating", data.x, data.y, { start: { K: s.b1, r: s.b2 } });
      expect(fit.converged).toBe(true);
      expect(digits(fit.params.K, data.certified.b1)).toBeGreaterThanOrEqual(6);
      expect(digits(fit.params.r, data.certified.b2)).toBeGreaterThanOrEqual(6);
      expect(digits(fit.rss, data.residualSumOfSquares)).toBeGreaterThanOrEqual(6);
      expect(digits(fit.stderr.K, data.certifiedStandardDeviation.b1)).toBeGreaterThanOrEqual(3);
      expect(digits(fit.stderr.r, data.certifiedStandardDeviation.b2)).toBeGreaterThanOrEqual(3);
    });
  }
  it("finds the certified values without a start", () => {
    const fit = fitCurve("saturating", data.x, data.y);
    expect(fit.converged).toBe(true);
    expect(digits(fit.params.K, data.certified.b1)).toBeGreaterThanOrEqual(6);
    expect(digits(fit.rss, data.residualSumOfSquares)).toBeGreaterThanOrEqual(6);
  });
});

// Compared on NIST's parameterisation: b1 = K, b2 = r t0, b3 = r. The covariance of b2 is mapped from the
// fit's covariance with the gradient of r t0, which at the optimum is exactly what a fit in (b1, b2, b3)
// gives, since the two models are reparameterisations of each other.
describe("NIST StRD Rat42 (logistic: K = b1, r = b3, t0 = b2 / b3)", () => {
  const data = load("rat42");
  for (const which of ["start1", "start2"] as const) {
    it(`matches the certified values from ${which}`, () => {
      const s = data[which];
      const fit = fitCurve("logistic", data.x, data.y, { start: { K: s.b1, r: s.b3, t0: s.b2 / s.b3 } });
      expect(fit.converged).toBe(true);
      const { K, r, t0 } = fit.params;
      const c = fit.covariance!;
      const b2 = r * t0;
      const b2Stderr = Math.sqrt(t0 * t0 * c[1][1] + r * r * c[2][2] + 2 * r * t0 * c[1][2]);
      expect(digits(K, data.certified.b1)).toBeGreaterThanOrEqual(6);
      expect(digits(b2, data.certified.b2)).toBeGreaterThanOrEqual(6);
      expect(digits(r, data.certified.b3)).toBeGreaterThanOrEqual(6);
      expect(digits(fit.rss, data.residualSumOfSquares)).toBeGreaterThanOrEqual(6);
      expect(digits(fit.stderr.K, data.certifiedStandardDeviation.b1)).toBeGreaterThanOrEqual(3);
      expect(digits(b2Stderr, data.certifiedStandardDeviation.b2)).toBeGreaterThanOrEqual(3);
      expect(digits(fit.stderr.r, data.certifiedStandardDeviation.b3)).toBeGreaterThanOrEqual(3);
    });
  }
  it("finds the certified values without a start", () => {
    const fit = fitCurve("logistic", data.x, data.y);
    expect(fit.converged).toBe(true);
    expect(digits(fit.params.K, data.certified.b1)).toBeGreaterThanOrEqual(6);
    expect(digits(fit.rss, data.residualSumOfSquares)).toBeGreaterThanOrEqual(6);
  });
});
