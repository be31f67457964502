/**
 * Scenario backtests: rebuild a scenario (an as-of factory, see `defineScenario`) at each origin with what
 * was public then, run it, and score every output that has a later actual in the fixtures (the scenario's
 * `actuals` mapping) beside naive baselines built from the same fixture series as known at the origin.
 *
 * Conventions (docs/catalogue.md):
 * - an origin is a quarter; the scenario is rebuilt as of the end of the quarter `lagQuarters` after it
 *   (default 1: most quarterly figures are published within the next quarter), and the scenario chooses its
 *   own base quarter from what is public by then;
 * - a target is a simulated quarter within `horizon` quarters of the run's first quarter whose actual row
 *   was not public at the as-of date (so no input is ever scored); gaps are skipped;
 * - an origin whose scenario cannot be built (it refuses a row not yet public) or equals the previous
 *   origin's scenario is skipped, with the reason;
 * - methods: `model` (the run's samples), `naive-last` (random walk), `naive-drift` (random walk with
 *   drift), `naive-growth` (last quarter-on-quarter growth carried, lognormal); the baselines use the
 *   actual's own series as known at the as-of date;
 * - with `observation` on an actual, the model's samples are seen through that source's noise first
 *   (stream `observation:OUTPUT/ORIGIN/PERIOD`), so the forecast and the figure are alike;
 * - PIT is F(y) (mid-rank for samples); coverage counts y in [p25, p75] and [p05, p95]; pinball is the mean
 *   over 0.05, 0.25, 0.5, 0.75, 0.95; CRPS of samples is the energy form (`crpsSorted`).
 */
import { finish, finishYielding } from "../core/steps.ts";
import { formatQuarter, parseQuarter, quarterEndDate } from "../calendar/quarter.ts";
import { InputError, type InputIssue } from "../core/issues.ts";
import { complete } from "../core/options.ts";
import type { Fixture } from "../data/fixture.ts";
import { isKnownBy } from "../data/knownBy.ts";
import { fixtureRow } from "../data/series.ts";
import { prepare } from "../engine/prepare.ts";
import { DEFAULT_STORE_BUDGET_BYTES, requireInMemory, runPrepared } from "../engine/run.ts";
import type { MetricName } from "../samples/layout.ts";
import { DEFAULT_SEED } from "../scenario/defaults.ts";
import { scenarioAt, scenarioDefinition, type ScenarioActual } from "../scenario/defineScenario.ts";
import { pinballLoss, pitHistogram } from "../stats/scores.ts";
import { observeSamples } from "../models/observation.ts";
import { createStream } from "../random/stream.ts";
import { growthForecast, naiveForecast } from "./baselines.ts";
import { lognormalPredictive, normalPredictive, samplePredictive, type Predictive } from "./predictive.ts";
import { exp, log } from "../core/elementary.ts";
import { maxOf, minOf } from "../core/extent.ts";

/** Settings of {@link runScenarioBacktest}; defaults filled by {@link completeScenarioBacktestOptions}. */
export interface ScenarioBacktestOptions {
  /** Origin quarters, or `"rolling"`: every quarter from `firstOrigin` to the last actual. @defaultValue "rolling" */
  origins?: string[] | "rolling";
  /** First rolling origin. @defaultValue "2015Q1" */
  firstOrigin?: string;
  /** Quarters from an origin's end to its as-of date (the publication lag). @defaultValue 1 */
  lagQuarters?: number;
  /** Simulated quarters scored, from the run's first. @defaultValue 8 */
  horizon?: number;
  /** @defaultValue 2000 */
  paths?: number;
  /** @defaultValue 42 */
  seed?: number;
  /** PIT histogram bins. @defaultValue 10 */
  bins?: number;
  /** Width factor the scenario is rebuilt with (default: its own; see `ScenarioTuning`). */
  widen?: number;
  /** Location correction the scenario is rebuilt with (default: its own; see `ScenarioTuning`). */
  lift?: number;
  /** Only what the scenario's own as-of date allows: origins as of then at the latest, actuals published by then. @defaultValue false */
  inSample?: boolean;
}

/** Options with every default filled in. */
export type CompleteScenarioBacktestOptions = Required<Omit<ScenarioBacktestOptions, "widen" | "lift">> & Pick<ScenarioBacktestOptions, "widen" | "lift">;

/** Defaults of {@link ScenarioBacktestOptions}. */
export const SCENARIO_BACKTEST_DEFAULTS: Omit<CompleteScenarioBacktestOptions, "widen" | "lift"> = {
  origins: "rolling",
  firstOrigin: "2015Q1",
  lagQuarters: 1,
  horizon: 8,
  paths: 2000,
  seed: DEFAULT_SEED,
  bins: 10,
  inSample: false,
};

/** The one place scenario-backtest defaults are filled (an explicit `undefined` keeps the default). */
export function completeScenarioBacktestOptions(options: ScenarioBacktestOptions): CompleteScenarioBacktestOptions {
  return { ...complete(SCENARIO_BACKTEST_DEFAULTS, options), widen: options.widen, lift: options.lift };
}

/** The scored levels: pinball and the 50% and 90% central bands. */
export const SCORED_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** The methods scored, in report order. */
export const SCENARIO_METHODS = ["model", "naive-last", "naive-drift", "naive-growth"] as const;
export type ScenarioMethod = (typeof SCENARIO_METHODS)[number];

/** One method's forecast of one output in one quarter, scored against its actual. */
export interface ScenarioCellScore {
  origin: string;
  asOf: string;
  /** `METRIC:PROVIDER` as the scenario's actuals name it. */
  output: string;
  metric: MetricName;
  period: string;
  /** Quarters from the run's first quarter, 1-based. */
  horizon: number;
  actual: number;
  /** The source the model's forecast is seen through (`ScenarioActual.observation`), or null: the truth. */
  reportedBy: string | null;
  method: ScenarioMethod;
  /** p05, p25, p50, p75, p95. */
  quantiles: number[];
  crps: number;
  pinball: number;
  pit: number;
  in50: boolean;
  in90: boolean;
}

/** A method's scores over a group of cells. */
export interface ScenarioMethodSummary {
  method: ScenarioMethod;
  /** `all`, or a metric (`share`, `revenue`). */
  group: string;
  n: number;
  coverage50: number;
  coverage90: number;
  /** Mean CRPS (in the outputs' units: do not compare across groups). */
  crps: number;
  pinball: number;
  /** PIT counts in equal bins of [0, 1]. */
  pitHistogram: number[];
  /** Geometric mean over the cells both have of CRPS(model) / CRPS(method); null for the model itself. */
  modelCrpsRatio: number | null;
  /** Reliability: for central bands of nominal level 0.1 ... 0.9, the fraction of cells with |PIT - 1/2| <= level / 2. */
  reliability: Array<{ level: number; observed: number }>;
}

const RELIABILITY_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * Observed coverage of central bands at each nominal level, read from PIT values: a cell is inside the
 * central band of level c when |PIT - 1/2| <= c / 2. Calibrated forecasts give observed = level.
 *
 * @example reliabilityFromPit([0.5, 0.9]) // level 0.1: 0.5, ..., level 0.8: 0.5, level 0.9: 1
 */
export function reliabilityFromPit(pits: readonly number[]): Array<{ level: number; observed: number }> {
  return RELIABILITY_LEVELS.map((level) => ({ level, observed: mean(pits.map((u) => (Math.abs(u - 0.5) <= level / 2 + 1e-12 ? 1 : 0))) }));
}

/** A scenario backtest's outcome: plain data (the CLI's `--format json`). */
export interface ScenarioBacktestResult {
  meta: {
    scenario: string;
    /** The scenario's own (default) as-of date. */
    asOf: string;
    origins: Array<{ origin: string; asOf: string; start: string; cells: number }>;
    skipped: Array<{ origin: string; asOf: string; reason: string }>;
    lagQuarters: number;
    horizon: number;
    paths: number;
    seed: number;
    /** The width factor the scenario was rebuilt with. */
    widen: number;
    /** The location correction the scenario was rebuilt with. */
    lift: number;
    /** Whether only what the scenario's own as-of date allows was scored. */
    inSample: boolean;
    levels: number[];
  };
  cells: ScenarioCellScore[];
  summary: ScenarioMethodSummary[];
}

interface ResolvedActual extends ScenarioActual {
  metric: MetricName;
  providers: string[];
}

function check(issues: InputIssue[]): void {
  if (issues.length > 0) throw new InputError(issues);
}

function resolveActuals(actuals: readonly ScenarioActual[]): ResolvedActual[] {
  const issues: InputIssue[] = [];
  const out: ResolvedActual[] = [];
  actuals.forEach((a, k) => {
    const [metric, provider, ...rest] = a.output.split(":");
    if ((metric !== "share" && metric !== "revenue") || !provider || rest.length > 0) {
      issues.push({ code: "invalid_format", path: ["actuals", k, "output"], message: `expected METRIC:PROVIDER such as share:alibaba, got ${JSON.stringify(a.output)}` });
    } else out.push({ ...a, metric, providers: provider.split("+") });
  });
  check(issues);
  return out;
}

/** The actual's series known at `asOf` as a dense quarterly array ending at its last known quarter (NaN for gaps). */
function knownHistory(a: ResolvedActual, asOf: string): { history: Float64Array; last: number } | null {
  const quarters = [...new Set(a.fixture.rows.map((r) => parseQuarter(r.period)).filter((q): q is number => q !== undefined))].sort((x, y) => x - y);
  const scale = a.scale ?? 1;
  const values = new Map<number, number>();
  for (const q of quarters) {
    const row = fixtureRow(a.fixture, formatQuarter(q), a.query);
    if (row !== undefined && row.value !== null && isKnownBy(row, asOf, a.fixture.fiscalYearEnd)) values.set(q, row.value * scale);
  }
  if (values.size === 0) return null;
  const first = minOf(values.keys());
  const last = maxOf(values.keys());
  const history = new Float64Array(last - first + 1).fill(NaN);
  for (const [q, v] of values) history[q - first] = v;
  return { history, last };
}

/**
 * The actual of a quarter if it exists and was not public at `asOf` (a true out-of-sample target), and (with
 * `cutoff`) was public by `cutoff`.
 */
function laterActual(fixture: Fixture, a: ResolvedActual, period: string, asOf: string, cutoff: string | undefined): number | undefined {
  const row = fixtureRow(fixture, period, a.query);
  if (row === undefined || row.value === null || isKnownBy(row, asOf, fixture.fiscalYearEnd)) return undefined;
  if (cutoff !== undefined && !isKnownBy(row, cutoff, fixture.fiscalYearEnd)) return undefined;
  return row.value * (a.scale ?? 1);
}

function score(base: Omit<ScenarioCellScore, "quantiles" | "crps" | "pinball" | "pit" | "in50" | "in90">, f: Predictive): ScenarioCellScore {
  const q = f.quantiles(SCORED_LEVELS);
  const y = base.actual;
  let pinball = 0;
  SCORED_LEVELS.forEach((tau, k) => (pinball += pinballLoss(y, q[k], tau)));
  return { ...base, quantiles: q, crps: f.crps(y), pinball: pinball / SCORED_LEVELS.length, pit: f.cdf(y), in50: y >= q[1] && y <= q[3], in90: y >= q[0] && y <= q[4] };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

function cellKey(c: ScenarioCellScore): string {
  return `${c.origin}|${c.output}|${c.period}`;
}

/** Summaries per method, over all cells and per metric. */
export function summariseScenarioCells(cells: readonly ScenarioCellScore[], bins: number): ScenarioMethodSummary[] {
  const groups = ["all", ...new Set(cells.map((c) => c.metric))];
  const out: ScenarioMethodSummary[] = [];
  for (const group of groups) {
    const inGroup = cells.filter((c) => group === "all" || c.metric === group);
    const model = new Map(inGroup.filter((c) => c.method === "model").map((c) => [cellKey(c), c.crps]));
    for (const method of SCENARIO_METHODS) {
      const rows = inGroup.filter((c) => c.method === method);
      if (rows.length === 0) continue;
      const logRatios = rows.filter((c) => model.has(cellKey(c)) && c.crps > 0).map((c) => log(model.get(cellKey(c))! / c.crps));
      out.push({
        method,
        group,
        n: rows.length,
        coverage50: mean(rows.map((r) => (r.in50 ? 1 : 0))),
        coverage90: mean(rows.map((r) => (r.in90 ? 1 : 0))),
        crps: mean(rows.map((r) => r.crps)),
        pinball: mean(rows.map((r) => r.pinball)),
        pitHistogram: pitHistogram(rows.map((r) => r.pit), bins),
        modelCrpsRatio: method === "model" || logRatios.length === 0 ? null : exp(mean(logRatios)),
        reliability: reliabilityFromPit(rows.map((r) => r.pit)),
      });
    }
  }
  return out;
}

/**
 * Runs a scenario backtest of `scenario` (defined by `defineScenario(factory, { asOf, actuals })`).
 *
 * @throws InputError naming `scenario` (not a factory, or no `actuals`), an option field, an explicit origin
 *   the scenario cannot be built at, or (rolling) when no origin has a later actual.
 * @example
 * runScenarioBacktest(deutscheBank, { origins: ["2019Q2"] }).summary[0] // { method: "model", group: "all", n: 9, ... }
 */
export function runScenarioBacktest(scenario: unknown, options: ScenarioBacktestOptions = {}): ScenarioBacktestResult {
  return finish(scenarioBacktestSteps(scenario, options));
}

/**
 * {@link runScenarioBacktest}, giving the event loop a turn after each origin (each a scenario built, compiled
 * and run), so that a long backtest still answers Ctrl-C and SIGTERM at once. The same result.
 */
export async function runScenarioBacktestYielding(scenario: unknown, options: ScenarioBacktestOptions = {}): Promise<ScenarioBacktestResult> {
  return finishYielding(scenarioBacktestSteps(scenario, options));
}

/** The work of {@link runScenarioBacktest}, one origin per step. */
function* scenarioBacktestSteps(scenario: unknown, options: ScenarioBacktestOptions): Generator<void, ScenarioBacktestResult, void> {
  const o = completeScenarioBacktestOptions(options);
  const definition = scenarioDefinition(scenario);
  if (definition === undefined) {
    check([{ code: "invalid_type", path: ["scenario"], message: "expected a scenario defined as a factory of its as-of date (defineScenario((asOf, known) => ..., { asOf, actuals })), got a plain scenario" }]);
  }
  const actuals = resolveActuals(definition!.options.actuals ?? []);
  if (actuals.length === 0) check([{ code: "required", path: ["scenario"], message: "expected a scenario that declares `actuals` (the fixture series its outputs are scored against), got none" }]);
  const issues: InputIssue[] = [];
  if (!Number.isInteger(o.lagQuarters) || o.lagQuarters < 0 || o.lagQuarters > 8) issues.push({ code: "out_of_range", path: ["lagQuarters"], message: `expected a whole number from 0 to 8, got ${o.lagQuarters}` });
  if (!Number.isInteger(o.horizon) || o.horizon < 1 || o.horizon > 40) issues.push({ code: "out_of_range", path: ["horizon"], message: `expected a whole number from 1 to 40, got ${o.horizon}` });
  if (!Number.isInteger(o.paths) || o.paths < 100) issues.push({ code: "too_small", path: ["paths"], message: `expected a whole number >= 100, got ${o.paths}` });
  if (parseQuarter(o.firstOrigin) === undefined) issues.push({ code: "invalid_format", path: ["firstOrigin"], message: `expected a quarter such as 2015Q1, got ${JSON.stringify(o.firstOrigin)}` });
  if (o.origins !== "rolling") {
    if (o.origins.length === 0) issues.push({ code: "required", path: ["origins"], message: "expected at least one origin, got none" });
    o.origins.forEach((origin, k) => {
      if (parseQuarter(origin) === undefined) issues.push({ code: "invalid_format", path: ["origins", k], message: `expected a quarter such as 2018Q4, got ${JSON.stringify(origin)}` });
    });
  }
  check(issues);

  const cutoff = o.inSample ? definition!.options.asOf : undefined;
  const lastActual = maxOf(actuals.flatMap((a) => a.fixture.rows.filter((r) => r.value !== null).map((r) => parseQuarter(r.period) ?? -Infinity)));
  const rolling = o.origins === "rolling";
  const origins: number[] = rolling ? [] : (o.origins as string[]).map((t) => parseQuarter(t)!);
  if (rolling) for (let q = parseQuarter(o.firstOrigin)!; q < lastActual; q++) origins.push(q);

  const cells: ScenarioCellScore[] = [];
  const used: ScenarioBacktestResult["meta"]["origins"] = [];
  const skipped: ScenarioBacktestResult["meta"]["skipped"] = [];
  let previous = "";
  for (const [k, originIndex] of origins.entries()) {
    if (k > 0) yield;
    const origin = formatQuarter(originIndex);
    const asOf = quarterEndDate(originIndex + o.lagQuarters);
    if (cutoff !== undefined && asOf > cutoff) continue;
    const skip = (reason: string) => {
      if (!rolling) check([{ code: "invalid_value", path: ["origins", k], message: `expected an origin the scenario can be scored at, got ${origin} (as of ${asOf}): ${reason}` }]);
      skipped.push({ origin, asOf, reason });
    };
    let built;
    let run;
    try {
      built = scenarioAt(scenario, asOf, { widen: o.widen, lift: o.lift });
      const { asOf: _asOf, ...content } = built;
      const text = JSON.stringify(content);
      if (text === previous) {
        skip("the same scenario as the previous origin (nothing new was public)");
        continue;
      }
      previous = text;
      run = prepare(built, { paths: o.paths, seed: o.seed });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      skip(error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      continue;
    }
    // The scores read every path: a run that does not fit in memory stops the backtest (not a skipped origin).
    requireInMemory(run.compiled, run.compiled.settings.paths, DEFAULT_STORE_BUDGET_BYTES, ["paths"], "a backtest");
    const store = runPrepared(run).samples!;
    const g = store.segmentIndex("total");
    const quarters = store.periods.filter((p) => parseQuarter(p) !== undefined);
    const start = parseQuarter(quarters[0])!;
    const before = cells.length;
    actuals.forEach((a, j) => {
      const ks = a.providers.map((id) => store.providerIndex(id));
      if (ks.some((x) => x < 0)) check([{ code: "unknown_reference", path: ["actuals", j, "output"], message: `expected providers of the scenario (${store.providers.join(", ")}), got ${JSON.stringify(a.output)}` }]);
      const known = knownHistory(a, asOf);
      for (const period of quarters) {
        const q = parseQuarter(period)!;
        const horizon = q - start + 1;
        if (horizon > o.horizon) continue;
        const actual = laterActual(a.fixture, a, period, asOf, cutoff);
        if (actual === undefined) continue;
        const p = store.periodIndex(period);
        const truth = ks.length === 1 ? Float64Array.from(store.cell(a.metric, g, ks[0], p)) : store.sum(a.metric, g, ks, p);
        // As the actual's source would report it, when the scenario says how that source errs.
        const seen = a.observation === undefined ? truth : observeSamples(createStream(o.seed, `observation:${a.output}/${origin}/${period}`), truth, a.observation);
        const samples = seen.sort();
        const base = { origin, asOf, output: a.output, metric: a.metric, period, horizon, actual, reportedBy: a.observation?.source ?? null };
        cells.push(score({ ...base, method: "model" }, samplePredictive(samples)));
        if (known === null) continue;
        const steps = q - known.last;
        const last = naiveForecast("naive-last", known.history, steps);
        const drift = naiveForecast("naive-drift", known.history, steps);
        const growth = growthForecast(known.history, steps);
        if (last) cells.push(score({ ...base, method: "naive-last" }, normalPredictive(last)));
        if (drift) cells.push(score({ ...base, method: "naive-drift" }, normalPredictive(drift)));
        if (growth) cells.push(score({ ...base, method: "naive-growth" }, lognormalPredictive(growth)));
      }
    });
    const scored = cells.slice(before).filter((c) => c.method === "model").length;
    if (scored === 0) {
      cells.length = before;
      skip("no output has a later actual within the horizon");
      continue;
    }
    used.push({ origin, asOf, start: quarters[0], cells: scored });
  }
  if (used.length === 0) {
    // The latest origin's reason that is not a repeat (it saw the most): a calibration's widen of 1e308 had
    // said only "19 origins skipped".
    const last = [...skipped].reverse().find((s) => !s.reason.startsWith("the same scenario")) ?? skipped.at(-1);
    const why = last === undefined ? "" : `; ${last.origin}: ${last.reason}`;
    check([{ code: "invalid_value", path: ["origins"], message: `expected an origin with a later actual, got none (${skipped.length} origins skipped${why})` }]);
  }
  return {
    meta: {
      scenario: (scenario as { name?: string }).name ?? "scenario",
      asOf: definition!.options.asOf,
      origins: used,
      skipped,
      lagQuarters: o.lagQuarters,
      horizon: o.horizon,
      paths: o.paths,
      seed: o.seed,
      widen: o.widen ?? definition!.options.widen ?? 1,
      lift: o.lift ?? definition!.options.lift ?? 0,
      inSample: o.inSample,
      levels: [...SCORED_LEVELS],
    },
    cells,
    summary: summariseScenarioCells(cells, o.bins),
  };
}
