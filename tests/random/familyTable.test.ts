// The family table is complete: each family's file gives a schema tagged by its own key, defaults, rules, a
// sampler and a shift; the scenario schema's distributions are exactly the table's families, in table order.
import { describe, expect, it } from "vitest";
import { DISTRIBUTION_KINDS, distributionIssues, isDistributionSpec, makeDistribution, shiftDistribution } from "../../src/random/distributions.ts";
import { FAMILIES } from "../../src/random/familyTable.ts";
import type { DistributionKind, SpecOf } from "../../src/random/spec.ts";
import { createStream } from "../../src/random/stream.ts";
import { scenarioIssues } from "../../src/scenario/validate.ts";

/** One valid spec per family; the type makes a family without an example a compile error. */
const EXAMPLES: { [K in DistributionKind]: SpecOf<K> } = {
  normal: { dist: "normal", mean: 1, sd: 0.5 },
  lognormal: { dist: "lognormal", meanLog: 0, sdLog: 0.5 },
  uniform: { dist: "uniform", min: 0, max: 2 },
  triangular: { dist: "triangular", min: 0, mode: 1, max: 3 },
  pert: { dist: "pert", min: 0, mode: 1, max: 3 },
  beta: { dist: "beta", alpha: 2, beta: 3 },
  discrete: { dist: "discrete", values: [1, 2, 4] },
  interval90: { dist: "interval90", low: 1, high: 3 },
};

type Entry = { schema: { shape: Record<string, { value?: unknown }> }; complete: unknown; check: unknown; build: unknown; shift: unknown };
const entries = Object.entries(FAMILIES) as Array<[DistributionKind, Entry]>;

function scenarioWith(growth: unknown): unknown {
  return { name: "one", calendar: { start: "2020Q1", end: "2020Q4" }, providers: [{ id: "a", model: { kind: "constantGrowth", start: 1, growth } }] };
}

describe("family table", () => {
  it("has one example per family, and no example without a family", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(FAMILIES).sort());
    expect(DISTRIBUTION_KINDS).toEqual(Object.keys(FAMILIES));
  });

  it.each(entries)("%s: its schema is tagged by its key, with defaults, rules, sampler and shift", (kind, entry) => {
    expect(entry.schema.shape.dist.value).toBe(kind);
    for (const part of [entry.complete, entry.check, entry.build, entry.shift]) expect(typeof part).toBe("function");
  });

  it.each(entries)("%s: its example is valid everywhere and samples inside its support", (kind) => {
    const spec = EXAMPLES[kind];
    expect(isDistributionSpec(spec)).toBe(true);
    expect(distributionIssues(spec, [])).toEqual([]);
    expect(scenarioIssues(scenarioWith(spec))).toEqual([]);
    const dist = makeDistribution(spec);
    const stream = createStream(42, `family:${kind}`);
    for (let k = 0; k < 100; k++) {
      const x = dist.sample(stream);
      expect(x >= dist.support[0] && x <= dist.support[1]).toBe(true);
    }
    const shifted = shiftDistribution(spec, 1);
    if (typeof shifted === "object") expect(makeDistribution(shifted).mean).toBeCloseTo(dist.mean + 1, 12);
    else expect(kind).toBe("lognormal");
  });

  it("the scenario schema's distribution union is the table's families, in table order", () => {
    const issues = scenarioIssues(scenarioWith({ dist: "gamma", shape: 2 }));
    const kinds = Object.keys(FAMILIES).map((kind) => JSON.stringify(kind)).join(", ");
    expect(issues).toEqual([{ code: "invalid_value", path: ["providers", 0, "model", "growth", "dist"], message: `expected one of ${kinds}, got "gamma"` }]);
  });
});
