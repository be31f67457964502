// Scenarios and the fingerprint the kernel-fingerprint test compares: every stored value of a run (the
// sample store's bytes, revenue and share of every cell and path) hashed with SHA-256.
import { createHash } from "node:crypto";
import { prepare } from "../../src/engine/prepare.ts";
import { simulatePrepared } from "../../src/engine/run.ts";

/** SHA-256 of every stored value of `scenario` run at `paths` paths, seed 42, in this thread. */
export function fingerprint(scenario: unknown, paths: number): string {
  const { samples } = simulatePrepared(prepare(scenario, { paths, seed: 42 }));
  return createHash("sha256").update(new Uint8Array(samples.buffer)).digest("hex");
}

/**
 * A scenario that exercises every kernel feature the catalogue leaves out or uses lightly: declared segments
 * with an exogenous market per segment (and a computed `others`), an entry ramp, an exchange rate per path and
 * one per quarter, a market factor with a Student-t and a jump shock, regime switching, a transient shock,
 * and a model that overshoots the market (so fitting to it scales providers down).
 */
export const featureScenario = {
  name: "kernel-features",
  calendar: { start: "2020Q1", end: "2024Q4" },
  currency: "USD",
  exchangeRates: {
    RMB: { dist: "uniform", min: 0.13, max: 0.16 },
    EUR: { series: { "2020": 1.1, "2021": 1.15, "2021Q1": 1.2, "2022": 1.05, "2023": 1.08, "2024": 1.12 } },
  },
  segments: ["iaas", "saas"],
  market: {
    kind: "exogenous",
    total: {
      iaas: { kind: "constantGrowth", start: { dist: "uniform", min: 20, max: 30 }, growth: 0.2, shock: { sigma: 0.05 } },
      saas: { kind: "constantGrowth", start: 15, growth: { dist: "normal", mean: 0.1, sd: 0.05 } },
    },
  },
  factors: [{ id: "demand", sigma: 0.05, ar: 0.5 }],
  providers: [
    {
      id: "a",
      currency: "RMB",
      model: {
        iaas: {
          kind: "regimes",
          states: [
            { id: "growing", model: { kind: "constantGrowth", start: 40, growth: 0.4 } },
            { id: "stalled", model: { kind: "constantGrowth", start: 40, growth: 0 } },
          ],
          transition: [[0.9, 0.1], [0.2, 0.8]],
          shock: { sigma: 0.08, loadings: { demand: 1 }, dist: "t", df: 4 },
        },
        saas: { kind: "decayingGrowth", start: 20, g0: { dist: "normal", mean: 0.5, sd: 0.2 }, gInf: 0.05, halfLifeYears: { dist: "uniform", min: 1, max: 3 }, shock: { sigma: 0.1, persistence: "transient" } },
      },
    },
    {
      id: "b",
      currency: "EUR",
      entry: { quarter: "2021Q2", rampQuarters: 3 },
      model: {
        iaas: { kind: "constantGrowth", start: 3, growth: 0.3, shock: { sigma: 0.06, loadings: { demand: 0.9 }, jumps: { rate: 0.1, size: { dist: "normal", mean: -0.3, sd: 0.1 } } } },
        saas: { kind: "constantGrowth", start: { dist: "uniform", min: 1, max: 4 }, growth: 0.8, shock: { sigma: 0.2 } },
      },
    },
  ],
};
