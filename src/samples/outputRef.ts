import { isPeriodLabel } from "../calendar/quarter.ts";
import { InputError, describeValue, type InputIssue } from "../core/issues.ts";
import { type ChunkValues, type MetricName, type StoreShape, cellIndex } from "./layout.ts";

/** One simulated output: a metric of a provider in a period and segment, e.g. `share:tencent:2020`. */
export interface OutputRef {
  metric: MetricName;
  provider: string;
  period: string;
  /** @defaultValue "total" */
  segment: string;
}

/** An output located in a scenario's cells: its cell index in a chunk's values. */
export interface ResolvedOutput extends OutputRef {
  /** `metric:provider:period`, plus `:segment` when it is not the total. */
  label: string;
  cell: number;
}

/** A period label: a complete calendar year (`2020`) or a quarter (`2020Q4`). */

/**
 * Parses `METRIC:PROVIDER:PERIOD[:SEGMENT]` (metric `share` or `revenue`, period a year or a quarter): the
 * one grammar of output references. PROVIDER is kept as written; a caller that accepts sums splits `a+b`.
 *
 * @throws InputError naming `path` when the text does not have that form.
 * @example parseOutputRef("share:tencent:2020") // { metric: "share", provider: "tencent", period: "2020", segment: "total" }
 */
export function parseOutputRef(text: string, path: ReadonlyArray<string | number> = ["output"]): OutputRef {
  const parts = text.trim().split(":");
  if (parts.length < 3 || parts.length > 4 || parts.some((part) => part === "")) {
    throw new InputError([{ code: "invalid_format", path, message: `expected METRIC:PROVIDER:PERIOD[:SEGMENT] such as share:tencent:2020, got ${JSON.stringify(text)}` }]);
  }
  const [metric, provider, period, segment = "total"] = parts;
  if (metric !== "share" && metric !== "revenue") {
    throw new InputError([{ code: "invalid_value", path, message: `expected the metric share or revenue, got ${JSON.stringify(metric)}` }]);
  }
  if (!isPeriodLabel(period)) {
    throw new InputError([{ code: "invalid_format", path, message: `expected the period as a year or a quarter such as 2020 or 2020Q4, got ${JSON.stringify(period)}` }]);
  }
  return { metric, provider, period, segment };
}

/**
 * An output as a library caller gives it: the text `METRIC:PROVIDER:PERIOD[:SEGMENT]` ({@link parseOutputRef}),
 * or an {@link OutputRef} whose fields are strings (the segment defaults to the total).
 *
 * @throws InputError naming `path` for anything else (null, a number, an object with other fields).
 * @example outputRefOf({ metric: "share", provider: "a", period: "2020" }) // { metric: "share", provider: "a", period: "2020", segment: "total" }
 */
export function outputRefOf(value: unknown, path: ReadonlyArray<string | number> = ["output"]): OutputRef {
  if (typeof value === "string") return parseOutputRef(value, path);
  const ref = (typeof value === "object" && value !== null ? value : {}) as Partial<Record<keyof OutputRef, unknown>>;
  const segment = ref.segment ?? "total";
  if ((ref.metric === "share" || ref.metric === "revenue") && typeof ref.provider === "string" && typeof ref.period === "string" && typeof segment === "string") {
    return { metric: ref.metric, provider: ref.provider, period: ref.period, segment };
  }
  throw new InputError([{ code: "invalid_type", path, message: `expected METRIC:PROVIDER:PERIOD[:SEGMENT] such as share:tencent:2020, or { metric, provider, period }, got ${describeValue(value)}` }]);
}

/** `metric:provider:period`, plus `:segment` when it is not the total. */
export function outputLabel(ref: OutputRef): string {
  return `${ref.metric}:${ref.provider}:${ref.period}${ref.segment === "total" ? "" : `:${ref.segment}`}`;
}

/**
 * Finds an output's cell among a shape's cells (a compiled scenario is one).
 *
 * @throws InputError naming `path` and the known values when the provider, period or segment is unknown.
 */
export function resolveOutput(compiled: StoreShape, ref: OutputRef, path: ReadonlyArray<string | number> = ["output"]): ResolvedOutput {
  const g = compiled.outputSegments.indexOf(ref.segment);
  const k = compiled.providers.indexOf(ref.provider);
  const p = compiled.periods.indexOf(ref.period);
  const issues: InputIssue[] = [];
  if (k < 0) issues.push({ code: "unknown_reference", path, message: `expected a provider of the scenario (${compiled.providers.join(", ")}), got ${JSON.stringify(ref.provider)}` });
  if (p < 0) issues.push({ code: "unknown_reference", path, message: `unknown period ${JSON.stringify(ref.period)}; the scenario reports ${compiled.periods[0]} to ${compiled.periods[compiled.periods.length - 1]} (complete years and quarters)` });
  if (g < 0) issues.push({ code: "unknown_reference", path, message: `expected a segment of the scenario (${compiled.outputSegments.join(", ")}), got ${JSON.stringify(ref.segment)}` });
  if (issues.length > 0) throw new InputError(issues);
  const cell = cellIndex(compiled, g, k, p);
  return { ...ref, label: outputLabel(ref), cell };
}

/** The output's values in one chunk (a view into the chunk's arrays). */
export function chunkOutput(values: ChunkValues, output: ResolvedOutput): Float64Array {
  const source = output.metric === "share" ? values.share : values.revenue;
  return source.subarray(output.cell * values.paths, (output.cell + 1) * values.paths);
}
