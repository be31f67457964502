// Determinism contracts (DESIGN.md, Contracts): same seed, same bytes; the first N paths of a larger run
// equal a run of N paths.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHUNK_SIZE } from "../../src/engine/kernel.ts";
import { scenarioArb } from "../arbitraries/scenario.ts";
import { checkPrefix } from "./invariants.ts";
import { runOrOverflow } from "./run.ts";

const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** JSON of the result and of every sample, so equal strings mean equal summaries and equal samples. */
function bytes(input: unknown, paths: number, seed: number): string | null {
  const result = runOrOverflow(input, { paths, seed });
  if (!result) return null;
  const store = result.samples!;
  const cells: number[][] = [];
  for (const metric of ["revenue", "share"] as const) {
    for (let g = 0; g < store.segments.length; g++) {
      for (let k = 0; k < store.providers.length; k++) {
        for (let p = 0; p < store.periods.length; p++) cells.push(Array.from(store.cell(metric, g, k, p)));
      }
    }
  }
  return JSON.stringify(result) + JSON.stringify(cells);
}

describe("determinism", () => {
  it("the same scenario, seed and path count give byte-identical results and samples", () => {
    fc.assert(
      fc.property(scenarioArb({ maxQuarters: 24 }), fc.integer({ min: 1, max: 30 }), seedArb, (input, paths, seed) => {
        const first = bytes(input, paths, seed);
        // A structurally equal copy, so nothing can hang on object identity.
        const second = bytes(structuredClone(input), paths, seed);
        expect(second).toBe(first);
      }),
      { numRuns: 120 },
    );
  });

  it("a different seed changes the samples of a scenario with a distribution", () => {
    const input = {
      name: "seeded",
      calendar: { start: "2020Q1", end: "2020Q4" },
      providers: [
        { id: "a", model: { kind: "constantGrowth", start: { dist: "uniform", min: 1, max: 2 }, growth: 0.1 } },
        { id: "b", model: { kind: "constantGrowth", start: 1, growth: 0 } },
      ],
    };
    expect(bytes(input, 10, 1)).not.toBe(bytes(input, 10, 2));
  });
});

describe("memory budget", () => {
  it("a run split into passes by storeBudgetBytes gives the same summaries, events and benchmarks", () => {
    fc.assert(
      fc.property(scenarioArb({ maxQuarters: 16 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 60 }), seedArb, (input, paths, columns, seed) => {
        const whole = runOrOverflow(input, { paths, seed });
        if (!whole) return;
        const split = runOrOverflow(input, { paths, seed, storeBudgetBytes: columns * 8 * paths });
        expect(JSON.stringify(split)).toBe(JSON.stringify(whole));
      }),
      { numRuns: 60 },
    );
  });
});

describe("prefix property", () => {
  it("the first N paths of a larger run equal a run of N paths (within one chunk)", () => {
    fc.assert(
      fc.property(scenarioArb({ maxQuarters: 24 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 40 }), seedArb, (input, n, extra, seed) => {
        const small = runOrOverflow(input, { paths: n, seed });
        const large = runOrOverflow(input, { paths: n + extra, seed });
        if (!small || !large) return;
        checkPrefix(large.samples!, small.samples!, n);
      }),
      { numRuns: 120 },
    );
  });

  it("the first N paths of a larger run equal a run of N paths (across chunks)", () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxQuarters: 8, maxProviders: 3 }),
        fc.integer({ min: 1, max: CHUNK_SIZE + 300 }),
        fc.integer({ min: 1, max: CHUNK_SIZE + 300 }),
        seedArb,
        (input, n, extra, seed) => {
          const small = runOrOverflow(input, { paths: n, seed });
          const large = runOrOverflow(input, { paths: n + extra, seed });
          if (!small || !large) return;
          checkPrefix(large.samples!, small.samples!, n);
        },
      ),
      { numRuns: 6 },
    );
  });
});
