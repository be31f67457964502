/**
 * Runs of the exploration commands (`sweep`, `solve`) that keep only the columns they read: which ones is
 * found by reading the outputs and events from a one-path probe of the scenario's shape (`ProbeStore`
 * records every column read), so a sweep watching six shares holds six columns of paths, not every cell.
 */
import { InputError } from "../core/issues.ts";
import type { PreparedRun } from "../engine/prepare.ts";
import { DEFAULT_STORE_BUDGET_BYTES, overBudget, simulatePreparedSteps, type SampledRun } from "../engine/run.ts";
import { ProbeStore } from "../samples/store.ts";
import type { Sampled } from "./outputs.ts";

/**
 * The columns `read` reads of a run of `run`'s scenario, in order. `read` is given a one-path probe of the
 * scenario's shape; the errors it throws for outputs the scenario lacks are thrown here, before anything
 * is simulated.
 */
export function watchedColumns(run: PreparedRun, read: (sampled: Sampled) => void): number[] {
  const probe = new ProbeStore(run.compiled);
  read({ meta: { scenario: run.compiled.scenario.name }, samples: probe });
  return [...probe.read].sort((a, b) => a - b);
}

/**
 * Simulates `run` keeping only the columns `read` reads (`simulatePrepared`'s values for them), a chunk a step. `runs` is how
 * many such runs the caller holds at once: together they must fit `budgetBytes`, checked before simulating.
 *
 * @throws InputError at `paths` when they do not fit (the message gives the most paths that do).
 */
export function* watchedRun(run: PreparedRun, read: (sampled: Sampled) => void, runs: number, budgetBytes = DEFAULT_STORE_BUDGET_BYTES, purpose = "the outputs watched"): Generator<void, SampledRun, void> {
  const columns = watchedColumns(run, read);
  const paths = run.compiled.settings.paths;
  const held = runs * Math.max(1, columns.length);
  const over = overBudget(held, paths, budgetBytes);
  if (over) {
    const { most, mib } = over;
    throw new InputError([{ code: "too_big", path: ["paths"], message: `expected at most ${most} paths for ${purpose}, which holds ${held} values a path in memory (a store budget of ${mib} MiB), got ${paths}` }]);
  }
  return yield* simulatePreparedSteps(run, columns);
}
