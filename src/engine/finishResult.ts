import { InputError } from "../core/issues.ts";
import { Result } from "../samples/result.ts";
import type { SampleStore } from "../samples/store.ts";
import type { SummaryRow } from "../samples/summaries.ts";
import type { CompiledScenario } from "./compile.ts";
import { conditionResult } from "./condition.ts";
import { derivedRows, wantsDerivedRows } from "./derivedRows.ts";

/**
 * The last step of every run, after the summaries of the simulated paths: conditioning on the scenario's
 * actuals (engine/condition.ts) and the rows computed from several cells per path (fiscal years and
 * constant currency, engine/derivedRows.ts), appended after the calendar rows. A scenario that asks for
 * neither gets its result unchanged.
 *
 * @throws InputError when either needs the paths and the run kept none (simulated in several passes).
 */
export function finishResult(compiled: CompiledScenario, result: Result): Result {
  const extra = (store: SampleStore, weights: Float64Array | null, order: Int32Array | null = null): SummaryRow[] => derivedRows(compiled, store, weights, order);
  if (compiled.scenario.condition) return conditionResult(compiled, result, extra);
  if (!wantsDerivedRows(compiled)) return result;
  if (!result.samples) {
    throw new InputError([{ code: "too_big", path: ["outputs"], message: `expected a run whose paths fit in memory at once for fiscal-year or constant-currency outputs, got ${compiled.settings.paths} paths simulated in several passes (use fewer paths)` }], { inScenario: true });
  }
  const doc = result.toJSON();
  return new Result({ ...doc, rows: [...doc.rows, ...extra(result.samples, null)] }, result.samples);
}
