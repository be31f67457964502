import type { ScenarioBacktestResult } from "./scenarioBacktest.ts";

// Text columns (group, method, pit) are left-aligned, numbers right-aligned.
function grid(header: string[], body: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const left = (j: number) => ["group", "method", "PIT histogram"].includes(header[j]);
  const line = (cells: string[]) => cells.map((c, j) => (left(j) ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

function significant(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(3) : String(x);
}

/**
 * A scenario backtest as text: the origins scored (as-of date, first simulated quarter, cells), how many were
 * skipped, and per group (all, share, revenue) and method: cells, 50% and 90% coverage, mean CRPS and
 * pinball, the geometric-mean CRPS ratio model / method, and the PIT histogram (10 bins of [0, 1]); then the
 * model's reliability (observed against nominal coverage of central bands).
 */
export function formatScenarioBacktestTable(result: ScenarioBacktestResult): string {
  const m = result.meta;
  const origins = m.origins.map((o) => `${o.origin} (as of ${o.asOf}, from ${o.start}: ${o.cells} cells)`).join(", ");
  const lines = [
    `scenario backtest: ${m.scenario} (its as-of date ${m.asOf}); ${m.paths} paths, seed ${m.seed}, horizon ${m.horizon} quarters, as-of = origin + ${m.lagQuarters} quarter(s); widen ${m.widen}, lift ${m.lift}${m.inSample ? "; in sample" : ""}`,
    `origins: ${origins}`,
    `skipped: ${m.skipped.length} origin(s) (the scenario refuses them or nothing later is public; see --format json)`,
    "",
    grid(
      ["group", "method", "n", "cover50", "cover90", "CRPS", "pinball", "CRPS model/method", "PIT histogram"],
      result.summary.map((s) => [
        s.group,
        s.method,
        String(s.n),
        s.coverage50.toFixed(2),
        s.coverage90.toFixed(2),
        significant(s.crps),
        significant(s.pinball),
        s.modelCrpsRatio === null ? "-" : s.modelCrpsRatio.toFixed(2),
        s.pitHistogram.join(" "),
      ]),
    ),
  ];
  const model = result.summary.find((x) => x.method === "model" && x.group === "all");
  if (model) lines.push("", `model reliability, central band nominal: observed (from the PIT): ${model.reliability.map((r) => `${Math.round(100 * r.level)}%: ${r.observed.toFixed(2)}`).join(", ")}`);
  return `${lines.join("\n")}\n`;
}
