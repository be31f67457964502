import { quantileName, type SummaryRow } from "../samples/summaries.ts";

function field(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Summary rows as CSV: `period,segment,provider,metric,mean,sd,p05,...`, numbers at full precision. */
export function rowsToCsv(rows: readonly SummaryRow[], probabilities: readonly number[]): string {
  const names = probabilities.map(quantileName);
  const header = ["period", "segment", "provider", "metric", "mean", "sd", ...names];
  const lines = [header.join(",")];
  for (const r of rows) {
    lines.push([r.period, r.segment, r.provider, r.metric, r.mean, r.sd, ...names.map((n) => r[n as `p${number}`])].map(field).join(","));
  }
  return `${lines.join("\n")}\n`;
}
