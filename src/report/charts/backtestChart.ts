import type { MetricName } from "../../samples/layout.ts";
import {
  axisFormat,
  type ChartOptions,
  type ChartSpec,
  metricFormat,
  periodPosition,
  providerColourScale,
  providerLabel,
  timeAxis,
  topLevel,
} from "./chartSpec.ts";
import { maxOf, minOf } from "../../core/extent.ts";

/** One period of a backtest: the forecast's band made as of an earlier date, and what was reported. */
export interface BacktestPoint {
  period: string;
  /** Forecast median. */
  median: number;
  /** Outer band (for example p05 and p95). */
  low: number;
  high: number;
  /** Inner band (for example p25 and p75), optional. */
  innerLow?: number;
  innerHigh?: number;
  /** The reported value, when known. */
  actual?: number | null;
}

/** A backtest of one provider's metric: forecasts made as of `asOf`, against actuals. */
export interface BacktestSeries {
  provider: string;
  metric: MetricName;
  /** The date the forecast was made as of (ISO date). */
  asOf?: string;
  points: readonly BacktestPoint[];
}

/** Options of {@link backtestSpec}. */
export interface BacktestChartOptions extends ChartOptions {
  /** Provider order for colours (as in the forward charts). @defaultValue the series' order */
  providers?: readonly string[];
  /** Labels of the bands. @defaultValue "p05–p95" and "p25–p75" */
  bandLabel?: string;
  innerBandLabel?: string;
  /** Axis title of the metric (e.g. with its currency). */
  unit?: string;
}

/**
 * Actuals against forecast bands: for each series, the outer and inner bands and the median of the
 * as-of forecast, and the reported values as points, hollow when they fall outside the outer band.
 *
 * @throws RangeError when the series mix metrics.
 * @example backtestSpec([{ provider: "alibaba", metric: "share", asOf: "2018-12-31", points: [{ period: "2019Q1", median: 0.46, low: 0.42, high: 0.5, actual: 0.45 }] }])
 */
export function backtestSpec(series: readonly BacktestSeries[], options: BacktestChartOptions = {}): ChartSpec {
  const metrics = new Set(series.map((s) => s.metric));
  if (metrics.size > 1) throw new RangeError(`backtestSpec: expected series of one metric, got ${[...metrics].join(", ")}`);
  const metric: MetricName = series[0]?.metric ?? "share";
  const names = options.names ?? {};
  const providers = options.providers ?? [...new Set(series.map((s) => s.provider))];
  const values = series.flatMap((s) =>
    s.points.map((p) => ({
      provider: providerLabel(s.provider, names),
      period: p.period,
      t: periodPosition(p.period),
      median: p.median,
      low: p.low,
      high: p.high,
      innerLow: p.innerLow ?? null,
      innerHigh: p.innerHigh ?? null,
    })),
  );
  const actuals = series.flatMap((s) =>
    s.points
      .filter((p) => p.actual !== undefined && p.actual !== null)
      .map((p) => ({
        provider: providerLabel(s.provider, names),
        period: p.period,
        t: periodPosition(p.period),
        actual: p.actual as number,
        position: (p.actual as number) < p.low || (p.actual as number) > p.high ? "outside the band" : "inside the band",
      })),
  );
  const inside = actuals.filter((a) => a.position === "inside the band").length;
  const format = metricFormat(metric);
  const extent = [...values.flatMap((v) => [v.low, v.high]), ...actuals.map((a) => a.actual)];
  const shown = [...new Set(series.map((s) => providerLabel(s.provider, names)))];
  const colour = {
    field: "provider",
    type: "nominal",
    scale: providerColourScale(providers, names),
    title: null,
    legend: { values: shown, symbolType: "stroke", symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
  const y = { type: "quantitative", scale: { zero: false }, axis: { title: options.unit ?? (metric === "share" ? "share of market" : "revenue"), format: axisFormat(metric, minOf(extent), maxOf(extent)) } };
  const asOf = [...new Set(series.map((s) => s.asOf).filter(Boolean))];
  const band = options.bandLabel ?? "p05–p95";
  return topLevel({
    title: {
      text: options.title ?? `Backtest: ${metric} forecasts${asOf.length === 1 ? ` made as of ${asOf[0]}` : ""} against actuals`,
      subtitle: [
        `bands ${band}${values.some((v) => v.innerLow !== null) ? ` and ${options.innerBandLabel ?? "p25–p75"}` : ""}; line: median; points: reported (hollow: outside ${band})`,
        `${inside} of ${actuals.length} reported values inside the ${band} band`,
      ],
    },
    width: options.width ?? 560,
    height: options.height ?? 300,
    data: { values },
    layer: [
      {
        mark: { type: "area", opacity: 0.18 },
        encoding: { x: timeAxis([...values.map((v) => v.t), ...actuals.map((a) => a.t)]), y: { field: "low", ...y }, y2: { field: "high" }, color: colour },
      },
      {
        transform: [{ filter: "datum.innerLow !== null" }],
        mark: { type: "area", opacity: 0.32 },
        encoding: { x: { field: "t", type: "quantitative" }, y: { field: "innerLow", ...y }, y2: { field: "innerHigh" }, color: colour },
      },
      {
        mark: { type: "line", strokeWidth: 2 },
        encoding: { x: { field: "t", type: "quantitative" }, y: { field: "median", ...y }, color: colour },
      },
      {
        data: { values: actuals },
        mark: { type: "point", size: 48, strokeWidth: 1.6 },
        encoding: {
          x: { field: "t", type: "quantitative" },
          y: { field: "actual", ...y },
          fill: { field: "position", type: "nominal", scale: { domain: ["inside the band", "outside the band"], range: ["#222222", "white"] }, title: "reported" },
          stroke: { value: "#222222" },
          tooltip: [{ field: "provider" }, { field: "period" }, { field: "actual", format }, { field: "position" }],
        },
      },
    ],
    resolve: { scale: { fill: "independent" } },
  });
}
