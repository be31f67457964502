// Event probabilities, standard errors and benchmark comparisons (src/stats/events.ts, benchmarks.ts),
// on hand-made stores with known answers and on scenarios whose answers are closed forms.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/engine/run.ts";
import type { ScenarioInput } from "../../src/scenario/schema.ts";
import { compareBenchmarks } from "../../src/stats/benchmarks.ts";
import { clopperPearson } from "../../src/stats/binomialInterval.ts";
import { evaluateEvents } from "../../src/stats/events.ts";
import { formatTable } from "../../src/report/table.ts";
import { handStore } from "./handStore.ts";

const se = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

describe("events on a hand-made store (4 paths)", () => {
  const store = handStore((set) => {
    set("share", "a", "2020", [0.5, 0.3, 0.2, 0.27]);
    set("share", "b", "2020", [0.2, 0.3, 0.5, 0.03]);
    set("share", "c", "2020", [0.3, 0.4, 0.3, 0.7]);
    set("revenue", "a", "2020Q1", [1, 5, 1, 1]);
    set("revenue", "b", "2020Q1", [2, 4, 2, 2]);
    set("revenue", "a", "2020Q2", [1, 5, 3, 1]);
    set("revenue", "b", "2020Q2", [2, 4, 2, 2]);
    set("revenue", "a", "2020Q3", [1, 5, 1, 3]);
    set("revenue", "b", "2020Q3", [2, 4, 2, 2]);
  }, 4);

  const run = (events: Parameters<typeof evaluateEvents>[1]) => evaluateEvents(store, events);

  it("threshold: share(a, 2020) >= 0.27 holds on paths 0, 1, 3: 3/4, stderr sqrt(p(1-p)/n)", () => {
    const [e] = run([{ id: "t", kind: "threshold", metric: "share", provider: "a", period: "2020", op: ">=", value: 0.27 }]);
    expect(e.probability).toBe(0.75);
    expect(e.stderr).toBeCloseTo(se(0.75, 4), 15);
  });

  it("threshold comparisons are strict or not as written", () => {
    const [gt, lt, le] = run([
      { id: "gt", kind: "threshold", metric: "share", provider: "a", period: "2020", op: ">", value: 0.27 },
      { id: "lt", kind: "threshold", metric: "share", provider: "a", period: "2020", op: "<", value: 0.3 },
      { id: "le", kind: "threshold", metric: "share", provider: "a", period: "2020", op: "<=", value: 0.3 },
    ]);
    expect(gt.probability).toBe(0.5);
    expect(lt.probability).toBe(0.5);
    expect(le.probability).toBe(0.75);
  });

  it("threshold over several providers sums their metric: a + b >= 0.6 on paths 0, 1, 2", () => {
    const [e] = run([{ id: "t", kind: "threshold", metric: "share", provider: ["a", "b"], period: "2020", op: ">=", value: 0.6 }]);
    expect(e.probability).toBe(0.75);
  });

  it("overtake: revenue(a) > revenue(b) in some quarter up to 2020Q3 on paths 1, 2, 3; up to 2020Q1 on path 1", () => {
    const [q3, q1] = run([
      { id: "o3", kind: "overtake", metric: "revenue", provider: "a", over: "b", by: "2020Q3" },
      { id: "o1", kind: "overtake", metric: "revenue", provider: "a", over: "b", by: "2020Q1" },
    ]);
    expect(q3.probability).toBe(0.75);
    expect(q1.probability).toBe(0.25);
  });

  it("rank: a is the largest share in 2020 on path 0 only; within the top 2 on paths 0, 1 (tied with b), 3", () => {
    const [top, top2] = run([
      { id: "r1", kind: "rank", metric: "share", provider: "a", period: "2020", atBest: 1 },
      { id: "r2", kind: "rank", metric: "share", provider: "a", period: "2020", atBest: 2 },
    ]);
    expect(top.probability).toBe(0.25);
    // Path 1: c 0.4 > a 0.3 = b 0.3, a tie is not above: rank 2. Path 2: b and c above: rank 3. Path 3: rank 2.
    expect(top2.probability).toBe(0.75);
  });

  it("firstPassage: revenue(a) >= 3 in some quarter up to 2020Q2 on paths 1, 2; up to 2020Q3 on 1, 2, 3", () => {
    const [q2, q3] = run([
      { id: "f2", kind: "firstPassage", metric: "revenue", provider: "a", op: ">=", value: 3, by: "2020Q2" },
      { id: "f3", kind: "firstPassage", metric: "revenue", provider: "a", op: ">=", value: 3, by: "2020Q3" },
    ]);
    expect(q2.probability).toBe(0.5);
    expect(q3.probability).toBe(0.75);
  });

  it("all / any combine per path", () => {
    const a27 = { kind: "threshold" as const, metric: "share" as const, provider: "a", period: "2020", op: ">=" as const, value: 0.27 };
    const c50 = { kind: "threshold" as const, metric: "share" as const, provider: "c", period: "2020", op: ">=" as const, value: 0.5 };
    const [all, any] = run([
      { id: "all", kind: "all", of: [a27, c50] },
      { id: "any", kind: "any", of: [a27, c50] },
    ]);
    expect(all.probability).toBe(0.25); // path 3 only
    expect(any.probability).toBe(0.75); // paths 0, 1, 3
  });

  it("uses the description when given", () => {
    const [e] = run([{ id: "t", description: "hand", kind: "threshold", metric: "share", provider: "a", period: "2020", op: ">=", value: 0 }]);
    expect(e).toMatchObject({ id: "t", description: "hand", probability: 1, stderr: 0 });
  });
});

describe("benchmarks on a hand-made store (5 paths)", () => {
  const store = handStore((set) => {
    set("share", "a", "2020", [1, 2, 2, 3, 5].map((x) => x / 10));
    set("share", "b", "2020", [0, 0, 0, 0, 0.1]);
  }, 5);

  it("percentile is the mid-rank (#below + #equal / 2) / n; medianError = median - value", () => {
    const [at, above, summed] = compareBenchmarks(store, [
      { id: "at", source: "hand", metric: "share", provider: "a", period: "2020", value: 0.2 },
      { id: "above", source: "hand", type: "actual", metric: "share", provider: "a", period: "2020", value: 0.4 },
      { id: "sum", source: "hand", metric: "share", provider: ["a", "b"], period: "2020", value: 0.6 },
    ]);
    // 0.2: one value below, two equal -> (1 + 1) / 5 = 0.4; median 0.2.
    expect(at).toMatchObject({ percentile: 0.4, median: 0.2, medianError: 0, relativeError: 0, type: "forecast", segment: "total" });
    // 0.4: four below -> 0.8; median 0.2, error -0.2, relative -0.5.
    expect(above.percentile).toBe(0.8);
    expect(above.medianError).toBeCloseTo(-0.2, 15);
    expect(above.relativeError).toBeCloseTo(-0.5, 15);
    expect(above.type).toBe("actual");
    // a + b: 0.1 0.2 0.2 0.3 0.6 -> value 0.6 equals the largest: (4 + 0.5) / 5 = 0.9.
    expect(summed.percentile).toBeCloseTo(0.9, 15);
    expect(summed.provider).toBe("a+b");
  });

  it("relativeError is null for a benchmark value of 0", () => {
    const [zero] = compareBenchmarks(store, [{ id: "z", source: "hand", metric: "share", provider: "b", period: "2020", value: 0 }]);
    expect(zero.relativeError).toBeNull();
    expect(zero.percentile).toBeCloseTo(0.4, 15); // four equal values of 0: (0 + 4 / 2) / 5
  });
});

describe("event probabilities on scenarios with known answers", () => {
  const deterministic: ScenarioInput = {
    name: "sure",
    calendar: { start: "2020Q1", end: "2021Q4" },
    providers: [
      { id: "a", model: { kind: "constantGrowth", start: 100, growth: 0.5 } },
      { id: "b", model: { kind: "constantGrowth", start: 120, growth: 0 } },
    ],
    events: [
      { id: "never", kind: "threshold", metric: "share", provider: "a", period: "2020", op: ">=", value: 0.9 },
      { id: "always", kind: "overtake", metric: "revenue", provider: "a", over: "b", by: "2021Q4" },
    ],
  };

  it("a deterministic scenario gives probabilities 0 and 1 with stderr 0", () => {
    const result = runScenario(deterministic, { paths: 50, seed: 1 });
    expect(result.event("never")).toMatchObject({ probability: 0, stderr: 0 });
    expect(result.event("always")).toMatchObject({ probability: 1, stderr: 0 });
  });

  // a's base revenue is U(0, 200) and grows 20% a year; b stays at 100. Each probability is a closed form.
  const N = 20_000;
  const growth = Math.pow(1.2, 1 / 4);
  const uniform: ScenarioInput = {
    name: "uniform",
    calendar: { start: "2020Q1", end: "2021Q4" },
    providers: [
      { id: "a", model: { kind: "constantGrowth", start: { dist: "uniform", min: 0, max: 200 }, growth: 0.2 } },
      { id: "b", model: { kind: "constantGrowth", start: 100, growth: 0 } },
    ],
    events: [
      // share(a, 2020Q1) >= 0.5  <=>  a_0 * g >= 100  <=>  a_0 >= 100 / g.
      { id: "half", kind: "threshold", metric: "share", provider: "a", period: "2020Q1", op: ">=", value: 0.5 },
      // revenue(a) > revenue(b) by 2021Q4 (t = 8)  <=>  a_0 > 100 / 1.2^2.
      { id: "overtake", kind: "overtake", metric: "revenue", provider: "a", over: "b", by: "2021Q4" },
      // Rank 1 in 2021  <=>  sum_{t=5..8} a_0 g^t > 400.
      { id: "rank", kind: "rank", metric: "revenue", provider: "a", period: "2021", atBest: 1 },
      // 50 <= revenue(a, 2020Q1) < 150 (all) and outside it (any of the two tails).
      {
        id: "all",
        kind: "all",
        of: [
          { kind: "threshold", metric: "revenue", provider: "a", period: "2020Q1", op: ">=", value: 50 },
          { kind: "threshold", metric: "revenue", provider: "a", period: "2020Q1", op: "<", value: 150 },
        ],
      },
      {
        id: "any",
        kind: "any",
        of: [
          { kind: "threshold", metric: "revenue", provider: "a", period: "2020Q1", op: "<", value: 50 },
          { kind: "threshold", metric: "revenue", provider: "a", period: "2020Q1", op: ">=", value: 150 },
        ],
      },
    ],
  };
  const P_START = (x: number) => Math.min(1, Math.max(0, x / 200)); // P(a_0 <= x)
  let annual = 0;
  for (let t = 5; t <= 8; t++) annual += Math.pow(growth, t);
  const expected: Record<string, number> = {
    half: 1 - P_START(100 / growth),
    overtake: 1 - P_START(100 / 1.44),
    rank: 1 - P_START(400 / annual),
    all: P_START(150 / growth) - P_START(50 / growth),
  };
  expected.any = 1 - expected.all;

  it("a uniform parameter gives the closed-form probabilities within 4 standard errors", () => {
    const result = runScenario(uniform, { paths: N, seed: 99 });
    for (const [id, p] of Object.entries(expected)) {
      const e = result.event(id)!;
      expect(Math.abs(e.probability - p), id).toBeLessThanOrEqual(4 * se(p, N));
      expect(e.stderr, id).toBeCloseTo(se(e.probability, N), 15);
    }
  });
});

describe("exact binomial intervals (Clopper-Pearson)", () => {
  // References: R binom.test(x, n)$conf.int and SciPy beta.ppf(0.025, x, n - x + 1), beta.ppf(0.975, x + 1, n - x);
  // for 0 hits the upper end is 1 - 0.025^(1/n) in closed form, for n hits the lower end is 0.025^(1/n).
  it("5 of 100: [0.016431879182052155, 0.11283491110546275]", () => {
    const [lo, hi] = clopperPearson(5, 100);
    expect(lo).toBeCloseTo(0.016431879182052155, 12);
    expect(hi).toBeCloseTo(0.11283491110546275, 12);
  });

  it("0 of 10000: [0, 1 - 0.025^(1/10000) = 0.000368819914618...]; n of n: [0.025^(1/n), 1]", () => {
    const [lo, hi] = clopperPearson(0, 10000);
    expect(lo).toBe(0);
    expect(hi / (1 - Math.pow(0.025, 1 / 10000))).toBeCloseTo(1, 10);
    const [allLo, allHi] = clopperPearson(2000, 2000);
    expect(allLo).toBeCloseTo(Math.pow(0.025, 1 / 2000), 12);
    expect(allHi).toBe(1);
  });

  it("100 of 2000 and 1 of 1,000,000 match SciPy to 1e-9 relative", () => {
    const cases: Array<[number, number, number, number]> = [
      [100, 2000, 0.04086426771825132, 0.060481722083151876],
      [1, 1_000_000, 2.5317807663794178e-8, 5.571630655166939e-6],
    ];
    for (const [x, n, lo, hi] of cases) {
      const [a, b] = clopperPearson(x, n);
      expect(a / lo).toBeCloseTo(1, 9);
      expect(b / hi).toBeCloseTo(1, 9);
    }
  });

  it("rejects hits outside [0, n] and a non-integer n", () => {
    expect(() => clopperPearson(3, 2)).toThrow(RangeError);
    expect(() => clopperPearson(1, 2.5)).toThrow(RangeError);
  });

  it("events carry interval95; the table prints an event no path hits as 'fewer than 1 in N (95%: 0 to X)'", () => {
    const result = runScenario(
      {
        name: "rare",
        calendar: { start: "2020Q1", end: "2020Q4" },
        providers: [
          { id: "a", model: { kind: "constantGrowth", start: { dist: "uniform", min: 0, max: 100 }, growth: 0 } },
          { id: "b", model: { kind: "constantGrowth", start: 100, growth: 0 } },
        ],
        events: [
          { id: "never", kind: "threshold", metric: "share", provider: "a", period: "2020", op: ">=", value: 0.9 },
          { id: "some", kind: "threshold", metric: "share", provider: "a", period: "2020", op: ">=", value: 0.4 },
        ],
      },
      { paths: 2000, seed: 3 },
    );
    const never = result.event("never")!;
    expect(never.interval95[0]).toBe(0);
    expect(never.interval95[1]).toBeCloseTo(1 - Math.pow(0.025, 1 / 2000), 12);
    const some = result.event("some")!;
    expect(some.interval95).toEqual(clopperPearson(Math.round(some.probability * 2000), 2000));
    const table = formatTable(result);
    expect(table).toMatch(/never +fewer than 1 in 2000 +\(95%: 0 to 0\.00184\)/);
    expect(table).not.toMatch(/0\.0000 \+\/- 0\.0000/);
    expect(table).toContain(`${some.interval95[0].toFixed(4)} to ${some.interval95[1].toFixed(4)}`);
  });
});
