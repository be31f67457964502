import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  inverseRegularizedIncompleteBeta,
  logBeta,
  logGamma,
  regularizedIncompleteBeta,
} from "../../src/random/betaFunctions.ts";
import { MAX_BETA_SHAPE } from "../../src/random/families/beta.ts";
import { EPS, relativeError } from "./helpers.ts";

/**
 * Relative error allowed for I_x(a, b). The result is exp(a ln x + b ln(1 - x) - ln B(a, b)) times a
 * continued fraction: each term of the exponent carries about one rounding of its own magnitude (the
 * ln-gammas a few, from the Lanczos sum), and exp turns that absolute error into a relative one; the
 * fraction converges to 1e-16 relative. 16 ulps per unit of exponent magnitude covers those roundings.
 */
function incompleteBetaTolerance(x: number, a: number, b: number): number {
  const magnitude =
    1 +
    Math.abs(a * Math.log(x)) +
    Math.abs(b * Math.log1p(-x)) +
    Math.abs(logGamma(a)) +
    Math.abs(logGamma(b)) +
    Math.abs(logGamma(a + b));
  return 16 * EPS * magnitude;
}

/** Target accuracy of the inverse, relative to min(x, 1 - x). */
const INVERSE_TOLERANCE = 1e-12;

function binomial(n: number, k: number): number {
  let value = 1;
  for (let i = 1; i <= k; i++) value = (value * (n - k + i)) / i;
  return value;
}

describe("logGamma and logBeta", () => {
  // Lanczos (g = 7, 9 terms) has relative error about 1e-15 in Gamma, i.e. ~5 ulps absolute in ln Gamma,
  // and the closing (z + 1/2) ln t - t carries one rounding of its magnitude: 8 ulps * (1 + |ln Gamma|).
  const tolerance = (value: number) => 8 * EPS * (1 + Math.abs(value));

  it("matches ln((n - 1)!) at integers", () => {
    let logFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      expect(Math.abs(logGamma(n) - logFactorial)).toBeLessThanOrEqual(tolerance(logFactorial) + 30 * EPS * logFactorial);
      logFactorial += Math.log(n);
    }
  });

  // mpmath 1.3.0 loggamma at 50 digits.
  it.each([
    [0.1, 2.252712651734205902],
    [0.5, 0.57236494292470008707],
    [3.7, 1.4280723266653881292],
    [10, 12.801827480081469611],
    [100, 359.13420536957539878],
    [1000, 5905.2204232091812118],
    [1e6, 12815504.56914761166],
  ])("matches the reference at x = %s", (x, expected) => {
    expect(Math.abs(logGamma(x) - expected)).toBeLessThanOrEqual(tolerance(expected));
  });

  it("gives ln B(a, b) = ln((a - 1)! (b - 1)! / (a + b - 1)!) and is NaN off its domain", () => {
    // B(2, 3) = 1/12, B(5, 7) = 4! 6! / 11! = 1/2310.
    expect(Math.abs(logBeta(2, 3) - Math.log(1 / 12))).toBeLessThanOrEqual(tolerance(Math.log(12)) * 3);
    expect(Math.abs(logBeta(5, 7) - Math.log(1 / 2310))).toBeLessThanOrEqual(tolerance(Math.log(2310)) * 3);
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(NaN)).toBeNaN();
    expect(logGamma(Infinity)).toBe(Infinity);
  });
});

describe("regularizedIncompleteBeta", () => {
  const grid = Array.from({ length: 63 }, (_, k) => (k + 1) / 64).concat([1e-12, 1e-6, 1 - 2 ** -30]);

  it("matches I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b", () => {
    for (const x of grid) {
      for (const s of [0.1, 0.5, 2, 7.5, 40]) {
        // x^a and -expm1(b log1p(-x)) are accurate to a few ulps times |exponent|.
        const refError = (value: number) => 4 * EPS * (1 + Math.abs(value));
        expect(relativeError(regularizedIncompleteBeta(x, s, 1), Math.exp(s * Math.log(x)))).toBeLessThanOrEqual(
          incompleteBetaTolerance(x, s, 1) + refError(s * Math.log(x)),
        );
        expect(relativeError(regularizedIncompleteBeta(x, 1, s), -Math.expm1(s * Math.log1p(-x)))).toBeLessThanOrEqual(
          incompleteBetaTolerance(x, 1, s) + refError(s * Math.log1p(-x)),
        );
      }
    }
  });

  it("matches the binomial sum for integer a, b: I_x(a, b) = P(Binomial(a + b - 1, x) >= a)", () => {
    for (const x of grid) {
      for (let a = 1; a <= 6; a++) {
        for (let b = 1; b <= 6; b++) {
          const n = a + b - 1;
          let sum = 0;
          for (let j = a; j <= n; j++) sum += binomial(n, j) * x ** j * (1 - x) ** (n - j);
          // Each positive term is accurate to about (n + 3) ulps, and so is their sum.
          const tolerance = incompleteBetaTolerance(x, a, b) + (n + 3) * 4 * EPS;
          expect(relativeError(regularizedIncompleteBeta(x, a, b), sum)).toBeLessThanOrEqual(tolerance);
        }
      }
    }
  });

  it("matches the arcsine law I_x(1/2, 1/2) = (2 / pi) asin(sqrt x) and the symmetric median", () => {
    for (const x of grid) {
      const expected = (2 / Math.PI) * Math.asin(Math.sqrt(x));
      expect(relativeError(regularizedIncompleteBeta(x, 0.5, 0.5), expected)).toBeLessThanOrEqual(
        incompleteBetaTolerance(x, 0.5, 0.5) + 8 * EPS,
      );
    }
    for (const a of [0.05, 0.5, 1, 3.3, 40, 1000]) {
      expect(Math.abs(regularizedIncompleteBeta(0.5, a, a) - 0.5)).toBeLessThanOrEqual(
        0.5 * incompleteBetaTolerance(0.5, a, a),
      );
    }
  });

  it("satisfies I_x(a, b) + I_{1-x}(b, a) = 1", () => {
    for (const x of grid.filter((value) => value >= 1 / 64 && value <= 63 / 64)) {
      for (const [a, b] of [[0.3, 2], [2, 5], [12, 3.5], [0.5, 0.5]]) {
        const sum = regularizedIncompleteBeta(x, a, b) + regularizedIncompleteBeta(1 - x, b, a);
        expect(Math.abs(sum - 1)).toBeLessThanOrEqual(incompleteBetaTolerance(x, a, b) + 2 * EPS);
      }
    }
  });

  // pbeta(0.3, 2, 5) = 0.579825 exactly in decimals (1 - 0.7^6 - 6 * 0.3 * 0.7^5), as R and SciPy print it;
  // all values: mpmath 1.3.0 betainc(regularized=True) at 50 digits, at the binary value of each x.
  it.each([
    [0.3, 2, 5, 0.57982499999999997601],
    [0.2, 0.5, 0.5, 0.29516723530086655719],
    [0.9, 50, 3, 0.096633285137252208871],
    [0.4, 10, 20, 0.78531838976282617771],
    [1e-5, 0.1, 3, 0.36524240567287841265],
    [0.999, 0.3, 0.7, 0.99707695864442244065],
    [0.49, 1000, 1000, 0.18555265943151144994],
    [0.4, 100.5, 150.25, 0.49312869714381192463],
  ])("matches the reference I_%s(%s, %s)", (x, a, b, expected) => {
    expect(relativeError(regularizedIncompleteBeta(x, a, b), expected)).toBeLessThanOrEqual(
      incompleteBetaTolerance(x, a, b),
    );
  });

  it("is 0 below the support, 1 above it and NaN for bad parameters", () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(-1, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(0.5, 0, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0.5, 2, -1)).toBeNaN();
    expect(regularizedIncompleteBeta(NaN, 2, 3)).toBeNaN();
  });
});

describe("inverseRegularizedIncompleteBeta", () => {
  const probabilities = [1e-100, 1e-20, 1e-8, 1e-3, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999, 1 - 1e-9];

  it("inverts the closed forms x^a, 1 - (1 - x)^b and the arcsine law to 1e-12", () => {
    for (const p of probabilities) {
      for (const s of [0.5, 1, 2, 5]) {
        // Closed-form inverses; their own error is a few ulps times the exponent's magnitude.
        const lower = Math.exp(Math.log(p) / s);
        const upper = -Math.expm1(Math.log1p(-p) / s);
        const refError = 4 * EPS * (1 + Math.abs(Math.log(p) / s) + Math.abs(Math.log1p(-p) / s));
        expect(relativeError(inverseRegularizedIncompleteBeta(p, s, 1), lower)).toBeLessThanOrEqual(
          INVERSE_TOLERANCE + refError,
        );
        expect(relativeError(inverseRegularizedIncompleteBeta(p, 1, s), upper)).toBeLessThanOrEqual(
          INVERSE_TOLERANCE + refError,
        );
      }
      const arcsine = Math.sin((Math.PI * p) / 2) ** 2;
      expect(relativeError(inverseRegularizedIncompleteBeta(p, 0.5, 0.5), arcsine)).toBeLessThanOrEqual(
        INVERSE_TOLERANCE + 8 * EPS,
      );
    }
  });

  // qbeta(0.9, 2, 5) = 0.5103163065514917 (SciPy beta.ppf prints the same); all values mpmath 1.3.0 at 50
  // digits by bisection on betainc, at the binary value of each p.
  it.each([
    [0.9, 2, 5, 0.51031630655149166906],
    [0.5, 2, 5, 0.26444998329565996232],
    [0.05, 10, 20, 0.20049569764949940154],
    [0.001, 0.5, 2, 4.4444457613175554362e-7],
    [0.99, 3, 0.5, 0.9999715544767112647],
    [1e-12, 50, 3, 0.51247346188652728535],
    [0.5, 1000, 1000, 0.5],
    [0.1, 0.5, 30, 0.00026534653262665460906],
  ])("matches the reference quantile at p = %s of Beta(%s, %s) to 1e-12", (p, a, b, expected) => {
    expect(relativeError(inverseRegularizedIncompleteBeta(p, a, b), expected)).toBeLessThanOrEqual(INVERSE_TOLERANCE);
  });

  it("brackets the true root within 1e-12 of min(x, 1 - x) plus one ulp, for random a, b, p", () => {
    // The true root lies in [x - h, x + h] iff the tail probability at the two ends straddles the target;
    // the smaller tail is compared, where I keeps full relative precision (its error, under 1e-13 for these
    // parameters, is far below the change a 1e-12 relative shift makes there, about min(a, b) * 1e-12).
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
        (a, b, p) => {
          const x = inverseRegularizedIncompleteBeta(p, a, b);
          const h = INVERSE_TOLERANCE * Math.min(x, 1 - x) + EPS * x;
          const lo = Math.max(0, x - h);
          const hi = Math.min(1, x + h);
          if (p <= 0.5) {
            return regularizedIncompleteBeta(lo, a, b) <= p && p <= regularizedIncompleteBeta(hi, a, b);
          }
          return regularizedIncompleteBeta(1 - hi, b, a) <= 1 - p && 1 - p <= regularizedIncompleteBeta(1 - lo, b, a);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("regression: a root within 6e-14 of 1 (fast-check seed -604801163, counterexample [17.622019973849376, 1, 0.9999999999989998])", () => {
    // A Newton step from the start overshot below 2^-1074 and the root was taken for an underflow (x = 1).
    const [a, p] = [17.622019973849376, 0.9999999999989998];
    expect(relativeError(inverseRegularizedIncompleteBeta(p, a, 1), Math.exp(Math.log(p) / a))).toBeLessThanOrEqual(EPS);
  });

  it("at the largest shapes a scenario may give (1e8, MAX_BETA_SHAPE) agrees with the limit laws to 1e-6", () => {
    // Beta(a, a) for large a is normal, mean 1/2, sd sqrt(1 / (4 (2a + 1))) (excess kurtosis -6 / (2a + 3));
    // b Beta(a, b) for large b is Gamma(a), and Gamma(1/2) is z^2 / 2 (z standard normal), so its
    // p-quantile is z_((1+p)/2)^2 / 2. Normal quantiles from R's qnorm.
    const a = MAX_BETA_SHAPE;
    const sd = Math.sqrt(1 / (4 * (2 * a + 1)));
    for (const [p, z] of [[0.5, 0], [0.975, 1.959963984540054], [0.05, -1.6448536269514722]]) {
      expect(Math.abs(inverseRegularizedIncompleteBeta(p, a, a) - (0.5 + z * sd)) / sd).toBeLessThan(1e-6);
    }
    for (const [p, z] of [[0.5, 0.6744897501960817], [0.9, 1.6448536269514722], [0.05, 0.06270677794321385]]) {
      expect(relativeError(inverseRegularizedIncompleteBeta(p, 0.5, a), (z * z) / 2 / a)).toBeLessThan(1e-6);
    }
  });

  it("returns the ends at 0 and 1, 0 on underflow, and NaN for bad arguments", () => {
    expect(inverseRegularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(inverseRegularizedIncompleteBeta(1, 2, 3)).toBe(1);
    // The 1e-300 quantile of Beta(0.5, 0.5) is about 2.5e-600, below the smallest double.
    expect(inverseRegularizedIncompleteBeta(1e-300, 0.5, 0.5)).toBe(0);
    expect(inverseRegularizedIncompleteBeta(0.5, 0, 1)).toBeNaN();
    expect(inverseRegularizedIncompleteBeta(-0.1, 2, 3)).toBeNaN();
    expect(inverseRegularizedIncompleteBeta(NaN, 2, 3)).toBeNaN();
  });
});
