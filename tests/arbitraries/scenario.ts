// fast-check arbitraries for whole, valid scenarios (ScenarioInput), shared by the property tests.
//
// Every generated scenario must pass `validateScenario`; tests/properties/arbitrary.test.ts asserts it.
// Parameters are constants or any distribution kind, with wide ranges that stay inside each parameter's
// domain (src/models/kinds/*.ts `params`): `positive` and `nonNegative` parameters only get constants and
// distributions whose support starts above (or at) zero.
import fc from "fast-check";
import { formatQuarter } from "../../src/calendar/quarter.ts";
import type { Domain } from "../../src/random/paramDomain.ts";
import type { DistributionSpec, Param } from "../../src/random/spec.ts";
import type { BaseModelInput } from "../../src/models/modelTable.ts";
import { competitionArb, withCompetition, type CompetitionTools } from "./competition.ts";
import { benchmarksArb, eventsArb } from "./events.ts";

export { COMPETITION_KINDS } from "./competition.ts";
import type { ScenarioInput } from "../../src/scenario/schema.ts";

type Input = ScenarioInput;
type ModelInput = Input["providers"][number]["model"];

/** Drops keys whose value is undefined, so optional fields are absent rather than undefined. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const number = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

/** Two distinct numbers in [min, max], ascending. */
const ordered = (min: number, max: number) =>
  fc
    .tuple(number(min, max), number(min, max))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => (a < b ? ([a, b] as const) : ([b, a] as const)));

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Where a parameter's typical values lie; `domain` decides which distributions are allowed. */
export interface ParamRange {
  min: number;
  max: number;
  domain: Domain;
}

/**
 * A distribution whose support lies inside the domain, centred on [min, max]. For `positive` the lower
 * end of the support must be > 0, which excludes normal, lognormal and interval90 (support starts at 0
 * or -Infinity) and beta on its default [0, 1]; `probability` ([0, 1]) takes only bounded supports.
 */
export function distributionArb({ min, max, domain }: ParamRange): fc.Arbitrary<DistributionSpec> {
  const lo = domain === "positive" || domain === "seats" ? Math.max(min, 1e-9) : min;
  const width = max - lo;
  const options: Array<fc.Arbitrary<DistributionSpec>> = [
    ordered(lo, max).map(([a, b]) => ({ dist: "uniform", min: a, max: b })),
    fc.tuple(ordered(lo, max), fc.double({ min: 0, max: 1, noNaN: true })).map(([[a, b], u]) => ({
      dist: "triangular",
      min: a,
      mode: clamp(a + u * (b - a), a, b),
      max: b,
    })),
    fc
      .tuple(ordered(lo, max), fc.double({ min: 0, max: 1, noNaN: true }), fc.option(number(0.5, 10), { nil: undefined }))
      .map(([[a, b], u, shape]) => compact({ dist: "pert", min: a, mode: clamp(a + u * (b - a), a, b), max: b, shape }) as DistributionSpec),
    fc.tuple(number(0.2, 10), number(0.2, 10), ordered(lo, max)).map(([alpha, beta, [a, b]]) => ({ dist: "beta", alpha, beta, min: a, max: b })),
    fc
      .tuple(fc.array(number(lo, max), { minLength: 1, maxLength: 5 }), fc.boolean(), fc.array(number(0, 5), { minLength: 5, maxLength: 5 }))
      .map(([values, weighted, w]) => {
        const weights = w.slice(0, values.length);
        if (!weighted || !weights.some((x) => x > 0)) return { dist: "discrete", values };
        return { dist: "discrete", values, weights };
      }),
  ];
  if (domain === "probability" || domain === "nonNegative" || domain === "any") {
    if (lo <= 0 && max >= 1) options.push(fc.tuple(number(0.2, 10), number(0.2, 10)).map(([alpha, beta]) => ({ dist: "beta", alpha, beta })));
  }
  if (domain === "nonNegative" || domain === "any") {
    // Supports [0, Infinity) (lognormal, lognormal interval) suit nonNegative and any.
    const logLo = Math.log(Math.max(lo, 1e-6));
    const logHi = Math.log(Math.max(max, 2e-6));
    options.push(
      fc.tuple(number(logLo, logHi), number(0.01, 1)).map(([meanLog, sdLog]) => ({ dist: "lognormal", meanLog, sdLog })),
      ordered(Math.max(lo, 1e-6), Math.max(max, 2e-6)).map(([a, b]) => ({ dist: "interval90", low: a, high: b, family: "lognormal" })),
    );
  }
  if (domain === "any") {
    options.push(
      fc.tuple(number(lo, max), number(width * 1e-3, width / 2)).map(([mean, sd]) => ({ dist: "normal", mean, sd })),
      fc.tuple(ordered(lo, max), fc.boolean()).map(([[a, b], explicit]) =>
        explicit ? { dist: "interval90", low: a, high: b, family: "normal" } : { dist: "interval90", low: a, high: b },
      ),
    );
  }
  return fc.oneof(...options);
}

/** A constant (half the time) or a distribution. */
export function paramArb(range: ParamRange): fc.Arbitrary<Param> {
  const lo = range.domain === "positive" || range.domain === "seats" ? Math.max(range.min, Number.MIN_VALUE) : range.min;
  return fc.oneof({ weight: 1, arbitrary: number(lo, range.max) }, { weight: 1, arbitrary: distributionArb(range) });
}

/** Parameter ranges per model field: wide, but inside each field's domain. */
export const RANGES = {
  start: { min: 0, max: 1e4, domain: "level" },
  growth: { min: -0.9, max: 5, domain: "growth" },
  g0: { min: -0.9, max: 5, domain: "growth" },
  gInf: { min: -0.9, max: 2, domain: "growth" },
  halfLifeYears: { min: 0.05, max: 20, domain: "positive" },
  carryingCapacity: { min: 1e-3, max: 1e4, domain: "positive" },
  rate: { min: 0.01, max: 5, domain: "positive" },
  midpointYears: { min: -10, max: 20, domain: "any" },
  shape: { min: 0.05, max: 10, domain: "positive" },
  displacement: { min: 0.01, max: 20, domain: "positive" },
  marketPotential: { min: 1, max: 1e5, domain: "positive" },
  innovation: { min: 1e-4, max: 1, domain: "positive" },
  imitation: { min: 0, max: 2, domain: "nonNegative" },
  revenuePerAdopter: { min: 0, max: 10, domain: "level" },
  sigma: { min: 0, max: 0.5, domain: "nonNegative" },
  // replication (src/models/kinds/replication.ts); innovation and imitation as for Bass.
  cities: { min: 0, max: 500, domain: "nonNegative" },
  awareness: { min: 0, max: 1, domain: "probability" },
  speed: { min: 0.1, max: 5, domain: "positive" },
  winShare: { min: 0, max: 1, domain: "probability" },
  contractMeanLog: { min: -5, max: 10, domain: "any" },
  contractSdLog: { min: 0, max: 2, domain: "nonNegative" },
  lifeQuarters: { min: 0.5, max: 40, domain: "positive" },
  backlog: { min: 0, max: 1e4, domain: "nonNegative" },
  // competition groups and members (src/models/competition/*.ts).
  churn: { min: 0, max: 1, domain: "probability" },
  memberStart: { min: 0, max: 1e4, domain: "nonNegative" },
  adopters: { min: 0, max: 1e5, domain: "nonNegative" },
  coWinners: { min: 0.5, max: 5, domain: "seats" },
  tenderCities: { min: 0, max: 500, domain: "cities" },
  outside: { min: 0, max: 5, domain: "nonNegative" },
  referenceWeight: { min: 0, max: 1, domain: "nonNegative" },
  references: { min: 0, max: 50, domain: "nonNegative" },
} as const satisfies Record<string, ParamRange>;

const p = (name: keyof typeof RANGES) => paramArb(RANGES[name]);

/** The market factors every generated scenario declares (so any model may load on them). */
export const FACTOR_IDS = ["demand", "cycle"] as const;
/** Largest factor sigma the arbitrary declares; a loaded shock's sigma covers it on every path. */
const MAX_FACTOR_SIGMA = 0.3;

const persistenceArb = fc.constantFrom(undefined, "permanent" as const, "transient" as const);

/**
 * A shock with structure: loadings on the declared factors, Student-t tails (df > 2) and jumps (any size
 * distribution). Its sigma covers the factor part for any declared factor sigmas:
 * sigma >= sqrt(sum loading^2) x MAX_FACTOR_SIGMA, as a constant or a uniform above that.
 */
const structuredShockArb = fc
  .record({
    loadings: fc.option(fc.subarray([...FACTOR_IDS], { minLength: 1 }).chain((ids) => fc.tuple(...ids.map(() => number(-1.5, 1.5))).map((ls) => Object.fromEntries(ids.map((id, k) => [id, ls[k]])))), { nil: undefined }),
    extra: number(0, 0.3),
    width: fc.option(number(1e-3, 0.3), { nil: undefined }),
    tails: fc.option(number(2.05, 30), { nil: undefined }),
    jumps: fc.option(fc.record({ rate: number(0, 2), size: paramArb({ min: -0.7, max: 0.5, domain: "any" }) }), { nil: undefined }),
    persistence: persistenceArb,
  })
  .map(({ loadings, extra, width, tails, jumps, persistence }) => {
    let sumSquares = 0;
    for (const l of Object.values(loadings ?? {})) sumSquares += l * l;
    const low = Math.sqrt(sumSquares) * MAX_FACTOR_SIGMA + extra;
    const sigma = width === undefined ? low : { dist: "uniform" as const, min: low, max: low + width };
    return compact({ sigma, persistence, loadings, dist: tails === undefined ? undefined : ("t" as const), df: tails, jumps });
  });

const shockArb = fc.option(
  fc.oneof(
    { weight: 2, arbitrary: fc.tuple(p("sigma"), persistenceArb).map(([sigma, persistence]) => compact({ sigma, persistence })) },
    { weight: 1, arbitrary: structuredShockArb },
  ),
  { nil: undefined, freq: 2 },
);

/** The scenario's market factors: both ids, sigma in [0, MAX_FACTOR_SIGMA], optionally AR(1). */
const factorsArb = fc.tuple(...FACTOR_IDS.map((id) => fc.record({ sigma: number(0, MAX_FACTOR_SIGMA), ar: fc.option(number(-0.95, 0.95), { nil: undefined }) }).map((f) => compact({ id, ...f }))));

/** Options for the model arbitraries. */
export interface ModelOptions {
  /** Only constant parameters (so a test can compute the model's values by hand). */
  constantsOnly?: boolean;
  /** No per-quarter shocks. */
  noShock?: boolean;
}

function field(name: keyof typeof RANGES, options: ModelOptions): fc.Arbitrary<Param> {
  if (!options.constantsOnly) return p(name);
  const r = RANGES[name];
  return number(r.domain === "positive" || r.domain === "seats" ? Math.max(r.min, Number.MIN_VALUE) : r.min, r.max);
}

/** What the competition arbitraries (tests/arbitraries/competition.ts) draw with. */
const TOOLS: CompetitionTools = { field: (name) => field(name, {}), param: p, baseModel: () => baseModelArb({}), number };

/** The base model kinds the arbitrary generates (a test checks this covers src/models' table). */
export const BASE_KINDS = ["constantGrowth", "decayingGrowth", "logistic", "richards", "gompertz", "bass", "replication"] as const;

/** Any base model kind, with an optional shock. */
export function baseModelArb(options: ModelOptions = {}): fc.Arbitrary<BaseModelInput> {
  const f = (name: keyof typeof RANGES) => field(name, options);
  const shock = options.noShock ? fc.constant(undefined) : shockArb;
  const models = [
    fc.record({ start: f("start"), growth: f("growth"), shock }).map((m) => compact({ kind: "constantGrowth" as const, ...m })),
    fc
      .record({ start: f("start"), g0: f("g0"), gInf: f("gInf"), halfLifeYears: f("halfLifeYears"), shock })
      .map((m) => compact({ kind: "decayingGrowth" as const, ...m })),
    fc
      .record({ carryingCapacity: f("carryingCapacity"), rate: f("rate"), midpointYears: f("midpointYears"), shock })
      .map((m) => compact({ kind: "logistic" as const, ...m })),
    fc
      .record({ carryingCapacity: f("carryingCapacity"), rate: f("rate"), midpointYears: f("midpointYears"), shape: f("shape"), shock })
      .map((m) => compact({ kind: "richards" as const, ...m })),
    fc
      .record({ carryingCapacity: f("carryingCapacity"), displacement: f("displacement"), rate: f("rate"), shock })
      .map((m) => compact({ kind: "gompertz" as const, ...m })),
    fc
      .record({
        marketPotential: f("marketPotential"),
        innovation: f("innovation"),
        imitation: f("imitation"),
        revenuePerAdopter: fc.option(f("revenuePerAdopter"), { nil: undefined }),
        shock,
      })
      .map((m) => compact({ kind: "bass" as const, ...m })),
    fc
      .record({
        cities: f("cities"),
        awareness: f("awareness"),
        innovation: f("innovation"),
        imitation: f("imitation"),
        speed: fc.option(f("speed"), { nil: undefined }),
        winShare: f("winShare"),
        contractMeanLog: f("contractMeanLog"),
        contractSdLog: f("contractSdLog"),
        lifeQuarters: f("lifeQuarters"),
        backlog: fc.option(f("backlog"), { nil: undefined }),
        shock,
      })
      .map((m) => compact({ kind: "replication" as const, ...m })),
  ];
  return fc.oneof(...models) as never;
}

const modelCache = new Map<string, fc.Arbitrary<ModelInput>>();

/** Any model: a base model (6 in 7) or the driver model. Built once per option set (building is slow). */
export function modelArb(options: ModelOptions = {}): fc.Arbitrary<ModelInput> {
  const key = `${options.constantsOnly === true}/${options.noShock === true}`;
  const cached = modelCache.get(key);
  if (cached) return cached;
  const built = buildModelArb(options);
  modelCache.set(key, built);
  return built;
}

/** Markov-switching growth: 2-3 states (base models without shocks), random transition rows, an optional start. */
function regimesArb(options: ModelOptions): fc.Arbitrary<ModelInput> {
  const row = (n: number) =>
    fc.array(number(0, 1), { minLength: n, maxLength: n }).map((w) => {
      const sum = w.reduce((a, b) => a + b, 0);
      return sum > 0 ? w.map((x) => x / sum) : w.map((_, k) => (k === 0 ? 1 : 0));
    });
  return fc.integer({ min: 2, max: 3 }).chain((n) =>
    fc
      .record({
        states: fc.tuple(...Array.from({ length: n }, () => baseModelArb({ ...options, noShock: true }))),
        transition: fc.tuple(...Array.from({ length: n }, () => row(n))),
        start: fc.option(row(n), { nil: undefined }),
        shock: options.noShock ? fc.constant(undefined) : shockArb,
      })
      .map(({ states, transition, start, shock }) =>
        compact({ kind: "regimes" as const, states: states.map((model, k) => ({ id: `s${k}`, model })), transition, start, shock }) as unknown as ModelInput,
      ),
  );
}

function buildModelArb(options: ModelOptions): fc.Arbitrary<ModelInput> {
  const driver = fc
    .tuple(baseModelArb(options), baseModelArb(options))
    .map(([customers, revenuePerCustomer]) => ({ kind: "driver" as const, customers, revenuePerCustomer }));
  const models = [
    { weight: 6, arbitrary: baseModelArb(options) as fc.Arbitrary<ModelInput> },
    { weight: 1, arbitrary: driver as fc.Arbitrary<ModelInput> },
  ];
  // Regime switching needs random draws, so only where models may be random.
  if (!options.constantsOnly && !options.noShock) models.push({ weight: 1, arbitrary: regimesArb(options) });
  return fc.oneof(...models);
}

/** A single model, or (with segments) models for a non-empty subset of the segments. */
function slotArb(segments: readonly string[] | undefined, options: ModelOptions, allSegments = false): fc.Arbitrary<ModelInput> {
  if (!segments) return modelArb(options);
  const chosen = allSegments ? fc.constant([...segments]) : fc.subarray([...segments], { minLength: 1 });
  return chosen.chain((names) => fc.tuple(...names.map(() => modelArb(options))).map((models) => Object.fromEntries(names.map((n, k) => [n, models[k]])) as ModelInput));
}

/** The calendar's simulated quarters and the years it covers completely. */
export interface CalendarInfo {
  start: number;
  quarters: number;
  quarterLabels: string[];
  yearLabels: string[];
}

export function calendarInfo(start: number, quarters: number): CalendarInfo {
  const quarterLabels: string[] = [];
  const yearLabels: string[] = [];
  for (let q = start; q < start + quarters; q++) {
    quarterLabels.push(formatQuarter(q));
    if (q % 4 === 0 && q + 3 < start + quarters) yearLabels.push(String(q / 4));
  }
  return { start, quarters, quarterLabels, yearLabels };
}

// Names are data: ids spelled like Object members (and a segment named like a model's tag) are ids like any other.
const SEGMENT_POOL = ["government", "finance", "internet", "sme", "constructor", "valueof", "kind"] as const;
const PROVIDER_POOL = ["alibaba", "tencent", "huawei", "baidu", "aws", "kingsoft-2", "x9", "others", "constructor", "prototype", "hasownproperty", "tostring"] as const;

/** Options of the scenario arbitrary. */
export interface ScenarioOptions {
  /** Largest number of simulated quarters (default 40). */
  maxQuarters?: number;
  /** Largest number of providers (default 8). */
  maxProviders?: number;
  /** Force the market kind. */
  market?: "none" | "sum" | "exogenous";
  /** Exogenous market totals with constant parameters and no shock, on every segment (so tests can compute them). */
  plainMarket?: boolean;
  /** Provider models with constant parameters and no shock (so tests can compute them); no competition groups. */
  plainProviders?: boolean;
  /** No competition group (for tests that replace a provider's model). */
  noCompetition?: boolean;
}

interface Skeleton {
  info: CalendarInfo;
  segments: string[] | undefined;
  ids: string[];
  market: "none" | "sum" | "exogenous";
}

function skeletonArb(options: ScenarioOptions): fc.Arbitrary<Skeleton> {
  const maxQuarters = options.maxQuarters ?? 40;
  const maxProviders = options.maxProviders ?? 8;
  return fc
    .record({
      start: fc.integer({ min: 2000 * 4, max: 2030 * 4 + 3 }),
      quarters: fc.integer({ min: 1, max: maxQuarters }),
      segments: fc.option(fc.uniqueArray(fc.constantFrom(...SEGMENT_POOL), { minLength: 1, maxLength: 3 }), { nil: undefined }),
      ids: fc.uniqueArray(fc.constantFrom(...PROVIDER_POOL), { minLength: 1, maxLength: maxProviders }),
      market: options.market ? fc.constant(options.market) : fc.constantFrom("none" as const, "sum" as const, "exogenous" as const),
    })
    .map(({ start, quarters, segments, ids, market }) => {
      let named = ids;
      if (market === "exogenous") {
        // `others` is computed in an exogenous market and may not be declared.
        named = ids.filter((id) => id !== "others");
        if (named.length === 0) named = ["alibaba"];
      }
      return { info: calendarInfo(start, quarters), segments, ids: named, market };
    });
}

function entryArb(info: CalendarInfo) {
  return fc.option(
    fc
      .record({ quarter: fc.constantFrom(...info.quarterLabels), rampQuarters: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }) })
      .map((e) => compact(e)),
    { nil: undefined, freq: 3 },
  );
}

/**
 * Whole valid scenarios: 1-8 providers, optional segments (1-3) with per-segment models (providers may be
 * absent from some segments), no market / sum / exogenous markets, entrants with ramps, every model kind,
 * parameters as constants or distributions, calendars of 1-40 quarters, events of every kind, benchmarks; shocks
 * plain or with factor loadings, Student-t tails and jumps, regime-switching models, and two market factors;
 * a third of them (unless `plainProviders`) with a competition group of any kind over some providers in one segment.
 */
export function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Input> {
  return skeletonArb(options).chain((s) => {
    const providers = fc.tuple(
      ...s.ids.map((id) =>
        fc.record({ model: slotArb(s.segments, options.plainProviders ? { constantsOnly: true, noShock: true } : {}), entry: entryArb(s.info), named: fc.boolean() }).map(({ model, entry, named }) =>
          compact({ id, name: named ? id.toUpperCase() : undefined, model, entry }),
        ),
      ),
    );
    const marketOptions: ModelOptions = options.plainMarket ? { constantsOnly: true, noShock: true } : {};
    const market =
      s.market === "none"
        ? fc.constant(undefined)
        : s.market === "sum"
          ? fc.constant({ kind: "sum" as const })
          : // An exogenous market gives a total for every segment (validation requires it).
            slotArb(s.segments, marketOptions, true).map((total) => ({ kind: "exogenous" as const, total }));
    const scenario = fc.record({ providers, market, events: eventsArb(s), benchmarks: benchmarksArb(s), factors: factorsArb }).map(({ providers, market, events, benchmarks, factors }) =>
      compact({
        name: "generated",
        factors,
        calendar: { start: s.info.quarterLabels[0], end: s.info.quarterLabels[s.info.quarters - 1] },
        segments: s.segments,
        market,
        providers: providers as Input["providers"],
        events,
        benchmarks,
      }) as Input,
    );
    // Competition groups are drawn after the rest, so the scenarios drawn before them stay as they were.
    if (options.plainProviders || options.noCompetition) return scenario;
    return scenario.chain((input) => competitionArb(s, TOOLS).map((competition) => withCompetition(input, competition)));
  });
}
