import { outputLabel, parseOutputRef } from "../../samples/outputRef.ts";
import { type ChartOptions, type ChartSpec, topLevel } from "./chartSpec.ts";
import { selectorError } from "./selectorError.ts";

/** One uncertain input's sensitivity measures, as the sensitivity analysis reports them. */
export interface InputSensitivity {
  /** The parameter's path in the scenario, e.g. `providers[1].model.g0`. */
  parameter: string;
  /** The output with this input at its low and at its high setting, every other input at its median. */
  tornado: { low: number; high: number };
  /** Spearman rank correlation of the input with the output across paths. */
  spearman?: number;
  /** First-order and total Sobol indices, with their confidence intervals [lower, upper]. */
  sobolFirst?: number;
  sobolTotal?: number;
  sobolFirstCi?: readonly [number, number];
  sobolTotalCi?: readonly [number, number];
}

/** A sensitivity analysis of one output (for example `share(tencent, 2020)`). */
export interface SensitivitySummary {
  /** What the output is. */
  output: string;
  /** The output with every input at its median (the tornado's axis); optional. */
  base?: number;
  /** d3-format of the output. @defaultValue ".3~g" */
  format?: string;
  inputs: readonly InputSensitivity[];
}

/** Options of the sensitivity charts. */
export interface SensitivityChartOptions extends ChartOptions {
  /** Show at most this many inputs, the most influential first. @defaultValue 12 */
  top?: number;
}

/**
 * A tornado chart: one bar per input from the output at the input's low setting to the output at its high
 * setting, widest swing on top. With a `base`, each bar is split at it and coloured by setting.
 *
 * @example tornadoSpec({ output: "share(tencent, 2020)", base: 0.21, inputs: [{ parameter: "g0", tornado: { low: 0.19, high: 0.24 } }] })
 */
export function tornadoSpec(sensitivity: SensitivitySummary, options: SensitivityChartOptions = {}): ChartSpec {
  const format = sensitivity.format ?? ".3~g";
  const inputs = [...sensitivity.inputs]
    .sort((a, b) => Math.abs(b.tornado.high - b.tornado.low) - Math.abs(a.tornado.high - a.tornado.low))
    .slice(0, options.top ?? 12);
  const order = inputs.map((i) => i.parameter);
  const base = sensitivity.base;
  const values =
    base === undefined
      ? inputs.map((i) => ({ parameter: i.parameter, from: i.tornado.low, to: i.tornado.high, setting: "low to high", low: i.tornado.low, high: i.tornado.high }))
      : inputs.flatMap((i) => [
          { parameter: i.parameter, from: base, to: i.tornado.low, setting: "low setting", low: i.tornado.low, high: i.tornado.high },
          { parameter: i.parameter, from: base, to: i.tornado.high, setting: "high setting", low: i.tornado.low, high: i.tornado.high },
        ]);
  const layers: ChartSpec[] = [
    {
      mark: { type: "bar", height: { band: 0.7 } },
      encoding: {
        y: { field: "parameter", type: "nominal", sort: order, axis: { title: null, labelLimit: 400 } },
        x: { field: "from", type: "quantitative", scale: { zero: false }, axis: { title: sensitivity.output, format } },
        x2: { field: "to" },
        color: {
          field: "setting",
          type: "nominal",
          scale: base === undefined ? { domain: ["low to high"], range: ["#76b7b2"] } : { domain: ["low setting", "high setting"], range: ["#4e79a7", "#e15759"] },
          title: "input at its",
        },
        tooltip: [{ field: "parameter" }, { field: "low", title: "output at low", format }, { field: "high", title: "output at high", format }],
      },
    },
  ];
  if (base !== undefined) {
    layers.push({ data: { values: [{ base }] }, mark: { type: "rule", color: "#222", strokeWidth: 1.5 }, encoding: { x: { field: "base", type: "quantitative" } } });
  }
  return topLevel({
    title: {
      text: options.title ?? `Tornado: what moves ${sensitivity.output}`,
      subtitle: base === undefined ? "output with each input at its low and high setting, others at their medians" : `rule: output with every input at its median (${base.toPrecision(3)})`,
    },
    width: options.width ?? 520,
    height: options.height ?? Math.max(80, 26 * inputs.length),
    data: { values },
    layer: layers,
  });
}

/**
 * Sobol indices: the first-order and total index of each input as paired bars with their confidence
 * intervals, inputs ordered by total index. Inputs without Sobol indices are left out.
 *
 * @example sobolSpec({ output: "share(tencent, 2020)", inputs: [{ parameter: "g0", tornado: { low: 0, high: 1 }, sobolFirst: 0.6, sobolTotal: 0.7 }] })
 */
export function sobolSpec(sensitivity: SensitivitySummary, options: SensitivityChartOptions = {}): ChartSpec {
  const inputs = sensitivity.inputs
    .filter((i) => i.sobolFirst !== undefined || i.sobolTotal !== undefined)
    .sort((a, b) => (b.sobolTotal ?? b.sobolFirst ?? 0) - (a.sobolTotal ?? a.sobolFirst ?? 0))
    .slice(0, options.top ?? 12);
  const order = inputs.map((i) => i.parameter);
  const values = inputs.flatMap((i) => [
    ...(i.sobolFirst !== undefined ? [{ parameter: i.parameter, index: "first-order", value: i.sobolFirst, lower: i.sobolFirstCi?.[0] ?? null, upper: i.sobolFirstCi?.[1] ?? null }] : []),
    ...(i.sobolTotal !== undefined ? [{ parameter: i.parameter, index: "total", value: i.sobolTotal, lower: i.sobolTotalCi?.[0] ?? null, upper: i.sobolTotalCi?.[1] ?? null }] : []),
  ]);
  const y = { field: "parameter", type: "nominal", sort: order, axis: { title: null, labelLimit: 400 } };
  const yOffset = { field: "index", type: "nominal", sort: ["first-order", "total"] };
  const colour = { field: "index", type: "nominal", scale: { domain: ["first-order", "total"], range: ["#4e79a7", "#f28e2b"] }, title: null };
  return topLevel({
    title: {
      text: options.title ?? `Sobol indices of ${sensitivity.output}`,
      subtitle: ["share of the output's variance: first-order (the input alone) and total (with its interactions)", "whiskers: confidence intervals"],
    },
    width: options.width ?? 520,
    height: options.height ?? Math.max(80, 34 * inputs.length),
    data: { values },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y,
          yOffset,
          x: { field: "value", type: "quantitative", scale: { domain: [0, 1] }, axis: { title: "index", format: ".0%" } },
          color: colour,
          tooltip: [{ field: "parameter" }, { field: "index" }, { field: "value", format: ".3f" }, { field: "lower", format: ".3f" }, { field: "upper", format: ".3f" }],
        },
      },
      {
        transform: [{ filter: "datum.lower !== null && datum.upper !== null" }],
        mark: { type: "rule", color: "#222" },
        encoding: { y, yOffset, x: { field: "lower", type: "quantitative" }, x2: { field: "upper" } },
      },
    ],
  });
}

/** True when an analysis has Sobol indices to draw (an output that varies with its inputs). */
export function hasSobolIndices(sensitivity: SensitivitySummary): boolean {
  return sensitivity.inputs.some((i) => i.sobolFirst !== undefined || i.sobolTotal !== undefined);
}

/**
 * The output a `tornado:` or `sobol:` selector analyses, as `METRIC:PROVIDER:PERIOD[:SEGMENT]` (the
 * sensitivity analysis' output label); undefined for every other selector. Lets a caller run the analysis
 * before it draws the chart.
 *
 * @throws InputError (path `--chart`) when the output is malformed.
 * @example sensitivitySelectorOutput("tornado:share:tencent:2020") // "share:tencent:2020"
 */
export function sensitivitySelectorOutput(selector: string): string | undefined {
  const [kind, ...parts] = selector.split(":");
  if (kind !== "tornado" && kind !== "sobol") return undefined;
  try {
    return outputLabel(parseOutputRef(parts.join(":"), ["chart"]));
  } catch {
    throw selectorError(selector, `expected ${kind}:METRIC:PROVIDER:PERIOD[:SEGMENT] with the metric share or revenue`);
  }
}

/**
 * The tornado or Sobol chart a `tornado:OUTPUT` or `sobol:OUTPUT` selector names, from the analyses given.
 *
 * @throws InputError (path `--chart`) for another selector, a malformed output, an output none of the
 *   analyses is of, or (sobol) an analysis without Sobol indices.
 * @example sensitivityChartFromSelector("tornado:share:tencent:2020", [sensitivitySummary(analysis)])
 */
export function sensitivityChartFromSelector(selector: string, analyses: readonly SensitivitySummary[]): ChartSpec {
  const output = sensitivitySelectorOutput(selector);
  if (output === undefined) throw selectorError(selector, "expected tornado:METRIC:PROVIDER:PERIOD or sobol:METRIC:PROVIDER:PERIOD");
  const analysis = analyses.find((a) => a.output === output);
  if (!analysis) {
    throw selectorError(selector, `expected an analysed output (${analyses.map((a) => a.output).join(", ") || "none given"})`);
  }
  if (selector.startsWith("tornado:")) return tornadoSpec(analysis);
  if (!hasSobolIndices(analysis)) {
    throw selectorError(selector, `expected an output with Sobol indices (${output} does not vary with its inputs)`);
  }
  return sobolSpec(analysis);
}
