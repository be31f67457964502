import { quantileName } from "../samples/summaries.ts";
import { DEFAULT_PATHS, DEFAULT_QUANTILES, DEFAULT_SEED, type ScenarioDefaults } from "../scenario/defaults.ts";
import { z } from "zod";
import { simulationSchema, type Scenario } from "../scenario/schema.ts";
import { renderZodIssue } from "../scenario/zodIssues.ts";
import { InputError, type InputIssue } from "../core/issues.ts";
import { checkOptions, defined } from "../core/options.ts";

/**
 * Completes a run's settings: each field from `overrides` (an explicit `undefined` keeps what follows), else the
 * scenario's `simulation` block, else the defaults (scenario/defaults.ts). Quantiles come sorted, one per
 * column name.
 */
export function completeSettings(scenario: Scenario, overrides: Partial<ScenarioDefaults> = {}): ScenarioDefaults {
  checkSettings(overrides);
  const sim = scenario.simulation ?? {};
  const quantiles = overrides.quantiles ?? sim.quantiles ?? DEFAULT_QUANTILES;
  return {
    paths: overrides.paths ?? sim.paths ?? DEFAULT_PATHS,
    seed: overrides.seed ?? sim.seed ?? DEFAULT_SEED,
    quantiles: distinctColumns([...quantiles].sort((a, b) => a - b)),
  };
}

/**
 * Settings a caller may give over a scenario's: the `simulation` block's paths and seed; quantiles in [0, 1]
 * (the minimum and maximum too, which a scenario file cannot ask for), repeats kept once.
 */
const settingsSchema = z.strictObject({
  paths: simulationSchema.shape.paths,
  seed: simulationSchema.shape.seed,
  quantiles: z.array(z.number().min(0).max(1)).min(1).optional(),
});

/**
 * Checks settings given to the library over a scenario's (paths, seed, quantiles): the command line checks
 * its flags, and a notebook's `runScenario(s, { paths: -1 })` gets the same message naming `paths`.
 *
 * @throws InputError naming each field that breaks them.
 */
export function checkSettings(settings: Partial<ScenarioDefaults>): void {
  checkOptions(settings);
  const given = defined({ paths: settings.paths, seed: settings.seed, quantiles: settings.quantiles });
  const parsed = settingsSchema.safeParse(given, { reportInput: true });
  if (parsed.success) return;
  const issues: InputIssue[] = [];
  for (const issue of parsed.error.issues) renderZodIssue(issue, [], issues, given);
  throw new InputError(issues);
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
