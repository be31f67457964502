import { z } from "zod";
import { quarterLabelSchema } from "../calendar/periodLabels.ts";
import { curveImpl } from "../curves/curves.ts";
import { curveNames, curveParameterNames, inBound, type CurveName } from "../curves/curve.ts";
import { describeValue, type InputIssue } from "../core/issues.ts";
import { reportIssues } from "../random/reportIssues.ts";
import { modelCommon } from "./shock.ts";

const finite = z.number().finite();

const fields = z.strictObject({
  kind: z.literal("fitted"),
  /** The growth curve (DESIGN.md, "Curve parameterisations"). */
  curve: z.enum(curveNames as [CurveName, ...CurveName[]]),
  /** Quarterly values; `value: null` is a gap, skipped (never filled). */
  history: z.array(z.strictObject({ period: quarterLabelSchema, value: finite.nullable(), source: z.string().optional() })).min(1),
  /** `covariance`: N(theta, sigma^2 (J'J)^-1); `bootstrap`: residual-bootstrap refits; `none`: the fitted curve alone. */
  uncertainty: z.enum(["covariance", "bootstrap", "none"]),
  /** Number of bootstrap refits (default 200; `bootstrap` only). */
  bootstrapSamples: z.number().int().min(10).max(10_000).optional(),
  /** The quarter at t = 0 (default: the base quarter, the one before `calendar.start`). */
  timeOrigin: quarterLabelSchema.optional(),
  /** Starting values of the fit by parameter name (default: chosen from the data). */
  start: z.record(z.string(), finite).optional(),
  /** Add the fit's residual noise: a transient lognormal shock with the sd of log(value / fitted). */
  residualNoise: z.boolean().optional(),
  ...modelCommon,
});

/** A fitted model as the schema outputs it. */
export type FittedModel = z.output<typeof fields>;

/**
 * Local checks of a fitted model, paths relative to the model: `start` names only the curve's parameters,
 * within their bounds; no history period twice; `bootstrapSamples` only with `uncertainty: bootstrap`;
 * `residualNoise` and `shock` not both. Whether the history can be fitted is known only at compile time
 * (it depends on the scenario's as-of date).
 */
export function fittedModelIssues(model: FittedModel): InputIssue[] {
  const issues: InputIssue[] = [];
  const names = curveParameterNames[model.curve] as readonly string[];
  const bounds = curveImpl(model.curve).bounds;
  for (const [name, value] of Object.entries(model.start ?? {})) {
    const j = names.indexOf(name);
    if (j < 0) issues.push({ code: "unknown_reference", path: ["start", name], message: `expected a parameter of ${model.curve} (${names.join(", ")}), got ${describeValue(name)}` });
    else if (!inBound(value, bounds[j])) issues.push({ code: "out_of_range", path: ["start", name], message: `expected a value inside the bounds of ${name}, got ${value}` });
  }
  const seen = new Map<string, number>();
  model.history.forEach((point, i) => {
    const first = seen.get(point.period);
    if (first !== undefined) issues.push({ code: "duplicate", path: ["history", i, "period"], message: `expected each quarter once, got ${point.period} again (also at history[${first}])` });
    else seen.set(point.period, i);
  });
  if (model.bootstrapSamples !== undefined && model.uncertainty !== "bootstrap") {
    issues.push({ code: "conflict", path: ["bootstrapSamples"], message: `expected no bootstrapSamples with uncertainty ${JSON.stringify(model.uncertainty)}, got ${model.bootstrapSamples}` });
  }
  if (model.residualNoise === true && model.shock !== undefined) {
    issues.push({ code: "conflict", path: ["residualNoise"], message: "expected either residualNoise or shock, got both" });
  }
  return issues;
}

/**
 * A curve fitted to the provider's history at compile time (see models/fitted.ts and
 * docs/fitting-and-benchmarking.md): the points with a value, known by the scenario's `asOf` (without `asOf`:
 * up to the base quarter), t in years from `timeOrigin` (default: the base quarter). Each path draws the
 * curve's parameters from the fit's uncertainty.
 */
export const fittedSchema = fields.superRefine((model, ctx) => reportIssues(ctx, fittedModelIssues(model), model));
