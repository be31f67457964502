import { z } from "zod";
import { isDay } from "../calendar/date.ts";
import { ISSUE_CODE_PARAM } from "../core/issues.ts";
import { periodLabelSchema as periodLabel, quarterLabelSchema as quarterLabel } from "../calendar/periodLabels.ts";
import { factorSchema } from "../models/factor.ts";
import { observationSchema } from "../models/observation.ts";
import { competitionSchemas, modelSchema, type regimesSchema } from "../models/modelSchema.ts";
import { paramSchema } from "../random/paramSchema.ts";
import { conditionSchema } from "./conditionSchema.ts";
import { outputsSchema, providerFiscalYearSchema } from "./outputsSchema.ts";
import { historyPeriodCheck } from "./fiscalHistory.ts";
import { quantileRepeat } from "../samples/summaries.ts";

/**
 * The one runtime schema for scenarios, used for TypeScript scenarios (through `defineScenario`) and for
 * YAML/JSON files alike. Structural rules live here and in the schemas of the model kinds
 * (models/modelTable.ts) and distribution families (random/familyTable.ts); rules that relate fields to each
 * other (ids exist, periods fall inside the calendar, ...) live in `validate.ts`.
 */

const finite = z.number().finite();
const nonNegative = z.number().finite().min(0);
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "expected an id of lower-case letters, digits and '-'" });

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
  /** The provider's fiscal year, when it is not the calendar year (for `outputs.fiscalYears` and fiscal history labels). */
  fiscalYear: providerFiscalYearSchema.optional(),
  /** Reported history for charts and comparisons: quarterly or annual revenue by period (fiscal periods mapped by `fiscalYear`, scenario/fiscalHistory.ts). */
  history: z.array(z.strictObject({ period: z.string(), revenue: nonNegative, source: z.string().optional() })).optional(),
  /** Where this provider's numbers come from and what they assume. */
  notes: z.string().optional(),
}).superRefine(historyPeriodCheck);

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

const named = {
  id,
  description: z.string().optional(),
  /** A source declared in `observations`: the event is asked of its figures as that source would report them. */
  reportedBy: id.optional(),
};

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

/** A benchmark; provenance beyond `source` (`asOf`, `note`) is split off before it (scenario/provenance.ts). */
export const benchmarkSchema = z.strictObject({
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
  /** The source of the published value, declared in `observations`: compared with the cell as that source would report it. */
  reportedBy: id.optional(),
});

export const simulationSchema = z.strictObject({
  paths: z.number().int().positive().max(100_000_000).optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  quantiles: z
    .array(z.number().gt(0).lt(1))
    .min(1)
    .superRefine((list, ctx) => {
      list.forEach((q, k) => {
        const repeat = quantileRepeat(list, k);
        if (repeat) ctx.addIssue({ code: "custom", path: [k], input: q, message: repeat });
      });
    })
    .optional(),
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
    if (matrix && value.pairs !== undefined) ctx.addIssue({ code: "custom", message: "expected either parameters and matrix, or pairs, got both", path: ["pairs"], input: value, params: { [ISSUE_CODE_PARAM]: "conflict" } });
    else if (!matrix && value.pairs === undefined) ctx.addIssue({ code: "custom", message: "expected parameters and matrix, or pairs, got neither", path: [], input: value, params: { [ISSUE_CODE_PARAM]: "required" } });
    else if (matrix && value.parameters === undefined) ctx.addIssue({ code: "custom", message: "expected the list of parameters the matrix is over, got nothing (required)", path: ["parameters"], input: value, params: { [ISSUE_CODE_PARAM]: "required" } });
    else if (matrix && value.matrix === undefined) ctx.addIssue({ code: "custom", message: "expected a matrix, got nothing (required)", path: ["matrix"], input: value, params: { [ISSUE_CODE_PARAM]: "required" } });
  });

export const scenarioSchema = z.strictObject({
  name: id,
  title: z.string().optional(),
  /** The question the scenario answers. */
  question: z.string().optional(),
  /** The date the scenario's knowledge stops (YYYY-MM-DD). */
  asOf: z.string().refine(isDay, { error: (issue) => `expected a calendar date such as 2019-12-31, got ${JSON.stringify(issue.input)}` }).optional(),
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
  /** Market (demand) factors that models' shocks load on (`shock.loadings`); see docs/uncertainty.md. */
  factors: z.array(factorSchema).optional(),
  /** Competition groups by id: providers whose models name a group are simulated together (docs/competition.md). */
  competition: z.record(id, competitionSchemas.group).optional(),
  sources: z.array(z.string()).optional(),
  /** Actuals published after the base quarter that the paths are conditioned on (scenario/conditionSchema.ts). */
  condition: conditionSchema.optional(),
  /** Sources' measurement error by source id (models/observation.ts): what `reportedBy` names. */
  observations: z.record(id, observationSchema).optional(),
  /** Extra outputs: fiscal years, constant currency (scenario/outputsSchema.ts). */
  outputs: outputsSchema.optional(),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Provider = Scenario["providers"][number];
export type Model = z.output<typeof modelSchema>;
export type { BaseModel, BaseModelKind } from "../models/modelTable.ts";
export type ModelKind = Model["kind"];
export type EventSpec = NonNullable<Scenario["events"]>[number];
export type SimpleEventSpec = z.output<typeof simpleEvent>;
export type BenchmarkSpec = NonNullable<Scenario["benchmarks"]>[number];
export type Metric = z.output<typeof metric>;
export type Comparison = z.output<typeof comparison>;
export type MarketSpec = NonNullable<Scenario["market"]>;
export type { FittedModel } from "../models/fittedSchema.ts";
export type RegimesModel = z.output<typeof regimesSchema>;
export type { FactorSpec } from "../models/factor.ts";
export type { ShockSpec } from "../models/shock.ts";
export type { MemberModel } from "../models/modelSchema.ts";
export type CorrelationsSpec = NonNullable<Scenario["correlations"]>;
