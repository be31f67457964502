import type { SampleStore } from "../samples/store.ts";
import type { BenchmarkResult, EventResult, PassageTime } from "../samples/summaries.ts";
import type { BenchmarkSpec, EventSpec, SimpleEventSpec } from "../scenario/schema.ts";
import { clopperPearson } from "./binomialInterval.ts";
import { eventOutcomes, firstPassageQuarters } from "./events.ts";
import { effectiveSampleSize, weightedQuantiles } from "./weightedQuantile.ts";

/** Per path: does the event (simple, or `all` / `any` of simple ones) hold? */
function outcomes(store: SampleStore, event: EventSpec): Uint8Array {
  if (event.kind !== "all" && event.kind !== "any") return eventOutcomes(store, event);
  const parts = event.of.map((e) => eventOutcomes(store, e));
  const out = new Uint8Array(store.paths);
  for (let i = 0; i < store.paths; i++) {
    let hit = event.kind === "all";
    for (const part of parts) hit = event.kind === "all" ? hit && part[i] === 1 : hit || part[i] === 1;
    out[i] = hit ? 1 : 0;
  }
  return out;
}

function weightedPassage(store: SampleStore, event: Extract<SimpleEventSpec, { kind: "firstPassage" }>, weights: Float64Array, total: number): PassageTime {
  const first = firstPassageQuarters(store, event);
  const last = store.periodIndex(event.by);
  let cumulative = 0;
  let medianQuarter: string | null = null;
  const byYear: Array<{ year: string; probability: number }> = [];
  const quarters: number[] = [];
  for (let p = 0; p <= last; p++) if (store.periods[p].includes("Q")) quarters.push(p);
  quarters.forEach((p, k) => {
    for (let i = 0; i < first.length; i++) if (first[i] === p) cumulative += weights[i];
    const label = store.periods[p];
    if (medianQuarter === null && 2 * cumulative >= total) medianQuarter = label;
    if (label.endsWith("Q4") || k === quarters.length - 1) byYear.push({ year: label.slice(0, 4), probability: cumulative / total });
  });
  return { medianQuarter, byYear };
}

/**
 * Events of a weighted sample: each probability is the weight of the paths where it holds over the total
 * weight (exact for the weighted sample); the standard error is sqrt(p (1 - p) / n*) and the 95% interval
 * Clopper-Pearson's at n* = Kish's effective sample size rounded to a whole number (an approximation: the
 * weighted sample has about n* independent paths' information). `unweighted` gives ids and descriptions
 * (`evaluateEvents` on the same store).
 *
 * @throws RangeError for invalid weights (see `effectiveSampleSize`).
 */
export function evaluateWeightedEvents(store: SampleStore, events: readonly EventSpec[], weights: Float64Array, unweighted: readonly EventResult[]): EventResult[] {
  const ess = effectiveSampleSize(weights);
  const n = Math.max(1, Math.round(ess));
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  return events.map((event, e) => {
    const hits = outcomes(store, event);
    let weight = 0;
    for (let i = 0; i < hits.length; i++) if (hits[i] === 1) weight += weights[i];
    const probability = Math.min(1, weight / total);
    const result: EventResult = {
      ...unweighted[e],
      probability,
      stderr: Math.sqrt((probability * (1 - probability)) / ess),
      interval95: clopperPearson(Math.min(n, Math.round(probability * n)), n, 0.95),
    };
    if (event.kind === "firstPassage") result.passage = weightedPassage(store, event, weights, total);
    else delete result.passage;
    return result;
  });
}

/**
 * Benchmark comparisons of a weighted sample: the percentile is the weight below the value plus half the
 * weight equal to it, over the total; the median is the weighted median (stats/weightedQuantile.ts).
 * `unweighted` gives the other fields (`compareBenchmarks` on the same store).
 */
export function compareWeightedBenchmarks(store: SampleStore, benchmarks: readonly BenchmarkSpec[], weights: Float64Array, unweighted: readonly BenchmarkResult[]): BenchmarkResult[] {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  return benchmarks.map((b, j) => {
    const ids = typeof b.provider === "string" ? [b.provider] : b.provider;
    const values = store.sum(b.metric, store.segmentIndex(b.segment), ids.map((id) => store.providerIndex(id)), store.periodIndex(b.period));
    let below = 0;
    let equal = 0;
    for (let i = 0; i < values.length; i++) {
      if (values[i] < b.value) below += weights[i];
      else if (values[i] === b.value) equal += weights[i];
    }
    const [median] = weightedQuantiles(values, weights, [0.5]);
    const relativeError = (median - b.value) / Math.abs(b.value);
    return {
      ...unweighted[j],
      percentile: (below + equal / 2) / total,
      median,
      medianError: median - b.value,
      relativeError: Number.isFinite(relativeError) ? relativeError : null,
    };
  });
}
