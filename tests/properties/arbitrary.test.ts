// The scenario arbitrary itself: every scenario it generates is valid, and it reaches every feature.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DISTRIBUTION_KINDS } from "../../src/random/distributions.ts";
import { validateScenario } from "../../src/scenario/validate.ts";
import { preparedIssues } from "../../src/engine/prepare.ts";
import { BASE_KINDS, COMPETITION_KINDS, scenarioArb } from "../arbitraries/scenario.ts";

/** Every value of `key` found anywhere in a JSON tree. */
function collect(value: unknown, key: string, out: Set<unknown>): Set<unknown> {
  if (Array.isArray(value)) value.forEach((v) => collect(v, key, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === key) out.add(typeof v === "object" ? JSON.stringify(v) : v);
      collect(v, key, out);
    }
  }
  return out;
}

describe("scenarioArb", () => {
  it("generates only scenarios that pass validateScenario", () => {
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        validateScenario(input);
        // What only compiling checks (factor loadings against sigma, fits) passes too.
        expect(preparedIssues(input)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("reaches every model kind, distribution kind, event kind, market kind and shock persistence", () => {
    const sample = fc.sample(scenarioArb(), { numRuns: 400, seed: 42 });
    const kinds = collect(sample, "kind", new Set());
    for (const kind of [...BASE_KINDS, ...COMPETITION_KINDS, "driver", "sum", "exogenous", "threshold", "overtake", "rank", "firstPassage", "all", "any"]) {
      expect(kinds.has(kind), kind).toBe(true);
    }
    const dists = collect(sample, "dist", new Set());
    for (const dist of DISTRIBUTION_KINDS) expect(dists.has(dist), dist).toBe(true);
    expect(collect(sample, "persistence", new Set())).toEqual(new Set(["permanent", "transient"]));
    expect(kinds.has("regimes"), "regimes").toBe(true);
    for (const key of ["loadings", "df", "jumps", "factors", "ar"]) expect(collect(sample, key, new Set()).size > 0, key).toBe(true);
    expect(sample.some((s) => s.segments && s.providers.some((p) => Object.keys(p.model).length < s.segments!.length))).toBe(true);
    expect(sample.some((s) => s.providers.some((p) => p.entry?.rampQuarters !== undefined))).toBe(true);
    expect(sample.some((s) => s.providers.length === 8)).toBe(true);
    expect(sample.some((s) => (s.benchmarks ?? []).length > 0)).toBe(true);
    const lengths = sample.map((s) => Number(s.calendar.end.slice(0, 4)) * 4 + Number(s.calendar.end[5]) - (Number(s.calendar.start.slice(0, 4)) * 4 + Number(s.calendar.start[5])) + 1);
    expect(Math.min(...lengths)).toBe(1);
    expect(Math.max(...lengths)).toBe(40);
  });
});
