// Correlated inputs in scenarios: targets met, marginals kept, seeds reproduce, bad matrices are input errors.
import { describe, expect, it } from "vitest";
import type { CompiledScenario } from "../../src/engine/compile.ts";
import { CHUNK_SIZE, fillColumns } from "../../src/engine/kernel.ts";
import { chunkPlan, runScenario } from "../../src/engine/run.ts";
import { prepare, preparedIssues } from "../../src/engine/prepare.ts";
import { formatIssue } from "../../src/core/issues.ts";
import { ksCriticalValue, ksStatistic } from "../random/ks.ts";
import { spearman } from "../../src/stats/spearman.ts";
import { cli, fixture, FIXTURES } from "./helpers.ts";

const ALPHA = "providers.alpha.model.growth";
const BETA = "providers.beta.model.growth";
const GAMMA = "providers.gamma.model.growth";

/** The parameter columns the kernel draws for `paths` paths (fillColumns is what ChunkSimulator.run calls). */
function drawnColumns(compiled: CompiledScenario, paths: number): Map<string, Float64Array> {
  const out = new Map(compiled.slots.map((slot) => [slot.key, new Float64Array(paths)]));
  const columns = compiled.slots.map(() => new Float64Array(CHUNK_SIZE));
  for (const { chunk, paths: n } of chunkPlan(paths)) {
    fillColumns(compiled, chunk, n, columns);
    compiled.slots.forEach((slot, j) => out.get(slot.key)!.set(columns[j].subarray(0, n), chunk * CHUNK_SIZE));
  }
  return out;
}

/**
 * Tolerance for a sample Spearman correlation: 4 standard errors, with the large-sample variance
 * 1.06 (1 - rho^2)^2 / (n - 3) (Fieller, Hartley and Pearson 1957; the (1 - rho^2)^2 factor as for Pearson's r).
 */
function spearmanTolerance(rho: number, n: number): number {
  return 4 * Math.sqrt((1.06 * (1 - rho * rho) ** 2) / (n - 3)) + 1e-3;
}

describe("correlated inputs in a scenario", () => {
  const paths = 20_000;
  const { compiled } = prepare(fixture("correlated.yaml"), { paths });
  const columns = drawnColumns(compiled, paths);

  it("reaches the target Spearman correlations within Monte Carlo error", () => {
    const targets: Array<[string, string, number]> = [
      [ALPHA, BETA, 0.7],
      [ALPHA, GAMMA, -0.4],
      [BETA, GAMMA, 0],
    ];
    for (const [a, b, rho] of targets) {
      const achieved = spearman(columns.get(a)!, columns.get(b)!);
      expect(Math.abs(achieved - rho), `${a} ~ ${b}: ${achieved} vs ${rho}`).toBeLessThan(spearmanTolerance(rho, paths));
    }
  });

  it("keeps every marginal distribution (Kolmogorov-Smirnov at alpha = 0.001)", () => {
    for (const slot of compiled.slots) {
      if (!slot.distribution) continue;
      const sample = columns.get(slot.key)!;
      const d = ksStatistic(sample, (x) => slot.distribution!.cdf(x));
      expect(d, slot.key).toBeLessThan(ksCriticalValue(sample.length, 0.001));
    }
  });

  it("leaves parameters outside the correlation group drawn exactly as without correlations", () => {
    const input = fixture("correlated.yaml");
    const partial = { ...input, correlations: { pairs: [{ between: [ALPHA, BETA], rho: 0.7 }] } };
    const without = { ...input };
    delete without.correlations;
    const a = drawnColumns(prepare(partial, { paths: 3000 }).compiled, 3000);
    const b = drawnColumns(prepare(without, { paths: 3000 }).compiled, 3000);
    expect(a.get(GAMMA)).toEqual(b.get(GAMMA));
    expect(a.get(ALPHA)).not.toEqual(b.get(ALPHA));
  });

  it("reproduces with the same seed, and differs with another", () => {
    const one = JSON.stringify(runScenario(fixture("correlated.yaml"), { paths: 3000, seed: 9 }));
    const two = JSON.stringify(runScenario(fixture("correlated.yaml"), { paths: 3000, seed: 9 }));
    const other = JSON.stringify(runScenario(fixture("correlated.yaml"), { paths: 3000, seed: 10 }));
    expect(one).toBe(two);
    expect(other).not.toBe(one);
  });

  it("reports the correlations as sampled in the result's meta", () => {
    const result = runScenario(fixture("correlated.yaml"), { paths: 1000 });
    expect(result.meta.correlation).toEqual({
      parameters: [ALPHA, BETA, GAMMA],
      spearman: [
        [1, 0.7, -0.4],
        [0.7, 1, 0],
        [-0.4, 0, 1],
      ],
      repaired: false,
      repairs: [],
    });
    expect(runScenario(fixture("two-providers.yaml"), { paths: 100 }).meta.correlation).toBeUndefined();
  });
});

describe("correlation input errors", () => {
  const base = fixture("correlated.yaml");
  // Validation, then what compiling finds (correlation keys and matrices are the compiler's issues).
  const messages = (input: unknown) => preparedIssues(input).map(formatIssue);

  it("names an unknown parameter and lists the uncertain ones", () => {
    const out = messages({ ...base, correlations: { pairs: [{ between: ["providers.alpha.model.g0", BETA], rho: 0.5 }] } });
    expect(out).toEqual([
      `correlations.pairs[0].between[0]: unknown parameter "providers.alpha.model.g0"; uncertain parameters are ${ALPHA}, ${BETA}, ${GAMMA}`,
    ]);
  });

  it("rejects a constant parameter", () => {
    const out = messages({ ...base, correlations: { parameters: [ALPHA, "providers.alpha.model.start"], matrix: [[1, 0.5], [0.5, 1]] } });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^correlations\.parameters\[1\]: expected an uncertain parameter \(a distribution\), got the constant "providers\.alpha\.model\.start" = 100/);
  });

  it("rejects both forms at once, and neither", () => {
    expect(messages({ ...base, correlations: { parameters: [ALPHA, BETA], matrix: [[1, 0], [0, 1]], pairs: [{ between: [ALPHA, BETA], rho: 0.1 }] } })).toEqual([
      "correlations.pairs: expected either parameters and matrix, or pairs, got both",
    ]);
    expect(messages({ ...base, correlations: {} })).toEqual(["correlations: expected parameters and matrix, or pairs, got neither"]);
  });

  it("exits 2 on a matrix that is not positive semi-definite, naming the entries", () => {
    const run = cli(["run", `${FIXTURES}not-psd.yaml`, "--paths", "100"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("correlations.matrix[0][1]: matrix is not positive semi-definite (smallest eigenvalue -0.8)");
    expect(run.stderr).toContain(`(${ALPHA}, ${BETA})=0.9`);
    expect(run.stderr).toContain(`(${BETA}, ${GAMMA})=-0.9`);
  });

  it("repairs it when asked, reports the repair, and samples the repaired matrix", () => {
    const result = runScenario(fixture("nearest-psd.yaml"), { paths: 20_000 });
    const meta = result.meta.correlation!;
    expect(meta.repaired).toBe(true);
    expect(meta.repairs.map((r) => r.entry)).toEqual([`(${ALPHA}, ${BETA})`, `(${ALPHA}, ${GAMMA})`, `(${BETA}, ${GAMMA})`]);
    const compiled = prepare(fixture("nearest-psd.yaml"), { paths: 20_000 }).compiled;
    const columns = drawnColumns(compiled, 20_000);
    const achieved = spearman(columns.get(ALPHA)!, columns.get(BETA)!);
    expect(Math.abs(achieved - meta.spearman[0][1])).toBeLessThan(spearmanTolerance(meta.spearman[0][1], 20_000));
  });
});
