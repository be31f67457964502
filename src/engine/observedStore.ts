/**
 * Outputs, events and benchmarks as reported by a named source (the observation layer, models/observation.ts):
 * a view of a sample store whose cells are the simulated truth seen through the source's noise,
 *
 *     reported_i = true_i x exp(sigma z_i) x B_i,
 *
 * one draw per path and quantity. The quantity is what the source would publish: one provider's cell, or
 * the sum of several providers (a published "top two" figure), in one segment and period. Its draws come
 * from the stream `chunk:C/observation:SOURCE/METRIC:PROVIDERS:SEGMENT:PERIOD` under the run's seed, one
 * stream per chunk of CHUNK_SIZE paths, so the reported values depend only on the seed and the path, never
 * on the worker count; an event and a benchmark on the same quantity see the same reported figure.
 */
import { createStream } from "../random/stream.ts";
import { observeSamples, type ObservationInput, type ObservationSpec } from "../models/observation.ts";
import { SampleStore } from "../samples/store.ts";
import type { MetricName } from "../samples/layout.ts";
import type { BenchmarkResult, EventResult } from "../samples/summaries.ts";
import type { Scenario } from "../scenario/schema.ts";
import { compareBenchmarks } from "../stats/benchmarks.ts";
import { evaluateEvents } from "../stats/events.ts";
import { CHUNK_SIZE } from "./kernel.ts";

/**
 * A sample store seen through one source: `cell` and `sum` return the values as the source would report
 * them (new arrays, the same for the same quantity); every other read is the underlying store's.
 *
 * @example new ObservedStore(result.samples!, "canalys", { sigma: 0.2 }, 42).cell("share", 0, 1, 4)
 */
export class ObservedStore extends SampleStore {
  private readonly inner: SampleStore;
  private readonly spec: ObservationSpec;
  private readonly seed: number;
  private readonly seen = new Map<string, Float64Array>();

  constructor(inner: SampleStore, source: string, spec: ObservationInput, seed: number) {
    super({ outputSegments: inner.segments, providers: inner.providers, periods: inner.periods }, inner.paths, { columns: [] });
    this.inner = inner;
    this.spec = { ...spec, source };
    this.seed = seed;
  }

  override cell(metric: MetricName, segment: number, provider: number, period: number): Float64Array {
    return this.reported(metric, segment, [provider], period, () => this.inner.cell(metric, segment, provider, period));
  }

  override sum(metric: MetricName, segment: number, providers: readonly number[], period: number): Float64Array {
    return this.reported(metric, segment, providers, period, () => this.inner.sum(metric, segment, providers, period));
  }

  private reported(metric: MetricName, segment: number, providers: readonly number[], period: number, truth: () => Float64Array): Float64Array {
    const key = `observation:${this.spec.source}/${metric}:${providers.map((k) => this.providers[k]).join("+")}:${this.segments[segment]}:${this.periods[period]}`;
    const known = this.seen.get(key);
    if (known) return known;
    const values = truth();
    const out = new Float64Array(values.length);
    for (let first = 0, chunk = 0; first < values.length; first += CHUNK_SIZE, chunk++) {
      const part = values.subarray(first, Math.min(values.length, first + CHUNK_SIZE));
      out.set(observeSamples(createStream(this.seed, `chunk:${chunk}/${key}`), part, this.spec), first);
    }
    this.seen.set(key, out);
    return out;
  }
}

/** The store an item is evaluated on: the truth, or the truth seen through the source it names. */
function viewOf(store: SampleStore, scenario: Scenario, seed: number, reportedBy: string | undefined, views: Map<string, SampleStore>): SampleStore {
  if (reportedBy === undefined) return store;
  const known = views.get(reportedBy);
  if (known) return known;
  const spec = scenario.observations?.[reportedBy];
  if (!spec || !Object.hasOwn(scenario.observations!, reportedBy)) throw new RangeError(`reportedBy: ${JSON.stringify(reportedBy)} is not declared in observations`);
  const view = new ObservedStore(store, reportedBy, spec, seed);
  views.set(reportedBy, view);
  return view;
}

/**
 * The scenario's events on every path, each on the truth or, with `reportedBy`, on the figures as that
 * source would report them (its result then names the source). Without any `reportedBy` this is
 * `evaluateEvents(store, events)`.
 */
export function scenarioEvents(scenario: Scenario, seed: number, store: SampleStore): EventResult[] {
  const views = new Map<string, SampleStore>();
  return (scenario.events ?? []).map((event) => {
    const [result] = evaluateEvents(viewOf(store, scenario, seed, event.reportedBy, views), [event]);
    return event.reportedBy === undefined ? result : { ...result, reportedBy: event.reportedBy };
  });
}

/**
 * The scenario's benchmark comparisons, each against the simulated cell or, with `reportedBy`, against
 * the cell as the source of the published value would report it (its result then names the source).
 */
export function scenarioBenchmarks(scenario: Scenario, seed: number, store: SampleStore): BenchmarkResult[] {
  const views = new Map<string, SampleStore>();
  return (scenario.benchmarks ?? []).map((benchmark) => {
    const [result] = compareBenchmarks(viewOf(store, scenario, seed, benchmark.reportedBy, views), [benchmark]);
    return benchmark.reportedBy === undefined ? result : { ...result, reportedBy: benchmark.reportedBy };
  });
}
