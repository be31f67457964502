import { QUARTER_PATTERN } from "../../calendar/quarter.ts";
import type { MetricName } from "../../samples/layout.ts";
import type { ResultMeta } from "../../samples/result.ts";
import { maxOf, minOf } from "../../core/extent.ts";

/**
 * A Vega-Lite specification as plain data (schema v6; every spec built here is also valid v5).
 * Typed loosely on purpose: the builders produce it, `chartToSvg` and Vega-Lite check it.
 */
export type ChartSpec = { [key: string]: unknown };

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Fonts: DejaVu Sans is what CI installs (fonts-dejavu-core); the others are the usual fallbacks. */
export const CHART_FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

/** Provider colours, in order of the providers in a result (Tableau 10 without its grey). */
export const PROVIDER_PALETTE: readonly string[] = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
];

/** The colour of the catch-all provider `others`, whatever its position. */
export const OTHERS_COLOUR = "#9d9d9d";

/** Display names of providers by id (`{ tencent: "Tencent Cloud" }`); ids are shown where none is given. */
export type ProviderNames = Readonly<Record<string, string>>;

/** Options every chart builder accepts. */
export interface ChartOptions {
  /** Display names by provider id. */
  names?: ProviderNames;
  /** Chart title; each builder has a default. */
  title?: string;
  /** Plot width and height in pixels. @defaultValue 560 x 300 (per panel) */
  width?: number;
  height?: number;
}

/**
 * The colour scale shared by every chart of one result: provider i (in the result's order) gets palette
 * colour i, `others` is always grey. The same provider therefore has the same colour in every chart.
 */
export function providerColourScale(providers: readonly string[], names: ProviderNames = {}): { domain: string[]; range: string[] } {
  let next = 0;
  const range = providers.map((id) => (id === "others" ? OTHERS_COLOUR : PROVIDER_PALETTE[next++ % PROVIDER_PALETTE.length]));
  return { domain: providers.map((id) => providerLabel(id, names)), range };
}

/**
 * The label of a provider (or a `+`-joined group of providers). A label that is a property of every object
 * (a provider `constructor`, or named `toString` or `__proto__`) gets an invisible word joiner (U+2060) at
 * its end: Vega groups data by label in plain objects, where such a key finds the object's own property and
 * the chart fails to compile.
 */
export function providerLabel(id: string, names: ProviderNames = {}): string {
  const label = id
    .split("+")
    .map((part) => (Object.hasOwn(names, part) ? names[part] : part))
    .join(" + ");
  return label in Object.prototype || label === "__proto__" ? `${label}\u2060` : label;
}

/** Providers in the order the result reports them. */
export function resultProviders(rows: ReadonlyArray<{ provider: string }>): string[] {
  return [...new Set(rows.map((r) => r.provider))];
}

const YEAR = /^(\d{4})$/;

/**
 * A period's position on a time axis in years: the middle of its quarter (`2020Q1` -> 2020.125) or of
 * its year (`2020` -> 2020.5), so that an axis tick at 2020 marks the start of 2020.
 *
 * @throws RangeError for a label that is neither a quarter nor a year.
 */
export function periodPosition(period: string): number {
  const q = QUARTER_PATTERN.exec(period);
  if (q) return Number(q[1]) + (Number(q[2]) - 1) / 4 + 0.125;
  const y = YEAR.exec(period);
  if (y) return Number(y[1]) + 0.5;
  throw new RangeError(`periodPosition: expected a quarter (2020Q1) or a year (2020), got ${JSON.stringify(period)}`);
}

export function isQuarter(period: string): boolean {
  return QUARTER_PATTERN.test(period);
}

/**
 * The x encoding of a time axis over these positions: a tick and a label at each calendar year. The axis
 * starts where the first period starts and ends at the last data point, so it never carries a tick past
 * the data (quarters to 2025Q4 end the axis in 2025, without a 2026 tick).
 */
export function timeAxis(positions: readonly number[]): ChartSpec {
  const first = minOf(positions) - 0.125;
  const last = maxOf(positions);
  // Spans under three years get a tick per quarter, labelled `2019 Q3`; longer ones a tick per year.
  const step = last - first < 3 ? 0.25 : 1;
  // Yearly ticks sit at the start of a year; quarterly ticks at the middle of a quarter, where its data is.
  const offset = step === 1 ? 0 : 0.125;
  const ticks: number[] = [];
  for (let k = Math.ceil((first - offset) / step - 1e-9); k * step + offset <= last + 1e-9; k++) ticks.push(k * step + offset);
  return {
    field: "t",
    type: "quantitative",
    scale: { domain: [first, last], zero: false, nice: false },
    axis: {
      title: null,
      values: ticks,
      grid: true,
      gridOpacity: 0.4,
      labelExpr: step === 1 ? "format(datum.value, 'd')" : "floor(datum.value) + ' Q' + (floor((datum.value - floor(datum.value)) * 4) + 1)",
      ...(step < 1 && ticks.length > 8 && { labelAngle: -45 }),
    },
  };
}

/** The unit of a metric for axis titles: shares are fractions shown as percent; revenue carries its currency. */
export function metricTitle(metric: MetricName, meta: Pick<ResultMeta, "currency" | "unit">, annual = false): string {
  if (metric === "share") return "share of market";
  const unit = [meta.currency, meta.unit].filter(Boolean).join(" ");
  const per = annual ? "per year" : "per quarter";
  if (/per (quarter|year)/.test(unit)) return `revenue (${unit.replace(/per (quarter|year)/, per)})`;
  return unit ? `revenue (${unit}, ${per})` : `revenue ${per}`;
}

/** d3-format for a metric's axis and tooltips. */
export function metricFormat(metric: MetricName): string {
  return metric === "share" ? ".1%" : ",.3~g";
}

/**
 * d3-format of a metric's axis labels over values spanning [lo, hi]: whole percents for shares unless the
 * span is under 10 points (then tenths, so that ticks 0.5% apart stay distinct).
 */
export function axisFormat(metric: MetricName, lo: number, hi: number): string {
  if (metric !== "share") return ",.3~r";
  return hi - lo < 0.1 ? ".1~%" : ".0%";
}

/** The replay line every chart carries as its subtitle's last part. */
export function replayLine(meta: Pick<ResultMeta, "scenario" | "seed" | "paths" | "version">): string {
  return `${meta.scenario} · seed ${meta.seed} · ${meta.paths} paths · sharecast ${meta.version}`;
}

/** Wraps a view spec as a top-level spec with the project's readable defaults. */
export function topLevel(spec: ChartSpec): ChartSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    background: "white",
    padding: 12,
    ...spec,
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      title: { anchor: "start", fontSize: 15, subtitleFontSize: 11, subtitleColor: "#555", offset: 10 },
      axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", domainColor: "#888", tickColor: "#888" },
      legend: { labelFontSize: 11, titleFontSize: 11, orient: "right", labelLimit: 320 },
      ...((spec.config as ChartSpec | undefined) ?? {}),
    },
  };
}

/** The quantile column names of a result's outer and inner bands, and of its median (or the mean). */
export function bandColumns(quantiles: readonly number[], name: (p: number) => string): {
  outer: [string, string] | null;
  inner: [string, string] | null;
  centre: string;
  outerLabel: string;
  innerLabel: string;
} {
  const q = [...quantiles].sort((a, b) => a - b);
  const below = q.filter((p) => p < 0.5);
  const above = q.filter((p) => p > 0.5).reverse();
  const outer: [string, string] | null = below.length > 0 && above.length > 0 ? [name(below[0]), name(above[0])] : null;
  const inner: [string, string] | null = below.length > 1 && above.length > 1 ? [name(below[1]), name(above[1])] : null;
  return {
    outer,
    inner,
    centre: q.includes(0.5) ? "p50" : "mean",
    outerLabel: outer ? `${outer[0]}–${outer[1]}` : "",
    innerLabel: inner ? `${inner[0]}–${inner[1]}` : "",
  };
}
