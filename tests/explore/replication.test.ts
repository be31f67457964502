import { describe, expect, it } from "vitest";
import { replication } from "../../src/models/kinds/replication.ts";
import { runScenario } from "../../src/engine/run.ts";

const col = (...values: number[]) => Float64Array.from(values);

/** Runs the model for one path with the named parameters. */
function simulate(p: Record<string, number>, quarters: number): number[] {
  const names = replication.params.map((d) => d.name);
  const columns = names.map((n) => col(p[n] ?? (replication.params.find((d) => d.name === n)!.optional as number)));
  const out = new Float64Array(quarters);
  replication.simulate(columns, quarters, 1, out, 0);
  return [...out];
}

describe("replication model", () => {
  it("matches the closed form of a tiny case (pure innovation, L = 2, backlog)", () => {
    // q = 0: A(t) = m (1 - e^{-p s t}); m = 100 * 0.5, p = 0.4, s = 2 => rate 0.8 per year, 0.2 per quarter.
    // awards B_k = (A_k - A_{k-1}) * winShare * exp(mu + sd^2 / 2) with winShare 0.25, mu = ln 2, sd = 0 => value 0.5.
    // R_k = (B_{k-2} + B_{k-1}) / 2 + backlog / 2 for k <= 2, backlog 4.
    const m = 50;
    const A = (k: number) => m * (1 - Math.exp(-0.2 * k));
    const B = (k: number) => (k < 1 ? 0 : (A(k) - A(k - 1)) * 0.5);
    const expected = [1, 2, 3, 4, 5].map((k) => (B(k - 2) + B(k - 1)) / 2 + (k <= 2 ? 2 : 0));
    const got = simulate({ cities: 100, awareness: 0.5, innovation: 0.4, imitation: 0, speed: 2, winShare: 0.25, contractMeanLog: Math.log(2), contractSdLog: 0, lifeQuarters: 2, backlog: 4 }, 5);
    got.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 12));
    // Hand values: R_1 = 2, R_2 = 2 + B_1 / 2 = 2 + 50 (1 - e^{-0.2}) * 0.5 / 2 = 4.2661...
    expect(got[0]).toBe(2);
    expect(got[1]).toBeCloseTo(2 + (50 * (1 - Math.exp(-0.2)) * 0.5) / 2, 12);
  });

  it("follows the Bass curve: total awarded value tends to m * winShare * E[value]", () => {
    const quarters = 400;
    const got = simulate({ cities: 10, awareness: 1, innovation: 0.5, imitation: 2, winShare: 1, contractMeanLog: 0, contractSdLog: 0.5, lifeQuarters: 1 }, quarters);
    const total = got.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(10 * Math.exp(0.125), 6);
  });

  it("runs inside a scenario and is validated", () => {
    const scenario = {
      name: "rep",
      calendar: { start: "2020Q1", end: "2021Q4" },
      providers: [
        { id: "a", model: { kind: "replication", cities: 100, awareness: 0.5, innovation: 0.03, imitation: 0.38, winShare: 0.25, contractMeanLog: -0.85, contractSdLog: 0.95, lifeQuarters: { dist: "uniform", min: 4, max: 20 } } },
        { id: "b", model: { kind: "constantGrowth", start: 1, growth: 0.1 } },
      ],
    };
    const result = runScenario(scenario, { paths: 500, seed: 1 });
    expect(result.row("2021", "a", "revenue")!.mean).toBeGreaterThan(0);
    expect(() => runScenario({ ...scenario, providers: [{ id: "a", model: { ...scenario.providers[0].model, innovation: -1 } }] }, { paths: 10 })).toThrow(/innovation/);
  });
});
