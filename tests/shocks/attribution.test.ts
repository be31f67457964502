// Attribution switches parameter slots only (src/engine/attribution.ts): scenarios that differ in a shock
// structure (factors, jumps, regime transitions), which is not a slot, are an input error, not an
// "interaction" that hides the change.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/issues.ts";
import { attribute } from "../../src/engine/attribution.ts";

const calendar = { start: "2020Q1", end: "2021Q4" };
const base = (rate: number, ar: number, p: number) => ({
  name: "a",
  calendar,
  factors: [{ id: "demand", sigma: 0.05, ar }],
  providers: [
    { id: "a", model: { kind: "constantGrowth", start: { dist: "uniform", min: 1, max: 2 }, growth: 0.2, shock: { sigma: 0.1, loadings: { demand: 1 }, jumps: { rate, size: -0.2 } } } },
    {
      id: "b",
      model: {
        kind: "regimes",
        states: [{ id: "up", model: { kind: "constantGrowth", start: 1, growth: 0.3 } }, { id: "flat", model: { kind: "constantGrowth", start: 1, growth: 0 } }],
        transition: [[1 - p, p], [0, 1]],
      },
    },
  ],
});
const options = { output: "share:a:2021", paths: 500 };

describe("attribution with shock structures", () => {
  it("attributes a parameter change when the structures agree", () => {
    const b = base(0.1, 0.5, 0.1);
    b.providers[0].model.start = { dist: "uniform", min: 1, max: 3 };
    const result = attribute(base(0.1, 0.5, 0.1), b, options);
    expect(result.parts.map((part) => part.parameter)).toEqual(["providers.a.model.start"]);
  });

  for (const [what, other] of [["a jump rate", base(0.2, 0.5, 0.1)], ["a factor's AR(1)", base(0.1, 0.2, 0.1)], ["a stall probability", base(0.1, 0.5, 0.2)]] as const) {
    it(`refuses scenarios that differ in ${what}`, () => {
      expect(() => attribute(base(0.1, 0.5, 0.1), other, options)).toThrow(InputError);
      expect(() => attribute(base(0.1, 0.5, 0.1), other, options)).toThrow(/expected the same shock structure/);
    });
  }
});
