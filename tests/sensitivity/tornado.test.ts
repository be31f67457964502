import { describe, expect, it } from "vitest";
import { makeDistribution } from "../../src/random/distributions.ts";
import { tornado, tornadoDesign, tornadoFromOutputs } from "../../src/stats/tornado.ts";

const unit = makeDistribution({ dist: "uniform", min: 0, max: 1 });

describe("tornado", () => {
  it("evaluates each input at its 10th and 90th percentile with the others at their medians", () => {
    // f = x + 3 y, x, y ~ Uniform(0, 1): medians 0.5, 0.5 -> base 2; y at 0.1 / 0.9 -> 0.5 + 0.3 / 0.5 + 2.7.
    const result = tornado([{ name: "x", distribution: unit }, { name: "y", distribution: unit }], (v) => v[0] + 3 * v[1]);
    expect(result.base).toBeCloseTo(2, 14);
    expect(result.bars.map((bar) => bar.name)).toEqual(["y", "x"]);
    const [y, x] = result.bars;
    expect(y.low).toBeCloseTo(0.8, 14);
    expect(y.high).toBeCloseTo(3.2, 14);
    expect(y.swing).toBeCloseTo(2.4, 14);
    expect(y.lowInput).toBeCloseTo(0.1, 14);
    expect(y.highInput).toBeCloseTo(0.9, 14);
    expect(x.low).toBeCloseTo(1.6, 14);
    expect(x.high).toBeCloseTo(2.4, 14);
    expect(x.swing).toBeCloseTo(0.8, 14);
  });

  it("keeps low and high as the outputs at the input's low and high settings, even when decreasing", () => {
    const normal = makeDistribution({ dist: "normal", mean: 10, sd: 2 });
    const result = tornado([{ name: "g", distribution: normal }], (v) => -v[0]);
    const bar = result.bars[0];
    // qnorm(0.1, 10, 2) = 7.436896868910799 (SciPy norm.ppf): output at the low setting is -7.4369, at the high -12.5631.
    expect(bar.lowInput).toBeCloseTo(7.436896868910799, 9);
    expect(bar.low).toBeCloseTo(-bar.lowInput, 14);
    expect(bar.high).toBeCloseTo(-bar.highInput, 14);
    expect(bar.swing).toBeCloseTo(bar.highInput - bar.lowInput, 14);
  });

  it("on the Ishigami function sees x1 only: one-at-a-time misses x2's even effect and x3's interaction", () => {
    // At the medians (0, 0, 0) f = 0. x1 at -/+0.8 pi: sin(-/+0.8 pi) = -/+0.587785; x2 at -/+0.8 pi:
    // 7 sin^2(0.8 pi) both times (swing 0); x3 multiplies sin x1 = 0 (swing 0). Equal swings keep input order.
    const u = makeDistribution({ dist: "uniform", min: -Math.PI, max: Math.PI });
    const f = (x: Float64Array) => Math.sin(x[0]) + 7 * Math.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * Math.sin(x[0]);
    const result = tornado(["x1", "x2", "x3"].map((name) => ({ name, distribution: u })), f);
    expect(result.bars.map((bar) => bar.name)).toEqual(["x1", "x2", "x3"]);
    expect(result.bars[0].low).toBeCloseTo(-Math.sin(0.2 * Math.PI), 12);
    expect(result.bars[0].swing).toBeCloseTo(2 * Math.sin(0.2 * Math.PI), 12);
    expect(result.bars[1].low).toBeCloseTo(7 * Math.sin(0.2 * Math.PI) ** 2, 12);
    expect(result.bars[1].swing).toBeCloseTo(0, 12);
    expect(result.bars[2].swing).toBeCloseTo(0, 12);
  });

  it("design + outputs give the same result as the plain-function form", () => {
    const inputs = [
      { name: "a", distribution: unit },
      { name: "b", distribution: makeDistribution({ dist: "triangular", min: 0, mode: 1, max: 4 }) },
    ];
    const f = (v: Float64Array) => v[0] * v[1] + v[1];
    const design = tornadoDesign(inputs, { lowProbability: 0.05, highProbability: 0.95 });
    expect(design.rows).toBe(5);
    const outputs = new Float64Array(design.rows);
    for (let row = 0; row < design.rows; row++) outputs[row] = f(design.values.slice(row * 2, row * 2 + 2));
    expect(tornadoFromOutputs(design, outputs)).toEqual(tornado(inputs, f, { lowProbability: 0.05, highProbability: 0.95 }));
  });

  it("rejects bad probabilities and outputs", () => {
    expect(() => tornadoDesign([{ name: "a", distribution: unit }], { lowProbability: 0.9, highProbability: 0.1 })).toThrow(RangeError);
    const design = tornadoDesign([{ name: "a", distribution: unit }]);
    expect(() => tornadoFromOutputs(design, [1, 2])).toThrow(/expected 3 values/);
    expect(() => tornadoFromOutputs(design, [1, Number.NaN, 2])).toThrow(/row 1/);
  });
});

describe("tornado options", () => {
  it("an explicit undefined keeps the default probabilities (0.1 and 0.9)", () => {
    const unit = makeDistribution({ dist: "uniform", min: 0, max: 1 });
    const inputs = [{ name: "x", distribution: unit }];
    expect(tornadoDesign(inputs, { lowProbability: undefined, highProbability: undefined }).values).toEqual(tornadoDesign(inputs).values);
    expect(Array.from(tornadoDesign(inputs, { lowProbability: undefined }).values)).toEqual([0.5, 0.1, 0.9]);
  });
});
