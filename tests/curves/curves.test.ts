import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { curveNames, curveParameterNames, inBound, type CurveName } from "../../src/curves/curve.ts";
import { curveImpl, curves } from "../../src/curves/curves.ts";

/** Parameter ranges for the Jacobian check: inside the bounds, away from overflow. */
const ranges: { [K in CurveName]: [number, number][] } = {
  linear: [[-10, 10], [-5, 5]],
  exponential: [[0.1, 100], [-1, 1]],
  saturating: [[0.1, 100], [0.05, 2]],
  logistic: [[0.1, 100], [0.05, 3], [-5, 10]],
  richards: [[0.1, 100], [0.05, 3], [-5, 10], [0.2, 5]],
  gompertz: [[0.1, 100], [0.1, 10], [0.05, 2]],
  bass: [[1, 1000], [0.005, 0.2], [0, 1]],
};

describe("curve table", () => {
  it("has one entry per curve name, with DESIGN.md's parameter names", () => {
    expect(Object.keys(curves).sort()).toEqual([...curveNames].sort());
    for (const name of curveNames) {
      expect(curves[name].name).toBe(name);
      expect(curves[name].parameters).toEqual(curveParameterNames[name]);
      expect(curves[name].bounds).toHaveLength(curveParameterNames[name].length);
    }
  });

  it("evaluates the formulas of DESIGN.md", () => {
    const t = 2.5;
    expect(curves.linear.evaluate({ a: 1, b: 2 }, t)).toBeCloseTo(1 + 2 * t, 14);
    expect(curves.exponential.evaluate({ a: 2, r: 0.3 }, t)).toBeCloseTo(2 * Math.exp(0.3 * t), 13);
    expect(curves.saturating.evaluate({ K: 5, r: 0.4 }, t)).toBeCloseTo(5 * (1 - Math.exp(-0.4 * t)), 13);
    expect(curves.logistic.evaluate({ K: 5, r: 0.4, t0: 1 }, t)).toBeCloseTo(5 / (1 + Math.exp(-0.4 * (t - 1))), 13);
    expect(curves.richards.evaluate({ K: 5, r: 0.4, t0: 1, nu: 0.7 }, t)).toBeCloseTo(
      5 / Math.pow(1 + Math.exp(-0.4 * (t - 1)), 1 / 0.7),
      13,
    );
    expect(curves.gompertz.evaluate({ K: 5, b: 2, r: 0.4 }, t)).toBeCloseTo(5 * Math.exp(-2 * Math.exp(-0.4 * t)), 13);
    const E = Math.exp(-(0.03 + 0.38) * t);
    expect(curves.bass.evaluate({ m: 1000, p: 0.03, q: 0.38 }, t)).toBeCloseTo((1000 * (1 - E)) / (1 + (0.38 / 0.03) * E), 10);
  });

  it("evaluate and evaluateAt agree", () => {
    for (const name of curveNames) {
      const impl = curveImpl(name);
      const values = ranges[name].map(([lo, hi]) => (lo + hi) / 2);
      const named = Object.fromEntries(impl.parameters.map((p, j) => [p, values[j]])) as never;
      expect(impl.evaluateAt([99, ...values], 1.5, 1)).toBe(impl.evaluate(named, 1.5));
    }
  });

  for (const name of curveNames) {
    it(`${name}: analytic Jacobian matches central finite differences`, () => {
      const impl = curveImpl(name);
      const params = fc.tuple(...ranges[name].map(([lo, hi]) => fc.double({ min: lo, max: hi, noNaN: true })));
      fc.assert(
        fc.property(params, fc.double({ min: -5, max: 20, noNaN: true }), (values, t) => {
          const p = values.length;
          const analytic = new Float64Array(p);
          impl.gradient(values, t, analytic);
          for (let j = 0; j < p; j++) {
            const h = 1e-6 * Math.max(1, Math.abs(values[j]));
            const up = values.slice();
            const down = values.slice();
            up[j] += h;
            down[j] -= h;
            const numeric = (impl.evaluateAt(up, t) - impl.evaluateAt(down, t)) / (2 * h);
            const scale = Math.max(1, Math.abs(impl.evaluateAt(values, t)) / Math.max(1, Math.abs(values[j])));
            expect(Math.abs(analytic[j] - numeric)).toBeLessThan(1e-6 * scale + 1e-7 * Math.abs(numeric));
          }
        }),
        { numRuns: 300, seed: 42 },
      );
    });

    it(`${name}: starting values lie inside the natural bounds`, () => {
      const impl = curveImpl(name);
      const values = ranges[name].map(([lo, hi]) => lo + 0.3 * (hi - lo));
      const t = Array.from({ length: 12 }, (_, i) => i + 1);
      const y = t.map((x) => impl.evaluateAt(values, x));
      const starts = impl.startingValues(t, y);
      expect(starts.length).toBeGreaterThan(0);
      for (const s of starts) s.forEach((v, j) => expect(inBound(v, impl.bounds[j])).toBe(true));
    });
  }
});
