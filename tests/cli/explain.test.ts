import { describe, expect, it } from "vitest";
import { lines, sharecastAsync } from "./helpers.ts";

/** `sharecast explain` and the assumptions of `run --format json`, as a user runs them. */

interface Item {
  path: string;
  kind: string;
  source?: string;
  note?: string;
  asOf?: string;
}

describe("sharecast explain", () => {
  it("lists every assumption in 80 columns, flagging exactly those without a source", async () => {
    const [text, json] = await Promise.all([
      sharecastAsync(["explain", "scenarios/deutsche-bank-2020.ts"]),
      sharecastAsync(["explain", "scenarios/deutsche-bank-2020.ts", "--format", "json"]),
    ]);
    expect(text.status, text.stderr).toBe(0);
    expect(json.status, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as { scenario: string; assumptions: Item[] };
    expect(doc.scenario).toBe("deutsche-bank-2020");
    const out = lines(text.stdout);
    for (const line of out) expect(line.length, line).toBeLessThanOrEqual(80);
    const unsourced = doc.assumptions.filter((a) => a.source === undefined);
    expect(out.filter((line) => line.trim() === "[no source]")).toHaveLength(unsourced.length);
    expect(unsourced.length).toBeGreaterThan(0); // the half-lives with no data say so in a note only
    for (const item of unsourced) expect(item.note, item.path).toBeDefined();
    expect(out[0]).toMatch(/^deutsche-bank-2020: \d+ assumptions \(30 parameters, 6 benchmarks, \d+ fixture rows$/);
    for (const item of doc.assumptions) expect(text.stdout).toContain(`  ${item.path}`);
    expect(doc.assumptions.filter((a) => a.kind === "input").every((a) => a.source !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(a.asOf ?? ""))).toBe(true);
  });

  it("gives the assumptions the JSON document of `run` carries", async () => {
    const [explain, run] = await Promise.all([
      sharecastAsync(["explain", "scenarios/sme-penetration.ts", "--format", "json"]),
      sharecastAsync(["run", "scenarios/sme-penetration.ts", "--paths", "200", "--format", "json", "--no-progress"]),
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).assumptions).toEqual(JSON.parse(explain.stdout).assumptions);
  });

  it("flags every parameter of a scenario that cites nothing", async () => {
    const out = await sharecastAsync(["explain", "tests/cli/fixtures/small.yaml"]);
    expect(out.status, out.stderr).toBe(0);
    const items = JSON.parse((await sharecastAsync(["explain", "tests/cli/fixtures/small.yaml", "--format", "json"])).stdout).assumptions as Item[];
    const parameters = items.filter((a) => a.kind === "parameter");
    expect(parameters.length).toBeGreaterThan(0);
    expect(parameters.every((a) => a.source === undefined)).toBe(true);
    // Its benchmark names its source: only the parameters are flagged.
    expect(items.filter((a) => a.kind === "benchmark" && a.source !== undefined).length).toBe(items.length - parameters.length);
    expect(lines(out.stdout).filter((line) => line.trim() === "[no source]")).toHaveLength(parameters.length);
  });

  it("refuses an unknown format, exit 2", async () => {
    const out = await sharecastAsync(["explain", "tests/cli/fixtures/small.yaml", "--format", "csv"]);
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
  });
});

describe("mathjs is loaded only for formulas", () => {
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=./tests/cli/fixtures/refuse-mathjs.mjs`.trim() };

  it("a run without formulas never imports it", async () => {
    const out = await sharecastAsync(["run", "tests/cli/fixtures/small.yaml", "--paths", "200", "--format", "json", "--no-progress"], { env });
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
  });

  it("a scenario with formulas does (so the hook above would see it)", async () => {
    const out = await sharecastAsync(["validate", "scenarios/alibaba-cloud-revenue.yaml"], { env });
    expect(out.stderr).toMatch(/refuse-mathjs: mathjs was imported/);
    expect(out.status).not.toBe(0);
    const plain = await sharecastAsync(["validate", "scenarios/alibaba-cloud-revenue.yaml"]);
    expect(plain.stdout).toBe("alibaba-cloud-revenue: valid (1 providers, 2019Q3-2025Q4)\n");
    expect(plain.status).toBe(0);
  });
});
