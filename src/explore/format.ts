import { complete } from "../core/options.ts";
import { textTable, wrapLines, type TextColumn } from "../core/textTable.ts";
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

/** Options of {@link formatSweep} and {@link formatCompare}. */
export interface FormatOptions {
  /** Widest line: prose wraps and the table splits into panels that repeat its key columns. @defaultValue Infinity */
  width?: number;
}

const FORMAT_DEFAULTS = { width: Infinity };

/** A table whose first `keys` columns name the row (left-aligned, repeated in every panel) and the rest are numbers. */
function table(header: string[], rows: string[][], keys: number, width: number): string {
  const columns: TextColumn[] = header.map((h, j) => (j < keys ? { header: h, key: true, align: j === 0 ? "left" : "right" } : { header: h, align: "right" }));
  return textTable(columns, rows, { width, rule: false });
}

/**
 * A sweep as a text table: per value and output, mean +/- se [p05, p95], and the paired difference with its
 * se; laid out to `options.width`.
 */
export function formatSweep(s: SweepResult, options: FormatOptions = {}): string {
  const { width } = complete(FORMAT_DEFAULTS, options);
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
  const grid = table(["output", "value", "mean", "se", "p05", "p50", "p95", "diff", "se(diff)", "se(indep)"], rows, 2, width);
  return `${wrapLines(head, width)}\n${grid}\n${wrapLines(note, width)}\n`;
}

/** A comparison as a text table: A and B means with 90% intervals, and B - A with its 95% interval; laid out to `options.width`. */
export function formatCompare(c: CompareResult, options: FormatOptions = {}): string {
  const { width } = complete(FORMAT_DEFAULTS, options);
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
  const grid = table(["output", "A", "B", "B - A", "95% interval", "se"], rows, 1, width);
  return `${wrapLines(head, width)}\n${grid}\n${wrapLines(note, width)}\n`;
}

/** A solve result in words, with the search's evaluations. */
export function formatSolve(r: SolveResult): string {
  const what = r.mode === "shift" ? `shift of ${r.path}` : r.path;
  const lines: string[] = [];
  if (r.status === "solved") {
    lines.push(`${what} = ${num(r.value)} gives ${r.target.split("=")[0]} = ${num(r.achieved)} (target ${r.target.slice(r.target.lastIndexOf("=") + 1)})`);
    // Batch means need 40 paths: fewer had printed "se of the statistic NaN, of the value NaN".
    const se = Number.isFinite(r.statisticSe) ? `${num(r.statisticSe)}${r.valueSe !== null ? `, of the value ${num(r.valueSe)}` : ""}` : `unknown (batch means need at least 40 paths, got ${r.paths})`;
    lines.push(`bracket [${num(r.bracket[0])}, ${num(r.bracket[1])}]; Monte Carlo se of the statistic ${se}`);
  } else if (r.status === "unresolved") {
    lines.push(`no value of ${what} found for ${r.target} in ${r.evaluations.length} runs: the statistic goes from ${num(r.atLow)} at ${num(r.bracket[0])} to ${num(r.atHigh)} at ${num(r.bracket[1])} across the target (a jump, or a range too wide to resolve: narrow it)`);
  } else {
    lines.push(`no value of ${what} in [${num(r.range[0])}, ${num(r.range[1])}] reaches ${r.target}: the statistic is ${num(r.atLow)} at ${num(r.range[0])} and ${num(r.atHigh)} at ${num(r.range[1])}`);
  }
  lines.push(`seed ${r.seed}, ${r.paths} paths per run, ${r.evaluations.length} runs: ${r.evaluations.map((e) => `${num(e.x)} -> ${num(e.statistic)}`).join("; ")}`);
  return `${lines.join("\n")}\n`;
}
