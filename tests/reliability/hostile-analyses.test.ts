// Hostile but well-formed arguments to the analysis commands, found by fuzzing them (each had been an
// internal error or a wrong exit 0): a sweep of the simulation settings, an output summed or listed twice,
// two scenarios with nothing in common, a bootstrap too large to allocate, a calibration whose grid no
// origin accepts.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { oneLine, sharecastAsync, tempDir } from "../cli/helpers.ts";

const BASE = "tests/reliability/fixtures/hostile/base.yaml";

/** A scenario file of two providers, c and d, that base.yaml does not have. */
function otherScenario(): string {
  const file = join(tempDir("sharecast-analyses-"), "other.yaml");
  writeFileSync(
    file,
    [
      "name: other",
      "calendar: { start: 2020Q1, end: 2022Q4 }",
      "market: { kind: sum }",
      "providers:",
      "  - { id: c, model: { kind: constantGrowth, start: 1, growth: 0.1 } }",
      "  - { id: d, model: { kind: constantGrowth, start: 2, growth: 0.05 } }",
      "",
    ].join("\n"),
  );
  return file;
}

describe("sweep and solve of a simulation setting", () => {
  it.concurrent("are refused naming --vary (runs of 10 and 2,000 paths had been an internal error; seeds had broken common random numbers)", async () => {
    const message = (path: string) => `sharecast: --vary: expected a parameter of the scenario, got "${path}": every run shares the simulation settings (the paths and seed options set them)`;
    oneLine(await sharecastAsync(["sweep", BASE, "--vary", "simulation.paths=10,2000"]), `${message("simulation.paths")}`);
    oneLine(await sharecastAsync(["sweep", BASE, "--vary", "simulation.seed=1,2", "--paths", "100"]), `${message("simulation.seed")}`);
    oneLine(await sharecastAsync(["solve", BASE, "--vary", "simulation.seed", "--target", "mean(share:a:2021)=0.35", "--range", "1,100"]), `${message("simulation.seed")}`);
  });
});

describe("outputs named twice", () => {
  it.concurrent("a sum naming a provider twice, an output listed twice, or a list of none: exit 2 (share:a+a had been twice a's share)", async () => {
    const sweep = ["sweep", BASE, "--vary", "providers.a.model.start=1", "--paths", "100", "--output"];
    oneLine(await sharecastAsync([...sweep, "share:a+a:2021"]), 'sharecast: --output: expected each provider of a sum once, got "a" again in "share:a+a:2021"');
    oneLine(await sharecastAsync([...sweep, "share:a:2021,share:a:2021:total"]), "sharecast: --output: expected each output once, got share:a:2021:total again");
    oneLine(await sharecastAsync([...sweep, "share:a+b:2021,share:b+a:2021"]), "sharecast: --output: expected each output once, got share:b+a:2021 again");
    oneLine(await sharecastAsync([...sweep, ","]), 'sharecast: --output: expected at least one output such as share:tencent:2020, got ","');
    oneLine(await sharecastAsync(["compare", BASE, BASE, "--paths", "100", "--output", "revenue:a:2021,revenue:a:2021"]), "sharecast: --output: expected each output once, got revenue:a:2021 again");
    oneLine(
      await sharecastAsync(["solve", BASE, "--vary", "providers.a.model.start", "--paths", "100", "--target", "mean(share:a+a:2021)=0.5"]),
      'sharecast: --target: expected each provider of a sum once, got "a" again in "share:a+a:2021"',
    );
    const sum = await sharecastAsync([...sweep, "share:a+b:2021", "--format", "json"]);
    expect(sum.status).toBe(0);
    expect(JSON.parse(sum.stdout).cells[0].mean).toBeCloseTo(1, 12);
  });
});

describe("compare of scenarios with nothing in common", () => {
  it.concurrent("is refused naming --output (it had printed an empty table, exit 0); with a common output named it runs", async () => {
    oneLine(
      await sharecastAsync(["compare", BASE, otherScenario(), "--paths", "100"]),
      "sharecast: --output: expected outputs to compare, got none: base and other have no provider's share in a complete year in common, nor an event (name the outputs)",
    );
    const same = await sharecastAsync(["compare", BASE, BASE, "--paths", "100", "--format", "json"]);
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout).rows.map((r: { difference: number }) => r.difference)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe("a bootstrap too large", () => {
  it.concurrent("is refused by sensitivity and report (10^10 resamples had been an internal error, 10^9 a run of hours)", async () => {
    const message = (b: string) => `sharecast: --bootstrap: expected 0 (no intervals) or 10 to 100000 resamples, got ${b}`;
    oneLine(await sharecastAsync(["sensitivity", BASE, "--output", "share:a:2021", "--paths", "100", "--sobol-n", "16", "--bootstrap", "10000000000"]), message("10000000000"));
    oneLine(await sharecastAsync(["report", BASE, "--paths", "100", "--sensitivity", "share:a:2021", "--sobol-n", "16", "--bootstrap", "9007199254740991", "--out", join(tempDir(), "r.html")]), message("9007199254740991"));
    const most = await sharecastAsync(["sensitivity", BASE, "--output", "share:a:2021", "--paths", "100", "--sobol-n", "16", "--bootstrap", "100000"]);
    expect(most.status).toBe(0);
  });
});

describe("a calibration grid that every origin refuses", () => {
  it.concurrent("says why the latest origin was skipped (it had said only '19 origins skipped')", async () => {
    oneLine(
      await sharecastAsync(["calibrate", "scenarios/aws-revenue.ts", "--grid", "1e308", "--lifts", "0", "--paths", "100", "--min-cells", "1"]),
      /^sharecast: origins: expected an origin with a later actual, got none \(19 origins skipped; 2019Q3: providers\.0\.model\.halfLifeYears: expected a distribution whose draws are positive, got lognormal drawing from 0 to Infinity\)\n$/,
    );
  });
});

describe("a solve on fewer paths than batch means need", () => {
  it.concurrent("says its standard error is unknown (it had printed 'se of the statistic NaN, of the value NaN')", async () => {
    const args = ["solve", BASE, "--vary", "providers.a.model.start", "--target", "mean(share:a:2021)=0.35", "--paths", "39"];
    const table = await sharecastAsync([...args, "--wide"]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain("Monte Carlo se of the statistic unknown (batch means need at least 40 paths, got 39)");
    expect(table.stdout).not.toMatch(/NaN/);
    const json = JSON.parse((await sharecastAsync([...args, "--format", "json"])).stdout);
    expect([json.statisticSe, json.valueSe]).toEqual([null, null]);
  });
});
