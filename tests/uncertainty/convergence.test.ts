// Runs to a target standard error: deterministic stopping, the cap, and agreement with a fixed-size run.
import { describe, expect, it } from "vitest";
import { runToTarget, withStandardErrors, type SummaryRowWithSe } from "../../src/engine/convergence.ts";
import { CHUNK_SIZE } from "../../src/engine/kernel.ts";
import { runScenario } from "../../src/engine/run.ts";
import { formatPath, InputError } from "../../src/core/issues.ts";
import { cli, fixture, FIXTURES } from "./helpers.ts";

const OUTPUTS = ["share:beta:2022", "share:alpha:2021"];

describe("runToTarget", () => {
  const options = { targetSe: 0.0006, outputs: OUTPUTS, statistics: ["mean", "p50"], seed: 5 };
  const first = runToTarget(fixture("growth-a.yaml"), options);

  it("stops once every watched standard error is at most the target, on a whole number of chunks", () => {
    const convergence = first.meta.convergence!;
    expect(convergence.reached).toBe(true);
    expect(first.meta.paths % CHUNK_SIZE).toBe(0);
    expect(convergence.checks[convergence.checks.length - 1].paths).toBe(first.meta.paths);
    for (const check of convergence.checks.slice(0, -1)) expect(check.largestSe).toBeGreaterThan(0.0006);
    const share = first.row("2022", "beta", "share") as SummaryRowWithSe;
    expect(share.se.mean).toBeLessThanOrEqual(0.0006);
    expect(share.se.p50).toBeLessThanOrEqual(0.0006);
  });

  it("is deterministic: the same seed uses the same paths and gives the same numbers", () => {
    const again = runToTarget(fixture("growth-a.yaml"), options);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
  });

  it("equals a fixed run of the same number of paths, with standard errors", () => {
    const fixed = withStandardErrors(runScenario(fixture("growth-a.yaml"), { paths: first.meta.paths, seed: 5 }));
    const { convergence, ...meta } = first.meta;
    expect(convergence).toBeDefined();
    expect(JSON.stringify({ ...fixed.toJSON(), meta: fixed.meta })).toBe(JSON.stringify({ ...first.toJSON(), meta }));
  });

  it("stops at the path cap and says so", () => {
    const capped = runToTarget(fixture("growth-a.yaml"), { ...options, targetSe: 1e-7, maxPaths: 3000 });
    expect(capped.meta.paths).toBe(3000);
    expect(capped.meta.convergence!.reached).toBe(false);
    expect(capped.meta.convergence!.maxPaths).toBe(3000);
  });

  it("rejects unknown outputs and statistics as input errors", () => {
    expect(() => runToTarget(fixture("growth-a.yaml"), { ...options, outputs: ["share:zeta:2022"] })).toThrow(InputError);
    expect(() => runToTarget(fixture("growth-a.yaml"), { ...options, statistics: ["median"] })).toThrow(/expected mean, sd or a quantile such as p50/);
  });

  it("names the option fields in its errors, not command-line flags", () => {
    const paths = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        if (error instanceof InputError) return error.issues.map((issue) => formatPath(issue.path));
        throw error;
      }
      return [];
    };
    const a = fixture("growth-a.yaml");
    expect(paths(() => runToTarget(a, { ...options, targetSe: -1 }))).toEqual(["targetSe"]);
    expect(paths(() => runToTarget(a, { ...options, maxPaths: 0.5 }))).toEqual(["maxPaths"]);
    expect(paths(() => runToTarget(a, { ...options, outputs: [] }))).toEqual(["outputs"]);
    expect(paths(() => runToTarget(a, { ...options, statistics: ["median"] }))).toEqual(["statistics"]);
    expect(paths(() => runToTarget(a, { ...options, outputs: ["share:beta:2022", "share:zeta:2022"] }))).toEqual(["outputs[1]"]);
  });

  it("keeps the defaults for options given as undefined", () => {
    const base = { targetSe: options.targetSe, outputs: OUTPUTS, seed: 5 };
    const plain = runToTarget(fixture("growth-a.yaml"), base);
    const given = runToTarget(fixture("growth-a.yaml"), { ...base, statistics: undefined, maxPaths: undefined, minChunks: undefined });
    expect(JSON.stringify(given)).toBe(JSON.stringify(plain));
    expect(given.meta.convergence!.statistics).toEqual(["mean"]);
    expect(given.meta.convergence!.maxPaths).toBe(1_000_000);
  });
});

describe("sharecast run --target-se (CLI)", () => {
  const args = ["run", `${FIXTURES}growth-a.yaml`, "--target-se", "0.001", "--output", OUTPUTS.join(","), "--format", "json", "--no-progress"];

  it("prints the same document for the same seed every time, and reports the stop on stderr", () => {
    const one = cli(args);
    const two = cli(args);
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const doc = JSON.parse(one.stdout);
    expect(doc.meta.convergence.reached).toBe(true);
    expect(doc.rows[0].se).toBeDefined();
    expect(one.stderr).toMatch(/target standard error 0\.001 reached after \d+ paths/);
  });

  it("says on stderr and in meta when the cap stops it", () => {
    const run = cli(["run", `${FIXTURES}growth-a.yaml`, "--target-se", "0.000001", "--output", "share:beta:2022", "--max-paths", "2048", "--format", "json", "--no-progress"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("path cap 2048 reached before the target standard error");
    expect(JSON.parse(run.stdout).meta.convergence.reached).toBe(false);
  });

  it("exits 2 without outputs, or with --paths", () => {
    const none = cli(["run", `${FIXTURES}growth-a.yaml`, "--target-se", "0.001"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("--output: expected the outputs to watch with --target-se");
    const paths = cli(["run", `${FIXTURES}growth-a.yaml`, "--target-se", "0.001", "--output", "share:beta:2022", "--paths", "1000"]);
    expect(paths.status).toBe(2);
    expect(paths.stderr).toContain("--paths: expected no --paths with --target-se");
  });

  it("adds standard errors to the JSON rows with --se", () => {
    const run = cli(["run", `${FIXTURES}growth-a.yaml`, "--se", "--paths", "2000", "--format", "json", "--no-progress"]);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc.rows[0])).toEqual(["period", "segment", "provider", "metric", "mean", "sd", "p05", "p25", "p50", "p75", "p95", "se"]);
  });
});
