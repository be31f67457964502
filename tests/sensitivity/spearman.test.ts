import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rank } from "../../src/stats/rank.ts";
import { spearman, spearmanMatrix } from "../../src/stats/spearman.ts";

describe("rank", () => {
  it("gives tied values the average of the ranks they share", () => {
    expect(Array.from(rank(Float64Array.of(10, 30, 20, 20)))).toEqual([1, 4, 2.5, 2.5]);
    // Three-way tie over ranks 2, 3, 4 -> 3.
    expect(Array.from(rank([5, 1, 5, 9, 5]))).toEqual([3, 1, 3, 5, 3]);
  });

  it("does not mutate its input", () => {
    const values = Float64Array.of(3, 1, 2);
    rank(values);
    expect(Array.from(values)).toEqual([3, 1, 2]);
  });

  it("throws on NaN", () => {
    expect(() => rank([1, Number.NaN])).toThrow(RangeError);
  });

  it("ranks always sum to n (n + 1) / 2 and are within [1, n]", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), (values) => {
        const ranks = rank(values);
        const n = values.length;
        let sum = 0;
        for (const r of ranks) {
          sum += r;
          if (r < 1 || r > n) return false;
        }
        return sum === (n * (n + 1)) / 2;
      }),
    );
  });
});

describe("spearman", () => {
  it("matches a hand-computed example with a tie", () => {
    // x ranks 1..5 (deviations -2, -1, 0, 1, 2); y = 5, 6, 7, 8, 7 has ranks 1, 2, 3.5, 5, 3.5
    // (deviations -2, -1, 0.5, 2, 0.5). Sxy = 4 + 1 + 0 + 2 + 1 = 8, Sxx = 10, Syy = 9.5:
    // rho = 8 / sqrt(95) = 0.8207826816681233.
    expect(spearman(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(5, 6, 7, 8, 7))).toBeCloseTo(8 / Math.sqrt(95), 15);
  });

  it("matches R's cor(x, y, method = \"spearman\")", () => {
    // R's ?cor.test example (Hollander & Wolfe 1973, p. 187): cor.test(x, y, method = "spearman") prints
    // S = 48, rho 0.6 (no ties). SciPy 1.17.1 spearmanr agrees: 0.6.
    const x = [44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1];
    const y = [2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8];
    expect(spearman(x, y)).toBeCloseTo(0.6, 14);
    // With ties: M. Sullivan, Statistics, section 15.6 (R output at sullystats.com, 15_6.htm):
    // cor.test(mpg, dist, method = "spearman") prints rho 0.9277782. SciPy: 0.9277781834703689.
    const mpg = [100, 102, 103, 101, 105, 100, 99, 105];
    const dist = [257, 264, 274, 266, 277, 263, 258, 275];
    expect(spearman(mpg, dist)).toBeCloseTo(0.9277782, 7);
  });

  it("does not mutate its inputs", () => {
    const x = Float64Array.of(3, 1, 2);
    const y = Float64Array.of(1, 3, 2);
    spearman(x, y);
    expect(Array.from(x)).toEqual([3, 1, 2]);
    expect(Array.from(y)).toEqual([1, 3, 2]);
  });

  it("is NaN for a constant input and throws on bad lengths", () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => spearman([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => spearman([1], [1])).toThrow(RangeError);
  });

  it("is symmetric, within [-1, 1], and invariant under increasing transforms", () => {
    const pairs = fc
      .integer({ min: 2, max: 40 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }),
          fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(pairs, ([x, y]) => {
        const rho = spearman(x, y);
        if (Number.isNaN(rho)) return new Set(x).size === 1 || new Set(y).size === 1;
        const transformed = spearman(x.map((v) => Math.exp(v / 4) * 3 + 1) /* distinct integers stay distinct */, y);
        return Math.abs(rho - spearman(y, x)) < 1e-12 && rho >= -1 && rho <= 1 && Math.abs(rho - transformed) < 1e-12;
      }),
    );
  });

  it("spearmanMatrix agrees with pairwise spearman", () => {
    const a = Float64Array.of(1, 2, 3, 4, 5, 6);
    const b = Float64Array.of(2, 1, 4, 3, 6, 5);
    const c = Float64Array.of(6, 4, 5, 1, 2, 3);
    const m = spearmanMatrix([a, b, c]);
    expect(m[0][0]).toBe(1);
    expect(m[0][1]).toBeCloseTo(spearman(a, b), 15);
    expect(m[2][1]).toBeCloseTo(spearman(c, b), 15);
    expect(m[1][2]).toBe(m[2][1]);
  });
});
