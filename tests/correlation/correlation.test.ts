import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  correlatedSamples,
  correlatedUniforms,
  correlationMatrixFromPairs,
  planCorrelation,
  type CorrelationPlan,
} from "../../src/random/correlation.ts";
import type { Distribution } from "../../src/random/distribution.ts";
import { makeDistribution } from "../../src/random/distributions.ts";
import { nearestCorrelation } from "../../src/random/nearestCorrelation.ts";
import { symmetricEigen } from "../../src/random/symmetricEigen.ts";
import { createStream } from "../../src/random/stream.ts";
import { formatIssue } from "../../src/core/issues.ts";
import { ksCriticalValue, ksStatistic } from "../random/ks.ts";
import { spearmanMatrix } from "../../src/stats/spearman.ts";

const NAMES = ["alibaba.g0", "tencent.g0", "huawei.g0", "market.size"];
const TARGET = [
  [1, 0.6, 0.3, -0.2],
  [0.6, 1, 0.4, 0],
  [0.3, 0.4, 1, 0.5],
  [-0.2, 0, 0.5, 1],
];
const DISTRIBUTIONS: Distribution[] = [
  makeDistribution({ dist: "normal", mean: 0.45, sd: 0.08 }),
  makeDistribution({ dist: "lognormal", meanLog: -1, sdLog: 0.5 }),
  makeDistribution({ dist: "triangular", min: 0.1, mode: 0.3, max: 0.9 }),
  makeDistribution({ dist: "pert", min: 100, mode: 150, max: 300 }),
];
const CHUNK = 1024;
const CHUNKS = 20;

function planOf(names: string[], matrix: number[][]): CorrelationPlan {
  const result = planCorrelation({ names, matrix });
  if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
  return result.plan;
}

/** Runs the sampler as the chunked engine does: one stream per chunk, chunk results concatenated. */
function sampleChunks(seed: number, plan: CorrelationPlan, order: number[]): Float64Array[] {
  const columns = DISTRIBUTIONS.map(() => new Float64Array(CHUNK * CHUNKS));
  for (const c of order) {
    const chunk = correlatedSamples(createStream(seed, `chunk:${c}/correlation`), plan, DISTRIBUTIONS, CHUNK);
    chunk.forEach((column, i) => columns[i].set(column, c * CHUNK));
  }
  return columns;
}

const inOrder = Array.from({ length: CHUNKS }, (_, c) => c);

describe("correlated sampling (Gaussian copula)", () => {
  const plan = planOf(NAMES, TARGET);
  const columns = sampleChunks(42, plan, inOrder);
  const n = CHUNK * CHUNKS;

  it("reaches the target Spearman correlations within Monte Carlo error", () => {
    // Expected sample Spearman under a Gaussian copula with normal correlation r (Moran 1948):
    //   E r_s = 6 / (pi (n + 1)) (asin r + (n - 2) asin(r / 2))  (-> the target as n grows; here within 1e-4).
    // Standard error: Bonett & Wright (2000), Psychometrika 65, 23-28: Var(atanh r_s) ~ (1 + rho^2 / 2) / (n - 3).
    // Each of the 6 pairs is checked at 4 standard errors (two-sided 6e-5 each).
    const achieved = spearmanMatrix(columns);
    for (let i = 0; i < 4; i++) {
      for (let j = i + 1; j < 4; j++) {
        const r = plan.normalCorrelation[i][j];
        const expected = (6 / (Math.PI * (n + 1))) * (Math.asin(r) + (n - 2) * Math.asin(r / 2));
        expect(expected).toBeCloseTo(TARGET[i][j], 3);
        const se = Math.sqrt((1 + (expected * expected) / 2) / (n - 3));
        const z = (Math.atanh(achieved[i][j]) - Math.atanh(expected)) / se;
        expect(Math.abs(z), `${NAMES[i]}, ${NAMES[j]}: achieved ${achieved[i][j]}, target ${TARGET[i][j]}`).toBeLessThan(4);
      }
    }
  });

  it("keeps every marginal distribution (Kolmogorov-Smirnov)", () => {
    // Paths are independent, so each column is an i.i.d. sample of its target: a KS test at level 0.001 per
    // column (8 columns: a false failure under 1% of seeds).
    const critical = ksCriticalValue(n, 0.001);
    DISTRIBUTIONS.forEach((distribution, i) => {
      expect(ksStatistic(columns[i], (x) => distribution.cdf(x)), NAMES[i]).toBeLessThan(critical);
    });
    const uniforms = correlatedUniforms(createStream(42, "uniforms"), plan, n);
    for (const column of uniforms) expect(ksStatistic(column, (u) => u)).toBeLessThan(critical);
    // Power: the same sample against a shifted target fails.
    const shifted = makeDistribution({ dist: "normal", mean: 0.46, sd: 0.08 });
    expect(ksStatistic(columns[0], (x) => shifted.cdf(x))).toBeGreaterThan(critical);
  });

  it("has power: the independent sampler fails the Spearman check", () => {
    const independent = planOf(NAMES, [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    const achieved = spearmanMatrix(sampleChunks(42, independent, inOrder));
    const se = Math.sqrt((1 + 0.36 / 2) / (n - 3));
    expect(Math.abs(Math.atanh(achieved[0][1]) - Math.atanh(0.6)) / se).toBeGreaterThan(4);
    expect(Math.abs(achieved[0][1])).toBeLessThan(4 / Math.sqrt(n - 1));
  });

  it("reproduces from the seed, whatever order chunks are computed in", () => {
    const reversed = sampleChunks(42, plan, inOrder.slice().reverse());
    columns.forEach((column, i) => expect(Array.from(reversed[i])).toEqual(Array.from(column)));
    const chunk3 = correlatedSamples(createStream(42, "chunk:3/correlation"), plan, DISTRIBUTIONS, CHUNK);
    expect(Array.from(chunk3[1])).toEqual(Array.from(columns[1].subarray(3 * CHUNK, 4 * CHUNK)));
    const otherSeed = correlatedSamples(createStream(43, "chunk:3/correlation"), plan, DISTRIBUTIONS, CHUNK);
    expect(otherSeed[1][0]).not.toBe(chunk3[1][0]);
  });

  it("uses exactly k uniforms per path, in path order", () => {
    const first = correlatedUniforms(createStream(5, "c"), plan, 10);
    const stream = createStream(5, "c");
    const head = correlatedUniforms(stream, plan, 4);
    const tail = correlatedUniforms(stream, plan, 6);
    for (let i = 0; i < 4; i++) {
      expect(Array.from(first[i])).toEqual([...Array.from(head[i]), ...Array.from(tail[i])]);
    }
    const raw = createStream(5, "c");
    for (let m = 0; m < 40; m++) raw.uniform();
    const next = createStream(5, "c");
    correlatedUniforms(next, plan, 10);
    expect(next.uniform()).toBe(raw.uniform());
  });

  it("matches the documented example output", () => {
    const two = planOf(["a", "b"], [
      [1, 0.8],
      [0.8, 1],
    ]);
    const out = correlatedUniforms(createStream(42, "chunk:0/correlation"), two, 2);
    expect(Array.from(out[0])).toEqual([0.38457592070030505, 0.1586000658659275]);
    expect(Array.from(out[1])).toEqual([0.6115679582862313, 0.03554115460317662]);
  });

  it("samples the targets as given when the matrix is valid", () => {
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(plan.spearman[i][j]).toBeCloseTo(TARGET[i][j], 12);
    expect(plan.repairs).toEqual([]);
  });

  it("throws for a wrong number of distributions or paths", () => {
    expect(() => correlatedSamples(createStream(1, "x"), plan, DISTRIBUTIONS.slice(1), 3)).toThrow(RangeError);
    expect(() => correlatedUniforms(createStream(1, "x"), plan, -1)).toThrow(RangeError);
  });
});

describe("planCorrelation validation", () => {
  const names = ["a", "b", "c"];

  it("reports shape, diagonal, range and symmetry problems with their paths", () => {
    const wrongShape = planCorrelation({ names, matrix: [[1, 0], [0, 1]] });
    expect(wrongShape.ok).toBe(false);
    expect(wrongShape.issues.map(formatIssue)).toEqual(["correlations.matrix: expected a 3 x 3 matrix (one row per input: a, b, c), got 2 rows"]);

    const result = planCorrelation(
      {
        names,
        matrix: [
          [1, 0.2, 1.3],
          [0.3, 0.9, 0],
          [1.3, 0, 1],
        ],
      },
      { path: ["scenario", "correlations"] },
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map(formatIssue)).toEqual([
      "scenario.correlations[0][2]: expected a number in [-1, 1] for (a, c), got 1.3",
      "scenario.correlations[1][1]: expected 1 on the diagonal (b with itself), got 0.9",
      "scenario.correlations[2][0]: expected a number in [-1, 1] for (c, a), got 1.3",
      "scenario.correlations[1][0]: expected a symmetric matrix, got (a, b)=0.2 but (b, a)=0.3",
    ]);
    const nonNumber = planCorrelation({ names: ["a", "b"], matrix: [[1, Number.NaN], [Number.NaN, 1]] });
    expect(nonNumber.issues.map(formatIssue)).toContain("correlations.matrix[0][1]: expected a number in [-1, 1], got NaN");
  });

  it("names the entries that make a matrix not positive semi-definite", () => {
    const result = planCorrelation({
      names: ["alibaba.g0", "tencent.g0", "huawei.g0"],
      matrix: [
        [1, 0.9, 0.9],
        [0.9, 1, -0.9],
        [0.9, -0.9, 1],
      ],
    });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      {
        code: "not_psd",
        path: ["correlations", "matrix", 0, 1],
        message:
          "matrix is not positive semi-definite (smallest eigenvalue -0.8); entries (alibaba.g0, tencent.g0)=0.9, " +
          "(alibaba.g0, huawei.g0)=0.9, (tencent.g0, huawei.g0)=-0.9 make it so; reduce them or ask for the nearest valid matrix",
      },
    ]);
  });

  it("names only the inconsistent entries of a larger matrix", () => {
    // a, b, c are inconsistent (a~b, a~c strongly, b~c strongly negative); d, e are fine.
    const result = planCorrelation({
      names: ["a", "b", "c", "d", "e"],
      matrix: [
        [1, 0.8, 0.8, 0.1, 0],
        [0.8, 1, -0.7, 0, 0.1],
        [0.8, -0.7, 1, 0, 0],
        [0.1, 0, 0, 1, 0.5],
        [0, 0.1, 0, 0.5, 1],
      ],
    });
    expect(result.ok).toBe(false);
    const message = result.issues[0].message;
    expect(message).toMatch(/\(a, b\)=0\.8/);
    expect(message).toMatch(/\(a, c\)=0\.8/);
    expect(message).toMatch(/\(b, c\)=-0\.7/);
    expect(message).not.toMatch(/\(d, e\)/);
    expect(message).not.toMatch(/\(a, d\)/);
  });

  it("accepts a singular but positive semi-definite matrix (perfect correlation)", () => {
    const result = planCorrelation({ names: ["a", "b"], matrix: [[1, 1], [1, 1]] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [a, b] = correlatedUniforms(createStream(1, "perfect"), result.plan, 100);
    for (let p = 0; p < 100; p++) expect(b[p]).toBeCloseTo(a[p], 12);
  });

  it("repairs with the nearest correlation matrix when asked, and reports the changes", () => {
    const matrix = [
      [1, 0.9, 0.9],
      [0.9, 1, -0.9],
      [0.9, -0.9, 1],
    ];
    const result = planCorrelation({ names, matrix }, { ifNotPositiveSemidefinite: "nearest" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { spearman, repairs } = result.plan;
    expect(repairs.map((r) => r.entry)).toEqual(["(a, b)", "(a, c)", "(b, c)"]);
    expect(repairs[0].from).toBe(0.9);
    expect(repairs[0].to).toBe(spearman[0][1]);
    for (let i = 0; i < 3; i++) expect(spearman[i][i]).toBe(1);
    expect(symmetricEigen(spearman).values[0]).toBeGreaterThan(-1e-10);
    // What is reported is near Higham's nearest matrix of the input (the normal-space nudge is small) ...
    const nearest = nearestCorrelation(matrix).matrix;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(spearman[i][j] - nearest[i][j])).toBeLessThan(0.05);
    // ... and is what the sampler reaches: Moran's expectation +- 4 Bonett-Wright standard errors, as above.
    const n = 20000;
    const achieved = spearmanMatrix(correlatedUniforms(createStream(42, "repaired"), result.plan, n));
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) {
        const r = result.plan.normalCorrelation[i][j];
        const expected = (6 / (Math.PI * (n + 1))) * (Math.asin(r) + (n - 2) * Math.asin(r / 2));
        const se = Math.sqrt((1 + (expected * expected) / 2) / (n - 3));
        expect(Math.abs(Math.atanh(achieved[i][j]) - Math.atanh(expected)) / se).toBeLessThan(4);
      }
    }
  });

  it("builds a valid sampler from any matrix on the boundary of the cone (fast-check)", () => {
    // Nearest correlation matrices of random symmetric matrices are singular; 2 sin(pi rho / 6) can push them
    // just outside the cone, which the plan repairs. The factor must still reproduce the normal matrix.
    const matrices = fc.integer({ min: 2, max: 6 }).chain((k) =>
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: (k * (k - 1)) / 2, maxLength: (k * (k - 1)) / 2 }).map((upper) => {
        const m: number[][] = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
        let t = 0;
        for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) m[i][j] = m[j][i] = upper[t++];
        return m;
      }),
    );
    fc.assert(
      fc.property(matrices, (m) => {
        const k = m.length;
        const names = Array.from({ length: k }, (_, i) => `p${i}`);
        const result = planCorrelation({ names, matrix: m }, { ifNotPositiveSemidefinite: "nearest" });
        if (!result.ok) return false;
        const { factor, normalCorrelation, spearman } = result.plan;
        for (let i = 0; i < k; i++) {
          if (spearman[i][i] !== 1) return false;
          for (let j = 0; j < k; j++) {
            let s = 0;
            for (let m2 = 0; m2 < k; m2++) s += factor[i * k + m2] * factor[j * k + m2];
            if (Math.abs(s - normalCorrelation[i][j]) > 1e-6) return false;
            if (i !== j && Math.abs(spearman[i][j] - (6 / Math.PI) * Math.asin(normalCorrelation[i][j] / 2)) > 1e-12) return false;
          }
        }
        return symmetricEigen(normalCorrelation).values[0] > -1e-10;
      }),
      { seed: 20260522, numRuns: 60 },
    );
  });

});

describe("correlationMatrixFromPairs", () => {
  const names = ["alibaba.g0", "tencent.g0", "huawei.g0"];

  it("builds the matrix, unstated pairs uncorrelated", () => {
    const built = correlationMatrixFromPairs(names, [{ between: ["huawei.g0", "alibaba.g0"], rho: 0.5 }]);
    expect(built.issues).toEqual([]);
    expect(built.matrix).toEqual([
      [1, 0, 0.5],
      [0, 1, 0],
      [0.5, 0, 1],
    ]);
    expect(built.entryPath(0, 2)).toEqual(["correlations", "pairs", 0]);
    expect(built.entryPath(0, 1)).toEqual(["correlations", "pairs"]);
  });

  it("reports unknown names, self pairs, repeats and bad rho at the pair's path", () => {
    const built = correlationMatrixFromPairs(names, [
      { between: ["alibaba.g0", "aws.g0"], rho: 0.3 },
      { between: ["tencent.g0", "tencent.g0"], rho: 0.3 },
      { between: ["alibaba.g0", "tencent.g0"], rho: 0.3 },
      { between: ["tencent.g0", "alibaba.g0"], rho: 0.4 },
      { between: ["alibaba.g0", "huawei.g0"], rho: 1.5 },
    ]);
    expect(built.issues.map(formatIssue)).toEqual([
      'correlations.pairs[0].between[1]: expected one of the uncertain inputs (alibaba.g0, tencent.g0, huawei.g0), got "aws.g0"',
      "correlations.pairs[1].between: expected two different inputs, got tencent.g0 twice",
      "correlations.pairs[3].between: expected each pair once, got (tencent.g0, alibaba.g0) again (already at correlations.pairs[2])",
      "correlations.pairs[4].rho: expected a number in [-1, 1], got 1.5",
    ]);
  });

  it("lets planCorrelation name the pair behind a non-PSD entry", () => {
    const built = correlationMatrixFromPairs(names, [
      { between: ["alibaba.g0", "tencent.g0"], rho: 0.9 },
      { between: ["alibaba.g0", "huawei.g0"], rho: 0.9 },
      { between: ["tencent.g0", "huawei.g0"], rho: -0.9 },
    ]);
    const result = planCorrelation({ names, matrix: built.matrix }, { entryPath: built.entryPath });
    expect(result.ok).toBe(false);
    expect(result.issues[0].path).toEqual(["correlations", "pairs", 0]);
    expect(result.issues[0].message).toMatch(/^matrix is not positive semi-definite .*\(tencent\.g0, huawei\.g0\)=-0\.9/);
  });
});
