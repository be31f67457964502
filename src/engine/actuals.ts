/**
 * Actuals to condition on, resolved against a compiled scenario's cells: which providers' metric, in which
 * segment and period, with what value and observation noise. One place checks them, so a bad actual is an
 * input error (exit 2) before anything is simulated.
 */
import { isQuarterLabel } from "../calendar/quarter.ts";
import { InputError, type InputIssue } from "../core/issues.ts";
import type { MetricName, StoreShape } from "../samples/layout.ts";
import { parseOutputRef } from "../samples/outputRef.ts";
import { completeCondition, type ConditionMethod, type ConditionSpec } from "../scenario/conditionSchema.ts";

/** An actual located among the scenario's cells. */
export interface ResolvedActual {
  /** The output as written. */
  label: string;
  /** True for `market:PERIOD`: the revenue of every provider summed. */
  market: boolean;
  metric: MetricName;
  /** Provider indices summed (every provider for the market). */
  providers: number[];
  segment: number;
  /** Index of the period among the scenario's periods. */
  period: number;
  /** Quarter offset from the first simulated quarter, or -1 for a year. */
  quarter: number;
  value: number;
  /** Log-scale observation noise; NaN when neither the actual nor the block states one (method pin). */
  sigma: number;
}

type Path = Array<string | number>;

function resolveOne(shape: StoreShape & { years: readonly number[] }, spec: ConditionSpec, j: number, issues: InputIssue[]): ResolvedActual | null {
  const actual = spec.actuals[j];
  const path: Path = ["condition", "actuals", j, "output"];
  const parts = actual.output.trim().split(":");
  let metric: MetricName = "revenue";
  let names: string[];
  let periodLabel: string;
  let segmentName = "total";
  const market = parts[0] === "market";
  if (market) {
    if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) {
      issues.push({ code: "invalid_format", path, message: `expected market:PERIOD[:SEGMENT] such as market:2019Q4, got ${JSON.stringify(actual.output)}` });
      return null;
    }
    [, periodLabel, segmentName = "total"] = parts;
    names = [...shape.providers];
  } else {
    let ref;
    try {
      ref = parseOutputRef(actual.output, path);
    } catch (error) {
      if (error instanceof InputError) {
        issues.push(...error.issues.map((issue) => ({ ...issue, message: issue.message.replace("METRIC:PROVIDER:PERIOD[:SEGMENT]", "METRIC:PROVIDER:PERIOD[:SEGMENT] or market:PERIOD") })));
        return null;
      }
      throw error;
    }
    metric = ref.metric;
    names = ref.provider.split("+");
    periodLabel = ref.period;
    segmentName = ref.segment;
  }
  const before = issues.length;
  const providers = names.map((name) => shape.providers.indexOf(name));
  providers.forEach((k, n) => {
    if (k < 0) issues.push({ code: "unknown_reference", path, message: `expected a provider of the scenario (${shape.providers.join(", ")}), got ${JSON.stringify(names[n])}` });
  });
  const period = shape.periods.indexOf(periodLabel);
  if (period < 0) {
    issues.push({ code: "out_of_calendar", path, message: `expected a simulated period (${shape.periods[shape.years.length]} to ${shape.periods[shape.periods.length - 1]}, or a complete year), got ${JSON.stringify(periodLabel)}: an actual must be published after the base quarter` });
  }
  const segment = shape.outputSegments.indexOf(segmentName);
  if (segment < 0) issues.push({ code: "unknown_reference", path, message: `expected a segment of the scenario (${shape.outputSegments.join(", ")}), got ${JSON.stringify(segmentName)}` });
  if (metric === "share" && !(actual.value <= 1)) {
    issues.push({ code: "out_of_range", path: ["condition", "actuals", j, "value"], message: `expected a share as a fraction in (0, 1], got ${actual.value}` });
  }
  if (issues.length > before) return null;
  const sigma = actual.sigma ?? spec.sigma ?? Number.NaN;
  const quarter = isQuarterLabel(periodLabel) ? period - shape.years.length : -1;
  return { label: actual.output, market, metric, providers, segment, period, quarter, value: actual.value, sigma };
}

/** What a method's check of one resolved actual sees. */
interface CheckContext {
  path: Path;
  method: ConditionMethod;
  shape: StoreShape & { years: readonly number[] };
  /** The actuals resolved before this one. */
  earlier: readonly ResolvedActual[];
  issues: InputIssue[];
}

/** A likelihood needs the observation noise. */
function needsSigma(actual: ResolvedActual, { path, method, issues }: CheckContext): void {
  if (Number.isNaN(actual.sigma)) issues.push({ code: "required", path: [...path, "sigma"], message: `expected the observation noise (sigma here or in condition.sigma) for method ${method}, got none` });
}

/** Pinning sets one provider (or the market) in one quarter, in a scenario without segments. */
function pinnable(actual: ResolvedActual, { path, shape, earlier, issues }: CheckContext): void {
  const at: Path = [...path, "output"];
  if (actual.quarter < 0) issues.push({ code: "invalid_value", path: at, message: `expected a quarter for method pin (a path is pinned at its quarter), got the year ${shape.periods[actual.period]}` });
  if (!actual.market && actual.providers.length > 1) issues.push({ code: "invalid_value", path: at, message: `expected one provider or market: for method pin, got the sum ${JSON.stringify(actual.label)}` });
  if (actual.segment !== 0 || shape.outputSegments.length > 1) issues.push({ code: "invalid_value", path: at, message: "expected a scenario without segments for method pin, got segments (use method weight)" });
  const twin = earlier.find((a) => a.quarter === actual.quarter && a.market === actual.market && (a.market || a.providers[0] === actual.providers[0]));
  if (twin) issues.push({ code: "duplicate", path: at, message: `expected one actual per provider and quarter for method pin, got ${JSON.stringify(actual.label)} and ${JSON.stringify(twin.label)}` });
}

/** Each method's own checks of an actual (the shared checks are in `resolveOne`). */
const methodChecks: { readonly [M in ConditionMethod]: (actual: ResolvedActual, ctx: CheckContext) => void } = {
  weight: needsSigma,
  resample: needsSigma,
  pin: pinnable,
};

/**
 * Resolves every actual of a condition block against a compiled scenario's shape, checking it: outputs
 * exist and fall in simulated periods; methods `weight` and `resample` need a sigma for each actual;
 * method `pin` needs quarterly actuals of single providers or the market, in a scenario without segments,
 * and at most one actual per provider and quarter.
 *
 * @throws InputError listing every problem, with paths under `condition`.
 */
export function resolveActuals(shape: StoreShape & { years: readonly number[] }, spec: ConditionSpec): ResolvedActual[] {
  const issues: InputIssue[] = [];
  const out: ResolvedActual[] = [];
  const { method } = completeCondition(spec);
  spec.actuals.forEach((_, j) => {
    const actual = resolveOne(shape, spec, j, issues);
    if (!actual) return;
    methodChecks[method](actual, { path: ["condition", "actuals", j], method, shape, earlier: out, issues });
    out.push(actual);
  });
  if (issues.length > 0) throw new InputError(issues);
  return out;
}
