import type { CompareResult } from "./compare.ts";
import type { SolveResult } from "./solve.ts";
import type { SweepResult } from "./sweep.ts";

/** A number with 4 significant digits (fixed notation for ordinary magnitudes). */
function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return "0";
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e6 ? String(Number(x.toPrecision(4))) : x.toExponential(3);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** A sweep as a text table: per value and output, mean +/- se [p05, p95], and the paired difference with its se. */
export function formatSweep(s: SweepResult): string {
  const head = `sweep ${s.scenario}: ${s.mode === "shift" ? "shift" : "set"} ${s.path}; seed ${s.seed}, ${s.paths} paths per value, common random numbers`;
  const rows = s.cells.map((c) => [
    c.output,
    typeof c.value === "number" ? num(c.value) : JSON.stringify(c.value),
    num(c.mean),
    num(c.se),
    num(c.p05),
    num(c.p50),
    num(c.p95),
    num(c.difference),
    num(c.differenceSe),
    num(c.independentSe),
  ]);
  const note = "diff: mean of per-path (value - first value); se(diff) from per-path differences; se(indep): what independent runs would give";
  return `${head}\n${table(["output", "value", "mean", "se", "p05", "p50", "p95", "diff", "se(diff)", "se(indep)"], rows)}\n${note}\n`;
}

/** A comparison as a text table: A and B means with 90% intervals, and B - A with its 95% interval. */
export function formatCompare(c: CompareResult): string {
  const head = `compare A = ${c.a}, B = ${c.b}; seed ${c.seed}, ${c.paths} paths each, paired by path`;
  const rows = c.rows.map((r) => [
    r.output,
    `${num(r.a.mean)} [${num(r.a.p05)}, ${num(r.a.p95)}]`,
    `${num(r.b.mean)} [${num(r.b.p05)}, ${num(r.b.p95)}]`,
    num(r.difference),
    `[${num(r.difference - 1.96 * r.differenceSe)}, ${num(r.difference + 1.96 * r.differenceSe)}]`,
    num(r.differenceSe),
  ]);
  const note = "A, B: mean [p05, p95] across paths; B - A: mean of per-path differences, its 95% interval (+/- 1.96 se) and se";
  return `${head}\n${table(["output", "A", "B", "B - A", "95% interval", "se"], rows)}\n${note}\n`;
}

/** A solve result in words, with the search's evaluations. */
export function formatSolve(r: SolveResult): string {
  const what = r.mode === "shift" ? `shift of ${r.path}` : r.path;
  const lines: string[] = [];
  if (r.status === "solved") {
    lines.push(`${what} = ${num(r.value)} gives ${r.target.split("=")[0]} = ${num(r.achieved)} (target ${r.target.slice(r.target.lastIndexOf("=") + 1)})`);
    lines.push(`bracket [${num(r.bracket[0])}, ${num(r.bracket[1])}]; Monte Carlo se of the statistic ${num(r.statisticSe)}${r.valueSe !== null ? `, of the value ${num(r.valueSe)}` : ""}`);
  } else {
    lines.push(`no value of ${what} in [${num(r.range[0])}, ${num(r.range[1])}] reaches ${r.target}: the statistic is ${num(r.atLow)} at ${num(r.range[0])} and ${num(r.atHigh)} at ${num(r.range[1])}`);
  }
  lines.push(`seed ${r.seed}, ${r.paths} paths per run, ${r.evaluations.length} runs: ${r.evaluations.map((e) => `${num(e.x)} -> ${num(e.statistic)}`).join("; ")}`);
  return `${lines.join("\n")}\n`;
}
