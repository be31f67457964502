import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { calibrateScenario, calibrateScenarioYielding, pitKsDistance } from "../../src/backtest/calibrate.ts";
import { runScenarioBacktest } from "../../src/backtest/scenarioBacktest.ts";
import { scenarioAt } from "../../src/scenario/defineScenario.ts";
import alibaba from "../../scenarios/alibaba-cloud-revenue.ts";
import deutscheBank from "../../scenarios/deutsche-bank-2020.ts";
import { widenRange } from "../../scenarios/shared/known.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("calibration", () => {
  it("KS distance of PIT values from uniform, by hand", () => {
    expect(pitKsDistance([0.5])).toBe(0.5);
    // sorted 0.1, 0.2, 0.9: gaps 1/3-0.1, 0.1-0, 2/3-0.2, 0.2-1/3, 1-0.9, 0.9-2/3 -> max 2/3 - 0.2
    expect(pitKsDistance([0.9, 0.1, 0.2])).toBeCloseTo(2 / 3 - 0.2, 15);
  });

  it("widenRange widens about the centre and is the identity at 1", () => {
    expect(widenRange(1, 3, 2)).toEqual({ low: 0, high: 4 });
    expect(widenRange(1, 3, 2, 0.5)).toEqual({ low: 0.5, high: 4 });
    expect(widenRange(0.1, 0.7, 1)).toEqual({ low: 0.1, high: 0.7 });
  });

  it("a factory rebuilt with widen 1 is the scenario as written; another factor widens its shock", () => {
    expect(JSON.stringify(scenarioAt(deutscheBank, "2019-12-31", { widen: 1 }))).toBe(JSON.stringify(deutscheBank));
    const wide = scenarioAt(deutscheBank, "2019-12-31", { widen: 2 });
    // The sigma as the scenario writes it: a number, or a cited one ({ value, source, note }).
    const sigma = (s: typeof wide) => {
      const p = (s.providers[0].model as { shock: { sigma: number | { value: number } } }).shock.sigma;
      return typeof p === "number" ? p : p.value;
    };
    expect(sigma(wide)).toBeCloseTo(2 * sigma(deutscheBank), 15);
  });

  it("uses only origins and actuals the scenario's own as-of date allows", () => {
    const inSample = runScenarioBacktest(alibaba, { paths: 300, inSample: true, widen: 1 });
    expect(inSample.meta.origins.every((o) => o.asOf <= "2019-12-31")).toBe(true);
    // Every scored actual of Alibaba's fixture was public by 2019-12-31: none is a 2019Q4 or later quarter.
    expect(inSample.cells.every((c) => c.period <= "2019Q2")).toBe(true);
    const deutsche = runScenarioBacktest(deutscheBank, { paths: 300, inSample: true, origins: ["2019Q2"] });
    // 2019Q4 Canalys figures were published on 2020-03-31: out of sample, not scored.
    expect(deutsche.cells.some((c) => c.period === "2019Q4")).toBe(false);
    expect(deutsche.cells.filter((c) => c.method === "model").map((c) => c.period)).toEqual(Array(5).fill("2019Q3"));
  });

  it("chooses the (widen, lift) pair with the lowest CRPS and reports the uncalibrated scores", () => {
    const result = calibrateScenario(alibaba, { paths: 300, grid: [1, 2, 3], lifts: [0, 0.1] });
    const best = Math.min(...result.rows.map((r) => r.crps));
    expect(result.meta.calibrated).toBe(true);
    expect(result.chosen.crps).toBe(best);
    expect([result.before.widen, result.before.lift]).toEqual([1, 0]);
    expect([result.current.widen, result.current.lift]).toEqual([1.25, 0.1]);
    expect(result.rows.map((r) => [r.widen, r.lift])).toEqual([[1, 0], [1.25, 0], [2, 0], [3, 0], [1, 0.1], [1.25, 0.1], [2, 0.1], [3, 0.1]]);
    // Wider bands cover at least as often on the same cells and common random numbers.
    expect(result.rows[3].coverage90).toBeGreaterThanOrEqual(result.rows[0].coverage90);
    // A lift moves every forecast up: the PIT of each cell can only fall, so the mean PIT falls.
    const low = runScenarioBacktest(alibaba, { paths: 300, inSample: true, widen: 1, lift: 0 }).cells.filter((c) => c.method === "model");
    const high = runScenarioBacktest(alibaba, { paths: 300, inSample: true, widen: 1, lift: 0.1 }).cells.filter((c) => c.method === "model");
    high.forEach((c, k) => expect(c.pit).toBeLessThanOrEqual(low[k].pit));
  });

  it("a scenario with fewer in-sample cells than minCells is not calibrated, and a factory that ignores lift scores all lifts alike", () => {
    const result = calibrateScenario(deutscheBank, { paths: 300, grid: [1, 3], lifts: [0, 0.1] });
    expect(result.before.n).toBe(5);
    expect(result.meta.calibrated).toBe(false);
    expect([result.chosen.widen, result.chosen.lift]).toEqual([1, 0]);
    expect(result.meta.criterion).toMatch(/^not calibrated: 5 in-sample cells, fewer than 20/);
    const byLift = (lift: number) => result.rows.filter((r) => r.lift === lift).map((r) => r.crps);
    expect(byLift(0.1)).toEqual(byLift(0));
    expect(calibrateScenario(deutscheBank, { paths: 300, grid: [1, 3], lifts: [0], minCells: 5 }).meta.calibrated).toBe(true);
  });

  it("several scenarios from the command line: each calibrated, then pooled (table and JSON)", () => {
    const args = ["calibrate", "scenarios/alibaba-cloud-revenue.ts", "scenarios/aws-revenue.ts", "--grid", "1", "--lifts", "0", "--paths", "200"];
    const json = spawnSync(process.execPath, [`${root}bin/sharecast.js`, ...args, "--format", "json"], { cwd: root, encoding: "utf8" });
    expect(json.status).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.scenarios.map((s: { meta: { scenario: string } }) => s.meta.scenario)).toEqual(["alibaba-cloud-revenue", "aws-revenue"]);
    expect(doc.pooled.map((p: { label: string }) => p.label)).toEqual(["asWritten", "current", "chosen"]);
    const table = spawnSync(process.execPath, [`${root}bin/sharecast.js`, ...args, "--wide"], { cwd: root, encoding: "utf8" });
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^pooled over the scenarios' in-sample cells/m);
    expect(table.stdout).toMatch(/^chosen: alibaba-cloud-revenue widen 1\.25 lift 0\.1 \(36 cells\), aws-revenue widen 1 lift 0 \(6 cells\)/m);
  });

  it("runs from the command line; a bad factor is exit 2 naming --grid", () => {
    const ok = spawnSync(process.execPath, [`${root}bin/sharecast.js`, "calibrate", "scenarios/alibaba-cloud-revenue.ts", "--grid", "1,2", "--lifts", "0", "--paths", "300", "--format", "json"], { cwd: root, encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).rows).toHaveLength(6); // widen 1, 1.25 (its own), 2 x lift 0, 0.1 (its own)
    const bad = spawnSync(process.execPath, [`${root}bin/sharecast.js`, "calibrate", "scenarios/alibaba-cloud-revenue.ts", "--grid", "1,-2"], { cwd: root, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^sharecast: --grid\[1\]: expected a positive number, got -2/);
    expect(bad.stdout).toBe("");
  });
});

describe("calibrateScenarioYielding (what the command runs: a turn of the event loop between the grid's backtests)", () => {
  it("gives calibrateScenario's result", async () => {
    const options = { paths: 200, grid: [1, 3], lifts: [0, 0.1] };
    expect(JSON.stringify(await calibrateScenarioYielding(deutscheBank, options))).toBe(JSON.stringify(calibrateScenario(deutscheBank, options)));
  });
});
