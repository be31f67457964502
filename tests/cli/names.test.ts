import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lines, sharecastAsync, STACK_TRACE, tempDir } from "./helpers.ts";

/**
 * Names are data: provider, segment and currency names spelled like Object members (`constructor`,
 * `toString`, `valueOf`, `hasOwnProperty`), or like a model's tag (a segment named `kind`), behave as any
 * other name. The check is a rename: the same scenario with plain names gives the same numbers, label for
 * label, through the spawned CLI. (Constant parameters: a parameter's random stream is keyed by its path,
 * names included, so renamed distributions draw other numbers by design.)
 */

interface Names {
  providers: [string, string];
  segments: [string, string];
  /** Scenario, market and provider currencies. */
  currencies: [string, string, string];
  event: string;
  benchmark: string;
}

const ODD: Names = {
  providers: ["constructor", "tostring"],
  segments: ["constructor", "kind"],
  currencies: ["constructor", "hasOwnProperty", "valueOf"],
  event: "constructor",
  benchmark: "valueof",
};

const PLAIN: Names = {
  providers: ["alpha", "beta"],
  segments: ["government", "internet"],
  currencies: ["usd", "cny", "eur"],
  event: "overtake",
  benchmark: "bench",
};

/**
 * The scenario with these names; provider two has no model for segment two (it earns nothing there).
 * `random`: two growth rates are distributions.
 */
function scenarioYaml(n: Names, random = false): string {
  const [a, b] = n.providers;
  const [s, t] = n.segments;
  const [home, market, foreign] = n.currencies;
  return `name: names-are-data
calendar: { start: 2020Q1, end: 2021Q4 }
currency: ${home}
segments: [${s}, ${t}]
market:
  kind: exogenous
  currency: ${market}
  total:
    ${s}: { kind: constantGrowth, start: 40, growth: ${random ? "{ dist: uniform, min: 0.2, max: 0.4 }" : "0.3"} }
    ${t}: { kind: constantGrowth, start: 60, growth: 0.3 }
exchangeRates:
  ${market}: 1.5
  ${foreign}: { series: { "2020": 2, "2021Q1": 2.5, "2021": 3 } }
providers:
  - id: ${a}
    currency: ${foreign}
    model:
      ${s}: { kind: constantGrowth, start: 1, growth: ${random ? "{ dist: normal, mean: 0.5, sd: 0.1 }" : "0.5"} }
      ${t}: { kind: constantGrowth, start: 2, growth: 0.5 }
  - id: ${b}
    model:
      ${s}: { kind: constantGrowth, start: 5, growth: 0.2 }
events:
  - { id: ${n.event}, kind: overtake, metric: share, provider: ${a}, over: ${b}, by: 2021Q4 }
benchmarks:
  - { id: ${n.benchmark}, metric: revenue, provider: ${a}, period: "2021", value: 10, source: a test }
`;
}

type Row = { period: string; segment: string; provider: string; metric: string; mean: number; sd: number; p50: number };
type Output = { rows: Row[]; events: Array<{ id: string; probability: number }>; benchmarks: Array<{ id: string; percentile: number }> };

/** Runs a scenario text through `sharecast run --format json`. */
async function run(yaml: string): Promise<Output> {
  const file = join(tempDir(), "scenario.yaml");
  writeFileSync(file, yaml);
  const validated = await sharecastAsync(["validate", file]);
  expect(validated.stderr).toBe("");
  expect(validated.status).toBe(0);
  const out = await sharecastAsync(["run", file, "--paths", "300", "--format", "json", "--no-progress"]);
  expect(out.stderr).not.toMatch(STACK_TRACE);
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as Output;
}

/** A name of the plain scenario in the odd one. */
function rename(name: string): string {
  const map = new Map<string, string>([
    ...PLAIN.providers.map((p, i) => [p, ODD.providers[i]] as const),
    ...PLAIN.segments.map((s, i) => [s, ODD.segments[i]] as const),
  ]);
  return map.get(name) ?? name;
}

describe.concurrent("names spelled like Object members", () => {
  it("give the numbers the same scenario gives with plain names", async () => {
    const [odd, plain] = await Promise.all([run(scenarioYaml(ODD)), run(scenarioYaml(PLAIN))]);
    expect(odd.rows.length).toBe(plain.rows.length);
    expect(odd.rows.length).toBeGreaterThan(0);
    const renamed = plain.rows.map((row) => ({ ...row, provider: rename(row.provider), segment: rename(row.segment) }));
    expect(odd.rows).toEqual(renamed);
    expect(new Set(odd.rows.map((row) => row.provider))).toEqual(new Set(["constructor", "tostring", "others"]));
    expect(new Set(odd.rows.map((row) => row.segment))).toEqual(new Set(["total", "constructor", "kind"]));
    // tostring has no model for segment `kind`: it earns nothing there (not Object.prototype.kind, not a crash).
    const absent = odd.rows.filter((row) => row.provider === "tostring" && row.segment === "kind" && row.metric === "revenue");
    expect(absent.length).toBeGreaterThan(0);
    for (const row of absent) expect(row.mean).toBe(0);
    expect(odd.events.map((e) => e.probability)).toEqual(plain.events.map((e) => e.probability));
    expect(odd.events.map((e) => e.id)).toEqual(["constructor"]);
    expect(odd.benchmarks.map((b) => b.percentile)).toEqual(plain.benchmarks.map((b) => b.percentile));
  });

  it("with distributions: shares of every period and segment add up to 1, and the event is decided", async () => {
    const odd = await run(scenarioYaml(ODD, true));
    const sums = new Map<string, number>();
    for (const row of odd.rows) {
      if (row.metric !== "share") continue;
      const key = `${row.period}/${row.segment}`;
      sums.set(key, (sums.get(key) ?? 0) + row.mean);
    }
    // Two years and eight quarters, in the total and two segments.
    expect(sums.size).toBe(10 * 3);
    for (const [key, sum] of sums) expect(sum, key).toBeCloseTo(1, 12);
    const spread = odd.rows.filter((row) => row.provider === "constructor" && row.segment === "constructor" && row.metric === "revenue" && row.period === "2021");
    expect(spread.length).toBe(1);
    expect(spread[0].sd).toBeGreaterThan(0);
    expect(odd.events[0].probability).toBeGreaterThanOrEqual(0);
    expect(odd.events[0].probability).toBeLessThanOrEqual(1);
  });

  it("a missing model or rate under such a name is reported, not read from Object", async () => {
    const dir = tempDir();
    const file = join(dir, "missing.yaml");
    const yaml = scenarioYaml(ODD)
      .replace("    constructor: { kind: constantGrowth, start: 40, growth: 0.3 }\n", "")
      .replace("  hasOwnProperty: 1.5\n", "");
    writeFileSync(file, yaml);
    const out = await sharecastAsync(["validate", file]);
    expect(out.stdout).toBe("");
    expect(lines(out.stderr)).toEqual([
      "sharecast: market.total: expected a market model for every segment, got none for constructor",
      "sharecast: exchangeRates: expected a rate for hasOwnProperty (market.currency), got none",
    ]);
    expect(out.status).toBe(2);
  });

  it("a __proto__ key, which an object record would drop, is reported", async () => {
    const dir = tempDir();
    const file = join(dir, "proto.json");
    const scenario = {
      name: "proto",
      calendar: { start: "2020Q1", end: "2020Q4" },
      currency: "usd",
      segments: ["a"],
      exchangeRates: { eur: 2 },
      providers: [{ id: "p", currency: "eur", model: { a: { kind: "constantGrowth", start: 1, growth: 0.1 } } }],
    };
    // JSON.parse makes an own __proto__ key; a JavaScript literal would not.
    const text = JSON.stringify(scenario)
      .replace('"model":{', '"model":{"__proto__":{"kind":"constantGrowth","start":1,"growth":0.1},')
      .replace('"exchangeRates":{', '"exchangeRates":{"__proto__":3,');
    writeFileSync(file, text);
    const out = await sharecastAsync(["validate", file]);
    expect(out.stdout).toBe("");
    expect(lines(out.stderr)).toEqual([
      'sharecast: exchangeRates.__proto__: expected a name other than "__proto__" (JavaScript objects reserve it), got "__proto__"',
      'sharecast: providers[0].model.__proto__: expected a name other than "__proto__" (JavaScript objects reserve it), got "__proto__"',
    ]);
    expect(out.status).toBe(2);
  });
});
