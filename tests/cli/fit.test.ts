import { beforeAll, describe, expect, it } from "vitest";
import { lines, nonFiniteValues, type Outcome, sharecast, sharecastAsync, STACK_TRACE, tempDir } from "./helpers.ts";

/**
 * `sharecast fit` as a user runs it. tests/cli/fixtures/logistic.csv is exact logistic data,
 * 100 / (1 + exp(-0.8 (t - 5))) for t = 0..12, written at full double precision.
 */

const runs = {
  json: ["fit", "tests/cli/fixtures/logistic.csv", "--curve", "logistic", "--format", "json"],
  table: ["fit", "tests/cli/fixtures/logistic.csv", "--curve", "logistic"],
  tooFew: ["fit", "tests/cli/fixtures/two-points.csv", "--curve", "logistic", "--format", "json"],
  missing: ["fit", "tests/cli/fixtures/no-such-data.csv", "--curve", "logistic"],
  unknownCurve: ["fit", "tests/cli/fixtures/logistic.csv", "--curve", "hyperbolic"],
} satisfies Record<string, string[]>;

const done = {} as Record<keyof typeof runs, Outcome>;

beforeAll(async () => {
  const entries = Object.entries(runs) as Array<[keyof typeof runs, string[]]>;
  const outcomes = await Promise.all(entries.map(([, args]) => sharecastAsync(args)));
  entries.forEach(([name], k) => (done[name] = outcomes[k]));
});

describe("sharecast fit", () => {
  it("--format json prints curve, params, stderr, rss, iterations, converged, and recovers exact data", () => {
    const out = done.json;
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(nonFiniteValues(out.stdout)).toEqual([]);
    const fit = JSON.parse(out.stdout) as Record<string, unknown>;
    for (const key of ["curve", "params", "stderr", "rss", "iterations", "converged"]) expect(fit).toHaveProperty(key);
    expect(Object.keys(fit).filter((key) => key !== "reason")).toEqual(["curve", "params", "stderr", "rss", "iterations", "converged"]);
    expect(fit.curve).toBe("logistic");
    const params = fit.params as Record<string, number>;
    expect(Object.keys(params).sort()).toEqual(["K", "r", "t0"]);
    expect(params.K).toBeCloseTo(100, 8);
    expect(params.r).toBeCloseTo(0.8, 10);
    expect(params.t0).toBeCloseTo(5, 10);
    expect(Object.keys(fit.stderr as object).sort()).toEqual(["K", "r", "t0"]);
    expect(fit.rss).toBeLessThan(1e-20);
    expect(fit.iterations).toEqual(expect.any(Number));
    expect(typeof fit.converged).toBe("boolean");
  });

  // Regression: on exact data the RSS reaches ~1e-28 and no step can reduce it further; residuals at rounding
  // level count as converged.
  it("reports an exact fit as converged", () => {
    const fit = JSON.parse(done.json.stdout) as { converged: boolean; reason?: string };
    expect(fit.reason).toBeUndefined();
    expect(fit.converged).toBe(true);
  });

  it("prints a table by default", () => {
    expect(done.table.status).toBe(0);
    expect(done.table.stdout).toContain("curve logistic");
    for (const name of ["K", "r", "t0", "rss"]) expect(done.table.stdout).toMatch(new RegExp(`^${name}\\s`, "m"));
  });

  it.each([
    ["tooFew", "sharecast: data: expected at least 4 data points, got 2"],
    ["missing", "sharecast: data tests/cli/fixtures/no-such-data.csv: cannot read the file: no such file or directory"],
    ["unknownCurve", 'sharecast: curve: expected one of linear, exponential, saturating, logistic, richards, gompertz, bass, got "hyperbolic"'],
  ] as const)("%s: exit 2, one message naming the input, nothing on stdout", (name, message) => {
    const out = done[name];
    expect(out.stdout).toBe("");
    expect(lines(out.stderr)).toEqual([message]);
    expect(out.stderr).not.toMatch(STACK_TRACE);
    expect(out.status).toBe(2);
  });
});

describe("a fit that does not converge", () => {
  // Six points that zig-zag: no logistic curve fits them, and the solver stops at its iteration cap.
  const csv = "t,y\n0,1\n1,5\n2,2\n3,8\n4,1\n5,9\n";

  it("exits 2 with one line naming the data and the reason, and prints no table", async () => {
    const { writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const file = join(tempDir(), "zigzag.csv");
    writeFileSync(file, csv);
    const table = sharecast(["fit", file, "--curve", "logistic"]);
    expect(table.status).toBe(2);
    expect(table.stdout).toBe("");
    expect(table.stderr).toMatch(/^sharecast: data: the logistic fit did not converge: no convergence after \d+ iterations/);
    expect(table.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("in JSON says converged false with the reason and holds no NaN", async () => {
    const { writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const file = join(tempDir(), "zigzag.csv");
    writeFileSync(file, csv);
    const json = sharecast(["fit", file, "--curve", "logistic", "--format", "json"]);
    expect(json.status).toBe(2);
    expect(json.stdout).not.toMatch(/NaN|Infinity/);
    const fit = JSON.parse(json.stdout) as { converged: boolean; reason: string };
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/no convergence/);
  });
});
