import { quantileName } from "../samples/summaries.ts";
import type { Scenario } from "./schema.ts";

/** Run settings with every default filled in (the one place defaults live). */
export interface ScenarioDefaults {
  /** @defaultValue 10000 */
  paths: number;
  /** @defaultValue 42 */
  seed: number;
  /** @defaultValue [0.05, 0.25, 0.5, 0.75, 0.95] */
  quantiles: number[];
}

export const DEFAULT_PATHS = 10_000;
export const DEFAULT_SEED = 42;
export const DEFAULT_QUANTILES: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Fills a scenario's run settings from its `simulation` block and the defaults above. */
export function withDefaults(scenario: Scenario, overrides: Partial<ScenarioDefaults> = {}): ScenarioDefaults {
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
