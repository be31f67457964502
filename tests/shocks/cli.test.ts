// Shock structures through the command line as a user runs it (spawned): the same bytes for any worker
// count, and bad structures rejected with exit 2, a message naming the field and nothing on stdout.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lines, sharecastAsync, STACK_TRACE, tempDir } from "../cli/helpers.ts";

const scenario = `name: structured
calendar: { start: 2020Q1, end: 2022Q4 }
factors:
  - { id: demand, sigma: 0.05, ar: 0.5 }
providers:
  - id: a
    model:
      kind: regimes
      states:
        - { id: growing, model: { kind: constantGrowth, start: 2, growth: 0.4 } }
        - { id: stalled, model: { kind: constantGrowth, start: 2, growth: 0 } }
      transition: [[0.95, 0.05], [0, 1]]
      shock: { sigma: 0.08, loadings: { demand: 1 }, dist: t, df: 4 }
  - id: b
    model: { kind: constantGrowth, start: 3, growth: 0.2, shock: { sigma: 0.06, loadings: { demand: 0.9 }, jumps: { rate: 0.1, size: { dist: normal, mean: -0.3, sd: 0.1 } } } }
events:
  - { id: a-over-b, kind: overtake, metric: revenue, provider: a, over: b, by: 2022Q4 }
  - { id: never, kind: threshold, metric: share, provider: a, period: "2022", op: ">=", value: 0.999 }
`;

describe("sharecast run with shock structures", () => {
  const dir = tempDir("sharecast-shocks-");
  const file = join(dir, "structured.yaml");
  writeFileSync(file, scenario);

  it("prints identical JSON for 1 and 2 workers (factor, jump, t and regime streams are keyed by chunk)", async () => {
    const [one, two] = await Promise.all([
      sharecastAsync(["run", file, "--paths", "2500", "--workers", "1", "--format", "json"]),
      sharecastAsync(["run", file, "--paths", "2500", "--workers", "2", "--format", "json"]),
    ]);
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const events = JSON.parse(one.stdout).events as Array<{ id: string; probability: number; interval95: [number, number] }>;
    const never = events.find((e) => e.id === "never")!;
    expect(never.probability).toBe(0);
    expect(never.interval95[1]).toBeCloseTo(1 - Math.pow(0.025, 1 / 2500), 12);
  });

  it("rejects a loading on an unknown factor and df <= 2 with exit 2, naming the fields", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, scenario.replace("loadings: { demand: 0.9 }", "loadings: { demnad: 0.9 }").replace("df: 4", "df: 2"));
    const out = await sharecastAsync(["run", bad, "--paths", "100"]);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).not.toMatch(STACK_TRACE);
    expect(lines(out.stderr)).toEqual([
      "sharecast: providers[0].model.shock.df: expected degrees of freedom above 2 (a t shock has a finite standard deviation only for df > 2), got 2",
    ]);
    writeFileSync(bad, scenario.replace("loadings: { demand: 0.9 }", "loadings: { demnad: 0.9 }"));
    const unknown = await sharecastAsync(["validate", bad]);
    expect(unknown.status).toBe(2);
    expect(lines(unknown.stderr)).toEqual(['sharecast: providers[1].model.shock.loadings.demnad: expected a factor of the scenario, got "demnad"; factors are demand']);
  });
});
