/**
 * Rows computed per path from several simulated cells, after the calendar rows (the scenario's `outputs`):
 * - fiscal years: for a provider with a `fiscalYear`, `FY2021` revenue is the sum of the four calendar
 *   quarters its fiscal year maps onto (calendar/fiscal.ts), and its share that over the market's revenue
 *   (every provider, `others` included) in the same quarters;
 * - constant currency: `revenueConstantCurrency` is each provider's revenue converted at one constant rate
 *   per currency instead of the path's own rate (engine/constantCurrency.ts), `shareConstantCurrency` the
 *   shares of those revenues, reconciled onto the simplex (engine/reconcile.ts).
 * Summaries are those of the run's sample: weighted when the run was conditioned with weights.
 */
import { fiscalCalendar, fiscalYearQuarters, quarterToFiscal } from "../calendar/fiscal.ts";
import { quantileName, type RowMetric, type SummaryRow } from "../samples/summaries.ts";
import type { SampleStore } from "../samples/store.ts";
import { summariseValues } from "../stats/summary.ts";
import { weightedSummary } from "../stats/weightedQuantile.ts";
import type { CompiledScenario } from "./compile.ts";
import { constantCurrencyValues } from "./constantCurrency.ts";
import { observedRows, wantsObservedRows } from "./observedRows.ts";

/** Whether the scenario asks for any derived rows. */
export function wantsDerivedRows(compiled: CompiledScenario): boolean {
  const outputs = compiled.scenario.outputs;
  if (!outputs) return false;
  return (outputs.fiscalYears === true && compiled.scenario.providers.some((p) => p.fiscalYear)) || outputs.constantCurrency !== undefined || wantsObservedRows(compiled);
}

type RowMaker = (labels: { period: string; segment: string; provider: string; metric: RowMetric }, values: Float64Array) => SummaryRow;

function rowMaker(compiled: CompiledScenario, weights: Float64Array | null): RowMaker {
  const q = compiled.settings.quantiles;
  const names = q.map(quantileName);
  return (labels, values) => {
    const s = weights ? weightedSummary(values, weights, q) : summariseValues(values, q);
    const row: SummaryRow = { ...labels, mean: s.mean, sd: s.sd };
    names.forEach((name, j) => {
      row[name as `p${number}`] = s.quantiles[j];
    });
    return row;
  };
}

/**
 * The fiscal years of a provider's calendar that lie wholly inside the simulated quarters, each with the
 * offsets (from the first simulated quarter) of its four calendar quarters.
 *
 * @example fiscalYearsInside({ yearEndMonth: 3, yearNamedBy: "end" }, parseQuarter("2020Q1")!, 8)
 * // [{ fiscalYear: 2021, offsets: [1, 2, 3, 4] }]  (FY2021: 2020Q2-2021Q1)
 */
export function fiscalYearsInside(calendar: ReturnType<typeof fiscalCalendar>, startQuarter: number, quarters: number): Array<{ fiscalYear: number; offsets: number[] }> {
  const out: Array<{ fiscalYear: number; offsets: number[] }> = [];
  const first = quarterToFiscal(calendar, startQuarter);
  for (let fy = first.quarter === 1 ? first.fiscalYear : first.fiscalYear + 1; ; fy++) {
    const offsets = fiscalYearQuarters(calendar, fy).map((q) => q - startQuarter);
    if (offsets[3] >= quarters) return out;
    out.push({ fiscalYear: fy, offsets });
  }
}

function fiscalRows(compiled: CompiledScenario, store: SampleStore, make: RowMaker): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const n = store.paths;
  const Y = compiled.years.length;
  const K = compiled.providers.length;
  compiled.scenario.providers.forEach((provider, k) => {
    if (!provider.fiscalYear) return;
    const calendar = fiscalCalendar(provider.fiscalYear.endMonth, provider.fiscalYear.namedBy, ["providers", k, "fiscalYear", "endMonth"]);
    for (const { fiscalYear, offsets } of fiscalYearsInside(calendar, compiled.startQuarter, compiled.quarters)) {
      compiled.outputSegments.forEach((segment, g) => {
        const sum = (j: number) => {
          const out = new Float64Array(n);
          for (const t of offsets) {
            const values = store.cell("revenue", g, j, Y + t);
            for (let i = 0; i < n; i++) out[i] += values[i];
          }
          return out;
        };
        const own = sum(k);
        const market = new Float64Array(n);
        for (let j = 0; j < K; j++) {
          const values = j === k ? own : sum(j);
          for (let i = 0; i < n; i++) market[i] += values[i];
        }
        const share = new Float64Array(n);
        for (let i = 0; i < n; i++) share[i] = market[i] > 0 ? own[i] / market[i] : 0;
        const labels = { period: `FY${fiscalYear}`, segment, provider: provider.id };
        rows.push(make({ ...labels, metric: "revenue" }, own), make({ ...labels, metric: "share" }, share));
      });
    }
  });
  return rows;
}

function constantCurrencyRows(compiled: CompiledScenario, store: SampleStore, order: Int32Array | null, make: RowMaker): SummaryRow[] {
  const values = constantCurrencyValues(compiled, store, order);
  const rows: SummaryRow[] = [];
  compiled.periods.forEach((period, p) => {
    compiled.outputSegments.forEach((segment, g) => {
      compiled.providers.forEach((provider, k) => {
        const labels = { period, segment, provider };
        rows.push(make({ ...labels, metric: "revenueConstantCurrency" }, values.revenue(g, k, p)), make({ ...labels, metric: "shareConstantCurrency" }, values.share(g, k, p)));
      });
    });
  });
  return rows;
}

/**
 * The derived rows a scenario's `outputs` asks for (see the module comment): fiscal-year rows, then
 * constant-currency rows. `weights` (a conditioned run's) makes them weighted summaries; `order` says which
 * simulated path each of the store's paths is (a resampled run's; null when path i is path i).
 */
export function derivedRows(compiled: CompiledScenario, store: SampleStore, weights: Float64Array | null, order: Int32Array | null = null): SummaryRow[] {
  if (!wantsDerivedRows(compiled)) return [];
  const make = rowMaker(compiled, weights);
  const outputs = compiled.scenario.outputs!;
  return [
    ...(outputs.fiscalYears ? fiscalRows(compiled, store, make) : []),
    ...(outputs.constantCurrency !== undefined ? constantCurrencyRows(compiled, store, order, make) : []),
    ...observedRows(compiled, store),
  ];
}
