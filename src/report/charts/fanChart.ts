import type { MetricName } from "../../samples/layout.ts";
import { quantileName } from "../../samples/summaries.ts";
import type { ResultDocument } from "../../samples/result.ts";
import {
  axisFormat,
  bandColumns,
  type ChartOptions,
  type ChartSpec,
  isQuarter,
  metricFormat,
  metricTitle,
  periodPosition,
  providerColourScale,
  providerLabel,
  replayLine,
  resultProviders,
  timeAxis,
  topLevel,
} from "./chartSpec.ts";
import { maxOf, minOf } from "../../core/extent.ts";

/** One reported (actual) value drawn over a fan: a provider's revenue or share in a period. */
export interface HistoryPoint {
  provider: string;
  period: string;
  value: number;
}

/** Options of {@link fanChartSpec}. */
export interface FanChartOptions extends ChartOptions {
  /** Providers to draw, overlaid. @defaultValue every provider but `others` */
  providers?: readonly string[];
  /** @defaultValue "share" */
  metric?: MetricName;
  /** @defaultValue "total" */
  segment?: string;
  /** Reported values to draw as points (for this metric); see `scenarioHistory`. */
  history?: readonly HistoryPoint[];
}

type ResultLike = Pick<ResultDocument, "meta" | "rows">;

/** The layers of one fan panel (no top-level settings), and the data they draw. */
function fanLayers(result: ResultLike, options: FanChartOptions): { spec: ChartSpec; positions: number[] } {
  const metric = options.metric ?? "share";
  const segment = options.segment ?? "total";
  const names = options.names ?? {};
  const all = resultProviders(result.rows);
  const wanted = options.providers ?? all.filter((p) => p !== "others");
  for (const id of wanted) {
    if (!all.includes(id)) throw new RangeError(`fanChartSpec: unknown provider ${JSON.stringify(id)}; expected one of ${all.join(", ")}`);
  }
  const bands = bandColumns(result.meta.quantiles, quantileName);
  const cells = result.rows.filter((r) => r.metric === metric && r.segment === segment && wanted.includes(r.provider));
  const quarterly = cells.some((r) => isQuarter(r.period));
  const rows = cells.filter((r) => isQuarter(r.period) === quarterly);
  const values = rows.map((r) => ({
    provider: providerLabel(r.provider, names),
    period: r.period,
    t: periodPosition(r.period),
    centre: r[bands.centre as `p${number}`] ?? r.mean,
    ...(bands.outer && { outerLow: r[bands.outer[0] as `p${number}`], outerHigh: r[bands.outer[1] as `p${number}`] }),
    ...(bands.inner && { innerLow: r[bands.inner[0] as `p${number}`], innerHigh: r[bands.inner[1] as `p${number}`] }),
  }));
  // Revenue history is only comparable period for period (quarters with quarters); shares always are.
  const history = (options.history ?? [])
    .filter((h) => wanted.includes(h.provider) && (metric === "share" || isQuarter(h.period) === quarterly))
    .map((h) => ({ provider: providerLabel(h.provider, names), period: h.period, t: periodPosition(h.period), value: h.value }));
  const positions = [...values.map((v) => v.t), ...history.map((h) => h.t)];
  const colour = {
    field: "provider",
    type: "nominal",
    scale: providerColourScale(all, names),
    title: null,
    legend: { values: wanted.map((p) => providerLabel(p, names)), symbolType: "stroke", symbolStrokeWidth: 3, symbolOpacity: 1 },
  };
  const format = metricFormat(metric);
  const extent = [...rows.flatMap((r) => [r.mean, ...result.meta.quantiles.map((q) => r[quantileName(q) as `p${number}`])]), ...history.map((h) => h.value)];
  const y = { type: "quantitative", axis: { title: metricTitle(metric, result.meta, !quarterly), format: axisFormat(metric, minOf(extent, 0), maxOf(extent)) } };
  const layers: ChartSpec[] = [];
  if (bands.outer) {
    layers.push({
      mark: { type: "area", opacity: 0.18, interpolate: "monotone" },
      encoding: { x: { field: "t", type: "quantitative" }, y: { field: "outerLow", ...y }, y2: { field: "outerHigh" }, color: colour },
    });
  }
  if (bands.inner) {
    layers.push({
      mark: { type: "area", opacity: 0.32, interpolate: "monotone" },
      encoding: { x: { field: "t", type: "quantitative" }, y: { field: "innerLow", ...y }, y2: { field: "innerHigh" }, color: colour },
    });
  }
  layers.push({
    mark: { type: "line", strokeWidth: 2.2, interpolate: "monotone" },
    encoding: {
      x: { field: "t", type: "quantitative" },
      y: { field: "centre", ...y },
      color: colour,
      tooltip: [
        { field: "provider", title: "provider" },
        { field: "period", title: "period" },
        { field: "centre", title: bands.centre === "p50" ? "median" : "mean", format },
        ...(bands.outer ? [{ field: "outerLow", title: bands.outer[0], format }, { field: "outerHigh", title: bands.outer[1], format }] : []),
      ],
    },
  });
  if (history.length > 0) {
    layers.push({
      data: { values: history },
      mark: { type: "point", filled: true, size: 36, stroke: "#222", strokeWidth: 0.8, opacity: 1 },
      encoding: {
        x: { field: "t", type: "quantitative" },
        y: { field: "value", ...y },
        color: colour,
        tooltip: [{ field: "provider" }, { field: "period" }, { field: "value", title: "reported", format }],
      },
    });
  }
  // The x encoding with its axis goes on the first layer; every layer shares that scale.
  (layers[0].encoding as ChartSpec).x = timeAxis(positions);
  const spec: ChartSpec = { data: { values }, layer: layers };
  return { spec, positions };
}

function bandSubtitle(result: ResultLike, hasHistory: boolean): string {
  const bands = bandColumns(result.meta.quantiles, quantileName);
  const parts: string[] = [];
  if (bands.outer && bands.inner) parts.push(`light band ${bands.outerLabel}, dark band ${bands.innerLabel}`);
  else if (bands.outer) parts.push(`band ${bands.outerLabel}`);
  parts.push(`line: ${bands.centre === "p50" ? "median" : "mean"}`);
  if (hasHistory) parts.push("points: reported");
  return parts.join("; ");
}

/**
 * A fan chart: for each provider, the outer and inner quantile bands of a metric over the simulated
 * quarters, the median line, and reported history as points where given.
 *
 * @throws RangeError for a provider the result does not have.
 * @example fanChartSpec(result, { providers: ["tencent", "alibaba"], metric: "share" })
 */
export function fanChartSpec(result: ResultLike, options: FanChartOptions = {}): ChartSpec {
  const metric = options.metric ?? "share";
  const { spec } = fanLayers(result, options);
  const who = (options.providers ?? []).map((p) => providerLabel(p, options.names)).join(", ");
  const segment = options.segment && options.segment !== "total" ? ` (${options.segment})` : "";
  const title = options.title ?? `${metric === "share" ? "Market share" : "Revenue"}${who ? ` of ${who}` : " by provider"}${segment}`;
  return topLevel({
    title: { text: title, subtitle: [bandSubtitle(result, (options.history ?? []).length > 0), replayLine(result.meta)] },
    width: options.width ?? 560,
    height: options.height ?? 300,
    ...spec,
  });
}

/**
 * One provider's fan chart of share and revenue side by side.
 *
 * @example providerFanSpec(result, "tencent", { names: { tencent: "Tencent Cloud" } })
 */
export function providerFanSpec(result: ResultLike, provider: string, options: ProviderFanOptions = {}): ChartSpec {
  const { history = {}, ...rest } = options;
  const panel = (metric: MetricName) => {
    const { spec } = fanLayers(result, { ...rest, providers: [provider], metric, history: history[metric] ?? [] });
    return { title: { text: metric === "share" ? "share" : "revenue", fontSize: 12 }, width: options.width ?? 380, height: options.height ?? 240, ...spec };
  };
  const label = providerLabel(provider, options.names);
  return topLevel({
    title: { text: options.title ?? `${label}: share and revenue`, subtitle: [bandSubtitle(result, (history.share ?? []).length + (history.revenue ?? []).length > 0), replayLine(result.meta)] },
    hconcat: [panel("share"), panel("revenue")],
    resolve: { scale: { color: "shared" } },
  });
}

/** Options of {@link providerFanSpec}: reported history per metric. */
export interface ProviderFanOptions extends Omit<FanChartOptions, "providers" | "metric" | "history"> {
  history?: { share?: readonly HistoryPoint[]; revenue?: readonly HistoryPoint[] };
}
