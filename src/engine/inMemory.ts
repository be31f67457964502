/**
 * How much of a run is held in memory at once: the store budget, the values a path stores, and the checks
 * that what needs every path (conditioning, derived outputs, comparisons, standard errors) fits it, made
 * before anything is simulated.
 */
import { InputError } from "../core/issues.ts";
import { METRIC_NAMES } from "../samples/layout.ts";
import { columnBytes } from "../samples/store.ts";
import type { CompiledScenario } from "./compile.ts";
import { wantsDerivedRows } from "./derivedRows.ts";

/** Default most bytes of simulated values held at once: 768 MiB (1 M paths: 96 columns of 8 MB per pass). */
export const DEFAULT_STORE_BUDGET_BYTES = 768 * 2 ** 20;

/** Values a path of the scenario stores: both metrics of every output segment, provider and period. */
export function columnsPerPath(compiled: CompiledScenario): number {
  return METRIC_NAMES.length * compiled.outputSegments.length * compiled.providers.length * compiled.periods.length;
}

/** True when a run of `paths` paths holds every value at once within `budgetBytes` (one pass, samples kept). */
export function fitsInMemory(compiled: CompiledScenario, paths: number, budgetBytes = DEFAULT_STORE_BUDGET_BYTES): boolean {
  return overBudget(columnsPerPath(compiled), paths, budgetBytes) === null;
}

/** The most paths of the scenario whose values fit `budgetBytes` at once (see {@link fitsInMemory}). */
export function inMemoryPaths(compiled: CompiledScenario, budgetBytes = DEFAULT_STORE_BUDGET_BYTES): number {
  return Math.floor(budgetBytes / columnBytes(columnsPerPath(compiled)));
}

/**
 * Whether `valuesPerPath` values of `paths` paths exceed `budgetBytes`, and if so the most paths that fit and
 * the budget in MiB, for the message of a check that refuses the run (every check of a run's size uses it).
 */
export function overBudget(valuesPerPath: number, paths: number, budgetBytes: number): { most: number; mib: number } | null {
  if (valuesPerPath * columnBytes(paths) <= budgetBytes) return null;
  return { most: Math.floor(budgetBytes / columnBytes(valuesPerPath)), mib: Math.round(budgetBytes / 2 ** 20) };
}

/**
 * Throws at once, before anything is simulated, when a run of `paths` paths does not fit the store budget
 * (it would go in two rounds and keep no paths) and `purpose` needs every path. The message gives the most
 * paths that fit.
 *
 * @throws InputError at `path`, code `too_big`.
 */
export function requireInMemory(compiled: CompiledScenario, paths: number, budgetBytes: number, path: ReadonlyArray<string | number>, purpose: string): void {
  const over = overBudget(columnsPerPath(compiled), paths, budgetBytes);
  if (!over) return;
  const { most, mib } = over;
  throw new InputError([{ code: "too_big", path: [...path], message: `expected at most ${most} paths for ${purpose}, which needs every path in memory (${columnsPerPath(compiled)} values a path, a store budget of ${mib} MiB), got ${paths}` }]);
}

/**
 * `requireInMemory` for what the end of a run needs of its paths: conditioning on actuals, and fiscal-year,
 * constant-currency or reported outputs. Checked before the simulation, so a run too large for them stops
 * at once rather than after simulating (the same errors `finishResult` would give).
 */
export function requireFinishable(compiled: CompiledScenario, budgetBytes = DEFAULT_STORE_BUDGET_BYTES): void {
  const needs = needsEveryPath(compiled);
  if (needs) requireInMemory(compiled, compiled.settings.paths, budgetBytes, ["paths"], `the scenario's ${needs.field} (${needs.purpose})`);
}

/** What of the scenario needs every path of a run in memory at its end (its field and what for), if anything. */
export function needsEveryPath(compiled: CompiledScenario): { field: string; purpose: string } | null {
  if (compiled.scenario.condition) return { field: "condition", purpose: "conditioning on actuals" };
  if (wantsDerivedRows(compiled)) return { field: "outputs", purpose: "fiscal-year, constant-currency or reported outputs" };
  return null;
}

