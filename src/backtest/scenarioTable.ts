import type { ScenarioBacktestResult } from "./scenarioBacktest.ts";
import { wrapLines } from "../core/textTable.ts";
import { backtestGrid, backtestTableWidth, type BacktestTableOptions } from "./table.ts";
import { maxOf } from "../core/extent.ts";

/** The ratio column's full header, and the one used when the table does not fit its width. */
const RATIO = "CRPS model/method";
const RATIO_SHORT = "model/method";

function significant(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(3) : String(x);
}

/**
 * A scenario backtest as text: the origins scored (as-of date, first simulated quarter, cells), how many were
 * skipped, and per group (all, share, revenue) and method: cells, 50% and 90% coverage, mean CRPS and
 * pinball, the geometric-mean CRPS ratio model / method, and the PIT histogram (10 bins of [0, 1]); then the
 * model's reliability (observed against nominal coverage of central bands). Laid out to `options.width`
 * (see `BacktestTableOptions`): prose wraps, the ratio's header is abbreviated (`model/method`), and the
 * columns are split into panels that repeat group and method; every cell is still printed.
 *
 * @example formatScenarioBacktestTable(result, { width: 80 })  // "scenario backtest: alibaba-cloud-revenue ...\n..."
 */
export function formatScenarioBacktestTable(result: ScenarioBacktestResult, options: BacktestTableOptions = {}): string {
  const width = backtestTableWidth(options);
  const m = result.meta;
  const origins = m.origins.map((o) => `${o.origin} (as of ${o.asOf}, from ${o.start}: ${o.cells} cells)`).join(", ");
  const rows = result.summary.map((s) => [
    s.group,
    s.method,
    String(s.n),
    s.coverage50.toFixed(2),
    s.coverage90.toFixed(2),
    significant(s.crps),
    significant(s.pinball),
    s.modelCrpsRatio === null ? "-" : s.modelCrpsRatio.toFixed(2),
    s.pitHistogram.join(" "),
  ]);
  const header = (ratio: string) => ["group", "method", "n", "cover50", "cover90", "CRPS", "pinball", ratio, "PIT histogram"];
  const whole = backtestGrid(header(RATIO), rows, Infinity);
  const fits = maxOf(whole.split("\n").map((line) => line.length)) <= width;
  const lines = [
    `scenario backtest: ${m.scenario} (its as-of date ${m.asOf}); ${m.paths} paths, seed ${m.seed}, horizon ${m.horizon} quarters, as-of = origin + ${m.lagQuarters} quarter(s); widen ${m.widen}, lift ${m.lift}${m.inSample ? "; in sample" : ""}`,
    `origins: ${origins}`,
    `skipped: ${m.skipped.length} origin(s) (the scenario refuses them or nothing later is public; see --format json)`,
  ].map((line) => wrapLines(line, width));
  lines.push("", fits ? whole : backtestGrid(header(RATIO_SHORT), rows, width));
  const model = result.summary.find((x) => x.method === "model" && x.group === "all");
  if (model) lines.push("", wrapLines(`model reliability, central band nominal: observed (from the PIT): ${model.reliability.map((r) => `${Math.round(100 * r.level)}%: ${r.observed.toFixed(2)}`).join(", ")}`, width));
  return `${lines.join("\n")}\n`;
}
