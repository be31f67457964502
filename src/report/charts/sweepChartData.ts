// What a sweep chart draws, as plain rows: each watched output's statistic per value, and each step's paired difference.
import type { SweepResult } from "../../explore/sweep.ts";

/** How an output's numbers read: a fraction (a share or a probability, shown in percent and points) or a level (revenue). */
export type SweepScale = "fraction" | "level";

/** One value of the varied parameter for one output: its mean, standard error and quantiles across paths. */
export interface SweepLevelRow {
  output: string;
  /** The value as drawn: the number, or its text when the values are not all numbers. */
  value: number | string;
  mean: number;
  se: number;
  p05: number;
  p50: number;
  p95: number;
}

/** One step (from the previous value to this one) for one output: the paired difference and its 95% interval. */
export interface SweepStepRow {
  output: string;
  from: number | string;
  to: number | string;
  /** The step's axis label with its difference and standard error: `1 → 1.5: +1.14 (se 0.020)`. */
  step: string;
  /** Mean of the per-path differences (this value's run - the previous value's run). */
  difference: number;
  /** Its standard error from the per-path differences. */
  se: number;
  /** difference -/+ 1.96 se. */
  low: number;
  high: number;
}

/** A sweep's chart data: outputs in their order, and the rows of both panels. */
export interface SweepChartData {
  scenario: string;
  path: string;
  mode: "set" | "shift";
  seed: number;
  paths: number;
  /** Whether every value is a number (a quantitative axis) or not (an ordinal one). */
  numeric: boolean;
  /** Watched outputs in the sweep's order (events, `prob(ID)`, are left out). */
  outputs: Array<{ output: string; scale: SweepScale }>;
  levels: SweepLevelRow[];
  steps: SweepStepRow[];
}

/** The z of a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** How each scale shows its numbers: the factor and unit of a step's text, the formats of both panels' axes. */
export interface SweepScaleImpl {
  /** Multiplies a difference for its text (fractions in points). */
  factor: number;
  /** d3-format of the levels' axis and tooltips. */
  levelFormat: string;
  /** Title and label expression of the differences' axis. */
  differenceTitle: string;
  differenceLabels: string;
}

/** The one table of scales. */
export const SWEEP_SCALES: { readonly [K in SweepScale]: SweepScaleImpl } = {
  fraction: { factor: 100, levelFormat: ".3~%", differenceTitle: "paired difference (points)", differenceLabels: "format(datum.value * 100, '.4~r')" },
  level: { factor: 1, levelFormat: ",.4~g", differenceTitle: "paired difference", differenceLabels: "format(datum.value, ',.4~g')" },
};

/** A share is a fraction of its market; revenue is a level in the scenario's unit. */
export function outputScale(output: string): SweepScale {
  return output.startsWith("share:") || output.startsWith("prob(") ? "fraction" : "level";
}

/** A value of the varied parameter as text: numbers to 6 significant digits, other values as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === "number") return String(Number(value.toPrecision(6)));
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Decimals that show a standard error to two significant digits (3 significant digits of x when se is 0). */
function decimals(x: number, se: number): number {
  const lead = se > 0 ? se : Math.abs(x);
  if (!(lead > 0) || !Number.isFinite(lead)) return 0;
  return Math.max(0, Math.min(8, (se > 0 ? 1 : 2) - Math.floor(Math.log10(lead))));
}

/** A step's difference and se as text: fractions in points (`+1.14 (se 0.020)` for +0.0114), levels as they are. */
export function stepText(difference: number, se: number, scale: SweepScale): string {
  const k = SWEEP_SCALES[scale].factor;
  const d = decimals(difference * k, se * k);
  const sign = difference * k >= 0 ? "+" : "−";
  return `${sign}${Math.abs(difference * k).toFixed(d)} (se ${(se * k).toFixed(d)})`;
}

/**
 * The rows a sweep chart draws, read from the sweep's cells (nothing recomputed): per watched output and
 * value the mean, se and p05 / p50 / p95 across paths; per output and step (value k-1 to value k) the
 * paired difference `stepDifference` and its `stepDifferenceSe`, with the 95% interval +/- 1.96 se.
 * Events (`prob(ID)` cells) are left out.
 *
 * @example sweepChartData(sweep(scenario, { path: "providers.a.model.g0", values: [0.2, 0.4] })).steps[0].difference
 */
export function sweepChartData(s: SweepResult): SweepChartData {
  const cells = s.cells.filter((c) => !c.output.startsWith("prob("));
  const numeric = cells.every((c) => typeof c.value === "number");
  const drawn = (value: unknown): number | string => (numeric ? (value as number) : valueText(value));
  const outputs: SweepChartData["outputs"] = [];
  const levels: SweepLevelRow[] = [];
  const steps: SweepStepRow[] = [];
  const previous = new Map<string, unknown>();
  for (const c of cells) {
    const scale = outputScale(c.output);
    if (!previous.has(c.output)) outputs.push({ output: c.output, scale });
    levels.push({ output: c.output, value: drawn(c.value), mean: c.mean, se: c.se, p05: c.p05, p50: c.p50, p95: c.p95 });
    if (previous.has(c.output)) {
      const from = previous.get(c.output);
      const step = `${valueText(from)} → ${valueText(c.value)}: ${stepText(c.stepDifference, c.stepDifferenceSe, scale)}`;
      const half = Z95 * c.stepDifferenceSe;
      steps.push({ output: c.output, from: drawn(from), to: drawn(c.value), step, difference: c.stepDifference, se: c.stepDifferenceSe, low: c.stepDifference - half, high: c.stepDifference + half });
    }
    previous.set(c.output, c.value);
  }
  return { scenario: s.scenario, path: s.path, mode: s.mode, seed: s.seed, paths: s.paths, numeric, outputs, levels, steps };
}
