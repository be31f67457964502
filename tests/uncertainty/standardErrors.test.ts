// Monte Carlo standard errors: checked against the spread of repeated independent runs.
import { describe, expect, it } from "vitest";
import { withStandardErrors, type SummaryRowWithSe } from "../../src/engine/convergence.ts";
import { runScenario } from "../../src/engine/run.ts";
import { normalQuantile } from "../../src/random/normal.ts";
import { createStream } from "../../src/random/stream.ts";
import { meanStandardError, quantileStandardErrors, sdStandardError } from "../../src/stats/standardErrors.ts";
import { fixture } from "./helpers.ts";

/**
 * Bounds of (sample variance of R estimates) / (their true variance) that hold with probability 0.999 for
 * normal estimates: chi-square(R - 1) / (R - 1) at 0.0005 and 0.9995, R = 60 (SciPy chi2.ppf, 59 df).
 */
const RUNS = 60;
const RATIO_LOW = 0.5024;
const RATIO_HIGH = 1.7185;

describe("standard errors of the summary statistics", () => {
  const paths = 2048;
  const results = Array.from({ length: RUNS }, (_, r) => withStandardErrors(runScenario(fixture("growth-a.yaml"), { paths, seed: 1000 + r })));
  const cells = [
    { period: "2022", provider: "beta", metric: "share" },
    { period: "2021", provider: "alpha", metric: "revenue" },
    { period: "2022Q4", provider: "gamma", metric: "share" },
  ] as const;
  const statistics = ["mean", "sd", "p05", "p25", "p50", "p75", "p95"] as const;

  for (const cell of cells) {
    for (const statistic of statistics) {
      it(`${statistic} of ${cell.metric}:${cell.provider}:${cell.period}: reported SE matches the spread over ${RUNS} seeds`, () => {
        const rows = results.map((result) => result.row(cell.period, cell.provider, cell.metric) as SummaryRowWithSe);
        const estimates = rows.map((row) => row[statistic]);
        const mean = estimates.reduce((a, b) => a + b, 0) / RUNS;
        const spread = estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (RUNS - 1);
        const reported = rows.reduce((a, row) => a + row.se[statistic] ** 2, 0) / RUNS;
        const ratio = spread / reported;
        expect(ratio, `spread ${Math.sqrt(spread)} vs reported ${Math.sqrt(reported)}`).toBeGreaterThan(RATIO_LOW);
        expect(ratio, `spread ${Math.sqrt(spread)} vs reported ${Math.sqrt(reported)}`).toBeLessThan(RATIO_HIGH);
      });
    }
  }

  it("keeps the row shape: the DESIGN columns unchanged and in order, se added last", () => {
    const plain = runScenario(fixture("growth-a.yaml"), { paths: 1000 });
    const withSe = withStandardErrors(plain);
    withSe.rows.forEach((row, r) => {
      const { se, ...rest } = row as SummaryRowWithSe;
      expect(rest).toEqual(plain.rows[r]);
      expect(Object.keys(row)).toEqual([...Object.keys(plain.rows[r]), "se"]);
      expect(Object.keys(se)).toEqual(["mean", "sd", "p05", "p25", "p50", "p75", "p95"]);
    });
  });
});

describe("standard-error estimators on known distributions", () => {
  const n = 100_000;
  const stream = createStream(7, "standard-errors/normal");
  const normals = new Float64Array(n);
  for (let i = 0; i < n; i++) normals[i] = normalQuantile(stream.uniform());

  it("mean: s / sqrt(n); sd: sqrt((m4 - s^4) / n) / (2 s), 1 / sqrt(2n) for the normal", () => {
    expect(meanStandardError(Float64Array.of(1, 2, 3, 4))).toBeCloseTo(Math.sqrt(5 / 3 / 4), 15);
    expect(meanStandardError(normals) * Math.sqrt(n)).toBeCloseTo(1, 2);
    expect(sdStandardError(normals) * Math.sqrt(2 * n)).toBeCloseTo(1, 1);
  });

  it("quantiles: sqrt(p (1 - p) / n) / phi(z_p) for the standard normal, within 5%", () => {
    const ps = [0.05, 0.25, 0.5, 0.75, 0.95];
    const got = quantileStandardErrors(normals, ps);
    ps.forEach((p, j) => {
      const z = normalQuantile(p);
      const exact = Math.sqrt((p * (1 - p)) / n) / (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI));
      expect(Math.abs(got[j] / exact - 1), `p = ${p}`).toBeLessThan(0.05);
    });
  });

  it("is 0 for a constant sample, and needs data", () => {
    const constant = new Float64Array(100).fill(3);
    expect(meanStandardError(constant)).toBe(0);
    expect(sdStandardError(constant)).toBe(0);
    expect(quantileStandardErrors(constant, [0.5])).toEqual([0]);
    expect(() => quantileStandardErrors(new Float64Array(0), [0.5])).toThrow(RangeError);
  });
});
