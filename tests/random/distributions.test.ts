import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IssueCode } from "../../src/core/issues.ts";
import { regularizedIncompleteBeta } from "../../src/random/betaFunctions.ts";
import { distributionIssues, isDistributionSpec, makeDistribution } from "../../src/random/distributions.ts";
import { normalCdf } from "../../src/random/normal.ts";
import type { DistributionSpec } from "../../src/random/spec.ts";
import { createStream } from "../../src/random/stream.ts";
import { ksCriticalValue, ksStatistic } from "./ks.ts";
import {
  drawSample,
  EPS,
  meanStandardError,
  relativeError,
  sampleMoments,
  varianceStandardError,
  Z_LIMIT,
} from "./helpers.ts";

const N = 20_000;
const KS_ALPHA = 0.001;
const Z95 = 1.6448536269514722;

/** Closed-form moments and CDF of a case, written from the textbook formulas, not from the module. */
interface Case {
  name: string;
  spec: DistributionSpec;
  mean: number;
  variance: number;
  /** Fourth central moment, for the standard error of the sample variance. */
  mu4: number;
  cdf: (x: number) => number;
  /** The CDF jumps (discrete): KS is then computed at the support points, see below. */
  atoms?: number[];
}

function normalCase(name: string, spec: DistributionSpec, mean: number, sd: number): Case {
  const variance = sd * sd;
  return { name, spec, mean, variance, mu4: 3 * variance * variance, cdf: (x) => normalCdf((x - mean) / sd) };
}

function lognormalCase(name: string, spec: DistributionSpec, mu: number, s: number): Case {
  const s2 = s * s;
  const variance = Math.expm1(s2) * Math.exp(2 * mu + s2);
  // Kurtosis of the lognormal: e^{4 s^2} + 2 e^{3 s^2} + 3 e^{2 s^2} - 3.
  const kurtosis = Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 3;
  return {
    name,
    spec,
    mean: Math.exp(mu + s2 / 2),
    variance,
    mu4: kurtosis * variance * variance,
    cdf: (x) => (x > 0 ? normalCdf((Math.log(x) - mu) / s) : 0),
  };
}

function betaCase(name: string, spec: DistributionSpec, a: number, b: number, min: number, max: number): Case {
  const w = max - min;
  const variance = (w * w * a * b) / ((a + b) ** 2 * (a + b + 1));
  // Excess kurtosis of the beta: 6 [(a - b)^2 (a + b + 1) - a b (a + b + 2)] / [a b (a + b + 2)(a + b + 3)].
  const excess = (6 * ((a - b) ** 2 * (a + b + 1) - a * b * (a + b + 2))) / (a * b * (a + b + 2) * (a + b + 3));
  return {
    name,
    spec,
    mean: min + (w * a) / (a + b),
    variance,
    mu4: (3 + excess) * variance * variance,
    cdf: (x) => regularizedIncompleteBeta((x - min) / w, a, b),
  };
}

function triangularCase(min: number, mode: number, max: number): Case {
  const variance = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
  return {
    name: `triangular(${min}, ${mode}, ${max})`,
    spec: { dist: "triangular", min, mode, max },
    mean: (min + mode + max) / 3,
    variance,
    // The triangular distribution's kurtosis is 12/5 whatever its shape.
    mu4: 2.4 * variance * variance,
    cdf: (x) =>
      x <= min ? 0 : x >= max ? 1 : x < mode ? (x - min) ** 2 / ((max - min) * (mode - min)) : 1 - (max - x) ** 2 / ((max - min) * (max - mode)),
  };
}

function discreteCase(values: number[], weights: number[]): Case {
  const total = weights.reduce((s, w) => s + w, 0);
  const probabilities = weights.map((w) => w / total);
  const mean = values.reduce((s, v, i) => s + probabilities[i] * v, 0);
  const central = (k: number) => values.reduce((s, v, i) => s + probabilities[i] * (v - mean) ** k, 0);
  return {
    name: `discrete(${values.join(", ")})`,
    spec: { dist: "discrete", values, weights },
    mean,
    variance: central(2),
    mu4: central(4),
    cdf: (x) => values.reduce((s, v, i) => s + (v <= x ? probabilities[i] : 0), 0),
    atoms: [...values].sort((p, q) => p - q),
  };
}

function pertCase(min: number, mode: number, max: number, shape: number | undefined): Case {
  const lambda = shape ?? 4;
  const a = 1 + (lambda * (mode - min)) / (max - min);
  const b = 1 + (lambda * (max - mode)) / (max - min);
  const spec: DistributionSpec = shape === undefined ? { dist: "pert", min, mode, max } : { dist: "pert", min, mode, max, shape };
  return betaCase(`pert(${min}, ${mode}, ${max}, shape ${lambda})`, spec, a, b, min, max);
}

const CASES: Case[] = [
  normalCase("normal(3, 2)", { dist: "normal", mean: 3, sd: 2 }, 3, 2),
  lognormalCase("lognormal(0.5, 0.4)", { dist: "lognormal", meanLog: 0.5, sdLog: 0.4 }, 0.5, 0.4),
  {
    name: "uniform(-1, 3)",
    spec: { dist: "uniform", min: -1, max: 3 },
    mean: 1,
    variance: 16 / 12,
    mu4: 256 / 80,
    cdf: (x) => Math.min(1, Math.max(0, (x + 1) / 4)),
  },
  triangularCase(0, 1, 4),
  triangularCase(2, 2, 5),
  pertCase(0, 1, 4, undefined),
  pertCase(10, 18, 20, 2),
  betaCase("beta(2, 5)", { dist: "beta", alpha: 2, beta: 5 }, 2, 5, 0, 1),
  betaCase("beta(0.5, 0.5) on [10, 20]", { dist: "beta", alpha: 0.5, beta: 0.5, min: 10, max: 20 }, 0.5, 0.5, 10, 20),
  discreteCase([5, 1, 2], [0.3, 0.2, 0.5]),
  discreteCase([0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1]),
  normalCase("interval90(10, 20)", { dist: "interval90", low: 10, high: 20 }, 15, 10 / (2 * Z95)),
  lognormalCase(
    "interval90(1, 4, lognormal)",
    { dist: "interval90", low: 1, high: 4, family: "lognormal" },
    Math.log(2),
    Math.log(4) / (2 * Z95),
  ),
];

/**
 * KS distance of a sample from a step CDF: both the empirical and the true CDF are constant between
 * atoms, so the supremum is attained at an atom. The KS test with continuous critical values is
 * conservative for a discontinuous F (Noether 1963), so the same alpha applies.
 */
function ksDiscrete(sample: Float64Array, atoms: number[], cdf: (x: number) => number): number {
  let d = 0;
  for (const atom of atoms) {
    let count = 0;
    for (let i = 0; i < sample.length; i++) if (sample[i] <= atom) count++;
    d = Math.max(d, Math.abs(count / sample.length - cdf(atom)));
  }
  return d;
}

describe.each(CASES)("$name", (c) => {
  const dist = makeDistribution(c.spec);
  const sample = drawSample(dist, 42, `test:${c.name}`, N);
  const { mean, variance } = sampleMoments(sample);

  it("reports the closed-form mean and variance", () => {
    // Both are a handful of floating-point operations on the parameters: 16 ulps.
    expect(relativeError(dist.mean, c.mean)).toBeLessThanOrEqual(16 * EPS);
    expect(relativeError(dist.variance, c.variance)).toBeLessThanOrEqual(16 * EPS);
  });

  it(`has a sample mean within ${Z_LIMIT} standard errors of the mean (n = ${N})`, () => {
    expect(Math.abs(mean - c.mean)).toBeLessThan(Z_LIMIT * meanStandardError(c.variance, N));
  });

  it(`has a sample variance within ${Z_LIMIT} standard errors of the variance (from mu4)`, () => {
    expect(Math.abs(variance - c.variance)).toBeLessThan(Z_LIMIT * varianceStandardError(c.variance, c.mu4, N));
  });

  it(`passes the KS test at alpha = ${KS_ALPHA}`, () => {
    const d = c.atoms ? ksDiscrete(sample, c.atoms, c.cdf) : ksStatistic(sample, c.cdf);
    expect(d).toBeLessThan(ksCriticalValue(N, KS_ALPHA));
  });

  it("stays in its support and agrees with the reference CDF", () => {
    const [low, high] = dist.support;
    for (let i = 0; i < sample.length; i++) {
      expect(sample[i]).toBeGreaterThanOrEqual(low);
      expect(sample[i]).toBeLessThanOrEqual(high);
    }
    for (const p of [0.01, 0.25, 0.5, 0.75, 0.99]) {
      const x = dist.quantile(p);
      // Reference CDF and module CDF use the same special functions; they differ by rounding only.
      expect(Math.abs(dist.cdf(x) - c.cdf(x))).toBeLessThanOrEqual(1e-14);
    }
  });

  it("returns the support ends at p = 0 and 1, and NaN outside [0, 1]", () => {
    expect(dist.quantile(0)).toBe(dist.support[0]);
    expect(dist.quantile(1)).toBe(dist.support[1]);
    for (const p of [-0.5, 1.5, NaN]) expect(dist.quantile(p)).toBeNaN();
  });
});

describe("quantile and cdf round trip", () => {
  const probabilities = [1e-10, 1e-6, 0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999, 1 - 1e-6];
  // The module's quantile is accurate to 1e-12 relative (the inverse-beta target; the closed forms do
  // better). So the true quantile of p lies within x +- delta (|x| + scale), with scale = the spread, and the
  // CDF, accurate to ~1e-15, straddles p there: cdf(x-) <= p <= cdf(x+).
  const delta = 1e-12;
  it.each(CASES.filter((c) => !c.atoms))("the true quantile is bracketed for $name", (c) => {
    const dist = makeDistribution(c.spec);
    const scale = Math.sqrt(c.variance);
    for (const p of probabilities) {
      const x = dist.quantile(p);
      const h = delta * (Math.abs(x) + scale);
      expect(dist.cdf(x - h)).toBeLessThanOrEqual(p);
      expect(dist.cdf(x + h)).toBeGreaterThanOrEqual(p);
    }
  });

  it("discrete: quantile(p) is the smallest value with CDF >= p, and inverts the CDF on the support", () => {
    const dist = makeDistribution({ dist: "discrete", values: [3, 1, 2, 2, 7], weights: [1, 0, 2, 1, 0] });
    // Sorted: 1 (0), 2 (2 + 1), 3 (1), 7 (0); CDF: 1 -> 0, 2 -> 0.75, 3 -> 1, 7 -> 1.
    expect([0.5, 0.75, 0.7500001, 0.99].map((p) => dist.quantile(p))).toEqual([2, 2, 3, 3]);
    expect([0.5, 1, 1.5, 2, 2.9, 3, 100].map((x) => dist.cdf(x))).toEqual([0, 0, 0, 0.75, 0.75, 1, 1]);
    expect(dist.support).toEqual([2, 3]);
    for (const v of [2, 3]) expect(dist.quantile(dist.cdf(v))).toBe(v);
    expect(dist.mean).toBe(2.25);
    expect(dist.variance).toBe(0.1875);
  });

  it("interval90 puts its 5th and 95th percentiles at low and high", () => {
    for (const spec of [
      { dist: "interval90", low: 10, high: 20 },
      { dist: "interval90", low: 0.5, high: 8, family: "lognormal" },
    ] as DistributionSpec[]) {
      const dist = makeDistribution(spec);
      const { low, high } = spec as { low: number; high: number };
      // AS 241 to 4 ulps, times the few operations of the affine (or exp) map: 16 ulps.
      expect(relativeError(dist.quantile(0.05), low)).toBeLessThanOrEqual(16 * EPS);
      expect(relativeError(dist.quantile(0.95), high)).toBeLessThanOrEqual(16 * EPS);
    }
  });

  it("PERT with min = mode is a Beta(1, 1 + shape) and a triangular's mode has CDF (mode - min) / (max - min)", () => {
    const pert = makeDistribution({ dist: "pert", min: 0, mode: 0, max: 2, shape: 3 });
    // Beta(1, 4) on [0, 2]: CDF 1 - (1 - x / 2)^4.
    for (const x of [0.25, 1, 1.75]) expect(Math.abs(pert.cdf(x) - (1 - (1 - x / 2) ** 4))).toBeLessThanOrEqual(1e-15);
    const triangular = makeDistribution({ dist: "triangular", min: 1, mode: 2, max: 5 });
    expect(triangular.cdf(2)).toBe(0.25);
    expect(triangular.quantile(0.25)).toBe(2);
  });
});

describe("sampling", () => {
  it("reproduces the same draws from the same seed and key", () => {
    const dist = makeDistribution({ dist: "pert", min: 1, mode: 2, max: 6 });
    expect(drawSample(dist, 7, "k", 200)).toEqual(drawSample(dist, 7, "k", 200));
    expect(drawSample(dist, 7, "k", 200)).not.toEqual(drawSample(dist, 8, "k", 200));
  });

  it("uses one 53-bit uniform per draw: sample(stream) = quantile(stream.uniform())", () => {
    const dist = makeDistribution({ dist: "beta", alpha: 2, beta: 3 });
    const a = createStream(3, "one-uniform");
    const b = createStream(3, "one-uniform");
    for (let i = 0; i < 50; i++) expect(dist.sample(a)).toBe(dist.quantile(b.uniform()));
    expect(a.uniform()).toBe(b.uniform());
  });

  it("the moment and KS checks reject a wrong distribution (they can fail)", () => {
    const sample = drawSample(makeDistribution({ dist: "normal", mean: 0, sd: 1 }), 42, "power", N);
    const { mean } = sampleMoments(sample);
    // A mean off by 8 standard errors, and a 0.1 sd shift, which moves the CDF by up to 0.04 > 0.0138.
    expect(Math.abs(mean - 8 / Math.sqrt(N))).toBeGreaterThan(Z_LIMIT * meanStandardError(1, N));
    expect(ksStatistic(sample, (x) => normalCdf(x - 0.1))).toBeGreaterThan(ksCriticalValue(N, KS_ALPHA));
  });
});

describe("distributionIssues and makeDistribution", () => {
  it("accepts beta and PERT shapes up to 1e8 (the bound is inclusive)", () => {
    expect(distributionIssues({ dist: "beta", alpha: 1e8, beta: 0.5 }, [])).toEqual([]);
    expect(distributionIssues({ dist: "pert", min: 0, mode: 1, max: 2, shape: 1e8 }, [])).toEqual([]);
  });

  const cases: Array<[string, unknown, Array<[Array<string | number>, string, IssueCode]>]> = [
    ["sd <= 0", { dist: "normal", mean: 0, sd: -1 }, [[["sd"], "expected a positive number, got -1", "not_positive"]]],
    ["sd = 0", { dist: "normal", mean: 0, sd: 0 }, [[["sd"], "expected a positive number, got 0", "not_positive"]]],
    [
      "non-finite numbers",
      { dist: "normal", mean: NaN, sd: Infinity },
      [
        [["mean"], "expected a finite number, got NaN", "invalid_type"],
        [["sd"], "expected a finite number, got Infinity", "invalid_type"],
      ],
    ],
    ["missing field", { dist: "lognormal", meanLog: 0 }, [[["sdLog"], "expected a number, got nothing", "required"]]],
    ["wrong type", { dist: "lognormal", meanLog: "0", sdLog: 1 }, [[["meanLog"], 'expected a number, got "0"', "invalid_type"]]],
    ["sdLog <= 0", { dist: "lognormal", meanLog: 0, sdLog: -0.5 }, [[["sdLog"], "expected a positive number, got -0.5", "not_positive"]]],
    ["min >= max", { dist: "uniform", min: 5, max: 3 }, [[["min"], "expected a number below max (3), got 5", "conflict"]]],
    ["min = max", { dist: "uniform", min: 3, max: 3 }, [[["min"], "expected a number below max (3), got 3", "conflict"]]],
    [
      "infinite width",
      { dist: "uniform", min: -1e308, max: 1e308 },
      [[["max"], `expected a number within ${Number.MAX_VALUE} of min (-1e+308), got 1e+308`, "out_of_range"]],
    ],
    [
      "mode outside [min, max]",
      { dist: "triangular", min: 0, mode: 5, max: 3 },
      [[["mode"], "expected a number between min (0) and max (3), got 5", "out_of_range"]],
    ],
    [
      "pert: every problem at once",
      { dist: "pert", min: 4, mode: 1, max: 2, shape: 0 },
      [
        [["min"], "expected a number below max (2), got 4", "conflict"],
        [["shape"], "expected a positive number, got 0", "not_positive"],
      ],
    ],
    ["pert mode", { dist: "pert", min: 0, mode: -1, max: 2 }, [[["mode"], "expected a number between min (0) and max (2), got -1", "out_of_range"]]],
    [
      "alpha, beta <= 0",
      { dist: "beta", alpha: 0, beta: -2 },
      [
        [["alpha"], "expected a positive number, got 0", "not_positive"],
        [["beta"], "expected a positive number, got -2", "not_positive"],
      ],
    ],
    [
      "alpha, beta above 1e8",
      { dist: "beta", alpha: 2e8, beta: 1e300 },
      [
        [["alpha"], "expected a number at most 1e8 (a beta that concentrated is a constant to four digits; write the value itself), got 200000000", "out_of_range"],
        [["beta"], "expected a number at most 1e8 (a beta that concentrated is a constant to four digits; write the value itself), got 1e+300", "out_of_range"],
      ],
    ],
    ["pert shape above 1e8", { dist: "pert", min: 0, mode: 1, max: 2, shape: 1e10 }, [[["shape"], "expected a number at most 1e8 (a beta that concentrated is a constant to four digits; write the value itself), got 10000000000", "out_of_range"]]],
    ["beta bounds", { dist: "beta", alpha: 1, beta: 1, min: 2, max: 1 }, [[["min"], "expected a number below max (1), got 2", "conflict"]]],
    ["empty values", { dist: "discrete", values: [] }, [[["values"], "expected at least one value, got []", "too_small"]]],
    [
      "weights length",
      { dist: "discrete", values: [1, 2, 3], weights: [1, 1] },
      [[["weights"], "expected 3 weights (one per value), got 2", "conflict"]],
    ],
    ["negative weight", { dist: "discrete", values: [1, 2], weights: [1, -1] }, [[["weights", 1], "expected a non-negative number, got -1", "out_of_range"]]],
    ["all-zero weights", { dist: "discrete", values: [1, 2], weights: [0, 0] }, [[["weights"], "expected at least one positive weight, got [0,0]", "out_of_range"]]],
    ["non-finite value", { dist: "discrete", values: [1, NaN] }, [[["values", 1], "expected a finite number, got NaN", "invalid_type"]]],
    ["low >= high", { dist: "interval90", low: 5, high: 5 }, [[["low"], "expected a number below high (5), got 5", "conflict"]]],
    [
      "lognormal interval with low <= 0",
      { dist: "interval90", low: 0, high: 5, family: "lognormal" },
      [[["low"], "expected a positive number, got 0", "not_positive"]],
    ],
    [
      "unknown family",
      { dist: "interval90", low: 1, high: 5, family: "gamma" },
      [[["family"], 'expected one of "normal", "lognormal", got "gamma"', "invalid_value"]],
    ],
    [
      "unknown kind",
      { dist: "gamma", shape: 1 },
      [[["dist"], 'expected one of "normal", "lognormal", "uniform", "triangular", "pert", "beta", "discrete", "interval90", got "gamma"', "invalid_value"]],
    ],
    ["unknown field", { dist: "normal", mean: 0, sd: 1, stdev: 2 }, [[["stdev"], "unexpected field; normal takes mean, sd", "unknown_field"]]],
    ["not an object", 3, [[[], 'expected a distribution object with a "dist" field, got 3', "invalid_type"]]],
  ];

  it.each(cases)("reports %s with the field's path", (_, spec, expected) => {
    const issues = distributionIssues(spec, ["providers", 2, "growth"]);
    expect(issues).toEqual(expected.map(([field, message, code]) => ({ code, path: ["providers", 2, "growth", ...field], message })));
  });

  it.each(cases)("makeDistribution throws RangeError for %s, naming each issue", (_, spec, expected) => {
    const message = expected.map(([field, text]) => `${field.length === 0 ? "(root)" : field.join(".").replace(/\.(\d+)/g, "[$1]")}: ${text}`).join("; ");
    expect(() => makeDistribution(spec as DistributionSpec)).toThrow(new RangeError(message));
  });

  it("accepts every valid spec, fills defaults and keeps its own copy of the spec", () => {
    const values = [1, 2, 3];
    const discrete = makeDistribution({ dist: "discrete", values });
    values[0] = 100;
    expect(discrete.spec).toEqual({ dist: "discrete", values: [1, 2, 3], weights: [1, 1, 1] });
    expect(makeDistribution({ dist: "pert", min: 0, mode: 1, max: 2 }).spec).toEqual({ dist: "pert", min: 0, mode: 1, max: 2, shape: 4 });
    expect(makeDistribution({ dist: "beta", alpha: 2, beta: 2 }).spec).toEqual({ dist: "beta", alpha: 2, beta: 2, min: 0, max: 1 });
    expect(makeDistribution({ dist: "interval90", low: 1, high: 2 }).spec).toEqual({ dist: "interval90", low: 1, high: 2, family: "normal" });
    for (const c of CASES) expect(distributionIssues(c.spec, [])).toEqual([]);
  });

  it("isDistributionSpec checks the shape, not the meaning", () => {
    expect(isDistributionSpec({ dist: "normal", mean: 0, sd: 1 })).toBe(true);
    expect(isDistributionSpec({ dist: "normal", mean: 0, sd: -1 })).toBe(true);
    expect(isDistributionSpec({ dist: "beta", alpha: 1, beta: 2 })).toBe(true);
    expect(isDistributionSpec({ dist: "interval90", low: 1, high: 2, family: "lognormal" })).toBe(true);
    expect(isDistributionSpec({ dist: "discrete", values: [1, 2], weights: [1, 2] })).toBe(true);
    expect(isDistributionSpec(0.5)).toBe(false);
    expect(isDistributionSpec(null)).toBe(false);
    expect(isDistributionSpec([1, 2])).toBe(false);
    expect(isDistributionSpec({ dist: "normal", mean: 0 })).toBe(false);
    expect(isDistributionSpec({ dist: "normal", mean: "0", sd: 1 })).toBe(false);
    expect(isDistributionSpec({ dist: "discrete", values: [1, "2"] })).toBe(false);
    expect(isDistributionSpec({ dist: "interval90", low: 1, high: 2, family: "gamma" })).toBe(false);
    expect(isDistributionSpec({ dist: "gamma" })).toBe(false);
  });
});

// Valid specs of every kind, for the properties.
const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const ordered = (min: number, max: number, gap: number) =>
  fc.tuple(finite(min, max), finite(gap, max - min)).map(([low, width]) => [low, low + width] as const);
const validSpec: fc.Arbitrary<DistributionSpec> = fc.oneof(
  fc.record({ dist: fc.constant("normal" as const), mean: finite(-1e6, 1e6), sd: finite(1e-6, 1e6) }),
  fc.record({ dist: fc.constant("lognormal" as const), meanLog: finite(-10, 10), sdLog: finite(0.01, 3) }),
  ordered(-1e6, 1e6, 1e-3).map(([min, max]) => ({ dist: "uniform" as const, min, max })),
  fc.tuple(ordered(-1e3, 1e3, 1e-3), fc.double({ min: 0, max: 1, noNaN: true })).map(([[min, max], t]) => ({
    dist: "triangular" as const,
    min,
    mode: Math.min(max, min + t * (max - min)),
    max,
  })),
  fc.tuple(ordered(-1e3, 1e3, 1e-3), fc.double({ min: 0, max: 1, noNaN: true }), finite(0.1, 20)).map(
    ([[min, max], t, shape]) => ({ dist: "pert" as const, min, mode: Math.min(max, min + t * (max - min)), max, shape }),
  ),
  fc.record({ dist: fc.constant("beta" as const), alpha: finite(0.1, 50), beta: finite(0.1, 50) }),
  fc
    .array(fc.tuple(finite(-1e3, 1e3), finite(0, 10)), { minLength: 1, maxLength: 12 })
    .filter((pairs) => pairs.some(([, w]) => w > 0))
    .map((pairs) => ({ dist: "discrete" as const, values: pairs.map(([v]) => v), weights: pairs.map(([, w]) => w) })),
  ordered(-1e3, 1e3, 1e-3).map(([low, high]) => ({ dist: "interval90" as const, low, high })),
  ordered(1e-3, 1e3, 1e-3).map(([low, high]) => ({ dist: "interval90" as const, low, high, family: "lognormal" as const })),
);

describe("properties", () => {
  it("the generated specs are valid", () => {
    fc.assert(fc.property(validSpec, (spec) => distributionIssues(spec, []).length === 0));
  });

  it("quantile is non-decreasing in p and stays in the support", () => {
    // Quantiles are monotone up to rounding (a few ulps, about 1e-13 relative for the iterative beta):
    // probabilities 1e-9 apart move a quantile by far more than that, so the order must hold exactly.
    fc.assert(
      fc.property(
        validSpec,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (spec, u, v) => {
          const p1 = Math.min(u, v);
          const p2 = Math.max(Math.max(u, v), Math.min(1, p1 + 1e-9));
          const dist = makeDistribution(spec);
          const [q1, q2] = [dist.quantile(p1), dist.quantile(p2)];
          return q1 <= q2 && q1 >= dist.support[0] && q2 <= dist.support[1];
        },
      ),
      { numRuns: 500 },
    );
  });

  const cdfMonotone = fc.property(validSpec, finite(-2e6, 2e6), finite(0, 1e6), (spec, x, step) => {
    const dist = makeDistribution(spec);
    const [a, b] = [dist.cdf(x), dist.cdf(x + step)];
    return a >= 0 && b <= 1 && a <= b;
  });

  it("cdf is non-decreasing and within [0, 1]", () => {
    fc.assert(cdfMonotone, { numRuns: 500 });
  });

  // Seeds that found a triangular CDF rounding through the subnormals (squares of 1e-162 distances).
  it.each([1937641104, 538462736])("cdf is non-decreasing and within [0, 1] (fast-check seed %i)", (seed) => {
    fc.assert(cdfMonotone, { numRuns: 500, seed });
  });

  it("triangular cdf is monotone and accurate at subnormal scales (the seeds' counterexamples)", () => {
    const tiny = makeDistribution({ dist: "triangular", min: -1.57e-162, mode: 2.47e-178, max: 0.001 });
    // F(x) = (x - min)^2 / ((max - min)(mode - min)) below the mode: F(0) = 1.57e-162^2 / (0.001 * 1.57e-162).
    expect(tiny.cdf(0) / 1.57e-159).toBeCloseTo(1, 12);
    expect(tiny.cdf(0)).toBeLessThanOrEqual(tiny.cdf(2.47e-178));
    expect(tiny.cdf(2.47e-178)).toBeLessThanOrEqual(tiny.cdf(1e-10));
    const atZero = makeDistribution({ dist: "triangular", min: 0, mode: 1.57e-162, max: 0.001 });
    // F(mode) = (mode - min) / (max - min) = 1.57e-159; a point just below the mode is below it.
    expect(atZero.cdf(1.57e-162) / 1.57e-159).toBeCloseTo(1, 12);
    expect(atZero.cdf(1.5e-162)).toBeLessThanOrEqual(atZero.cdf(1.57e-162));
    expect(atZero.cdf(1.5e-162) / ((1.5e-162 / 0.001) * (1.5e-162 / 1.57e-162))).toBeCloseTo(1, 12);
    expect(atZero.cdf(1.57e-162)).toBeLessThanOrEqual(atZero.cdf(1e-100));
  });

  it("triangular cdf is non-decreasing for supports and points at any scale, subnormal included", () => {
    const scaled = fc.double({ min: -1e-3, max: 1e-3, noNaN: true }).chain((a) => fc.constantFrom(a, a * 1e-160, a * 1e-300));
    fc.assert(
      fc.property(fc.array(scaled, { minLength: 5, maxLength: 5 }), (values) => {
        const [min, mode, max, x, y] = [...values.slice(0, 3).sort((a, b) => a - b), ...values.slice(3).sort((a, b) => a - b)];
        if (!(min < max)) return true;
        const dist = makeDistribution({ dist: "triangular", min, mode, max });
        const [a, b, m] = [dist.cdf(x), dist.cdf(y), dist.cdf(mode)];
        return a >= 0 && b <= 1 && a <= b && (x > mode || a <= m) && (x < mode || a >= m);
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
});
