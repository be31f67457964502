/**
 * The canonical benchmark model ("bench-six", ../shared/bench/canonical.json) as a sharecast scenario.
 *
 * Semantics, exactly as canonical.json states them: quarterly steps t = 1..28 (2019Q1..2025Q4) from a 2018Q4
 * base `start`; g_t = gInf + (g0 - gInf) 2^(-t / (4 halfLife)); R_t = R_{t-1} (1 + g_t)^(1/4)
 * exp(sigma eps - sigma^2 / 2) with permanent (compounding) shocks; share = R_i / sum_j R_j (market = sum of
 * the six providers); g0 ~ Normal(mu, sd), halfLife ~ Uniform(lo, hi) years, gInf and sigma constants;
 * quantiles 0.05, 0.5, 0.95. The engine's decayingGrowth computes 2^(-t/(4h)) as exp(-ln 2 / (4h))^t and
 * (1 + g)^(1/4) as sqrt(sqrt(1 + g)): the same formula, rounded differently (tests/bench checks it within
 * 1e-12 against a direct Math.pow evaluation).
 *
 * The JSON is read at load time, so the scenario cannot drift from it. The file imports nothing from the
 * library at run time (its one import of it is a type), as a user's scenario that writes plain data need
 * not: the command line then compiles this file alone, not the library's sources beside it.
 */
import { readFileSync } from "node:fs";
import type { ScenarioInput } from "../src/index.ts";

/** One provider of canonical.json. */
export interface CanonicalProvider {
  id: string;
  base: number;
  /** Mean and standard deviation of g0. */
  g0: [number, number];
  gInf: number;
  /** Uniform range of the half-life in years. */
  halfLife: [number, number];
  sigma: number;
}

/** canonical.json as data. */
export interface CanonicalModel {
  quarters: number;
  quantiles: number[];
  providers: CanonicalProvider[];
}

/** Where canonical.json lives: ../shared/bench/ relative to the repository root. */
export const CANONICAL_JSON = new URL("../../shared/bench/canonical.json", import.meta.url);

export const canonical: CanonicalModel = JSON.parse(readFileSync(CANONICAL_JSON, "utf8")) as CanonicalModel;

/** First simulated quarter (the base, 2018Q4, is the quarter before) and the last. */
export const CANONICAL_START = "2019Q1";
export const CANONICAL_END = "2025Q4";

/** The canonical model as a scenario (plain data, valid input for `runScenario`). */
export function canonicalScenario(model: CanonicalModel = canonical): ScenarioInput {
  return {
    name: "bench-six",
    title: "Canonical benchmark model: six providers, decaying growth, permanent lognormal shocks",
    calendar: { start: CANONICAL_START, end: CANONICAL_END },
    market: { kind: "sum" },
    providers: model.providers.map((p) => ({
      id: p.id,
      model: {
        kind: "decayingGrowth" as const,
        start: p.base,
        g0: { dist: "normal" as const, mean: p.g0[0], sd: p.g0[1] },
        gInf: p.gInf,
        halfLifeYears: { dist: "uniform" as const, min: p.halfLife[0], max: p.halfLife[1] },
        shock: { sigma: p.sigma, persistence: "permanent" as const },
      },
    })),
    simulation: { quantiles: [...model.quantiles], seed: 42 },
  };
}

export default canonicalScenario();
