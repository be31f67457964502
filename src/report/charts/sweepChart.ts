import { complete } from "../../core/options.ts";
import type { SweepResult } from "../../explore/sweep.ts";
import { type ChartOptions, type ChartSpec, PROVIDER_PALETTE, topLevel } from "./chartSpec.ts";
import { SWEEP_SCALES, type SweepChartData, sweepChartData, type SweepLevelRow, type SweepScale, type SweepStepRow, valueText } from "./sweepChartData.ts";
import { maxOf, minOf } from "../../core/extent.ts";

/** Options of {@link sweepChartSpec}: `width` and `height` are the levels panel's; the steps panel has its own width. */
export interface SweepChartOptions extends ChartOptions {
  /** Width of each steps panel in pixels. @defaultValue 200 */
  stepWidth?: number;
}

const SWEEP_CHART_DEFAULTS = { title: undefined as string | undefined, width: 300, height: 170, stepWidth: 200 };

/** [min, max] of some numbers, or null when they do not span an interval (Vega then picks the domain). */
function span(values: readonly number[]): [number, number] | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const lo = minOf(finite);
  const hi = maxOf(finite);
  return hi > lo ? [lo, hi] : null;
}

/** A quantitative scale that ends at the data: the domain given, no rounding out to nice ticks. */
const endsAtData = (domain: [number, number] | null): ChartSpec => (domain ? { domain, nice: false, zero: false } : { nice: false, zero: false });

/** A long field path's trailing segments (`…services.capability.start`); the full path is in the subtitle. */
function shortPath(path: string, limit = 30): string {
  if (path.length <= limit) return path;
  const parts = path.split(".");
  let tail = parts[parts.length - 1];
  for (let k = parts.length - 2; k >= 0 && parts[k].length + tail.length + 2 <= limit; k--) tail = `${parts[k]}.${tail}`;
  return `…${tail}`;
}

/** The x encoding of a levels panel: the varied parameter, ticks at its values. */
function valueAxis(data: SweepChartData, title: string): ChartSpec {
  if (!data.numeric) return { field: "value", type: "ordinal", sort: null, axis: { title, labelAngle: 0 } };
  const values = [...new Set(data.levels.map((r) => r.value as number))].sort((a, b) => a - b);
  return { field: "value", type: "quantitative", scale: endsAtData(span(values)), axis: { title, values, labelExpr: "format(datum.value, '~g')", grid: true, gridOpacity: 0.4 } };
}

/** One output's levels panel: the p05-p95 band, the median dashed, the mean as a line with points. */
function levelsPanel(data: SweepChartData, output: string, scale: SweepScale, colour: string, x: ChartSpec, size: { width: number; height: number }): ChartSpec {
  const rows = data.levels.filter((r) => r.output === output);
  const format = SWEEP_SCALES[scale].levelFormat;
  const axis = { title: null, format, grid: true, gridOpacity: 0.4, minExtent: 44 };
  const y = (field: keyof SweepLevelRow) => ({ field, type: "quantitative", scale: endsAtData(span(rows.flatMap((r) => [r.p05, r.p50, r.p95, r.mean]))), axis });
  const tooltip = [{ field: "value", title: data.path }, ...(["mean", "se", "p05", "p50", "p95"] as const).map((field) => ({ field, format }))];
  return {
    ...size,
    title: { text: output, fontSize: 12, fontWeight: "bold", anchor: "start" },
    transform: [{ filter: { field: "output", equal: output } }],
    encoding: { x },
    layer: [
      { mark: { type: "area", color: colour, opacity: 0.22 }, encoding: { y: y("p05"), y2: { field: "p95" } } },
      { mark: { type: "line", color: colour, strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { y: y("p50") } },
      { mark: { type: "line", color: colour, strokeWidth: 2.5, point: { filled: true, size: 45, color: colour } }, encoding: { y: y("mean"), tooltip } },
    ],
  };
}

/** One output's steps panel: a bar per step from 0 to its paired difference, whiskers its 95% interval; the axis labels carry the numbers. */
function stepsPanel(data: SweepChartData, output: string, scale: SweepScale, colour: string, size: { width: number; height: number }): ChartSpec {
  const rows: SweepStepRow[] = data.steps.filter((r) => r.output === output);
  const impl = SWEEP_SCALES[scale];
  const ends = span([0, ...rows.flatMap((r) => [r.low, r.high])]);
  const y = { field: "step", type: "ordinal", sort: rows.map((r) => r.step), axis: { title: null, labelLimit: 360, labelFontSize: 11 } };
  const x = { field: "difference", type: "quantitative", scale: endsAtData(ends), axis: { title: impl.differenceTitle, labelExpr: impl.differenceLabels, grid: true, gridOpacity: 0.4, tickCount: 4 } };
  return {
    ...size,
    title: { text: "each step's paired difference", fontSize: 12, fontWeight: "normal", anchor: "start", color: "#444" },
    data: { name: "steps" },
    transform: [{ filter: { field: "output", equal: output } }],
    layer: [
      {
        mark: { type: "bar", color: colour, opacity: 0.75, height: { band: 0.55 } },
        encoding: { y, x, tooltip: [{ field: "from" }, { field: "to" }, { field: "difference", format: impl.levelFormat }, { field: "se", format: impl.levelFormat }] },
      },
      { mark: { type: "rule", color: "#222", strokeWidth: 1.5 }, encoding: { y, x: { field: "low", type: "quantitative" }, x2: { field: "high" } } },
      ...(ends && ends[0] < 0 && ends[1] > 0 ? [{ data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#888" }, encoding: { x: { field: "zero", type: "quantitative" } } }] : []),
    ],
  };
}

/**
 * A sweep as a chart: one row per watched output (events are left out). Left, the output at each value
 * of the varied parameter: its mean (line and points), median (dashed) and p05-p95 across paths (band).
 * Right, the paired difference of each step (the run at a value minus the run at the previous value, path
 * by path on common random numbers) as a bar with its 95% interval (+/- 1.96 se); the step's label gives
 * the difference and its se, in points for shares and probabilities. Both axes end at the data.
 * The levels are the chart's `data`, the steps its dataset `steps` (rows of {@link sweepChartData}).
 *
 * @throws RangeError when the sweep has no output (only events).
 * @example sweepChartSpec(sweep(scenario, { path: "providers.tencent.model.services.capability.start", values: [1, 1.5, 2] }))
 */
export function sweepChartSpec(s: SweepResult, options: SweepChartOptions = {}): ChartSpec {
  const o = complete(SWEEP_CHART_DEFAULTS, options);
  const data = sweepChartData(s);
  if (data.outputs.length === 0) throw new RangeError("sweepChartSpec requires a sweep with at least one output, got only events");
  const what = data.mode === "shift" ? `shift of ${data.path}` : data.path;
  const x = valueAxis(data, data.mode === "shift" ? `shift of ${shortPath(data.path, 21)}` : shortPath(data.path));
  const values = [...new Set(data.levels.map((r) => valueText(r.value)))];
  const rows = data.outputs.map(({ output, scale }, k) => {
    const colour = PROVIDER_PALETTE[k % PROVIDER_PALETTE.length];
    const levels = levelsPanel(data, output, scale, colour, x, { width: o.width, height: o.height });
    return data.steps.length === 0 ? levels : { hconcat: [levels, stepsPanel(data, output, scale, colour, { width: o.stepWidth, height: o.height })], spacing: 10 };
  });
  return topLevel({
    title: {
      text: o.title ?? `${data.scenario}: what each step of ${shortPath(data.path)} is worth`,
      subtitle: [
        `${what} = ${values.join(", ")}; the same seed and paths for every value (common random numbers)`,
        "left: mean (points), median (dashed) and p05–p95 across paths (band) at each value",
        ...(data.steps.length > 0 ? ["right: paired difference per step (this value's run − the previous value's, path by path), whiskers its 95% interval"] : []),
        `${data.scenario} · seed ${data.seed} · ${data.paths} paths per value`,
      ],
    },
    data: { values: data.levels },
    datasets: { steps: data.steps },
    vconcat: rows,
    spacing: 26,
  });
}
