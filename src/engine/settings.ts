import { quantileName } from "../samples/summaries.ts";
import { DEFAULT_PATHS, DEFAULT_QUANTILES, DEFAULT_SEED, type ScenarioDefaults } from "../scenario/defaults.ts";
import type { Scenario } from "../scenario/schema.ts";

/**
 * Completes a run's settings: each field from `overrides` (an explicit `undefined` keeps what follows), else the
 * scenario's `simulation` block, else the defaults (scenario/defaults.ts). Quantiles come sorted, one per
 * column name.
 */
export function completeSettings(scenario: Scenario, overrides: Partial<ScenarioDefaults> = {}): ScenarioDefaults {
  const sim = scenario.simulation ?? {};
  const quantiles = overrides.quantiles ?? sim.quantiles ?? DEFAULT_QUANTILES;
  return {
    paths: overrides.paths ?? sim.paths ?? DEFAULT_PATHS,
    seed: overrides.seed ?? sim.seed ?? DEFAULT_SEED,
    quantiles: distinctColumns([...quantiles].sort((a, b) => a - b)),
  };
}

/** Keeps the first of quantiles that share a column name (0.5 and 0.50000000000001 are both `p50`). */
function distinctColumns(sorted: number[]): number[] {
  const seen = new Set<string>();
  return sorted.filter((p) => {
    const name = quantileName(p);
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}
