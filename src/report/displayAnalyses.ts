import type { BacktestResult } from "../backtest/backtest.ts";
import type { CompareResult } from "../explore/compare.ts";
import type { SweepResult } from "../explore/sweep.ts";
import type { SensitivityResult } from "../engine/sensitivity.ts";
import { backtestSpec } from "./charts/backtestChart.ts";
import { backtestChartData } from "./charts/backtestChartData.ts";
import type { ChartSpec } from "./charts/chartSpec.ts";
import { chartToSvgSync } from "./charts/chartToSvg.ts";
import { tornadoSpec } from "./charts/sensitivityCharts.ts";
import { sweepChartSpec } from "./charts/sweepChart.ts";
import { sensitivitySummary } from "./charts/sensitivitySummary.ts";
import { type DisplayableChart, showChart, whenRendererLoaded } from "./display.ts";
import { recordsTables } from "./displayTable.ts";
import { escapeHtml } from "./html.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../samples/jupyter.ts";

/** An analysis shown in a notebook: HTML (table, chart as SVG) and text; `.chart` alone as Vega-Lite; `.data`. */
export interface DisplayableAnalysis<T> {
  data: T;
  chart: DisplayableChart | null;
  [JUPYTER_DISPLAY](): MimeBundle | Promise<MimeBundle>;
}

/** What an analysis shows: a heading, a replay line, its table rows and columns, an optional chart. */
interface AnalysisView {
  heading: string;
  replay: string;
  rows: ReadonlyArray<object>;
  columns: readonly string[];
  chart: ChartSpec | null;
  /** Prefix for the SVG's ids, so that several charts in one notebook keep distinct clip paths. */
  idPrefix: string;
}

function displayable<T>(data: T, view: AnalysisView): DisplayableAnalysis<T> {
  return {
    data,
    chart: view.chart ? showChart(view.chart, { idPrefix: view.idPrefix }) : null,
    [JUPYTER_DISPLAY]() {
      const { html, text } = recordsTables(view.rows, { columns: view.columns, maxRows: 60 });
      const head = `<p><strong>${escapeHtml(view.heading)}</strong><br><small>${escapeHtml(view.replay)}</small></p>`;
      const plain = `${view.heading}\n${view.replay}\n${text}`;
      if (!view.chart) return { "text/plain": plain, "text/html": `<div class="sharecast-analysis">${head}\n${html}</div>` };
      const chart = view.chart;
      return whenRendererLoaded(() => ({
        "text/plain": plain,
        "text/html": `<div class="sharecast-analysis">${head}\n${html}\n<figure class="chart">${chartToSvgSync(chart, { idPrefix: view.idPrefix })}</figure></div>`,
      }));
    },
  };
}

/** A sweep for a notebook: per value and output, mean, quantiles and the paired differences; its chart ({@link sweepChartSpec}). @example showSweep(sweep(scenario, { path, values })) */
export function showSweep(s: SweepResult): DisplayableAnalysis<SweepResult> {
  return displayable(s, {
    heading: `Sweep of ${s.path} (${s.mode})`,
    replay: `${s.scenario} · seed ${s.seed} · ${s.paths} paths per value`,
    rows: s.cells,
    columns: ["value", "output", "mean", "p05", "p50", "p95", "difference", "differenceSe", "independentSe", "stepDifference", "stepDifferenceSe"],
    chart: s.cells.some((c) => !c.output.startsWith("prob(")) ? sweepChartSpec(s) : null,
    idPrefix: `sweep-${s.seed}-`,
  });
}

/** A comparison for a notebook: per output both means and the paired difference. @example showComparison(compareScenarios(a, b)) */
export function showComparison(c: CompareResult): DisplayableAnalysis<CompareResult> {
  const rows = c.rows.map((r) => ({ output: r.output, [`${c.a} mean`]: r.a.mean, [`${c.b} mean`]: r.b.mean, difference: r.difference, differenceSe: r.differenceSe, differenceP05: r.differenceP05, differenceP95: r.differenceP95, independentSe: r.independentSe }));
  return displayable(c, {
    heading: `${c.b} against ${c.a}`,
    replay: `seed ${c.seed} · ${c.paths} paths · paired differences (same seed)`,
    rows,
    columns: ["output", `${c.a} mean`, `${c.b} mean`, "difference", "differenceSe", "differenceP05", "differenceP95", "independentSe"],
    chart: null,
    idPrefix: `compare-${c.seed}-`,
  });
}

/** A sensitivity analysis for a notebook: ranked inputs (tornado, Spearman, Sobol) and the tornado chart. @example showSensitivity(sensitivity(scenario, { output })) */
export function showSensitivity(s: SensitivityResult): DisplayableAnalysis<SensitivityResult> {
  const rows = s.inputs.map((i) => ({ parameter: i.parameter, median: i.median, low: i.tornado.low, high: i.tornado.high, swing: i.tornado.swing, spearman: i.spearman, sobolFirst: i.sobolFirst, sobolTotal: i.sobolTotal, sobolTotalCi: i.sobolTotalCi }));
  return displayable(s, {
    heading: `Sensitivity of ${s.output} (base ${Number(s.base.toPrecision(4))})`,
    replay: `${s.scenario} · seed ${s.seed} · ${s.paths} paths · Sobol n ${s.sobol.n}, ${s.sobol.bootstrap} bootstrap resamples`,
    rows,
    columns: ["parameter", "median", "low", "high", "swing", "spearman", "sobolFirst", "sobolTotal", "sobolTotalCi"],
    chart: s.inputs.length > 0 ? tornadoSpec(sensitivitySummary(s)) : null,
    idPrefix: `sens-${s.seed}-`,
  });
}

/** A series backtest for a notebook: each method's scores over all horizons, and the bands against the actuals. @example showBacktest(runBacktest(series)) */
export function showBacktest(b: BacktestResult): DisplayableAnalysis<BacktestResult> {
  const data = backtestChartData(b);
  return displayable(b, {
    heading: `Backtest of ${b.meta.name}: ${b.meta.curve} from ${b.meta.origins.join(", ")}`,
    replay: `horizon ${b.meta.horizon} quarters · seed ${b.meta.seed} · ${b.meta.paths} paths · scale: ${b.meta.scale}`,
    rows: b.summary.filter((s) => s.horizon === null),
    columns: ["method", "n", "mape", "smape", "mase", "pinball", "crps", "coverage50", "coverage90"],
    chart: data.series.length > 0 ? backtestSpec(data.series, data.options) : null,
    idPrefix: `bt-${b.meta.seed}-`,
  });
}
