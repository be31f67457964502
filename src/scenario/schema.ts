import { z } from "zod";
import { PERIOD_PATTERN, QUARTER_PATTERN } from "../calendar/quarter.ts";
import { modelTable } from "../models/index.ts";
import type { ParamDef } from "../models/modelImpl.ts";
import { distributionIssues } from "../random/distributions.ts";
import type { InputIssue } from "../core/issues.ts";
import { modelParamIssues, paramIssues } from "./paramChecks.ts";
import { curveNames, type CurveName } from "../curves/curve.ts";
import { fittedModelIssues } from "../models/fittedIssues.ts";

type RefineContext = { addIssue(issue: { code: "custom"; message: string; path: Array<string | number>; input: unknown }): void };

/** Reports issues found by a semantic check inside a zod refinement, paths relative to the refined value. */
function report(ctx: RefineContext, issues: readonly InputIssue[], input: unknown): void {
  for (const issue of issues) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path], input });
}

/**
 * The one runtime schema for scenarios, used for TypeScript scenarios (through `defineScenario`) and for
 * YAML/JSON files alike. Structural rules live here; rules that relate fields to each other (ids exist,
 * periods fall inside the calendar, distributions are valid) live in `validate.ts`.
 */

const finite = z.number().finite();
const nonNegative = z.number().finite().min(0);
const quarterLabel = z.string().regex(QUARTER_PATTERN, { error: "expected a quarter such as 2020Q1" });
const periodLabel = z.string().regex(PERIOD_PATTERN, { error: "expected a quarter (2020Q1) or a year (2020)" });
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "expected an id of lower-case letters, digits and '-'" });

// Distributions (shape only; semantic checks such as sd > 0 are in validate.ts through distributionIssues).
const normal = z.strictObject({ dist: z.literal("normal"), mean: finite, sd: finite });
const lognormal = z.strictObject({ dist: z.literal("lognormal"), meanLog: finite, sdLog: finite });
const uniform = z.strictObject({ dist: z.literal("uniform"), min: finite, max: finite });
const triangular = z.strictObject({ dist: z.literal("triangular"), min: finite, mode: finite, max: finite });
const pert = z.strictObject({ dist: z.literal("pert"), min: finite, mode: finite, max: finite, shape: finite.optional() });
const beta = z.strictObject({
  dist: z.literal("beta"),
  alpha: finite,
  beta: finite,
  min: finite.optional(),
  max: finite.optional(),
});
const discrete = z.strictObject({ dist: z.literal("discrete"), values: z.array(finite), weights: z.array(finite).optional() });
const interval90 = z.strictObject({
  dist: z.literal("interval90"),
  low: finite,
  high: finite,
  family: z.enum(["normal", "lognormal"]).optional(),
});

export const distributionSchema = z
  .discriminatedUnion("dist", [normal, lognormal, uniform, triangular, pert, beta, discrete, interval90])
  .superRefine((spec, ctx) => report(ctx, distributionIssues(spec, []), spec));

/** A number, or a distribution sampled once per path. */
export const paramSchema = z.union([finite, distributionSchema]);

const shockSchema = z
  .strictObject({
    /** Standard deviation of the quarterly log shock; the factor is exp(sigma * eps - sigma^2 / 2), mean 1. */
    sigma: paramSchema,
    /** `permanent` (default): shocks compound, a random walk in log revenue. `transient`: each quarter alone. */
    persistence: z.enum(["permanent", "transient"]).optional(),
  })
  .superRefine((shock, ctx) => report(ctx, paramIssues(shock.sigma, "nonNegative", ["sigma"]), shock));

const modelCommon = { shock: shockSchema.optional() };

const constantGrowth = z.strictObject({
  kind: z.literal("constantGrowth"),
  /** Revenue in the base quarter (the quarter before `calendar.start`). */
  start: paramSchema,
  /** Annual growth rate (0.3 = 30% a year); each quarter grows by (1 + growth)^(1/4). */
  growth: paramSchema,
  ...modelCommon,
});

const decayingGrowth = z.strictObject({
  kind: z.literal("decayingGrowth"),
  start: paramSchema,
  /** Annual growth at the base quarter (t = 0); quarter t grows at gInf + (g0 - gInf) 2^(-t / (4 halfLifeYears)). */
  g0: paramSchema,
  /** Long-run annual growth that growth fades toward. */
  gInf: paramSchema,
  /** Years for the gap between growth and gInf to halve. */
  halfLifeYears: paramSchema,
  ...modelCommon,
});

const logistic = z.strictObject({
  kind: z.literal("logistic"),
  /** Quarterly revenue approached in the long run (K). */
  carryingCapacity: paramSchema,
  /** Growth rate r per year. */
  rate: paramSchema,
  /** Years after the base quarter at which revenue is half of the capacity (t0). */
  midpointYears: paramSchema,
  ...modelCommon,
});

const richards = z.strictObject({
  kind: z.literal("richards"),
  carryingCapacity: paramSchema,
  rate: paramSchema,
  midpointYears: paramSchema,
  /** Shape nu > 0; nu = 1 is the logistic. */
  shape: paramSchema,
  ...modelCommon,
});

const gompertz = z.strictObject({
  kind: z.literal("gompertz"),
  carryingCapacity: paramSchema,
  /** Displacement b > 0: revenue at t = 0 is K exp(-b). */
  displacement: paramSchema,
  rate: paramSchema,
  ...modelCommon,
});

const bass = z.strictObject({
  kind: z.literal("bass"),
  /** Eventual number of adopters (m). */
  marketPotential: paramSchema,
  /** Coefficient of innovation p > 0, per year. */
  innovation: paramSchema,
  /** Coefficient of imitation q >= 0, per year. */
  imitation: paramSchema,
  /** Quarterly revenue per adopter (default 1: the curve is revenue itself). */
  revenuePerAdopter: paramSchema.optional(),
  ...modelCommon,
});

const replication = z.strictObject({
  kind: z.literal("replication"),
  /** Pool of cities that could tender a benchmark project (src/models/replication.ts has the formula). */
  cities: paramSchema,
  /** Fraction of the pool aware of the model (0..1): the awareness drag on eventual adoption. */
  awareness: paramSchema,
  /** Bass coefficient of innovation p > 0 per year, at speed 1. */
  innovation: paramSchema,
  /** Bass coefficient of imitation q >= 0 per year, at speed 1. */
  imitation: paramSchema,
  /** Replication speed: the diffusion's clock runs this many times faster (default 1). */
  speed: paramSchema.optional(),
  /** Expected share of each tender's value won (1 / winners when co-built). */
  winShare: paramSchema,
  /** Contract value ~ lognormal(contractMeanLog, contractSdLog), in the scenario's currency unit. */
  contractMeanLog: paramSchema,
  contractSdLog: paramSchema,
  /** Quarters over which a contract's value is recognised, starting the quarter after its award. */
  lifeQuarters: paramSchema,
  /** Contract value signed before the base quarter, recognised over quarters 1..lifeQuarters (default 0). */
  backlog: paramSchema.optional(),
  ...modelCommon,
});

const baseModels = [constantGrowth, decayingGrowth, logistic, richards, gompertz, bass, replication] as const;
type AnyBaseModel = z.output<(typeof baseModels)[number]>;

/** Domain checks of a base model's parameters, from the model table. */
function baseModelIssues(model: AnyBaseModel): InputIssue[] {
  const defs = modelTable[model.kind].params as ReadonlyArray<ParamDef<AnyBaseModel>>;
  return modelParamIssues(model, defs, []);
}

export const baseModelSchema = z
  .discriminatedUnion("kind", [...baseModels])
  .superRefine((model, ctx) => report(ctx, baseModelIssues(model), model));

const driver = z.strictObject({
  kind: z.literal("driver"),
  /** Number of customers each quarter. */
  customers: baseModelSchema,
  /** Quarterly revenue per customer. */
  revenuePerCustomer: baseModelSchema,
});

/**
 * A curve fitted to the provider's history at compile time (see src/models/fitted.ts and
 * docs/fitting-and-benchmarking.md): the points with a value, known by the scenario's `asOf` (without `asOf`:
 * up to the base quarter), t in years from `timeOrigin` (default: the base quarter). Each path draws the
 * curve's parameters from the fit's uncertainty.
 */
const fitted = z
  .strictObject({
    kind: z.literal("fitted"),
    /** The growth curve (DESIGN.md, "Curve parameterisations"). */
    curve: z.enum(curveNames as [CurveName, ...CurveName[]]),
    /** Quarterly values; `value: null` is a gap, skipped (never filled). */
    history: z.array(z.strictObject({ period: quarterLabel, value: finite.nullable(), source: z.string().optional() })).min(1),
    /** `covariance`: N(theta, sigma^2 (J'J)^-1); `bootstrap`: residual-bootstrap refits; `none`: the fitted curve alone. */
    uncertainty: z.enum(["covariance", "bootstrap", "none"]),
    /** Number of bootstrap refits (default 200; `bootstrap` only). */
    bootstrapSamples: z.number().int().min(10).max(10_000).optional(),
    /** The quarter at t = 0 (default: the base quarter, the one before `calendar.start`). */
    timeOrigin: quarterLabel.optional(),
    /** Starting values of the fit by parameter name (default: chosen from the data). */
    start: z.record(z.string(), finite).optional(),
    /** Add the fit's residual noise: a transient lognormal shock with the sd of log(value / fitted). */
    residualNoise: z.boolean().optional(),
    ...modelCommon,
  })
  .superRefine((model, ctx) => report(ctx, fittedModelIssues(model), model));

export const modelSchema = z
  .discriminatedUnion("kind", [...baseModels, driver, fitted])
  .superRefine((model, ctx) => {
    if (model.kind !== "driver" && model.kind !== "fitted") report(ctx, baseModelIssues(model), model);
  });

const segmentModels = z.record(z.string(), modelSchema);

const providerSchema = z.strictObject({
  id,
  name: z.string().min(1).optional(),
  /** A single model, or one model per segment when the scenario has segments. */
  model: z.union([modelSchema, segmentModels]),
  /** A new entrant: no revenue before `quarter`, then a linear ramp over `rampQuarters` (default 1). */
  entry: z.strictObject({ quarter: quarterLabel, rampQuarters: z.number().int().positive().optional() }).optional(),
  /** Currency of this provider's model values when it differs from the scenario's (converted by `exchangeRates`). */
  currency: z.string().min(1).optional(),
  /** Reported history for charts and comparisons: quarterly or annual revenue by period. */
  history: z.array(z.strictObject({ period: periodLabel, revenue: nonNegative, source: z.string().optional() })).optional(),
  /** Where this provider's numbers come from and what they assume. */
  notes: z.string().optional(),
});

const marketSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("sum") }),
  z.strictObject({
    kind: z.literal("exogenous"),
    /** The market total: one model, or one per segment. Named providers beyond it are scaled down. */
    total: z.union([modelSchema, segmentModels]),
    /** Currency of the market model's values when it differs from the scenario's. */
    currency: z.string().min(1).optional(),
  }),
]);

const metric = z.enum(["share", "revenue"]);
const providerRef = z.union([id, z.array(id).min(1)]);
const comparison = z.enum([">=", "<=", ">", "<"]);

const thresholdEvent = z.strictObject({
  kind: z.literal("threshold"),
  metric,
  /** One provider, or several whose metric is summed. */
  provider: providerRef,
  period: periodLabel,
  segment: z.string().optional(),
  op: comparison,
  value: finite,
});

const overtakeEvent = z.strictObject({
  kind: z.literal("overtake"),
  metric,
  provider: id,
  /** The provider to be overtaken. */
  over: id,
  /** Last quarter in which it counts (inclusive). */
  by: quarterLabel,
  segment: z.string().optional(),
});

const rankEvent = z.strictObject({
  kind: z.literal("rank"),
  metric,
  provider: id,
  period: periodLabel,
  segment: z.string().optional(),
  /** The event is rank <= this (1 = the largest). */
  atBest: z.number().int().positive(),
});

const firstPassageEvent = z.strictObject({
  kind: z.literal("firstPassage"),
  metric,
  provider: providerRef,
  op: comparison,
  value: finite,
  /** Last quarter in which it counts (inclusive). */
  by: quarterLabel,
  segment: z.string().optional(),
});

const simpleEvent = z.discriminatedUnion("kind", [thresholdEvent, overtakeEvent, rankEvent, firstPassageEvent]);

const named = { id, description: z.string().optional() };

const eventSchema = z.discriminatedUnion("kind", [
  thresholdEvent.extend(named),
  overtakeEvent.extend(named),
  rankEvent.extend(named),
  firstPassageEvent.extend(named),
  /** All of the listed conditions on the same path. */
  z.strictObject({ kind: z.literal("all"), of: z.array(simpleEvent).min(1), ...named }),
  /** At least one of the listed conditions. */
  z.strictObject({ kind: z.literal("any"), of: z.array(simpleEvent).min(1), ...named }),
]);

const benchmarkSchema = z.strictObject({
  id,
  /** Who published it, and where. */
  source: z.string().min(1),
  /** `forecast` (published projection) or `actual` (reported outcome). */
  type: z.enum(["forecast", "actual"]).optional(),
  metric,
  provider: providerRef,
  period: periodLabel,
  segment: z.string().optional(),
  value: finite,
});

const simulationSchema = z.strictObject({
  paths: z.number().int().positive().max(100_000_000).optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  quantiles: z.array(z.number().gt(0).lt(1)).min(1).optional(),
});

/**
 * Rank correlations between uncertain parameters, named by their keys as compile reports them
 * (`providers.alibaba.model.g0`): a matrix over `parameters`, or a list of `pairs` (unstated pairs uncorrelated).
 */
const correlationsSchema = z
  .strictObject({
    parameters: z.array(z.string().min(1)).min(2).optional(),
    matrix: z.array(z.array(finite)).optional(),
    pairs: z.array(z.strictObject({ between: z.tuple([z.string().min(1), z.string().min(1)]), rho: finite })).min(1).optional(),
    /** A matrix that is not positive semi-definite is an error, or is replaced by the nearest valid one (reported). */
    ifNotPositiveSemidefinite: z.enum(["error", "nearest"]).optional(),
  })
  .superRefine((value, ctx) => {
    const matrix = value.parameters !== undefined || value.matrix !== undefined;
    if (matrix && value.pairs !== undefined) ctx.addIssue({ code: "custom", message: "expected either parameters and matrix, or pairs, got both", path: ["pairs"], input: value });
    else if (!matrix && value.pairs === undefined) ctx.addIssue({ code: "custom", message: "expected parameters and matrix, or pairs, got neither", path: [], input: value });
    else if (matrix && value.parameters === undefined) ctx.addIssue({ code: "custom", message: "expected the list of parameters the matrix is over, got nothing (required)", path: ["parameters"], input: value });
    else if (matrix && value.matrix === undefined) ctx.addIssue({ code: "custom", message: "expected a matrix, got nothing (required)", path: ["matrix"], input: value });
  });

export const scenarioSchema = z.strictObject({
  name: id,
  title: z.string().optional(),
  /** The question the scenario answers. */
  question: z.string().optional(),
  /** The date the scenario's knowledge stops (YYYY-MM-DD). */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date such as 2019-12-31" }).optional(),
  calendar: z.strictObject({ start: quarterLabel, end: quarterLabel }),
  currency: z.string().min(1).optional(),
  /**
   * Units of the scenario's currency per unit of another currency, for providers (or a market) whose
   * `currency` differs: a constant, a distribution drawn once per path, or `{ series: { "2020Q1": ..., "2021": ... } }`
   * by quarter or year (a quarter's own entry wins).
   */
  exchangeRates: z.record(z.string(), z.union([paramSchema, z.strictObject({ series: z.record(z.string(), z.number().finite()) })])).optional(),
  unit: z.string().min(1).optional(),
  segments: z.array(id).min(1).optional(),
  market: marketSchema.optional(),
  providers: z.array(providerSchema).min(1),
  events: z.array(eventSchema).optional(),
  benchmarks: z.array(benchmarkSchema).optional(),
  simulation: simulationSchema.optional(),
  correlations: correlationsSchema.optional(),
  sources: z.array(z.string()).optional(),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Provider = Scenario["providers"][number];
export type Model = z.output<typeof modelSchema>;
export type BaseModel = z.output<typeof baseModelSchema>;
export type ModelKind = Model["kind"];
export type BaseModelKind = BaseModel["kind"];
export type EventSpec = NonNullable<Scenario["events"]>[number];
export type SimpleEventSpec = z.output<typeof simpleEvent>;
export type BenchmarkSpec = NonNullable<Scenario["benchmarks"]>[number];
export type Metric = z.output<typeof metric>;
export type Comparison = z.output<typeof comparison>;
export type MarketSpec = NonNullable<Scenario["market"]>;
export type FittedModel = Extract<Model, { kind: "fitted" }>;
export type CorrelationsSpec = NonNullable<Scenario["correlations"]>;
