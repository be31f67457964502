import { z } from "zod";
import { modelTable } from "../models/index.ts";
import type { ParamDef } from "../models/modelImpl.ts";
import { distributionIssues } from "../random/distributions.ts";
import type { InputIssue } from "./issues.ts";
import { modelParamIssues, paramIssues } from "./paramChecks.ts";

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
const positive = z.number().finite().positive();
const nonNegative = z.number().finite().min(0);
const quarterLabel = z.string().regex(/^\d{4}Q[1-4]$/, { error: "expected a quarter such as 2020Q1" });
const periodLabel = z.string().regex(/^\d{4}(Q[1-4])?$/, { error: "expected a quarter (2020Q1) or a year (2020)" });
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
  /** Annual growth in the first simulated quarter. */
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

const baseModels = [constantGrowth, decayingGrowth, logistic, richards, gompertz, bass] as const;
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

export const modelSchema = z
  .discriminatedUnion("kind", [...baseModels, driver])
  .superRefine((model, ctx) => {
    if (model.kind !== "driver") report(ctx, baseModelIssues(model), model);
  });

const segmentModels = z.record(z.string(), modelSchema);

const providerSchema = z.strictObject({
  id,
  name: z.string().min(1).optional(),
  /** A single model, or one model per segment when the scenario has segments. */
  model: z.union([modelSchema, segmentModels]),
  /** A new entrant: no revenue before `quarter`, then a linear ramp over `rampQuarters` (default 1). */
  entry: z.strictObject({ quarter: quarterLabel, rampQuarters: z.number().int().positive().optional() }).optional(),
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

export const scenarioSchema = z.strictObject({
  name: id,
  title: z.string().optional(),
  /** The question the scenario answers. */
  question: z.string().optional(),
  /** The date the scenario's knowledge stops (YYYY-MM-DD). */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date such as 2019-12-31" }).optional(),
  calendar: z.strictObject({ start: quarterLabel, end: quarterLabel }),
  currency: z.string().min(1).optional(),
  unit: z.string().min(1).optional(),
  segments: z.array(id).min(1).optional(),
  market: marketSchema.optional(),
  providers: z.array(providerSchema).min(1),
  events: z.array(eventSchema).optional(),
  benchmarks: z.array(benchmarkSchema).optional(),
  simulation: simulationSchema.optional(),
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
