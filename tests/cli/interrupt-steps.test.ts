// Commands whose work is many simulations in a row answer a signal while they compute, not after:
// pooled calibration (several scenarios) and attribution give the event loop a turn between their steps.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { attribute, attributeYielding } from "../../src/engine/attribution.ts";
import { calibratePooled, calibratePooledYielding } from "../../src/backtest/pool.ts";
import { sensitivity, sensitivityYielding } from "../../src/engine/sensitivity.ts";
import { sweep, sweepYielding } from "../../src/explore/sweep.ts";
import { solve, solveYielding } from "../../src/explore/solve.ts";
import { compareScenarios, compareScenariosYielding } from "../../src/explore/compare.ts";
import { runToTarget, runToTargetYielding } from "../../src/engine/convergence.ts";
import { parseTarget } from "../../src/explore/statistic.ts";
import alibaba from "../../scenarios/alibaba-cloud-revenue.ts";
import aws from "../../scenarios/aws-revenue.ts";
import { fixture } from "../uncertainty/helpers.ts";

const GROWTH_A = "tests/uncertainty/fixtures/growth-a.yaml";
const GROWTH_B = "tests/uncertainty/fixtures/growth-b.yaml";

/** Runs the command line, sends SIGTERM after `afterMs`, and reports how it ended and how soon. */
function interrupted(args: string[], afterMs: number): Promise<{ status: number | null; stdout: string; stderr: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/sharecast.js", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let sent = 0;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    setTimeout(() => {
      sent = Date.now();
      child.kill("SIGTERM");
    }, afterMs);
    child.on("close", (status) => resolve({ status, stdout, stderr, seconds: (Date.now() - sent) / 1000 }));
  });
}

describe("the yielding forms give the same results", () => {
  it("calibratePooledYielding is calibratePooled", async () => {
    const options = { paths: 200, grid: [1, 2], lifts: [0] };
    expect(JSON.stringify(await calibratePooledYielding([alibaba, aws], options))).toBe(JSON.stringify(calibratePooled([alibaba, aws], options)));
  });

  it("attributeYielding is attribute (several chunks, several parts)", async () => {
    const options = { output: "share:beta:2022", paths: 3000 };
    const sync = attribute(fixture("growth-a.yaml"), fixture("growth-b.yaml"), options);
    expect(sync.parts.length).toBe(2);
    expect(JSON.stringify(await attributeYielding(fixture("growth-a.yaml"), fixture("growth-b.yaml"), options, 0))).toBe(JSON.stringify(sync));
  });
});

describe("the yielding forms give the same results (sensitivity)", () => {
  it("sensitivityYielding is sensitivity (tornado, Spearman over several chunks, Sobol)", async () => {
    const options = { output: "share:beta:2022", paths: 3000, sobolN: 128, bootstrap: 20 };
    const sync = sensitivity(fixture("growth-a.yaml"), options);
    expect(sync.inputs.length).toBeGreaterThan(0);
    expect(JSON.stringify(await sensitivityYielding(fixture("growth-a.yaml"), options, 0))).toBe(JSON.stringify(sync));
  });
});

describe("the yielding forms give the same results (sweep, solve, compare, runToTarget)", () => {
  it("each is its synchronous form, over several chunks", async () => {
    const a = fixture("growth-a.yaml");
    const b = fixture("growth-b.yaml");
    const sweepOptions = { path: "providers[1].model.g0.mean", values: [0.5, 0.7], paths: 2500 };
    expect(JSON.stringify(await sweepYielding(a, sweepOptions, 0))).toBe(JSON.stringify(sweep(a, sweepOptions)));
    const solveOptions = { path: "providers[1].model.g0.mean", target: parseTarget("mean(share:beta:2022)=0.3"), range: [0, 1] as const, paths: 2500 };
    expect(JSON.stringify(await solveYielding(a, solveOptions, 0))).toBe(JSON.stringify(solve(a, solveOptions)));
    expect(JSON.stringify(await compareScenariosYielding(a, b, { paths: 2500 }, 0))).toBe(JSON.stringify(compareScenarios(a, b, { paths: 2500 })));
    const targetOptions = { targetSe: 0.002, outputs: ["share:beta:2022"], maxPaths: 20_000 };
    expect(JSON.stringify(await runToTargetYielding(a, targetOptions, 0))).toBe(JSON.stringify(runToTarget(a, targetOptions)));
  });
});

describe("SIGTERM while they compute: exit 143, one line, nothing on stdout, at once", () => {
  // Each command below takes many seconds to finish (calibrate: 4.7 s at 2,000 paths; attribute: 10 s at
  // 3M paths); before, the signal waited for all of it (42 s and 51 s here).
  it.concurrent("calibrate of two scenarios (pooled)", async () => {
    const out = await interrupted(["calibrate", "scenarios/alibaba-cloud-revenue.ts", "scenarios/aws-revenue.ts", "--paths", "20000"], 2500);
    expect(out).toMatchObject({ status: 143, stdout: "", stderr: "sharecast: interrupted by SIGTERM\n" });
    expect(out.seconds).toBeLessThan(3);
  });

  it.concurrent("sensitivity and play (whose sliders are ranked by a sensitivity analysis): 31 s before", async () => {
    const scenario = "scenarios/deutsche-bank-2020.ts";
    for (const args of [["sensitivity", scenario, "--output", "share:tencent:2020"], ["play", scenario, "--out", `${tmpdir()}/sharecast-interrupt-play-${process.pid}.html`]]) {
      const out = await interrupted([...args, "--paths", "2000000", "--workers", "1"], 2500);
      expect(out).toMatchObject({ status: 143, stdout: "", stderr: "sharecast: interrupted by SIGTERM\n" });
      expect(out.seconds).toBeLessThan(3);
    }
    expect(existsSync(`${tmpdir()}/sharecast-interrupt-play-${process.pid}.html`)).toBe(false);
  });

  it.concurrent("fit of 10,000 rows that a Richards curve does not fit (11 s to its error, before: all of it)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-interrupt-fit-"));
    const csv = join(dir, "hard.csv");
    let u = 1;
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      u = (u * 48271) % 2147483647;
      return `${i},${Math.sin(i * 0.37) * 100 + (u / 2147483647) * 50 + 1000}`;
    });
    writeFileSync(csv, `t,y\n${rows.join("\n")}\n`);
    const out = await interrupted(["fit", csv, "--curve", "richards"], 2500);
    expect(out).toMatchObject({ status: 143, stdout: "", stderr: "sharecast: interrupted by SIGTERM\n" });
    expect(out.seconds).toBeLessThan(2);
  });

  it.concurrent("sweep, solve, compare, run --se and run --target-se (13-38 s before)", async () => {
    const db = "scenarios/deutsche-bank-2020.ts";
    const commands = [
      ["sweep", db, "--paths", "1000000", "--vary", "providers.tencent.model.g0.low=0.6,0.65,0.7"],
      ["solve", db, "--paths", "500000", "--vary", "providers.tencent.model.start", "--target", "median(share:tencent:2020)=0.3"],
      ["compare", db, db, "--paths", "1500000"],
      ["run", db, "--paths", "1500000", "--se", "--no-progress"],
      ["run", db, "--target-se", "0.00001", "--output", "share:tencent:2020", "--max-paths", "1500000", "--no-progress"],
    ];
    for (const args of commands) {
      const out = await interrupted(args, 2500);
      expect({ args, ...out }).toMatchObject({ args, status: 143, stdout: "", stderr: "sharecast: interrupted by SIGTERM\n" });
      expect(out.seconds).toBeLessThan(3);
    }
  });

  it.concurrent("attribute", async () => {
    const out = await interrupted(["attribute", GROWTH_A, GROWTH_B, "--output", "share:beta:2022", "--paths", "5000000"], 2500);
    expect(out).toMatchObject({ status: 143, stdout: "", stderr: "sharecast: interrupted by SIGTERM\n" });
    expect(out.seconds).toBeLessThan(3);
  });
});
