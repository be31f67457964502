import { complete } from "../core/options.ts";
import { textTable, wrapLines, type TextColumn } from "../core/textTable.ts";
import { quantileName, type SummaryRow } from "../samples/summaries.ts";
import type { Result } from "../samples/result.ts";
import { maxOf } from "../core/extent.ts";

/** Options of {@link formatTable}. */
export interface TableOptions {
  /**
   * Widest line: headers are abbreviated, conditions wrapped, and columns split into panels (each repeating
   * period and provider, or the benchmark's id) until the lines fit; `Infinity` prints every table whole.
   * @defaultValue Infinity
   */
  width?: number;
}

const TABLE_DEFAULTS = { width: Infinity };

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function amount(x: number): string {
  const abs = Math.abs(x);
  return abs >= 100 ? x.toFixed(0) : abs >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

/** The widest line of a block of text. */
function widest(text: string): number {
  return maxOf(text.split("\n").map((line) => line.length));
}

/**
 * An event's probability, standard error and 95% interval cells; an event no path (or every path) hits says
 * so against the path count, with its exact interval, never "0.0000 +/- 0.0000".
 */
function eventCells(e: Result["events"][number], paths: number): [string, string, string] {
  const [lo, hi] = e.interval95;
  if (e.probability === 0) return [`fewer than 1 in ${paths}`, "", `(95%: 0 to ${hi.toPrecision(3)})`];
  if (e.probability === 1) return [`all ${paths} paths`, "", `(95%: ${lo.toPrecision(3)} to 1)`];
  return [e.probability.toFixed(4), `+/- ${e.stderr.toFixed(4)}`, `${lo.toFixed(4)} to ${hi.toFixed(4)}`];
}

/** The summary table with its full headers, or, when that is wider than `width`, with the revenue header abbreviated. */
function summaryTable(result: Result, width: number): string {
  const { meta } = result;
  const q = meta.quantiles;
  const lo = quantileName(q[0]) as `p${number}`;
  const hi = quantileName(q[q.length - 1]) as `p${number}`;
  const years = [...new Set(result.rows.filter((r) => !r.period.includes("Q")).map((r) => r.period))];
  const periods = years.length > 0 ? years : [...new Set(result.rows.map((r) => r.period))];
  const unit = [meta.currency, meta.unit].filter(Boolean).join(" ");
  // The total's share rows by period and its revenue rows by period and provider, in one pass (a look-up
  // per row made this quadratic in the rows: minutes for 20,000 providers).
  const shares = new Map<string, SummaryRow[]>();
  const revenues = new Map<string, SummaryRow>();
  for (const r of result.rows) {
    if (r.segment !== "total") continue;
    if (r.metric === "share") {
      const list = shares.get(r.period);
      if (list) list.push(r);
      else shares.set(r.period, [r]);
    } else if (r.metric === "revenue") {
      const key = `${r.period}\u0000${r.provider}`;
      if (!revenues.has(key)) revenues.set(key, r);
    }
  }
  const body: string[][] = [];
  for (const period of periods) {
    for (const r of shares.get(period) ?? []) {
      // A saved result edited by hand may lack the share row's revenue row: its cells are then "-".
      const rev = revenues.get(`${period}\u0000${r.provider}`);
      body.push([
        period,
        r.provider,
        percent(r.p50 ?? r.mean),
        `${percent(r[lo])} - ${percent(r[hi])}`,
        rev ? amount(rev.p50 ?? rev.mean) : "-",
        rev ? `${amount(rev[lo])} - ${amount(rev[hi])}` : "-",
      ]);
    }
  }
  const band = `${lo}-${hi}`;
  const columns = (revenue: string): TextColumn[] => [
    { header: "period", key: true },
    { header: "provider", key: true },
    { header: "share p50", align: "right" },
    { header: band, align: "right" },
    { header: revenue, align: "right" },
    { header: band, align: "right" },
  ];
  const full = `revenue p50 (${unit ? `${unit} ` : ""}${years.length > 0 ? "per year" : "per quarter"})`;
  const whole = textTable(columns(full), body);
  if (widest(whole) <= width) return whole;
  const short = `rev p50 (${unit ? `${unit}/` : "per "}${years.length > 0 ? "yr" : "qtr"})`;
  return textTable(columns(short), body, { width });
}

/**
 * A terminal summary: per complete year and provider (total market), the median share and revenue with
 * the outermost requested quantiles; then events and benchmarks. Laid out to `options.width` (see
 * {@link TableOptions}); every number of the whole table is still printed, only moved.
 *
 * @example formatTable(result, { width: 80 })  // "deutsche-bank-2020: China cloud ...\n...\nperiod  provider  share p50 ..."
 */
export function formatTable(result: Result, options: TableOptions = {}): string {
  const { width } = complete(TABLE_DEFAULTS, options);
  const { meta } = result;
  const out: string[] = [];
  const prose = (text: string) => out.push(wrapLines(text, width));
  prose(`${meta.scenario}${meta.title ? `: ${meta.title}` : ""}`);
  if (meta.question) prose(meta.question);
  prose(`seed ${meta.seed}, ${meta.paths} paths, ${meta.rng}, sharecast ${meta.version}, scenario ${meta.scenarioHash}`);
  out.push("");
  out.push(summaryTable(result, width));
  if (result.events.length > 0) {
    out.push("", "Events (probability +/- Monte Carlo standard error, exact 95% binomial interval)");
    out.push(
      textTable(
        [{ header: "event", key: true }, { header: "probability", align: "right" }, { header: "" }, { header: "95% interval" }, { header: "condition", wrap: true }],
        result.events.map((e) => [e.id, ...eventCells(e, meta.paths), e.description]),
        { width },
      ),
    );
  }
  if (result.benchmarks.length > 0) {
    out.push("", "Benchmarks (where the published value falls in the simulated distribution)");
    out.push(
      textTable(
        [
          { header: "benchmark", key: true },
          { header: "cell" },
          { header: "value", align: "right" },
          { header: "percentile", align: "right" },
          { header: "median", align: "right" },
          { header: "median - value", align: "right" },
        ],
        result.benchmarks.map((b) => {
          const fmt = b.metric === "share" ? percent : amount;
          const diff = b.metric === "share" ? `${(b.medianError * 100).toFixed(1)} pts` : amount(b.medianError);
          return [b.id, `${b.metric}(${b.provider}, ${b.period})`, fmt(b.value), `${(b.percentile * 100).toFixed(1)}%`, fmt(b.median), diff];
        }),
        { width },
      ),
    );
  }
  return `${out.join("\n")}\n`;
}
