import type { SampleStore } from "../samples/store.ts";
import type { BenchmarkResult } from "../samples/summaries.ts";
import type { BenchmarkSpec } from "../scenario/schema.ts";
import { quantiles } from "./quantile.ts";

/** (median - value) / |value|, or null when that is not a finite number (a value of 0 or near it). */
function relative(median: number, value: number): number | null {
  const error = (median - value) / Math.abs(value);
  return Number.isFinite(error) ? error : null;
}

/** Compares every benchmark with the simulated distribution of its cell. */
export function compareBenchmarks(store: SampleStore, benchmarks: readonly BenchmarkSpec[]): BenchmarkResult[] {
  return benchmarks.map((b) => {
    const segment = store.segmentIndex(b.segment);
    const period = store.periodIndex(b.period);
    const ids = typeof b.provider === "string" ? [b.provider] : b.provider;
    const values = store.sum(b.metric, segment, ids.map((id) => store.providerIndex(id)), period);
    let below = 0;
    let equal = 0;
    for (let i = 0; i < values.length; i++) {
      if (values[i] < b.value) below += 1;
      else if (values[i] === b.value) equal += 1;
    }
    const [median] = quantiles(values, [0.5]);
    return {
      id: b.id,
      source: b.source,
      type: b.type ?? "forecast",
      metric: b.metric,
      provider: ids.join("+"),
      segment: b.segment ?? "total",
      period: b.period,
      value: b.value,
      percentile: (below + equal / 2) / values.length,
      median,
      medianError: median - b.value,
      relativeError: relative(median, b.value),
    };
  });
}
