import type { MetricName } from "../../samples/layout.ts";
import type { SampleStore } from "../../samples/store.ts";
import { quantilesSorted } from "../../stats/quantile.ts";
import type { ResultDocument } from "../../samples/result.ts";
import { type ChartOptions, type ChartSpec, isQuarter, metricFormat, metricTitle, providerColourScale, providerLabel, replayLine, resultProviders, topLevel } from "./chartSpec.ts";
import { maxOf, minOf } from "../../core/extent.ts";

const RULE_COLOURS: Record<string, string> = { median: "#222222", forecast: "#c0392b", actual: "#1e7b34" };

/** Options of {@link histogramSpec}: which output, in which period. */
export interface HistogramOptions extends ChartOptions {
  /** One provider, or several whose values are summed per path. */
  provider: string | readonly string[];
  period: string;
  /** @defaultValue "share" */
  metric?: MetricName;
  /** @defaultValue "total" */
  segment?: string;
  /** Number of equal-width bins. @defaultValue 40 */
  bins?: number;
}

type ResultWithSamples = Pick<ResultDocument, "meta" | "rows" | "benchmarks"> & { samples: SampleStore | null };

/** The per-path values of one output (summed over providers), as a new array. */
export function outputValues(samples: SampleStore, metric: MetricName, providers: readonly string[], period: string, segment = "total"): Float64Array {
  const g = samples.segmentIndex(segment);
  const p = samples.periodIndex(period);
  if (g < 0) throw new RangeError(`histogramSpec: unknown segment ${JSON.stringify(segment)}`);
  if (p < 0) throw new RangeError(`histogramSpec: unknown period ${JSON.stringify(period)}`);
  const indices = providers.map((id) => {
    const k = samples.providerIndex(id);
    if (k < 0) throw new RangeError(`histogramSpec: unknown provider ${JSON.stringify(id)}; expected one of ${samples.providers.join(", ")}`);
    return k;
  });
  return samples.sum(metric, g, indices, p);
}

/**
 * Equal-width bins over [lo, hi]: the last bin is closed, so every value in range is counted once.
 * O(n). Values outside [lo, hi] are not counted.
 */
export function binCounts(values: ArrayLike<number>, lo: number, hi: number, bins: number): Array<{ start: number; end: number; count: number }> {
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue;
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))] += 1;
  }
  return counts.map((count, j) => ({ start: lo + j * width, end: lo + (j + 1) * width, count }));
}

/**
 * A histogram of one output across paths (for example Tencent's share in 2020), with the median and the
 * scenario's benchmarks for that cell marked as vertical rules. Needs the result's samples.
 *
 * @throws RangeError when the result kept no samples, or for an unknown provider, period or segment.
 * @example histogramSpec(result, { provider: "alibaba", period: "2020" })
 */
export function histogramSpec(result: ResultWithSamples, options: HistogramOptions): ChartSpec {
  if (!result.samples) throw new RangeError("histogramSpec: the result has no samples");
  const metric = options.metric ?? "share";
  const segment = options.segment ?? "total";
  const bins = options.bins ?? 40;
  const names = options.names ?? {};
  const ids = typeof options.provider === "string" ? [options.provider] : [...options.provider];
  const key = ids.join("+");
  const values = outputValues(result.samples, metric, ids, options.period, segment);
  const sorted = Float64Array.from(values).sort();
  const [median] = quantilesSorted(sorted, [0.5]);
  const marks = result.benchmarks
    .filter((b) => b.metric === metric && b.provider === key && b.period === options.period && b.segment === segment)
    .map((b) => ({ value: b.value, label: `${b.type === "actual" ? "actual" : "forecast"} ${b.id}`, kind: b.type }));
  const lo = minOf(marks.map((m) => m.value), sorted[0]);
  const hi = maxOf(marks.map((m) => m.value), sorted[sorted.length - 1]);
  const data = binCounts(values, lo, hi, bins).map((b) => ({ ...b, fraction: b.count / values.length }));
  const format = metricFormat(metric);
  const providers = resultProviders(result.rows);
  const colour = ids.length === 1 ? providerColourScale(providers, names).range[providers.indexOf(ids[0])] : "#6b6b6b";
  const xTitle = metricTitle(metric, result.meta, !isQuarter(options.period));
  // Labels of rules in the right half read leftwards, so none runs past the plot into the legend.
  const middle = (lo + hi) / 2;
  const rules = [{ value: median, label: "simulated median", kind: "median" }, ...marks].map((r, j) => ({ ...r, offset: 12 + 13 * j, side: r.value > middle ? "left" : "right" }));
  const ruleLabels = (side: "left" | "right") => ({
    data: { values: rules.filter((r) => r.side === side) },
    mark: { type: "text", align: side === "right" ? "left" : "right", dx: side === "right" ? 4 : -4, fontSize: 10, baseline: "middle" },
    encoding: {
      x: { field: "value", type: "quantitative" },
      y: { field: "offset", type: "quantitative", scale: null },
      text: { field: "label" },
      color: { field: "kind", type: "nominal" },
    },
  });
  const who = providerLabel(key, names);
  const kinds = [...new Set(rules.map((r) => r.kind))];
  return topLevel({
    title: {
      text: options.title ?? `${who}: ${metric} in ${options.period}${segment !== "total" ? ` (${segment})` : ""}`,
      subtitle: [`distribution over ${values.length} paths; rules: simulated median and benchmarks`, replayLine(result.meta)],
    },
    width: options.width ?? 560,
    height: options.height ?? 260,
    layer: [
      {
        data: { values: data },
        mark: { type: "rect", color: colour, opacity: 0.85, stroke: "white", strokeWidth: 0.3 },
        encoding: {
          x: { field: "start", type: "quantitative", scale: { zero: false, nice: false }, axis: { title: xTitle, format: metric === "share" ? (hi - lo < 0.1 ? ".1~%" : ".0~%") : ",.3~g", tickCount: 8 } },
          x2: { field: "end" },
          y: { field: "fraction", type: "quantitative", axis: { title: "fraction of paths", format: ".1%" } },
          y2: { datum: 0 },
          tooltip: [
            { field: "start", title: "from", format },
            { field: "end", title: "to", format },
            { field: "count", title: "paths" },
          ],
        },
      },
      {
        data: { values: rules },
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          x: { field: "value", type: "quantitative" },
          color: {
            field: "kind",
            type: "nominal",
            scale: { domain: kinds, range: kinds.map((k) => RULE_COLOURS[k]) },
            legend: { title: null, symbolType: "stroke", symbolStrokeWidth: 2, labelExpr: "datum.label === 'median' ? 'simulated median' : datum.label === 'forecast' ? 'published forecast' : 'reported actual'" },
          },
          strokeDash: { condition: { test: "datum.kind === 'median'", value: [4, 3] }, value: [1, 0] },
          tooltip: [{ field: "label" }, { field: "value", format }],
        },
      },
      ...(["right", "left"] as const).filter((side) => rules.some((r) => r.side === side)).map(ruleLabels),
    ],
  });
}
