import { parseQuarter, quarterEndDate } from "../../calendar/quarter.ts";
import type { MetricName } from "../../samples/layout.ts";
import type { BacktestChartOptions, BacktestPoint, BacktestSeries } from "./backtestChart.ts";
import { quantileName } from "../../samples/summaries.ts";
import type { BacktestResult } from "../../backtest/backtest.ts";

/** What `backtestSpec` draws for a backtest: one series per origin, and the chart's titles and band labels. */
export interface BacktestChartData {
  series: BacktestSeries[];
  options: BacktestChartOptions;
}

/**
 * Adapts a backtest's model forecasts to the backtest chart: one series per origin (labelled `as of ORIGIN`,
 * dated at the origin's quarter end), one point per scored target with the model's median, its outer band
 * (the lowest and highest requested quantiles), its p25-p75 band when both were requested, and the actual.
 * Baselines and published forecasts are left out. The metric is `share` only when the series is named a
 * share and every value is a fraction (shares in percent are drawn as plain numbers), else `revenue`.
 *
 * @example backtestSpec(...Object.values(backtestChartData(runBacktest(series, { origins: ["2018Q2"] }))))
 */
export function backtestChartData(result: BacktestResult): BacktestChartData {
  const { meta } = result;
  const levels = meta.quantiles;
  const outer = levels.length >= 2 ? [quantileName(levels[0]), quantileName(levels[levels.length - 1])] : null;
  const inner = levels.includes(0.25) && levels.includes(0.75) && levels[0] < 0.25 && levels[levels.length - 1] > 0.75 ? ["p25", "p75"] : null;
  const model = result.targets.filter((t) => t.method === "model");
  const fraction = model.every((t) => Math.abs(t.actual) <= 1 && Math.abs(t.forecast) <= 1);
  const metric: MetricName = /\bshare\b/i.test(meta.name) && fraction ? "share" : "revenue";
  const series = meta.origins.map((origin): BacktestSeries => {
    const points = model
      .filter((t) => t.origin === origin)
      .map((t): BacktestPoint => {
        const q = t.quantiles ?? {};
        return {
          period: t.period,
          median: t.forecast,
          low: outer ? q[outer[0]] : t.forecast,
          high: outer ? q[outer[1]] : t.forecast,
          ...(inner && { innerLow: q[inner[0]], innerHigh: q[inner[1]] }),
          actual: t.actual,
        };
      });
    return { provider: `as of ${origin}`, metric, asOf: quarterEndDate(parseQuarter(origin)!), points };
  });
  const asOf = meta.origins.length === 1 ? ` as of ${meta.origins[0]}` : ` at ${meta.origins.length} origins`;
  return {
    series,
    options: {
      title: `Backtest of ${meta.name}: ${meta.curve} fitted${asOf}, against actuals`,
      unit: `${meta.name}${meta.unit ? ` (${meta.unit})` : ""}`,
      bandLabel: outer ? `${outer[0]}–${outer[1]}` : "median only",
      innerBandLabel: "p25–p75",
    },
  };
}
