// Revenue models against hand-computed closed forms (DESIGN.md "Curve parameterisations"; model doc
// comments in src/models/). Quarter t = 1, 2, ... after the base quarter (the one before calendar.start)
// is t / 4 years. Each model runs inside a one-provider scenario, so the engine's wiring is tested too.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/engine/run.ts";
import type { ScenarioInput } from "../../src/scenario/schema.ts";

type ModelInput = ScenarioInput["providers"][number]["model"];

const QUARTERS = ["2020Q1", "2020Q2", "2020Q3", "2020Q4", "2021Q1", "2021Q2", "2021Q3", "2021Q4"];

function scenarioOf(model: ModelInput, extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return { name: "model", calendar: { start: "2020Q1", end: "2021Q4" }, providers: [{ id: "a", model }], ...extra };
}

/** Quarterly revenue of provider `id` on path 0, quarters 1..8. */
function revenue(input: ScenarioInput, id = "a", paths = 2, segment = "total"): number[] {
  const store = runScenario(input, { paths, seed: 1 }).samples!;
  const g = store.segmentIndex(segment);
  const k = store.providerIndex(id);
  return QUARTERS.map((q) => store.cell("revenue", g, k, store.periodIndex(q))[0]);
}

const REL = 1e-13;
function expectClose(actual: number[], expected: number[], rel = REL): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, j) => {
    if (Math.abs(a - expected[j]) > rel * Math.abs(expected[j]) + 1e-300) {
      throw new Error(`quarter ${j + 1}: ${a} != ${expected[j]} (relative ${rel})`);
    }
  });
}

const ts = [1, 2, 3, 4, 5, 6, 7, 8];

describe("constant growth: start (1 + g)^(t / 4)", () => {
  it("grows 21% a year: 110 after two quarters, 121 after a year, 146.41 after two", () => {
    const r = revenue(scenarioOf({ kind: "constantGrowth", start: 100, growth: 0.21 }));
    expectClose([r[1], r[3], r[7]], [110, 121, 146.41]);
    expectClose(r, ts.map((t) => 100 * Math.pow(1.21, t / 4)));
  });

  it("takes a rate of -100% as a drop to 0, and a drawn rate below it too (a constant below it is refused)", () => {
    expect(revenue(scenarioOf({ kind: "constantGrowth", start: 100, growth: -1 }))).toEqual(ts.map(() => 0));
    expect(revenue(scenarioOf({ kind: "constantGrowth", start: 100, growth: { dist: "uniform", min: -3, max: -2 } }))).toEqual(ts.map(() => 0));
    expect(() => revenue(scenarioOf({ kind: "constantGrowth", start: 100, growth: -3 }))).toThrow(/growth: expected an annual growth rate >= -1/);
  });

  it("reads a drawn negative revenue as 0 (a negative constant is refused)", () => {
    expect(revenue(scenarioOf({ kind: "constantGrowth", start: { dist: "uniform", min: -6, max: -5 }, growth: 0.1 }))).toEqual(ts.map(() => 0));
    expect(() => revenue(scenarioOf({ kind: "constantGrowth", start: -5, growth: 0.1 }))).toThrow(/start: expected a revenue level >= 0, got -5/);
  });
});

describe("decaying growth: product of quarterly factors, g_t = gInf + (g0 - gInf) 2^(-t / (4 h))", () => {
  it("matches the product for g0 = 0.8, gInf = 0.1, half-life 1.5 years", () => {
    const r = revenue(scenarioOf({ kind: "decayingGrowth", start: 50, g0: 0.8, gInf: 0.1, halfLifeYears: 1.5 }));
    let level = 50;
    const expected = ts.map((t) => {
      const g = 0.1 + 0.7 * Math.pow(2, -t / 6);
      level *= Math.pow(1 + g, 0.25);
      return level;
    });
    expectClose(r, expected);
  });

  it("halves the gap to gInf every half-life: with h = 0.25 years, g_1 = gInf + gap / 2", () => {
    // One quarter with h = 0.25: g_1 = 0.1 + 0.4 / 2 = 0.3, so revenue_1 = 100 * 1.3^(1/4).
    const r = revenue(scenarioOf({ kind: "decayingGrowth", start: 100, g0: 0.5, gInf: 0.1, halfLifeYears: 0.25 }));
    expect(r[0]).toBeCloseTo(100 * Math.pow(1.3, 0.25), 11);
    // g_2 = 0.1 + 0.4 / 4 = 0.2.
    expect(r[1]).toBeCloseTo(100 * Math.pow(1.3, 0.25) * Math.pow(1.2, 0.25), 11);
  });

  it("equals constant growth when g0 = gInf", () => {
    const a = revenue(scenarioOf({ kind: "decayingGrowth", start: 7, g0: 0.35, gInf: 0.35, halfLifeYears: 3 }));
    expectClose(a, ts.map((t) => 7 * Math.pow(1.35, t / 4)), 1e-12);
  });
});

describe("logistic: K / (1 + exp(-r (t - t0)))", () => {
  it("is K / 2 at t = t0 and symmetric about it", () => {
    const r = revenue(scenarioOf({ kind: "logistic", carryingCapacity: 1000, rate: 2, midpointYears: 1 }));
    expect(r[3]).toBe(500); // t = 4 quarters = 1 year = t0
    // t0 +- 0.75 years: quarters 1 and 7 sum to K.
    expect(r[0] + r[6]).toBeCloseTo(1000, 10);
    expectClose(r, ts.map((t) => 1000 / (1 + Math.exp(-2 * (t / 4 - 1)))));
  });
});

describe("Richards: K / (1 + exp(-r (t - t0)))^(1 / nu)", () => {
  it("is K / 2^(1/nu) at t = t0: K / 4 for nu = 0.5", () => {
    const r = revenue(scenarioOf({ kind: "richards", carryingCapacity: 800, rate: 1.5, midpointYears: 0.5, shape: 0.5 }));
    expect(r[1]).toBeCloseTo(200, 10);
    expectClose(r, ts.map((t) => 800 / Math.pow(1 + Math.exp(-1.5 * (t / 4 - 0.5)), 2)));
  });

  it("is the logistic for nu = 1", () => {
    const logistic = revenue(scenarioOf({ kind: "logistic", carryingCapacity: 300, rate: 0.9, midpointYears: 1.3 }));
    const richards = revenue(scenarioOf({ kind: "richards", carryingCapacity: 300, rate: 0.9, midpointYears: 1.3, shape: 1 }));
    expectClose(richards, logistic);
  });
});

describe("Gompertz: K exp(-b exp(-r t))", () => {
  it("is K / 2 after one year when r = ln 2 and b = 2 ln 2", () => {
    const r = revenue(scenarioOf({ kind: "gompertz", carryingCapacity: 800, displacement: 2 * Math.LN2, rate: Math.LN2 }));
    expect(r[3]).toBeCloseTo(400, 10);
    expectClose(r, ts.map((t) => 800 * Math.exp(-2 * Math.LN2 * Math.exp(-Math.LN2 * (t / 4)))));
  });
});

describe("Bass: revenuePerAdopter * m (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})", () => {
  /** Cumulative adoption fraction by RK4 on dF/dt = (p + q F)(1 - F), F(0) = 0: an independent reference. */
  function bassOde(p: number, q: number, years: number): number {
    const steps = 4000;
    const h = years / steps;
    const f = (F: number) => (p + q * F) * (1 - F);
    let F = 0;
    for (let s = 0; s < steps; s++) {
      const k1 = f(F);
      const k2 = f(F + (h / 2) * k1);
      const k3 = f(F + (h / 2) * k2);
      const k4 = f(F + h * k3);
      F += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    }
    return F;
  }

  it("solves the Bass differential equation (p = 0.03, q = 0.38, m = 1000, 2 per adopter)", () => {
    const r = revenue(scenarioOf({ kind: "bass", marketPotential: 1000, innovation: 0.03, imitation: 0.38, revenuePerAdopter: 2 }));
    expectClose(r, ts.map((t) => 2000 * bassOde(0.03, 0.38, t / 4)), 1e-10);
  });

  it("is m (1 - e^{-p t}) without imitation, and defaults to 1 per adopter", () => {
    const r = revenue(scenarioOf({ kind: "bass", marketPotential: 500, innovation: 0.4, imitation: 0 }));
    expectClose(r, ts.map((t) => 500 * -Math.expm1(-0.4 * (t / 4))), 1e-12);
  });
});

describe("driver: customers x revenue per customer", () => {
  it("multiplies the two component models quarter by quarter", () => {
    const r = revenue(
      scenarioOf({
        kind: "driver",
        customers: { kind: "constantGrowth", start: 10, growth: 0.21 },
        revenuePerCustomer: { kind: "logistic", carryingCapacity: 4, rate: 2, midpointYears: 1 },
      }),
    );
    expect(r[3]).toBeCloseTo(12.1 * 2, 10); // 10 * 1.21 customers, 4 / 2 per customer
    expectClose(r, ts.map((t) => 10 * Math.pow(1.21, t / 4) * (4 / (1 + Math.exp(-2 * (t / 4 - 1))))));
  });
});

describe("replication (src/models/kinds/replication.ts)", () => {
  it("reproduces the doc example: R_1 = 0, R_2 = 100 (1 - e^{-0.125})", () => {
    const r = revenue(
      scenarioOf({
        kind: "replication",
        cities: 100,
        awareness: 1,
        innovation: 0.5,
        imitation: 0,
        winShare: 1,
        contractMeanLog: 0,
        contractSdLog: 0,
        lifeQuarters: 1,
      }),
    );
    expect(r[0]).toBe(0);
    expect(r[1]).toBeCloseTo(100 * -Math.expm1(-0.125), 12);
    // With L = 1, R_k = B_{k-1} = A(t_{k-1}) - A(t_{k-2}).
    const A = (k: number) => 100 * -Math.expm1(-0.5 * (k / 4));
    expectClose(r.slice(1), ts.slice(1).map((k) => A(k - 1) - A(k - 2)), 1e-12);
  });
});

describe("entry ramp", () => {
  const model = { kind: "constantGrowth" as const, start: 100, growth: 0 };

  it("is 0 before the entry quarter, then rises linearly over rampQuarters", () => {
    const input: ScenarioInput = {
      name: "entry",
      calendar: { start: "2020Q1", end: "2021Q4" },
      providers: [
        { id: "a", model },
        { id: "b", model, entry: { quarter: "2020Q3", rampQuarters: 4 } },
      ],
    };
    expect(revenue(input, "b")).toEqual([0, 0, 25, 50, 75, 100, 100, 100]);
  });

  it("defaults to a full start in the entry quarter (rampQuarters 1)", () => {
    const input: ScenarioInput = {
      name: "entry",
      calendar: { start: "2020Q1", end: "2021Q4" },
      providers: [{ id: "b", model, entry: { quarter: "2021Q2" } }],
    };
    expect(revenue(input, "b")).toEqual([0, 0, 0, 0, 0, 100, 100, 100]);
  });
});

describe("exogenous market", () => {
  function exogenous(a: number, b: number, total: number) {
    const input: ScenarioInput = {
      name: "exo",
      calendar: { start: "2020Q1", end: "2021Q4" },
      market: { kind: "exogenous", total: { kind: "constantGrowth", start: total, growth: 0 } },
      providers: [
        { id: "a", model: { kind: "constantGrowth", start: a, growth: 0 } },
        { id: "b", model: { kind: "constantGrowth", start: b, growth: 0 } },
      ],
    };
    return { a: revenue(input, "a")[0], b: revenue(input, "b")[0], others: revenue(input, "others")[0] };
  }

  it("gives others the remainder when the named providers fit", () => {
    expect(exogenous(30, 50, 100)).toEqual({ a: 30, b: 50, others: 20 });
  });

  it("scales the named providers down in proportion when they exceed the market, others 0", () => {
    const r = exogenous(80, 60, 100);
    expect(r.a).toBeCloseTo((100 * 80) / 140, 12);
    expect(r.b).toBeCloseTo((100 * 60) / 140, 12);
    expect(r.others).toBe(0);
  });

  it("scales per segment, against each segment's own total", () => {
    const input: ScenarioInput = {
      name: "exo",
      calendar: { start: "2020Q1", end: "2021Q4" },
      segments: ["gov", "web"],
      market: {
        kind: "exogenous",
        total: { gov: { kind: "constantGrowth", start: 50, growth: 0 }, web: { kind: "constantGrowth", start: 200, growth: 0 } },
      },
      providers: [{ id: "a", model: { gov: { kind: "constantGrowth", start: 100, growth: 0 }, web: { kind: "constantGrowth", start: 100, growth: 0 } } }],
    };
    expect(revenue(input, "a", 2, "gov")[0]).toBe(50);
    expect(revenue(input, "others", 2, "gov")[0]).toBe(0);
    expect(revenue(input, "a", 2, "web")[0]).toBe(100);
    expect(revenue(input, "others", 2, "web")[0]).toBe(100);
    expect(revenue(input, "a")[0]).toBe(150);
    expect(revenue(input, "others")[0]).toBe(100);
  });
});

describe("shocks: factor exp(sigma z - sigma^2 / 2), mean 1", () => {
  const PATHS = 20_000;
  const SIGMA = 0.2;
  const base = 100 * Math.pow(1.2, 1 / 4);

  function shocked(persistence: "permanent" | "transient"): Float64Array[] {
    const store = runScenario(scenarioOf({ kind: "constantGrowth", start: 100, growth: 0.2, shock: { sigma: SIGMA, persistence } }), {
      paths: PATHS,
      seed: 2024,
    }).samples!;
    return QUARTERS.map((q) => store.cell("revenue", 0, 0, store.periodIndex(q)));
  }

  function moments(x: ArrayLike<number>): { mean: number; variance: number } {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i];
    const mean = s / x.length;
    let v = 0;
    for (let i = 0; i < x.length; i++) v += (x[i] - mean) ** 2;
    return { mean, variance: v / (x.length - 1) };
  }

  for (const persistence of ["permanent", "transient"] as const) {
    it(`${persistence}: the mean revenue is the deterministic value within 4 Monte Carlo standard errors`, () => {
      shocked(persistence).forEach((cell, j) => {
        const expected = base * Math.pow(1.2, j / 4);
        const { mean, variance } = moments(cell);
        const se = Math.sqrt(variance / PATHS);
        expect(Math.abs(mean - expected), `quarter ${j + 1}`).toBeLessThanOrEqual(4 * se);
      });
    });

    it(`${persistence}: log revenue has the mean and variance of its shocks (within 4 standard errors)`, () => {
      shocked(persistence).forEach((cell, j) => {
        const t = j + 1;
        const deterministic = base * Math.pow(1.2, j / 4);
        const logs = Array.from(cell, (x) => Math.log(x / deterministic));
        const { mean, variance } = moments(logs);
        // Permanent: a sum of t shocks, N(-t s^2 / 2, t s^2). Transient: one shock, N(-s^2 / 2, s^2).
        const steps = persistence === "permanent" ? t : 1;
        const expectedVariance = steps * SIGMA * SIGMA;
        expect(Math.abs(mean + expectedVariance / 2), `quarter ${t} mean`).toBeLessThanOrEqual(4 * Math.sqrt(expectedVariance / PATHS));
        // The sample variance of normal data has standard error sigma^2 sqrt(2 / (n - 1)).
        expect(Math.abs(variance - expectedVariance), `quarter ${t} variance`).toBeLessThanOrEqual(4 * expectedVariance * Math.sqrt(2 / (PATHS - 1)));
      });
    });
  }

  it("sigma = 0 leaves revenue deterministic", () => {
    const store = runScenario(scenarioOf({ kind: "constantGrowth", start: 100, growth: 0.2, shock: { sigma: 0 } }), { paths: 5, seed: 3 }).samples!;
    const cell = store.cell("revenue", 0, 0, store.periodIndex("2020Q4"));
    for (const x of cell) expect(x).toBeCloseTo(120, 10);
  });
});
