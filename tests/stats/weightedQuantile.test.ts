// Weighted statistics (src/stats/weightedQuantile.ts): Akinshin's weighted type 7, reliability-weight sd, Kish's ESS.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantiles } from "../../src/stats/quantile.ts";
import { effectiveSampleSize, weightedQuantiles, weightedSummary } from "../../src/stats/weightedQuantile.ts";

describe("weightedQuantiles", () => {
  it("matches a hand computation: x = 1, 2, 3 with weights 1, 1, 2", () => {
    // Normalised weights 1/4, 1/4, 1/2; t = 0.25, 0.5, 1; n* = 1 / (1/16 + 1/16 + 1/4) = 8/3.
    // p = 0.5: h = (8/3 - 1) 0.5 + 1 = 11/6; window [5/16, 11/16], width 3/8.
    //   F(0.25) = 0, F(0.5) = (0.5 - 5/16) / (3/8) = 1/2, F(1) = 1: Q = 0.5 * 2 + 0.5 * 3 = 2.5.
    // p = 0: h = 1; window [0, 3/8]: F(0.25) = 2/3, F(0.5) = 1: Q = 2/3 * 1 + 1/3 * 2 = 4/3.
    // p = 1: h = 8/3; window [5/8, 1]: only x = 3's cell (0.5, 1] meets it: Q = 3.
    const q = weightedQuantiles([1, 2, 3], [1, 1, 2], [0, 0.5, 1]);
    expect(q[0]).toBeCloseTo(4 / 3, 14);
    expect(q[1]).toBeCloseTo(2.5, 14);
    expect(q[2]).toBeCloseTo(3, 14);
  });

  it("is R's type 7 for equal weights (within rounding)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (values, p, w) => {
          const [weighted] = weightedQuantiles(values, values.map(() => w), [p]);
          const [plain] = quantiles(Float64Array.from(values), [p]);
          const scale = Math.max(1, ...values.map(Math.abs));
          expect(Math.abs(weighted - plain)).toBeLessThanOrEqual(1e-9 * scale);
        },
      ),
    );
  });

  it("ignores paths of weight 0 (the same as dropping them)", () => {
    const [withZeros] = weightedQuantiles([5, 1, 100, 2, 3], [1, 1, 0, 2, 0], [0.5]);
    const [dropped] = weightedQuantiles([5, 1, 2], [1, 1, 2], [0.5]);
    expect(withZeros).toBeCloseTo(dropped, 14);
  });

  it("follows the weight: one heavy value dominates the median", () => {
    // n* = 102^2 / 10002; window [0.01932, 0.98068]; t = 1/102, 2/102, 1: weight 0.0003 on 2, the rest on 3.
    const [median] = weightedQuantiles([1, 2, 3], [1, 1, 100], [0.5]);
    expect(median).toBeGreaterThan(2.999);
    expect(median).toBeLessThan(3);
  });

  it("rejects negative weights, no positive weight, and lengths that differ", () => {
    expect(() => weightedQuantiles([1, 2], [1, -1], [0.5])).toThrow(RangeError);
    expect(() => weightedQuantiles([1, 2], [0, 0], [0.5])).toThrow(RangeError);
    expect(() => weightedQuantiles([1, 2], [1], [0.5])).toThrow(RangeError);
    expect(() => weightedQuantiles([1, 2], [1, 1], [1.5])).toThrow(RangeError);
  });
});

describe("weightedSummary and effectiveSampleSize", () => {
  it("match hand computations", () => {
    // mean = (1 + 2 + 6) / 4 = 2.25; sum w (x - mean)^2 = 1.5625 + 0.0625 + 2 * 0.5625 = 2.75;
    // V1 = 4, V2 = 6: sd = sqrt(2.75 / (4 - 6/4)) = sqrt(1.1). ESS = 16 / 6.
    const s = weightedSummary([1, 2, 3], [1, 1, 2], [0.5]);
    expect(s.mean).toBeCloseTo(2.25, 14);
    expect(s.sd).toBeCloseTo(Math.sqrt(1.1), 14);
    expect(effectiveSampleSize([1, 1, 2])).toBeCloseTo(8 / 3, 14);
  });

  it("is the sample mean and sd (n - 1) for equal weights", () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
    const s = weightedSummary(x, x.map(() => 0.3), []);
    expect(s.mean).toBeCloseTo(mean, 12);
    expect(s.sd).toBeCloseTo(sd, 12);
    expect(effectiveSampleSize(x.map(() => 0.3))).toBeCloseTo(8, 12);
  });

  it("gives sd 0 and ESS 1 when one path carries all the weight", () => {
    expect(weightedSummary([1, 2, 3], [0, 5, 0], [0.5])).toEqual({ mean: 2, sd: 0, quantiles: [2] });
    expect(effectiveSampleSize([0, 5, 0])).toBe(1);
  });
});
