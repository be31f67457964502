// Charts of a scenario backtest (`runScenarioBacktest`): the model's PIT histogram, its reliability diagram,
// and its bands against the actuals, one panel per origin. Vega-Lite specs as plain data, like every chart.
import type { ScenarioBacktestResult } from "../../backtest/scenarioBacktest.ts";
import { type ChartOptions, type ChartSpec, periodPosition, timeAxis, topLevel } from "./chartSpec.ts";

const MODEL_COLOUR = "#4e79a7";
const ACTUAL_COLOUR = "#1e7b34";
const REFERENCE_COLOUR = "#c0392b";

function subtitle(result: ScenarioBacktestResult): string {
  const m = result.meta;
  return `${m.scenario} · ${m.inSample ? "in sample" : "rolling"} · widen ${m.widen}, lift ${m.lift} · seed ${m.seed} · ${m.paths} paths per origin`;
}

function model(result: ScenarioBacktestResult) {
  const s = result.summary.find((x) => x.method === "model" && x.group === "all");
  if (s === undefined) throw new RangeError("scenarioBacktestCharts: the backtest has no model cells");
  return s;
}

/**
 * The model's PIT histogram (equal bins of [0, 1]) with the count a calibrated forecast expects in each bin
 * (n / bins) as a rule: bars piled at one end are a bias, a U shape bands too narrow, a hump too wide.
 *
 * @throws RangeError when the backtest has no model cells.
 * @example pitHistogramSpec(runScenarioBacktest(alibaba, { inSample: true }))
 */
export function pitHistogramSpec(result: ScenarioBacktestResult, options: ChartOptions = {}): ChartSpec {
  const s = model(result);
  const bins = s.pitHistogram.length;
  const data = s.pitHistogram.map((count, j) => ({ start: j / bins, end: (j + 1) / bins, count }));
  return topLevel({
    title: { text: options.title ?? `PIT histogram of ${result.meta.scenario} (${s.n} cells)`, subtitle: [subtitle(result), "rule: the count each bin expects if the bands are calibrated"] },
    width: options.width ?? 560,
    height: options.height ?? 240,
    layer: [
      {
        data: { values: data },
        mark: { type: "bar", color: MODEL_COLOUR, binSpacing: 1 },
        encoding: {
          x: { field: "start", type: "quantitative", bin: { binned: true, step: 1 / bins }, scale: { domain: [0, 1] }, title: "PIT: F(actual) under the forecast" },
          x2: { field: "end" },
          y: { field: "count", type: "quantitative", title: "cells" },
          tooltip: [{ field: "start", title: "from", format: ".1f" }, { field: "end", title: "to", format: ".1f" }, { field: "count", title: "cells" }],
        },
      },
      { data: { values: [{ expected: s.n / bins }] }, mark: { type: "rule", color: REFERENCE_COLOUR, strokeDash: [5, 3] }, encoding: { y: { field: "expected", type: "quantitative" } } },
    ],
  });
}

/**
 * The reliability diagram: observed coverage of the model's central bands against their nominal level
 * (10% ... 90%, read from the PIT values), with the diagonal a calibrated forecast lies on.
 *
 * @throws RangeError when the backtest has no model cells.
 */
export function reliabilitySpec(result: ScenarioBacktestResult, options: ChartOptions = {}): ChartSpec {
  const s = model(result);
  const axis = { scale: { domain: [0, 1] }, axis: { format: ".0%" } };
  return topLevel({
    title: { text: options.title ?? `Reliability of ${result.meta.scenario}'s bands (${s.n} cells)`, subtitle: [subtitle(result), "on the diagonal: bands hold what they promise; below: too narrow"] },
    width: options.width ?? 300,
    height: options.height ?? 300,
    layer: [
      { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: "line", color: "#888", strokeDash: [4, 3] }, encoding: { x: { field: "x", type: "quantitative", ...axis, title: "nominal coverage of the central band" }, y: { field: "y", type: "quantitative", ...axis, title: "observed coverage" } } },
      {
        data: { values: s.reliability.map((r) => ({ level: r.level, observed: r.observed })) },
        mark: { type: "line", point: true, color: MODEL_COLOUR },
        encoding: {
          x: { field: "level", type: "quantitative", ...axis },
          y: { field: "observed", type: "quantitative", ...axis },
          tooltip: [{ field: "level", title: "nominal", format: ".0%" }, { field: "observed", title: "observed", format: ".0%" }],
        },
      },
    ],
  });
}

/**
 * The model's bands (p05-p95 and p25-p75) and median against the actuals, one panel per origin and output;
 * an actual outside the 90% band is drawn hollow.
 *
 * @throws RangeError when the backtest has no model cells.
 */
export function backtestBandsSpec(result: ScenarioBacktestResult, options: ChartOptions = {}): ChartSpec {
  const cells = result.cells.filter((c) => c.method === "model");
  if (cells.length === 0) throw new RangeError("scenarioBacktestCharts: the backtest has no model cells");
  const data = cells.map((c) => ({
    panel: `${c.output} from ${c.origin} (as of ${c.asOf})`,
    t: periodPosition(c.period),
    period: c.period,
    p05: c.quantiles[0],
    p25: c.quantiles[1],
    p50: c.quantiles[2],
    p75: c.quantiles[3],
    p95: c.quantiles[4],
    actual: c.actual,
    inside: c.in90 ? "inside the 90% band" : "outside the 90% band",
  }));
  const x = { ...timeAxis(data.map((d) => d.t)), scale: { zero: false, nice: false } };
  const y = { type: "quantitative", title: null, scale: { zero: false } };
  return topLevel({
    title: { text: options.title ?? `${result.meta.scenario}: forecast bands against the actuals, per origin`, subtitle: [subtitle(result), "bands p05–p95 and p25–p75, line the median, points the actuals"] },
    data: { values: data },
    facet: { field: "panel", type: "nominal", title: null, sort: null },
    columns: 3,
    resolve: { scale: { y: "independent", x: "independent" } },
    spec: {
      width: options.width ?? 220,
      height: options.height ?? 150,
      layer: [
        { mark: { type: "area", color: MODEL_COLOUR, opacity: 0.18 }, encoding: { x, y: { field: "p05", ...y }, y2: { field: "p95" } } },
        { mark: { type: "area", color: MODEL_COLOUR, opacity: 0.3 }, encoding: { x, y: { field: "p25", ...y }, y2: { field: "p75" } } },
        { mark: { type: "line", color: MODEL_COLOUR }, encoding: { x, y: { field: "p50", ...y } } },
        {
          mark: { type: "point", color: ACTUAL_COLOUR, size: 36 },
          encoding: {
            x,
            y: { field: "actual", ...y },
            fill: { field: "inside", type: "nominal", scale: { domain: ["inside the 90% band", "outside the 90% band"], range: [ACTUAL_COLOUR, "white"] }, legend: { title: "actual", orient: "bottom" } },
            tooltip: [{ field: "period" }, { field: "actual", format: ",.4~g" }, { field: "p50", title: "median", format: ",.4~g" }, { field: "p05", format: ",.4~g" }, { field: "p95", format: ",.4~g" }],
          },
        },
      ],
    },
  });
}
