// The playground's model: which inputs get a slider, how slider values edit a scenario, and what the page shows.
import { getField, shiftParam, withField } from "../explore/fieldPath.ts";
import type { Result } from "../samples/result.ts";
import { fanChartSpec } from "./charts/fanChart.ts";
import { type ChartSpec, isQuarter, providerLabel, type ProviderNames } from "./charts/chartSpec.ts";
import { stackedSharesSpec } from "./charts/stackedSharesChart.ts";

/**
 * One slider of the playground. A `shift` control moves a parameter by its family's own rule (a normal's
 * mean, an interval's ends, a constant itself), keeping its spread, and shows the moved median; a `set`
 * control sets a field (an event's threshold) to the slider's value.
 */
export interface PlayControl {
  kind: "shift" | "set";
  /** The scenario field path (`providers.tencent.model.g0`, `events.tencent-at-least-27.value`). */
  path: string;
  label: string;
  /** The slider's value at rest: the parameter's median, or the field's value. */
  base: number;
  min: number;
  max: number;
  step: number;
  format: "percent" | "number";
}

/** One uncertain input as a sensitivity analysis ranks it (engine/sensitivity.ts `SensitivityInput`). */
export interface RankedInput {
  parameter: string;
  median: number;
  tornado: { lowInput: number; highInput: number; swing: number };
}

/** Options of {@link playControls}. */
export interface PlayControlOptions {
  /** Parameter sliders at most, largest tornado swing first. @defaultValue 6 */
  parameters?: number;
}

/** A step of about a fiftieth of `span`, rounded down to 1, 2 or 5 times a power of ten. */
function niceStep(span: number): number {
  if (!(span > 0)) return 0.01;
  const raw = span / 50;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit >= 5 ? 5 : unit >= 2 ? 2 : 1) * power;
}

/** Whether a field holds a parameter that `shiftParam` can move (lognormals cannot). */
function shiftable(scenario: unknown, path: string): boolean {
  try {
    shiftParam(getField(scenario, path), 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The playground's sliders for a scenario: its most influential uncertain parameters (`ranked`, by the size
 * of their tornado swing, those a shift can move) and the thresholds of its threshold and first-passage events.
 * A parameter's slider spans its median +/- 3 times its larger tornado half-width (never moving a 10th
 * percentile that is not negative below 0), on a grid of steps through the median, so it can come back to
 * rest; a threshold's spans [0, 1] for shares (steps of half a point) and [0, 3 x the value] for revenue.
 *
 * @example playControls(scenario, sensitivity(scenario, { output: "share:tencent:2020" }).inputs)[0].path // "providers.huawei.model.start"
 */
export function playControls(scenario: unknown, ranked: readonly RankedInput[], options: PlayControlOptions = {}): PlayControl[] {
  const wanted = options.parameters ?? 6;
  const controls: PlayControl[] = [];
  const byInfluence = [...ranked].sort((a, b) => Math.abs(b.tornado.swing) - Math.abs(a.tornado.swing));
  for (const input of byInfluence) {
    if (controls.length >= wanted) break;
    if (!shiftable(scenario, input.parameter)) continue;
    // A parameter without spread (a degenerate distribution) gets a tenth of its median as its half-width.
    const spread = Math.max(input.tornado.highInput - input.median, input.median - input.tornado.lowInput);
    const half = spread > 0 ? spread : Math.abs(input.median) / 10 || 0.01;
    const step = niceStep(6 * half);
    // No shift moves a 10th percentile that is not negative below 0.
    const floor = input.tornado.lowInput >= 0 ? input.tornado.lowInput : Infinity;
    const below = Math.floor(Math.min(3 * half, floor) / step + 1e-9);
    const above = Math.floor((3 * half) / step + 1e-9);
    controls.push({ kind: "shift", path: input.parameter, label: input.parameter, base: input.median, min: input.median - below * step, max: input.median + above * step, step, format: "number" });
  }
  const events = (scenario as { events?: ReadonlyArray<Record<string, unknown>> }).events ?? [];
  for (const event of events) {
    if ((event.kind !== "threshold" && event.kind !== "firstPassage") || typeof event.value !== "number") continue;
    const share = event.metric === "share";
    const max = share ? 1 : 3 * Math.abs(event.value) || 1;
    const step = share ? 0.005 : niceStep(max);
    // From 0 in whole steps, so round thresholds (27%) sit on the grid and stepping stays decimal.
    const top = Number((Math.ceil(max / step) * step).toPrecision(12));
    controls.push({ kind: "set", path: `events.${event.id}.value`, label: `${event.id}: ${String(event.op)} threshold`, base: event.value, min: Math.min(0, event.value), max: Math.max(top, event.value), step, format: share ? "percent" : "number" });
  }
  return controls;
}

/**
 * The scenario with every slider's value applied: a shift control moves its parameter by value - base, a set
 * control sets its field. Values equal to their base leave the field as written. The input is not changed.
 *
 * @throws InputError when a path does not exist or a parameter cannot be shifted.
 * @example playEdit(scenario, controls, [0.85]) // tencent's g0 interval moved by +0.05
 */
export function playEdit(scenario: unknown, controls: readonly PlayControl[], values: readonly number[]): unknown {
  let edited = scenario;
  controls.forEach((control, j) => {
    const value = values[j];
    if (value === undefined || value === control.base) return;
    const next = control.kind === "shift" ? shiftParam(getField(edited, control.path), value - control.base) : value;
    edited = withField(edited, control.path, next);
  });
  return edited === scenario ? structuredClone(scenario) : edited;
}

/** What the playground page shows of a run: plain data, posted from its worker. */
export interface PlaySummary {
  events: Array<{ id: string; description: string; probability: number; stderr: number }>;
  benchmarks: Array<{ id: string; source: string; metric: string; provider: string; period: string; value: number; percentile: number; median: number }>;
  /** Median share of each provider in each complete year (each quarter when there is none). */
  shares: { periods: string[]; providers: Array<{ id: string; label: string; medians: number[] }> };
  charts: { fan: ChartSpec; stacked: ChartSpec };
}

/**
 * The numbers and charts the playground shows of a result: events, benchmarks, median shares by year (as in
 * `sharecast run --format json`, unrounded) and the Vega-Lite specs of the share fan and stacked shares.
 */
export function playSummary(result: Result, names: ProviderNames = {}): PlaySummary {
  const shareRows = result.rows.filter((r) => r.metric === "share" && r.segment === "total");
  const years = shareRows.some((r) => !isQuarter(r.period));
  const rows = shareRows.filter((r) => isQuarter(r.period) !== years);
  const periods = [...new Set(rows.map((r) => r.period))];
  const ids = [...new Set(rows.map((r) => r.provider))];
  const cell = new Map(rows.map((r) => [`${r.provider}\u0000${r.period}`, r.p50 ?? r.mean]));
  return {
    events: result.events.map((e) => ({ id: e.id, description: e.description, probability: e.probability, stderr: e.stderr })),
    benchmarks: result.benchmarks.map((b) => ({ id: b.id, source: b.source, metric: b.metric, provider: b.provider, period: b.period, value: b.value, percentile: b.percentile, median: b.median })),
    shares: { periods, providers: ids.map((id) => ({ id, label: providerLabel(id, names), medians: periods.map((p) => cell.get(`${id}\u0000${p}`) ?? Number.NaN) })) },
    charts: { fan: fanChartSpec(result, { names, width: 520, height: 280 }), stacked: stackedSharesSpec(result, { names, width: 520, height: 240 }) },
  };
}
