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
 * Every path's values as CSV lines `path,period,segment,provider,revenue,share`, produced lazily a path
 * at a time so a large run streams to disk.
 */
export function* samplesCsv(store: SampleStore): Generator<string> {
  yield "path,period,segment,provider,revenue,share\n";
  const { periods, segments, providers } = store;
  for (let i = 0; i < store.paths; i++) {
    let block = "";
    for (let p = 0; p < periods.length; p++) {
      for (let g = 0; g < segments.length; g++) {
        for (let k = 0; k < providers.length; k++) {
          const revenue = store.cell("revenue", g, k, p)[i];
          const share = store.cell("share", g, k, p)[i];
          block += `${i},${periods[p]},${segments[g]},${providers[k]},${revenue},${share}\n`;
        }
      }
    }
    yield block;
  }
}
