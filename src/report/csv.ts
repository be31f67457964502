import { columnsCsv, SAMPLE_CSV_HEADER, storeColumns } from "../samples/columns.ts";
import type { SampleStore } from "../samples/store.ts";
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

/**
 * Every path's values as CSV lines (`SAMPLE_COLUMNS`: path, period, periodKind, year, quarter, segment,
 * provider, revenue, share), produced lazily a block of paths at a time so a large run streams to disk;
 * the same bytes as `sharecast run --samples FILE.csv`.
 */
export function* samplesCsv(store: SampleStore): Generator<string> {
  yield SAMPLE_CSV_HEADER;
  for (const block of storeColumns(store)) yield columnsCsv(block);
}
