/**
 * Output rows as reported by a source (`outputs.reportedBy`, a source declared in `observations`): for every
 * period, segment and provider, `shareReported` and `revenueReported` summarise the simulated share and
 * revenue seen through that source's noise (engine/observedStore.ts: the same draws that an event or
 * benchmark with `reportedBy` on the cell sees). Reported shares are each the source's figure and need not
 * sum to 1, as published shares from different tables need not.
 */
import { quantileName, type SummaryRow } from "../samples/summaries.ts";
import type { SampleStore } from "../samples/store.ts";
import { summariseValues } from "../stats/summary.ts";
import type { CompiledScenario } from "./compile.ts";
import { ObservedStore } from "./observedStore.ts";

/** Whether the scenario asks for reported rows. */
export function wantsObservedRows(compiled: CompiledScenario): boolean {
  return compiled.scenario.outputs?.reportedBy !== undefined;
}

/** The reported rows (see the module comment), in period, segment, provider order; none when not asked for. */
export function observedRows(compiled: CompiledScenario, store: SampleStore): SummaryRow[] {
  const source = compiled.scenario.outputs?.reportedBy;
  const spec = source === undefined ? undefined : compiled.scenario.observations?.[source];
  if (source === undefined || spec === undefined) return [];
  const view = new ObservedStore(store, source, spec, compiled.settings.seed);
  const q = compiled.settings.quantiles;
  const names = q.map(quantileName);
  const rows: SummaryRow[] = [];
  compiled.periods.forEach((period, p) => {
    compiled.outputSegments.forEach((segment, g) => {
      compiled.providers.forEach((provider, k) => {
        for (const metric of ["revenue", "share"] as const) {
          const s = summariseValues(view.cell(metric, g, k, p), q);
          const row: SummaryRow = { period, segment, provider, metric: metric === "share" ? "shareReported" : "revenueReported", mean: s.mean, sd: s.sd };
          names.forEach((name, j) => {
            row[name as `p${number}`] = s.quantiles[j];
          });
          rows.push(row);
        }
      });
    });
  });
  return rows;
}
