import { describe, expect, it } from "vitest";
import { normalCdf } from "../../src/random/normal.ts";
import { createStream } from "../../src/random/stream.ts";
import { ksCriticalValue, ksStatistic } from "./ks.ts";
import { EPS, relativeError, Z_LIMIT } from "./helpers.ts";

describe("ksStatistic", () => {
  // Reference statistics: SciPy 1.17 scipy.stats.kstest(sample, "uniform" | "norm").statistic.
  it("matches SciPy, with and without ties", () => {
    expect(relativeError(ksStatistic(new Float64Array([0.1, 0.5, 0.9]), (x) => x), 0.2333333333333334)).toBeLessThanOrEqual(4 * EPS);
    expect(relativeError(ksStatistic(new Float64Array([0.7, 0.2, 0.2]), (x) => x), 0.4666666666666666)).toBeLessThanOrEqual(4 * EPS);
    expect(relativeError(ksStatistic(new Float64Array([0.3, 2.0, 0.3, -1.5, 0.3]), normalCdf), 0.41791142218895255)).toBeLessThanOrEqual(
      4 * EPS,
    );
  });

  it("does not mutate its input", () => {
    const sample = new Float64Array([0.9, 0.1, 0.5]);
    ksStatistic(sample, (x) => x);
    expect(Array.from(sample)).toEqual([0.9, 0.1, 0.5]);
  });

  it("throws RangeError for an empty sample or NaN", () => {
    expect(() => ksStatistic(new Float64Array(0), (x) => x)).toThrow("sample: expected at least one value, got 0");
    expect(() => ksStatistic(new Float64Array([0.1, NaN]), (x) => x)).toThrow(RangeError);
  });
});

describe("ksCriticalValue", () => {
  // Quantiles of Kolmogorov's limit distribution, SciPy 1.17 scipy.stats.kstwobign.ppf(1 - alpha):
  // 1.3580986393225505 (0.05), 1.6276236115189502 (0.01), 1.949474603504375 (0.001). The one-term formula
  // drops 2 exp(-8 t^2) = 2 (alpha / 2)^4 from the tail 2 exp(-2 t^2) = alpha, whose slope in t is
  // -4 t alpha: t moves by (alpha / 2)^4 / (2 t alpha), i.e. (alpha / 2)^3 / (4 t^2) relative. The next
  // term is smaller still; 10% covers it and the reference's own rounding.
  it.each([
    [0.05, 1.3580986393225505],
    [0.01, 1.6276236115189502],
    [0.001, 1.949474603504375],
  ])("approximates the asymptotic quantile at alpha = %s", (alpha, quantile) => {
    const tolerance = 1.1 * ((alpha / 2) ** 3 / (4 * quantile * quantile)) + 4 * EPS;
    expect(relativeError(ksCriticalValue(1, alpha), quantile)).toBeLessThanOrEqual(tolerance);
    expect(relativeError(ksCriticalValue(400, alpha), quantile / 20)).toBeLessThanOrEqual(tolerance);
  });

  it("rejects a true null at the level SciPy's exact distribution gives (n = 100, alpha = 0.05)", () => {
    // SciPy 1.17 scipy.stats.kstwo.sf(ksCriticalValue(100, 0.05), 100) = 0.04533: the asymptotic value is
    // slightly conservative. Over 4000 seeded tests the rejection rate has standard error
    // sqrt(0.0453 * 0.9547 / 4000) = 0.0033.
    const n = 100;
    const trials = 4000;
    const critical = ksCriticalValue(n, 0.05);
    const stream = createStream(42, "test:ks-level");
    const sample = new Float64Array(n);
    let rejections = 0;
    for (let t = 0; t < trials; t++) {
      for (let i = 0; i < n; i++) sample[i] = stream.uniform();
      if (ksStatistic(sample, (x) => x) > critical) rejections++;
    }
    const level = 0.04533;
    const standardError = Math.sqrt((level * (1 - level)) / trials);
    expect(Math.abs(rejections / trials - level)).toBeLessThan(Z_LIMIT * standardError);
  });

  it("throws RangeError for bad arguments", () => {
    expect(() => ksCriticalValue(0, 0.05)).toThrow("n: expected a positive integer, got 0");
    expect(() => ksCriticalValue(10.5, 0.05)).toThrow(RangeError);
    expect(() => ksCriticalValue(10, 0)).toThrow("alpha: expected a number in (0, 1), got 0");
    expect(() => ksCriticalValue(10, 1)).toThrow(RangeError);
  });
});
