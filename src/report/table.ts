import { quantileName } from "../samples/summaries.ts";
import type { Result } from "../samples/result.ts";

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function amount(x: number): string {
  const abs = Math.abs(x);
  return abs >= 100 ? x.toFixed(0) : abs >= 1 ? x.toFixed(2) : x.toPrecision(3);
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function grid(header: string[], body: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => pad(c, widths[j], rightAligned[j])).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
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

/**
 * A terminal summary: per complete year and provider (total market), the median share and revenue with
 * the outermost requested quantiles; then events and benchmarks.
 */
export function formatTable(result: Result): string {
  const { meta } = result;
  const q = meta.quantiles;
  const lo = quantileName(q[0]);
  const hi = quantileName(q[q.length - 1]);
  const out: string[] = [];
  out.push(`${meta.scenario}${meta.title ? `: ${meta.title}` : ""}`);
  if (meta.question) out.push(meta.question);
  out.push(`seed ${meta.seed}, ${meta.paths} paths, ${meta.rng}, sharecast ${meta.version}, scenario ${meta.scenarioHash}`);
  out.push("");
  const years = [...new Set(result.rows.filter((r) => !r.period.includes("Q")).map((r) => r.period))];
  const periods = years.length > 0 ? years : [...new Set(result.rows.map((r) => r.period))];
  const unit = [meta.currency, meta.unit].filter(Boolean).join(" ");
  const per = years.length > 0 ? "per year" : "per quarter";
  const body: string[][] = [];
  for (const period of periods) {
    for (const r of result.rows) {
      if (r.period !== period || r.segment !== "total" || r.metric !== "share") continue;
      const rev = result.row(period, r.provider, "revenue")!;
      body.push([
        period,
        r.provider,
        percent(r.p50 ?? r.mean),
        `${percent(r[lo as `p${number}`])} - ${percent(r[hi as `p${number}`])}`,
        amount(rev.p50 ?? rev.mean),
        `${amount(rev[lo as `p${number}`])} - ${amount(rev[hi as `p${number}`])}`,
      ]);
    }
  }
  const band = `${lo}-${hi}`;
  out.push(grid(["period", "provider", "share p50", band, `revenue p50 (${unit ? `${unit} ` : ""}${per})`, band], body, [false, false, true, true, true, true]));
  if (result.events.length > 0) {
    out.push("", "Events (probability +/- Monte Carlo standard error, exact 95% binomial interval)");
    out.push(
      grid(
        ["event", "probability", "", "95% interval", "condition"],
        result.events.map((e) => [e.id, ...eventCells(e, meta.paths), e.description]),
        [false, true, false, false, false],
      ),
    );
  }
  if (result.benchmarks.length > 0) {
    out.push("", "Benchmarks (where the published value falls in the simulated distribution)");
    out.push(
      grid(
        ["benchmark", "cell", "value", "percentile", "median", "median - value"],
        result.benchmarks.map((b) => {
          const fmt = b.metric === "share" ? percent : amount;
          const diff = b.metric === "share" ? `${(b.medianError * 100).toFixed(1)} pts` : amount(b.medianError);
          return [b.id, `${b.metric}(${b.provider}, ${b.period})`, fmt(b.value), `${(b.percentile * 100).toFixed(1)}%`, fmt(b.median), diff];
        }),
        [false, false, true, true, true, true],
      ),
    );
  }
  return `${out.join("\n")}\n`;
}
