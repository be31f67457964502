// A small scenario for the report tests: three providers, history, one event and two benchmarks.
import { defineScenario } from "../../src/index.ts";

export const smallScenario = defineScenario({
  name: "two-clouds",
  title: "Two clouds & the rest",
  question: "Will <B> reach 30% of the market in 2022?",
  calendar: { start: "2020Q1", end: "2022Q4" },
  currency: "USD",
  unit: "bn",
  market: { kind: "sum" },
  providers: [
    {
      id: "alpha",
      name: "Alpha Cloud",
      model: { kind: "decayingGrowth", start: 1, g0: { dist: "uniform", min: 0.4, max: 0.6 }, gInf: 0.1, halfLifeYears: 2, shock: { sigma: 0.05 } },
      history: [
        { period: "2019Q3", revenue: 0.9 },
        { period: "2019Q4", revenue: 1 },
      ],
    },
    {
      id: "beta",
      name: "Beta Cloud",
      model: { kind: "decayingGrowth", start: 0.5, g0: { dist: "uniform", min: 0.6, max: 1 }, gInf: 0.15, halfLifeYears: 2, shock: { sigma: 0.05 } },
      history: [
        { period: "2019Q3", revenue: 0.45 },
        { period: "2019Q4", revenue: 0.5 },
      ],
    },
    { id: "others", model: { kind: "constantGrowth", start: 0.5, growth: 0.2 }, history: [{ period: "2019Q4", revenue: 0.5 }] },
  ],
  events: [{ id: "beta-30", kind: "threshold", metric: "share", provider: "beta", period: "2022", op: ">=", value: 0.3 }],
  benchmarks: [
    { id: "analyst-beta-2022", source: "An analyst", type: "forecast", metric: "share", provider: "beta", period: "2022", value: 0.3 },
    { id: "reported-alpha-2020q1", source: "A report", type: "actual", metric: "share", provider: "alpha", period: "2020Q1", value: 0.5 },
  ],
});

/** The name `sharecast` looks for when it loads this file as a scenario. */
export const scenario = smallScenario;
