// Student's t distribution function and quantile (src/random/studentT.ts) against closed forms for odd
// degrees of freedom and values from SciPy 1.x (scipy.stats.t.cdf / t.ppf) and R (pt, qt).
import { describe, expect, it } from "vitest";
import { studentTCdf, studentTQuantile } from "../../src/random/studentT.ts";

// Closed forms (A&S 26.7.3): df = 3: 1/2 + (theta + sin cos) / pi; df = 5: 1/2 + (theta + sin cos (1 + 2/3 cos^2)) / pi,
// theta = atan(x / sqrt(df)).
const cdf3 = (x: number) => {
  const th = Math.atan(x / Math.sqrt(3));
  return 0.5 + (th + Math.sin(th) * Math.cos(th)) / Math.PI;
};
const cdf5 = (x: number) => {
  const th = Math.atan(x / Math.sqrt(5));
  const c = Math.cos(th);
  return 0.5 + (th + Math.sin(th) * c * (1 + (2 / 3) * c * c)) / Math.PI;
};

describe("studentTCdf", () => {
  it("matches R and SciPy: pt(1.5, 5) = 0.9030481598787634, pt(-2, 3) = 0.06966298427942152, pt(0.3, 10) = 0.6148396962171008, pt(-4, 2.5) = 0.019506487920659125", () => {
    expect(studentTCdf(1.5, 5)).toBeCloseTo(0.9030481598787634, 13);
    expect(studentTCdf(-2, 3)).toBeCloseTo(0.06966298427942152, 13);
    expect(studentTCdf(0.3, 10)).toBeCloseTo(0.6148396962171008, 13);
    expect(studentTCdf(-4, 2.5)).toBeCloseTo(0.019506487920659125, 13);
  });

  it("matches the closed forms for df = 3 and 5 from -50 to 50", () => {
    for (let x = -50; x <= 50; x += 0.37) {
      expect(studentTCdf(x, 3)).toBeCloseTo(cdf3(x), 12);
      expect(studentTCdf(x, 5)).toBeCloseTo(cdf5(x), 12);
    }
  });

  it("is symmetric, 1/2 at 0, 0 and 1 at the infinities, NaN for df <= 0", () => {
    expect(studentTCdf(0, 4)).toBe(0.5);
    expect(studentTCdf(1.3, 7) + studentTCdf(-1.3, 7)).toBeCloseTo(1, 15);
    expect(studentTCdf(-Infinity, 4)).toBe(0);
    expect(studentTCdf(Infinity, 4)).toBe(1);
    expect(studentTCdf(1, 0)).toBeNaN();
  });
});

describe("studentTQuantile", () => {
  it("matches R and SciPy: qt(0.975, 5) = 2.5705818356363146, qt(0.6, 4) = 0.2707222947075976, qt(0.001, 30) = -3.385184866829305, qt(1e-10, 3) = -2225.769284683093", () => {
    expect(studentTQuantile(0.975, 5)).toBeCloseTo(2.5705818356363146, 12);
    expect(studentTQuantile(0.6, 4)).toBeCloseTo(0.2707222947075976, 12);
    expect(studentTQuantile(0.001, 30)).toBeCloseTo(-3.385184866829305, 11);
    expect(studentTQuantile(1e-10, 3) / -2225.769284683093).toBeCloseTo(1, 12);
  });

  it("inverts the distribution function to 1e-10 relative tail error, tails and centre", () => {
    for (const df of [2.5, 3, 5, 30]) {
      for (const p of [1e-12, 1e-6, 0.001, 0.2, 0.49, 0.5001, 0.7, 0.999]) {
        const x = studentTQuantile(p, df);
        expect(Math.abs(studentTCdf(x, df) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-10);
      }
    }
  });

  it("gives 0 at 1/2, the infinities at 0 and 1, NaN outside", () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
    expect(studentTQuantile(1.1, 3)).toBeNaN();
  });
});
