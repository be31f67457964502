import { curveImpl } from "../curves/curves.ts";
import { curveParameterNames, inBound, type CurveName } from "../curves/curve.ts";
import { describeValue, type InputIssue } from "../core/issues.ts";

/** The fields of a fitted model that the local checks read (the schema's `fitted` shape). */
export interface FittedModelFields {
  curve: CurveName;
  history: ReadonlyArray<{ period: string; value: number | null }>;
  uncertainty: "covariance" | "bootstrap" | "none";
  bootstrapSamples?: number;
  start?: Record<string, number>;
  residualNoise?: boolean;
  shock?: unknown;
}

/**
 * Local checks of a fitted model, paths relative to the model: `start` names only the curve's parameters,
 * within their bounds; no history period twice; `bootstrapSamples` only with `uncertainty: bootstrap`;
 * `residualNoise` and `shock` not both. Whether the history can be fitted is known only at compile time
 * (it depends on the scenario's as-of date).
 */
export function fittedModelIssues(model: FittedModelFields): InputIssue[] {
  const issues: InputIssue[] = [];
  const names = curveParameterNames[model.curve] as readonly string[];
  const bounds = curveImpl(model.curve).bounds;
  for (const [name, value] of Object.entries(model.start ?? {})) {
    const j = names.indexOf(name);
    if (j < 0) issues.push({ path: ["start", name], message: `expected a parameter of ${model.curve} (${names.join(", ")}), got ${describeValue(name)}` });
    else if (!inBound(value, bounds[j])) issues.push({ path: ["start", name], message: `expected a value inside the bounds of ${name}, got ${value}` });
  }
  const seen = new Map<string, number>();
  model.history.forEach((point, i) => {
    const first = seen.get(point.period);
    if (first !== undefined) issues.push({ path: ["history", i, "period"], message: `expected each quarter once, got ${point.period} again (also at history[${first}])` });
    else seen.set(point.period, i);
  });
  if (model.bootstrapSamples !== undefined && model.uncertainty !== "bootstrap") {
    issues.push({ path: ["bootstrapSamples"], message: `expected no bootstrapSamples with uncertainty ${JSON.stringify(model.uncertainty)}, got ${model.bootstrapSamples}` });
  }
  if (model.residualNoise === true && model.shock !== undefined) {
    issues.push({ path: ["residualNoise"], message: "expected either residualNoise or shock, got both" });
  }
  return issues;
}
