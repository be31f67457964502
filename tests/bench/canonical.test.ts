// The benchmark's scenario is the canonical model, and the minimal kernel computes the engine's numbers.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonical, CANONICAL_JSON, canonicalScenario } from "../../bench/canonical.ts";
import { runMinimal } from "../../bench/minimalKernel.ts";
import { compileScenario } from "../../src/engine/compile.ts";
import { runScenario } from "../../src/engine/run.ts";
import { decayingGrowth } from "../../src/models/kinds/decayingGrowth.ts";
import { validateScenario } from "../../src/scenario/validate.ts";

describe("bench/canonical.ts", () => {
  it("is canonical.json: six providers, 28 quarters from 2019Q1, quantiles 5/50/95", () => {
    const json = JSON.parse(readFileSync(CANONICAL_JSON, "utf8"));
    expect(canonical).toEqual(json);
    const compiled = compileScenario(validateScenario(canonicalScenario()));
    expect(compiled.quarters).toBe(json.quarters);
    expect(compiled.periods.slice(0, 7)).toEqual(["2019", "2020", "2021", "2022", "2023", "2024", "2025"]);
    expect(compiled.periods[7]).toBe("2019Q1");
    expect(compiled.providers).toEqual(json.providers.map((p: { id: string }) => p.id));
    expect(compiled.settings.quantiles).toEqual([0.05, 0.5, 0.95]);
    expect(compiled.exogenous).toBe(false);
    const s = compiled.scenario.providers[1].model;
    expect(s).toMatchObject({ kind: "decayingGrowth", start: 2.9, gInf: 0.12, g0: { dist: "normal", mean: 0.8, sd: 0.12 }, halfLifeYears: { dist: "uniform", min: 1, max: 3 }, shock: { sigma: 0.06 } });
  });

  it("decayingGrowth is the canonical formula g_t = gInf + (g0 - gInf) 2^(-t/(4h)), R_t = R_{t-1} (1 + g_t)^(1/4), within 1e-12", () => {
    const quarters = 28;
    const cases = [
      [6.6, 0.6, 0.1, 1.5],
      [1.0, 1.4, 0.12, 1.0],
      [0.8, 0.1, 0.08, 3.5],
    ];
    for (const [start, g0, gInf, half] of cases) {
      const out = new Float64Array(quarters);
      decayingGrowth.simulate([start, g0, gInf, half].map((v) => Float64Array.of(v)), quarters, 1, out, 0);
      let r = start;
      for (let t = 1; t <= quarters; t++) {
        const g = gInf + (g0 - gInf) * Math.pow(2, -t / (4 * half));
        r *= Math.pow(1 + g, 0.25);
        expect(Math.abs(out[t - 1] / r - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it("the minimal kernel gives the engine's summaries bit for bit", () => {
    const paths = 2500;
    const result = runScenario(canonicalScenario(), { paths });
    const minimal = runMinimal(canonical, paths, 42);
    expect(result.rows.length).toBe(minimal.summaries.length);
    for (const row of result.rows) {
      const k = minimal.providers.indexOf(row.provider);
      const p = minimal.periods.indexOf(row.period);
      const s = minimal.summaries[(k * minimal.periods.length + p) * 2 + (row.metric === "share" ? 1 : 0)];
      expect([row.mean, row.sd, row.p05, row.p50, row.p95]).toEqual([s.mean, s.sd, ...s.quantiles]);
    }
  });
});
