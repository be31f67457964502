import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "../../src/random/normal.ts";
import { EPS, relativeError } from "./helpers.ts";

// Reference quantiles: 20 significant digits from mpmath 1.3.0 in 50-digit arithmetic (bisection on
// mpmath.ncdf), at the exact binary value of each double p (for p near 1 the double differs from the
// decimal enough to move the 12th digit). The first two agree with R's documented
// qnorm(0.975) = 1.959963984540054 and qnorm(1e-10) = -6.361340902404056 to the 16 digits R prints.
const QUANTILE_REFERENCES: Array<[number, number]> = [
  [0.975, 1.9599639845400538556],
  [1e-10, -6.3613409024040561991],
  [1e-300, -37.047096299361199237],
  [1e-100, -21.273453560965324294],
  [1e-20, -9.2623400897984075796],
  [0.001, -3.0902323061678135354],
  [0.025, -1.9599639845400542118],
  [0.3, -0.52440051270804081597],
  [0.99, 2.3263478740408407676],
  [0.999999, 4.7534243088170877657],
];

// Reference CDF values: mpmath 1.3.0, mpmath.ncdf at 50 digits. pnorm(1) = 0.8413447460685429 and
// pnorm(-10) = 7.619853024160527e-24 as R prints them.
const CDF_REFERENCES: Array<[number, number]> = [
  [-37.5, 4.6053530095819548438e-308],
  [-30, 4.9067139271481870595e-198],
  [-20, 2.7536241186062336951e-89],
  [-10, 7.619853024160526066e-24],
  [-5, 2.8665157187919391167e-7],
  [-2, 0.0227501319481792072],
  [-1, 0.15865525393145705141],
  [-0.5, 0.30853753872598689636],
  [0.25, 0.59870632568292372424],
  [1, 0.84134474606854294859],
  [3, 0.99865010196836990547],
  [8, 0.9999999999999993779],
];

describe("normalQuantile", () => {
  // AS 241 is accurate to about 1e-16 relative; a degree-7 rational evaluated in double adds a few
  // roundings, so 4 ulps (4 * 2^-52 relative) bounds the total.
  it.each(QUANTILE_REFERENCES)("matches the reference at p = %s to 4 ulps", (p, expected) => {
    expect(relativeError(normalQuantile(p), expected)).toBeLessThanOrEqual(4 * EPS);
  });

  it("is 0 at 1/2 and antisymmetric: q(1 - p) = -q(p) where 1 - p is exact", () => {
    expect(normalQuantile(0.5)).toBe(0);
    for (const p of [0.5 - 2 ** -20, 0.3125, 0.078125, 0.0625, 2 ** -10, 2 ** -30]) {
      // 1 - p is exact for these dyadic p; both sides use the same branch of AS 241.
      expect(normalQuantile(1 - p)).toBe(-normalQuantile(p));
    }
  });

  it("returns the infinite ends at 0 and 1 and NaN outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    for (const p of [-0.1, 1.1, NaN, Infinity, -Infinity]) expect(normalQuantile(p)).toBeNaN();
  });
});

describe("normalCdf", () => {
  // Cody's approximations have relative error below 1e-16 on each range; the final products
  // (split exp, rational, division by y) add about one rounding each: 8 ulps bound the total.
  it.each(CDF_REFERENCES)("matches the reference at x = %s to 8 ulps", (x, expected) => {
    expect(relativeError(normalCdf(x), expected)).toBeLessThanOrEqual(8 * EPS);
  });

  it("is symmetric: cdf(x) + cdf(-x) = 1 to rounding of the sum", () => {
    for (const x of [0.1, 0.6744, 0.7, 2, 5.6, 5.7, 9]) {
      expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThanOrEqual(2 * EPS);
    }
  });

  it("handles the ends, underflow and NaN", () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it("inverts normalQuantile from 1e-300 to 1/2 within the propagated error", () => {
    // With relative errors dq (quantile) and dF (cdf), |cdf(q(p)) - p| / p <= (phi(z) |z| / Phi(z)) dq + dF,
    // and for z <= 0 the Mills-ratio bound Phi(z) > phi(z) |z| / (1 + z^2) gives phi |z| / Phi < 1 + z^2.
    for (let exponent = -300; exponent <= 0; exponent += 0.5) {
      const p = Math.min(0.5, 10 ** exponent);
      const z = normalQuantile(p);
      const tolerance = (1 + z * z) * 4 * EPS + 8 * EPS;
      expect(relativeError(normalCdf(z), p)).toBeLessThanOrEqual(tolerance);
    }
  });
});
