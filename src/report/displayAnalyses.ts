import type { BacktestResult } from "../backtest/backtest.ts";
import type { CalibrationResult } from "../backtest/calibrate.ts";
import type { ScenarioBacktestResult } from "../backtest/scenarioBacktest.ts";
import type { CompareResult } from "../explore/compare.ts";
import type { SweepResult } from "../explore/sweep.ts";
import type { SensitivityResult } from "../engine/sensitivity.ts";
import { backtestSpec } from "./charts/backtestChart.ts";
import { backtestChartData } from "./charts/backtestChartData.ts";
import { type ChartSpec, topLevel } from "./charts/chartSpec.ts";
import { chartToSvgSync } from "./charts/chartToSvg.ts";
import { tornadoSpec } from "./charts/sensitivityCharts.ts";
import { sensitivitySummary } from "./charts/sensitivitySummary.ts";
import { type DisplayableChart, showChart, whenRendererLoaded } from "./display.ts";
import { recordsTables } from "./displayTable.ts";
import { escapeHtml } from "./html.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../samples/jupyter.ts";

/**
 * An analysis that displays itself in a notebook: an HTML summary (heading, the analysis' table, and its
 * chart inline as SVG where it has one), the text table as `text/plain`; `.chart` (when there is one)
 * displays the chart alone as Vega-Lite with an SVG fallback. The analysis' plain data stays as `.data`.
 */
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

/** A sweep's outputs against the swept value: the mean with its p05-p95 interval, one colour per output. */
export function sweepChartSpec(s: SweepResult): ChartSpec {
  const cells = s.cells.filter((c) => !c.output.startsWith("prob("));
  const numeric = cells.every((c) => typeof c.value === "number");
  const values = cells.map((c) => ({ value: numeric ? c.value : String(c.value), output: c.output, mean: c.mean, p05: c.p05, p95: c.p95 }));
  const x = numeric ? { field: "value", type: "quantitative", title: s.path, scale: { zero: false } } : { field: "value", type: "ordinal", title: s.path };
  return topLevel({
    title: { text: `${s.scenario}: outputs against ${s.path}`, subtitle: `mean and p05-p95 over ${s.paths} paths · seed ${s.seed} · same seed for every value` },
    width: 460,
    height: 260,
    data: { values },
    encoding: { x, color: { field: "output", type: "nominal", title: "output" } },
    layer: [
      { mark: { type: "rule", strokeWidth: 2, opacity: 0.45 }, encoding: { y: { field: "p05", type: "quantitative", title: "value" }, y2: { field: "p95" } } },
      { mark: { type: "line", point: true }, encoding: { y: { field: "mean", type: "quantitative" }, tooltip: [{ field: "output" }, { field: "value" }, { field: "mean", format: ".4~g" }, { field: "p05", format: ".4~g" }, { field: "p95", format: ".4~g" }] } },
    ],
  });
}

/**
 * A sweep (`sweep(scenario, { path, values })`) for a notebook: one row per value and output (mean, p05,
 * p50, p95, paired difference with the first value and its standard error), event probabilities included,
 * and the outputs charted against the value.
 *
 * @example showSweep(sweep(scenario, { path: "providers.alibaba.model.replicationSpeed", values: [0.5, 1, 2] }))
 */
export function showSweep(s: SweepResult): DisplayableAnalysis<SweepResult> {
  return displayable(s, {
    heading: `Sweep of ${s.path} (${s.mode})`,
    replay: `${s.scenario} · seed ${s.seed} · ${s.paths} paths per value`,
    rows: s.cells,
    columns: ["value", "output", "mean", "p05", "p50", "p95", "difference", "differenceSe", "independentSe"],
    chart: s.cells.some((c) => !c.output.startsWith("prob(")) ? sweepChartSpec(s) : null,
    idPrefix: `sweep-${s.seed}-`,
  });
}

/**
 * A comparison of two scenarios (`compareScenarios(a, b)`) for a notebook: per output, both means, the
 * paired difference b - a with its standard error and p05/p95 of the per-path differences.
 *
 * @example showComparison(compareScenarios(base, variant, { paths: 2000, seed: 42 }))
 */
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

/**
 * A sensitivity analysis (`sensitivity(scenario, { output })`) for a notebook: the inputs in the analysis'
 * ranking with their tornado settings, Spearman correlation and Sobol indices, and the tornado chart.
 *
 * @example showSensitivity(sensitivity(scenario, { output: "share:tencent:2020", paths: 2000, seed: 42 }))
 */
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

/**
 * A series backtest (`runBacktest(series, options)`) for a notebook: each method's scores (MAPE, sMAPE,
 * MASE, pinball loss, CRPS, coverage) over all horizons, and the model's forecast bands against the actuals.
 *
 * @example showBacktest(runBacktest(series, { origins: ["2017Q4", "2018Q2"] }))
 */
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

/**
 * A scenario backtest (`runScenarioBacktest(scenario, options)`) for a notebook: each method's coverage,
 * CRPS and pinball loss over the scored cells, and its CRPS against the model's.
 */
export function showScenarioBacktest(r: ScenarioBacktestResult): DisplayableAnalysis<ScenarioBacktestResult> {
  return displayable(r, {
    heading: `Scenario backtest of ${r.meta.scenario} from ${r.meta.origins.map((o) => o.origin).join(", ")}`,
    replay: `as of ${r.meta.asOf} · lag ${r.meta.lagQuarters} quarters · horizon ${r.meta.horizon} · widen ${r.meta.widen} · seed ${r.meta.seed} · ${r.meta.paths} paths`,
    rows: r.summary,
    columns: ["method", "group", "n", "coverage50", "coverage90", "crps", "pinball", "modelCrpsRatio"],
    chart: null,
    idPrefix: `sbt-${r.meta.seed}-`,
  });
}

/**
 * A calibration (`calibrateScenario(scenario)`) for a notebook: in-sample scores at each width factor, with
 * the factor as written (1), the scenario's own and the chosen one marked.
 */
export function showCalibration(c: CalibrationResult): DisplayableAnalysis<CalibrationResult> {
  const mark = (w: number) => [w === c.before.widen ? "as written" : "", w === c.current.widen ? "current" : "", w === c.chosen.widen ? "chosen" : ""].filter((s) => s !== "").join(", ");
  return displayable(c, {
    heading: `Calibration of ${c.meta.scenario}: chosen width factor ${c.chosen.widen} (${c.meta.criterion})`,
    replay: `as of ${c.meta.asOf} · origins ${c.meta.origins.join(", ")}`,
    rows: c.rows.map((r) => ({ ...r, mark: mark(r.widen) })),
    columns: ["widen", "n", "coverage50", "coverage90", "crps", "pitKs", "mark"],
    chart: null,
    idPrefix: "cal-",
  });
}
