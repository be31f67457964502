import type { BacktestResult, MethodSummary } from "./backtest.ts";

// Text columns (origin, target, method) are left-aligned, numbers right-aligned.
function grid(header: string[], body: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const left = (j: number) => ["origin", "target", "method"].includes(header[j]);
  const line = (cells: string[]) => cells.map((c, j) => (left(j) ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
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
 * all targets by method, then by horizon.
 */
export function formatBacktestTable(result: BacktestResult): string {
  const m = result.meta;
  const out: string[] = [];
  const noise = m.residualNoise ? " + residual noise" : "";
  out.push(`backtest ${m.name}${m.unit ? ` (${m.unit})` : ""}: ${m.curve} fitted at each origin, uncertainty ${m.uncertainty}${noise}; horizon ${m.horizon} quarters`);
  out.push(`seed ${m.seed}, ${m.paths} paths; origins ${m.origins.join(", ")}`);
  for (const s of m.skipped) out.push(`skipped origin ${s.origin}: ${s.reason}`);
  out.push(`MASE scale: ${m.scale}; point forecast = median`);
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
  out.push(grid(header, body));
  out.push("");
  out.push(`mean over all targets`);
  const summaryHeader = ["method", "n", "MAPE%", "sMAPE%", "MASE", "pinball", "CRPS", "cover50", "cover90"];
  out.push(grid(summaryHeader, summaryRows(result.summary.filter((s) => s.horizon === null), false)));
  out.push("");
  out.push(`mean by horizon`);
  out.push(grid(["h", ...summaryHeader], summaryRows(result.summary.filter((s) => s.horizon !== null), true)));
  return `${out.join("\n")}\n`;
}
