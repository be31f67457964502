import type { BacktestResult, MethodSummary } from "./backtest.ts";
import { complete } from "../core/options.ts";
import { textTable, wrapLines, type TextColumn } from "../core/textTable.ts";

/** Options of {@link formatBacktestTable} and `formatScenarioBacktestTable`. */
export interface BacktestTableOptions {
  /**
   * Widest line: prose wraps, and the columns are split into panels (each repeating the columns that name
   * the row: origin, horizon, target and method) until the lines fit; `Infinity` prints every table whole.
   * @defaultValue Infinity
   */
  width?: number;
}

const TABLE_DEFAULTS = { width: Infinity };

/** The width of a backtest table's options, completed. */
export function backtestTableWidth(options: BacktestTableOptions): number {
  return complete(TABLE_DEFAULTS, options).width;
}

// Text columns (origin, target, method, group, the PIT histogram) are left-aligned, numbers right-aligned;
// the columns in `keys` name the row and are repeated in every panel.
const TEXT = new Set(["origin", "target", "method", "group", "PIT histogram"]);
const KEYS = new Set(["origin", "h", "target", "method", "group"]);

/** A backtest grid laid out to `width` (see `textTable`). */
export function backtestGrid(header: readonly string[], body: readonly (readonly string[])[], width: number): string {
  const columns: TextColumn[] = header.map((h) => ({ header: h, align: TEXT.has(h) ? "left" : "right", key: KEYS.has(h) }));
  return textTable(columns, body, { width });
}

function number(x: number | null, digits = 0): string {
  if (x === null) return "-";
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e6 ? x.toExponential(2) : x.toFixed(digits);
}

function level(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

function hit(x: boolean | null): string {
  return x === null ? "-" : x ? "yes" : "no";
}

function summaryRows(rows: readonly MethodSummary[], withHorizon: boolean): string[][] {
  return rows.map((s) => [
    ...(withHorizon ? [String(s.horizon)] : []),
    s.method,
    String(s.n),
    number(s.mape, 1),
    number(s.smape, 1),
    number(s.mase, 2),
    s.pinball === null ? "-" : level(s.pinball),
    level(s.crps),
    s.coverage50 === null ? "-" : number(s.coverage50, 2),
    s.coverage90 === null ? "-" : number(s.coverage90, 2),
  ]);
}

/**
 * The backtest as a terminal table: one line per origin, target and method (point forecast, its 5-95%
 * quantiles, APE, sAPE, scaled error, pinball, CRPS, hits of the 50% and 90% intervals), then the means over
 * all targets by method, then by horizon. Laid out to `options.width` (see {@link BacktestTableOptions});
 * every cell is still printed, only moved.
 *
 * @example formatBacktestTable(result, { width: 80 })  // "backtest alibaba revenue (RMB m): logistic fitted ...\n..."
 */
export function formatBacktestTable(result: BacktestResult, options: BacktestTableOptions = {}): string {
  const width = backtestTableWidth(options);
  const m = result.meta;
  const out: string[] = [];
  const noise = m.residualNoise ? " + residual noise" : "";
  const prose = (text: string) => out.push(wrapLines(text, width));
  prose(`backtest ${m.name}${m.unit ? ` (${m.unit})` : ""}: ${m.curve} fitted at each origin, uncertainty ${m.uncertainty}${noise}; horizon ${m.horizon} quarters`);
  prose(`seed ${m.seed}, ${m.paths} paths; origins ${m.origins.join(", ")}`);
  for (const s of m.skipped) prose(`skipped origin ${s.origin}: ${s.reason}`);
  prose(`MASE scale: ${m.scale}; point forecast = median`);
  out.push("");
  const header = ["origin", "h", "target", "actual", "method", "forecast", "p05", "p95", "APE%", "sAPE%", "ASE", "pinball", "CRPS", "in50", "in90"];
  const body = result.targets.map((t) => [
    t.origin,
    String(t.horizon),
    t.period,
    level(t.actual),
    t.method,
    level(t.forecast),
    t.quantiles?.p05 !== undefined ? level(t.quantiles.p05) : "-",
    t.quantiles?.p95 !== undefined ? level(t.quantiles.p95) : "-",
    number(t.ape, 1),
    number(t.sape, 1),
    number(t.ase, 2),
    t.pinball === null ? "-" : level(t.pinball),
    level(t.crps),
    hit(t.in50),
    hit(t.in90),
  ]);
  out.push(backtestGrid(header, body, width));
  out.push("");
  out.push(`mean over all targets`);
  const summaryHeader = ["method", "n", "MAPE%", "sMAPE%", "MASE", "pinball", "CRPS", "cover50", "cover90"];
  out.push(backtestGrid(summaryHeader, summaryRows(result.summary.filter((s) => s.horizon === null), false), width));
  out.push("");
  out.push(`mean by horizon`);
  out.push(backtestGrid(["h", ...summaryHeader], summaryRows(result.summary.filter((s) => s.horizon !== null), true), width));
  return `${out.join("\n")}\n`;
}
