// Quantiles monotone in p, and curve models within their bounds (issue 2, Tests).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { modelTable } from "../../src/models/modelTable.ts";
import { quantiles } from "../../src/stats/quantile.ts";
import { quantileName } from "../../src/samples/summaries.ts";
import { BASE_KINDS, baseModelArb, RANGES, scenarioArb } from "../arbitraries/scenario.ts";
import { makeDistribution } from "../../src/random/distributions.ts";
import type { Param } from "../../src/random/spec.ts";
import { runOrOverflow } from "./run.ts";

const probabilityArb = fc.double({ min: 0, max: 1, noNaN: true });
const valuesArb = fc.array(fc.double({ noNaN: true, min: -1e300, max: 1e300 }), { minLength: 1, maxLength: 200 }).map((v) => Float64Array.from(v));

describe("quantiles", () => {
  it("are non-decreasing in p and lie between the sample minimum and maximum", () => {
    fc.assert(
      fc.property(valuesArb, fc.array(probabilityArb, { minLength: 1, maxLength: 12 }), (values, ps) => {
        const sortedPs = [...ps].sort((a, b) => a - b);
        const qs = quantiles(values, sortedPs);
        const min = Math.min(...values);
        const max = Math.max(...values);
        for (let j = 0; j < qs.length; j++) {
          expect(qs[j]).toBeGreaterThanOrEqual(min);
          expect(qs[j]).toBeLessThanOrEqual(max);
          if (j > 0) expect(qs[j]).toBeGreaterThanOrEqual(qs[j - 1]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("are monotone in every summary row of a run, for arbitrary requested probabilities", () => {
    const quantileSet = fc.uniqueArray(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(scenarioArb({ maxQuarters: 12 }), fc.integer({ min: 2, max: 40 }), quantileSet, (input, paths, qs) => {
        const result = runOrOverflow(input, { paths, seed: 7, quantiles: qs });
        if (!result) return;
        const names = result.meta.quantiles.map(quantileName);
        // Sorted, and one quantile per column name (the first of those that share one).
        const sorted = [...qs].sort((a, b) => a - b);
        expect(result.meta.quantiles).toEqual(sorted.filter((p, j) => sorted.findIndex((q) => quantileName(q) === quantileName(p)) === j));
        for (const row of result.rows) {
          for (let j = 1; j < names.length; j++) {
            const a = row[names[j - 1] as `p${number}`];
            const b = row[names[j] as `p${number}`];
            if (!(a <= b)) throw new Error(`${names[j - 1]}=${a} > ${names[j]}=${b} in ${JSON.stringify(row)}`);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** Largest value a parameter can take: the constant, or the top of the distribution's support. */
function upper(param: Param | undefined, fallback = 1): number {
  if (param === undefined) return fallback;
  return typeof param === "number" ? param : makeDistribution(param).support[1];
}

const curveKinds = new Set(["logistic", "richards", "gompertz", "bass"]);

describe("curve models stay within their bounds", () => {
  // Positive parameters, drawn over the arbitrary's wide ranges and beyond (down to the smallest double).
  const positive = (max: number) => fc.double({ min: Number.MIN_VALUE, max, noNaN: true });
  // Richards' shape and Bass' innovation stop at 1e-300: below ~1e-308, 1 / shape and q / p overflow to
  // Infinity and the formulas give NaN (see regressions.test.ts; the engine turns that into an InputError).
  const normalPositive = (max: number) => fc.double({ min: 1e-300, max, noNaN: true });
  const paths = 4;

  function simulate(kind: keyof typeof modelTable, params: number[][], quarters: number): Float64Array {
    const out = new Float64Array(quarters * paths);
    modelTable[kind].simulate(params.map((p) => Float64Array.from(p)), quarters, paths, out, 0);
    return out;
  }
  const columns = (n: number, arb: fc.Arbitrary<number>) => fc.array(fc.array(arb, { minLength: paths, maxLength: paths }), { minLength: n, maxLength: n });

  it("logistic, Richards and Gompertz revenue lie in [0, K]", () => {
    const mid = fc.double({ min: -50, max: 50, noNaN: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        columns(1, positive(1e300)),
        columns(1, positive(50)),
        columns(1, mid),
        columns(1, normalPositive(50)),
        columns(1, positive(50)),
        (quarters, [capacity], [rate], [midpoint], [shape], [displacement]) => {
          const cases = [
            simulate("logistic", [capacity, rate, midpoint], quarters),
            simulate("richards", [capacity, rate, midpoint, shape], quarters),
            simulate("gompertz", [capacity, displacement, rate], quarters),
          ];
          for (const out of cases) {
            for (let t = 0; t < quarters; t++) {
              for (let i = 0; i < paths; i++) {
                const v = out[t * paths + i];
                if (!(v >= 0 && v <= capacity[i])) throw new Error(`revenue ${v} outside [0, ${capacity[i]}] at quarter ${t + 1}`);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("Bass revenue lies in [0, m * revenuePerAdopter]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        columns(1, positive(1e150)),
        columns(1, normalPositive(10)),
        columns(1, fc.double({ min: 0, max: 50, noNaN: true })),
        columns(1, positive(1e150)),
        (quarters, [potential], [innovation], [imitation], [perAdopter]) => {
          const out = simulate("bass", [potential, innovation, imitation, perAdopter], quarters);
          for (let t = 0; t < quarters; t++) {
            for (let i = 0; i < paths; i++) {
              const v = out[t * paths + i];
              const bound = potential[i] * perAdopter[i];
              if (!(v >= 0 && v <= bound)) throw new Error(`revenue ${v} outside [0, ${bound}] at quarter ${t + 1}`);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("inside whole scenarios (distributions, entry ramps), shock-free curve providers stay below sup K", () => {
    const curveModel = baseModelArb({ noShock: true }).filter((m) => curveKinds.has((m as { kind: string }).kind));
    fc.assert(
      fc.property(scenarioArb({ market: "sum", maxQuarters: 20, maxProviders: 3, noCompetition: true }), curveModel, fc.integer({ min: 3, max: 30 }), (input, model, paths) => {
        const m = model as unknown as Record<string, Param | undefined> & { kind: string };
        // Replace the first provider's model by the curve model; keep the segment layout valid.
        const withCurve = structuredClone(input);
        const slot = input.segments ? { [input.segments[0]]: model } : model;
        withCurve.providers[0] = { id: withCurve.providers[0].id, model: slot as never };
        const result = runOrOverflow(withCurve, { paths, seed: 11 });
        if (!result) return;
        const bound =
          m.kind === "bass"
            ? upper(m.marketPotential) * Math.max(0, upper(m.revenuePerAdopter, 1))
            : upper(m.carryingCapacity);
        const store = result.samples!;
        const g = input.segments ? 1 : 0;
        store.periods.forEach((label, p) => {
          if (!label.includes("Q")) return;
          const cell = store.cell("revenue", g, 0, p);
          for (let i = 0; i < paths; i++) {
            if (!(cell[i] >= 0 && cell[i] <= bound * (1 + 1e-12))) throw new Error(`${m.kind} revenue ${cell[i]} outside [0, ${bound}] in ${label}`);
          }
        });
      }),
      { numRuns: 150 },
    );
  });
});

// If a model's domain changes, the arbitrary must follow, or it generates invalid scenarios (or too few).
it("the arbitrary generates every base model kind, with ranges inside the model domains", () => {
  expect([...BASE_KINDS].sort()).toEqual(Object.keys(modelTable).sort());
  for (const [kind, impl] of Object.entries(modelTable)) {
    for (const def of impl.params) {
      const range = RANGES[def.name as keyof typeof RANGES];
      expect(range, `${kind}.${def.name}`).toBeDefined();
      expect(range.domain, `${kind}.${def.name}`).toBe(def.domain);
    }
  }
});
