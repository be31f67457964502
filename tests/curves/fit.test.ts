import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CurveName } from "../../src/curves/curve.ts";
import { curveImpl } from "../../src/curves/curves.ts";
import { fitCurve } from "../../src/curves/fit.ts";
import { fitCsvText, MAX_FIT_ROWS, parseFitCsv } from "../../src/curves/fitCsvText.ts";
import { InputError } from "../../src/core/issues.ts";

const truth: { [K in CurveName]: number[] } = {
  linear: [3, -0.5],
  exponential: [2, 0.15],
  saturating: [50, 0.2],
  logistic: [100, 0.8, 6],
  richards: [100, 0.6, 5, 0.5],
  gompertz: [80, 5, 0.4],
  bass: [1000, 0.02, 0.45],
};

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map((i) => ({ path: i.path.join("/"), message: i.message }));
  }
  throw new Error("expected an InputError");
}

describe("fitCurve", () => {
  for (const [name, values] of Object.entries(truth) as [CurveName, number[]][]) {
    it(`${name}: recovers known parameters from noiseless data without a start`, () => {
      const impl = curveImpl(name);
      const t = Array.from({ length: 20 }, (_, i) => 0.75 * i);
      const y = t.map((x) => impl.evaluateAt(values, x));
      const fit = fitCurve(name, t, y);
      expect(fit.converged).toBe(true);
      impl.parameters.forEach((p, j) => {
        const got = (fit.params as Record<string, number>)[p];
        expect(Math.abs(got - values[j])).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(values[j])));
      });
      expect(fit.rss).toBeLessThan(1e-12 * y.reduce((s, v) => s + v * v, 0));
    });
  }

  it("reports non-convergence with a reason, never a silent guess", () => {
    const data = JSON.parse(readFileSync(new URL("../../fixtures/nist/misra1a.json", import.meta.url), "utf8"));
    const fit = fitCurve("saturating", data.x, data.y, { start: { K: 500, r: 0.0001 }, maxIterations: 3 });
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/no convergence after 3 iterations/);
    expect(fit.iterations).toBe(3);
  });

  it("says so when the data push a parameter onto its natural bound", () => {
    const fit = fitCurve("logistic", [0, 1, 2, 3, 4, 5, 6, 7], [10, 9, 8.5, 7, 6, 5.2, 4, 3]);
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/^r ran to its bound \(r > 0\)/);
  });

  it("uses a partial start for the named parameters", () => {
    const t = [0, 1, 2, 3, 4, 5, 6, 7];
    const y = t.map((x) => curveImpl("logistic").evaluateAt([10, 1, 3], x));
    const fit = fitCurve("logistic", t, y, { start: { K: 12 } });
    expect(fit.start.K).toBe(12);
    expect(fit.params.K).toBeCloseTo(10, 8);
  });

  it("rejects unusable data with issues naming the field", () => {
    expect(issuesOf(() => fitCurve("logistic", [1, 2], [3, 4]))).toEqual([
      { path: "data", message: "expected at least 4 data points, got 2" },
    ]);
    expect(issuesOf(() => fitCurve("linear", [1, 2, NaN], [3, 4, 5]))).toEqual([
      { path: "data/2/t", message: "expected a finite number, got NaN" },
    ]);
    expect(issuesOf(() => fitCurve("linear", [1, 2, 3], [5, 5, 5]))).toEqual([
      { path: "data", message: "expected values that vary, got a constant 5" },
    ]);
    expect(issuesOf(() => fitCurve("linear", [1, 1, 1], [5, 6, 7]))).toEqual([
      { path: "data", message: "expected at least 2 distinct t values, got 1" },
    ]);
    // Magnitudes where the sums of squares underflow (rss 0: "converged" on zig-zag data) or overflow.
    expect(issuesOf(() => fitCurve("linear", [1, 2, 3], [1e-170, 3e-170, 2e-170]))).toEqual([
      { path: "data", message: "expected values of magnitude 1e-100 to 1e+100 (rescale them), got a largest |value| of 3e-170" },
    ]);
    expect(issuesOf(() => fitCurve("linear", [1, 2, 3], [1e160, 9e160, 4e160]))[0].message).toMatch(/^expected values of magnitude .* got a largest \|value\| of 9e\+160$/);
    expect(issuesOf(() => fitCurve("linear", [1e-200, 2e-200, 4e-200], [1, 2, 4]))).toEqual([
      { path: "data", message: "expected t of magnitude 1e-100 to 1e+100 (rescale or shift them), got a largest |t| of 4e-200" },
    ]);
    // The same shapes rescaled fit (the guard is on magnitude, not on shape).
    expect(fitCurve("linear", [1, 2, 4], [1, 2, 4]).converged).toBe(true);
    expect(issuesOf(() => fitCurve("cubic" as CurveName, [1, 2, 3], [1, 2, 4]))[0].path).toBe("curve");
    expect(issuesOf(() => fitCurve("logistic", [1, 2, 3, 4], [1, 2, 3, 4], { start: { K: -1, x: 1 } as never }))).toEqual([
      { path: "start/K", message: "expected a positive number, got -1" },
      { path: "start/x", message: 'expected one of K, r, t0, got "x"' },
    ]);
  });
});

describe("fitCsvText", () => {
  it("fits a CSV with a header row", () => {
    const fit = fitCsvText("year,revenue\n0,1\n1,3\n2,5\n3,7\n", "linear");
    expect(fit.converged).toBe(true);
    expect(fit.params).toEqual({ a: 1, b: 2 });
    expect(JSON.parse(JSON.stringify(fit))).toMatchObject({ curve: "linear", params: { a: 1, b: 2 }, converged: true });
  });

  it("names the line and column of bad cells", () => {
    expect(issuesOf(() => parseFitCsv("t,value\n1,2\n2,n/a\nx,3\n"))).toEqual([
      { path: "data/line 3/value", message: 'expected a number, got "n/a"' },
      { path: "data/line 4/t", message: 'expected a number, got "x"' },
    ]);
    expect(issuesOf(() => parseFitCsv("1,2\n2,3\n"))[0].message).toMatch(/expected a header row/);
    expect(issuesOf(() => parseFitCsv("t,value\n1,2,3\n"))).toEqual([{ path: "data/line 2", message: "expected 2 columns, got 3" }]);
    const rows = (n: number) => `t,value\n${Array.from({ length: n }, (_, i) => `${i},${i + 1}\n`).join("")}`;
    expect(parseFitCsv(rows(MAX_FIT_ROWS)).t).toHaveLength(MAX_FIT_ROWS);
    expect(issuesOf(() => parseFitCsv(rows(MAX_FIT_ROWS + 1)))).toEqual([{ path: "data/line 10002", message: "expected at most 10,000 data rows (aggregate them, e.g. by quarter), got more" }]);
    expect(issuesOf(() => fitCsvText("t,v\n1,2\n2,3\n3,4\n", "nope"))[0].path).toBe("curve");
    expect(issuesOf(() => fitCsvText("t,v\n1,2\n2,3\n3,4\n", "linear", { c: 1 }))[0].path).toBe("start/c");
  });
});
