/**
 * Conditioning a run on actuals published after its base quarter (the scenario's `condition` block, or
 * `sharecast run --actuals FILE`). Under the observation model a published value y of an output x is
 * y = x exp(e), e ~ N(0, sigma^2), so a path's likelihood is prod_j exp(-(ln y_j - ln x_j)^2 / (2 sigma_j^2))
 * (a path where an observed output is 0 has weight 0). Methods:
 * - `weight`: the result is the weighted sample's (stats/weightedQuantile.ts, stats/weightedEvents.ts);
 * - `resample`: systematic resampling by those weights (one uniform from the stream `condition/resample`
 *   of the run's seed), then the plain summaries of the resampled, equally weighted paths;
 * - `pin`: every path pinned to the actuals (engine/pin.ts), equally weighted.
 * Every method reports Kish's effective sample size of its weights (the path count for `pin`).
 */
import { InputError } from "../core/issues.ts";
import { defined } from "../core/options.ts";
import { createStream } from "../random/stream.ts";
import { METRIC_NAMES } from "../samples/layout.ts";
import { Result, type ConditionMeta } from "../samples/result.ts";
import type { SampleStore } from "../samples/store.ts";
import { quantileName, type SummaryRow } from "../samples/summaries.ts";
import { completeCondition, type ConditionMethod, type ConditionSpec } from "../scenario/conditionSchema.ts";
import { compareBenchmarks } from "../stats/benchmarks.ts";
import { evaluateEvents } from "../stats/events.ts";
import { summaryRow } from "../stats/summary.ts";
import { summarise } from "../stats/summaryBatch.ts";
import { compareWeightedBenchmarks, evaluateWeightedEvents } from "../stats/weightedEvents.ts";
import { effectiveSampleSize, weightedSummary } from "../stats/weightedQuantile.ts";
import { resolveActuals, type ResolvedActual } from "./actuals.ts";
import type { CompiledScenario } from "./compile.ts";
import { copyStore, pinStore } from "./pin.ts";
import { exp, log } from "../core/elementary.ts";

/** The values of an actual's output on every path (a sum for several providers or the market). */
function observed(store: SampleStore, actual: ResolvedActual): Float64Array {
  return store.sum(actual.metric, actual.segment, actual.providers, actual.period);
}

/**
 * Importance weights of every path under the lognormal observation model (see the module comment),
 * scaled so that the largest is 1.
 *
 * @throws InputError (`condition`) when no path has a positive likelihood (every path puts 0 where an
 *   actual is positive, or the actuals lie too far out for any path to reach in floating point).
 */
export function importanceWeights(store: SampleStore, actuals: readonly ResolvedActual[]): Float64Array {
  const logWeights = new Float64Array(store.paths);
  for (const actual of actuals) {
    const values = observed(store, actual);
    const target = log(actual.value);
    const scale = 1 / (2 * actual.sigma * actual.sigma);
    for (let i = 0; i < values.length; i++) {
      const d = values[i] > 0 ? target - log(values[i]) : Number.POSITIVE_INFINITY;
      logWeights[i] -= d * d * scale;
    }
  }
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logWeights.length; i++) if (logWeights[i] > largest) largest = logWeights[i];
  if (!(largest > Number.NEGATIVE_INFINITY)) {
    throw new InputError([{ code: "out_of_range", path: ["condition", "actuals"], message: "expected some path to have a positive likelihood of the actuals, got none (every path is 0 where an actual is positive)" }]);
  }
  const weights = new Float64Array(store.paths);
  for (let i = 0; i < weights.length; i++) weights[i] = exp(logWeights[i] - largest);
  return weights;
}

/**
 * Systematic resampling: path indices, each path drawn about n w_i / sum(w) times, from one uniform u:
 * the i-th draw is the path whose cumulative weight first exceeds (i + u) / n of the total. Indices come
 * out in ascending order.
 *
 * @example systematicResample(Float64Array.of(1, 0, 3), 0.5) // Int32Array [0, 2, 2]
 */
export function systematicResample(weights: Float64Array, u: number): Int32Array {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const out = new Int32Array(n);
  let cumulative = weights[0];
  let k = 0;
  for (let i = 0; i < n; i++) {
    const point = ((i + u) / n) * total;
    while (cumulative <= point && k < n - 1) cumulative += weights[++k];
    // Rounding at the very end can leave k on a trailing path of weight 0: step back to the last positive one.
    while (weights[k] === 0 && k > 0) k -= 1;
    out[i] = k;
  }
  return out;
}

/** Summary rows of a weighted sample, in `summarise`'s order. */
function weightedRows(store: SampleStore, weights: Float64Array, probabilities: readonly number[]): SummaryRow[] {
  const names = probabilities.map(quantileName);
  const rows: SummaryRow[] = [];
  store.periods.forEach((period, p) => {
    store.segments.forEach((segment, g) => {
      store.providers.forEach((provider, k) => {
        for (const metric of METRIC_NAMES) {
          const summary = weightedSummary(store.cell(metric, g, k, p), weights, probabilities);
          rows.push(summaryRow({ period, segment, provider, metric }, summary, names));
        }
      });
    });
  });
  return rows;
}

/** A conditioned sample: its store, its weights (null when equally weighted) and what the result reports. */
export interface ConditionedSample {
  store: SampleStore;
  weights: Float64Array | null;
  /** Which simulated path each of the store's paths is (resampling); null when path i is path i. */
  order: Int32Array | null;
  meta: ConditionMeta;
}

/**
 * Conditions a filled store on a condition block (see the module comment for the methods).
 *
 * @throws InputError for actuals that do not fit the scenario (engine/actuals.ts), that no path can meet,
 *   or that cannot be pinned together (engine/pin.ts).
 */
export function conditionSample(compiled: CompiledScenario, store: SampleStore, spec: ConditionSpec): ConditionedSample {
  const actuals = resolveActuals(compiled, spec);
  const { method } = completeCondition(spec);
  const meta = (ess: number, likelihood: boolean): ConditionMeta => ({
    method,
    effectiveSampleSize: ess,
    actuals: actuals.map((a) => ({ output: a.label, value: a.value, sigma: likelihood ? a.sigma : null })),
    ...defined({ source: spec.source }),
  });
  return methods[method](compiled, store, actuals, meta);
}

/** How each method conditions a store on resolved actuals; `meta(ess, likelihood)` is the record it reports (sigmas listed when a likelihood used them). */
type MethodImpl = (compiled: CompiledScenario, store: SampleStore, actuals: readonly ResolvedActual[], meta: (ess: number, likelihood: boolean) => ConditionMeta) => ConditionedSample;

const methods: { readonly [M in ConditionMethod]: MethodImpl } = {
  weight(_compiled, store, actuals, meta) {
    const weights = importanceWeights(store, actuals);
    return { store, weights, order: null, meta: meta(effectiveSampleSize(weights), true) };
  },
  resample(compiled, store, actuals, meta) {
    const weights = importanceWeights(store, actuals);
    const u = createStream(compiled.settings.seed, "condition/resample").uniform();
    const order = systematicResample(weights, u);
    return { store: copyStore(compiled, store, order), weights: null, order, meta: meta(effectiveSampleSize(weights), true) };
  },
  pin(compiled, store, actuals, meta) {
    return { store: pinStore(compiled, store, actuals, (a) => actuals.indexOf(a)), weights: null, order: null, meta: meta(store.paths, false) };
  },
};

/**
 * The result of a run conditioned on its scenario's `condition` block; the result unchanged when the
 * scenario has none. Rows, events and benchmarks are those of the conditioned sample; `meta.condition`
 * says how (method, effective sample size, the actuals). `extraRows` adds rows computed from the
 * conditioned sample (fiscal years, constant currency).
 *
 * @throws InputError when the run kept no samples (simulated in several passes: lower the path count), or
 *   as {@link conditionSample}.
 */
export function conditionResult(
  compiled: CompiledScenario,
  result: Result,
  extraRows: (store: SampleStore, weights: Float64Array | null, order: Int32Array | null) => SummaryRow[] = () => [],
): Result {
  const spec = compiled.scenario.condition;
  if (!spec) return result;
  if (!result.samples) {
    throw new InputError([{ code: "too_big", path: ["condition"], message: `expected a run whose paths fit in memory at once to condition on actuals, got ${compiled.settings.paths} paths simulated in several passes (use fewer paths)` }]);
  }
  const { store, weights, order, meta } = conditionSample(compiled, result.samples, spec);
  const s = compiled.scenario;
  const q = compiled.settings.quantiles;
  const events = evaluateEvents(store, s.events ?? []);
  const benchmarks = compareBenchmarks(store, s.benchmarks ?? []);
  return new Result(
    {
      meta: { ...result.meta, condition: meta },
      rows: [...(weights ? weightedRows(store, weights, q) : summarise(store, q)), ...extraRows(store, weights, order)],
      events: weights ? evaluateWeightedEvents(store, s.events ?? [], weights, events) : events,
      benchmarks: weights ? compareWeightedBenchmarks(store, s.benchmarks ?? [], weights, benchmarks) : benchmarks,
    },
    store,
  );
}
