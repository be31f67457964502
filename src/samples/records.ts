import { periodParts } from "./columns.ts";
import type { SampleStore } from "./store.ts";

/**
 * One simulated value of one path: the tidy form of the samples (one row per path, period, segment and
 * provider), as `sharecast run --samples` writes them.
 */
export interface SampleRecord {
  /** Path number, 0-based; the same number is the same simulated world in every period. */
  path: number;
  /** A quarter (`2020Q1`) or a complete calendar year (`2020`, the sum of its quarters). */
  period: string;
  /** `quarter` or `year`: the period's kind. */
  periodKind: "quarter" | "year";
  /** The period's calendar year. */
  year: number;
  /** 1-4 for a quarter, null for a year. */
  quarter: number | null;
  /** `total`, or a segment of the scenario. */
  segment: string;
  provider: string;
  /** Revenue in the scenario's currency and unit, for the period (a year's is the sum of its quarters). */
  revenue: number;
  /** Share of the segment's market in the period, in [0, 1]. */
  share: number;
}

/** Which samples {@link sampleRecords} returns; each list keeps only the named values. */
export interface SampleFilter {
  periods?: readonly string[];
  segments?: readonly string[];
  providers?: readonly string[];
  /** Only the first n paths. @defaultValue every path */
  paths?: number;
}

function pick(all: readonly string[], wanted: readonly string[] | undefined, what: string): number[] {
  if (wanted === undefined) return all.map((_, i) => i);
  return wanted.map((name) => {
    const index = all.indexOf(name);
    if (index < 0) throw new RangeError(`sampleRecords: unknown ${what} ${JSON.stringify(name)}; expected one of ${all.join(", ")}`);
    return index;
  });
}

/**
 * The samples as tidy records, ordered by path, period, segment, provider (the order of
 * `sharecast run --samples`). Ready for `aq.from(records)` (Arquero), `pl.DataFrame(records)` (Polars) or
 * `pandas.DataFrame(records)`. O(paths x periods x segments x providers) objects: filter a large run.
 *
 * @throws RangeError for an unknown period, segment or provider.
 * @example sampleRecords(result.samples!, { periods: ["2020"], providers: ["tencent"], paths: 2 })
 * // [{ path: 0, period: "2020", periodKind: "year", year: 2020, quarter: null, segment: "total", provider: "tencent", revenue: 2.91..., share: 0.20... }, ...]
 */
export function sampleRecords(samples: SampleStore, filter: SampleFilter = {}): SampleRecord[] {
  const periods = pick(samples.periods, filter.periods, "period");
  const segments = pick(samples.segments, filter.segments, "segment");
  const providers = pick(samples.providers, filter.providers, "provider");
  const paths = Math.min(samples.paths, filter.paths ?? samples.paths);
  const parts = samples.periods.map(periodParts);
  const out: SampleRecord[] = [];
  for (let i = 0; i < paths; i++) {
    for (const p of periods) {
      for (const g of segments) {
        for (const k of providers) {
          out.push({
            path: i,
            period: samples.periods[p],
            periodKind: parts[p].periodKind,
            year: parts[p].year,
            quarter: parts[p].quarter,
            segment: samples.segments[g],
            provider: samples.providers[k],
            revenue: samples.cell("revenue", g, k, p)[i],
            share: samples.cell("share", g, k, p)[i],
          });
        }
      }
    }
  }
  return out;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Records as CSV (RFC 4180 quoting, `\n` line ends, numbers at full precision). The columns are the given
 * ones, or every key in order of first appearance; a missing value is an empty field.
 *
 * @example recordsToCsv([{ a: 1, b: "x,y" }]) // 'a,b\n1,"x,y"\n'
 */
export function recordsToCsv(records: ReadonlyArray<object>, columns?: readonly string[]): string {
  const keys = columns ?? [...new Set(records.flatMap((r) => Object.keys(r)))];
  const lines = [keys.map(csvField).join(",")];
  for (const record of records) {
    const row = record as Record<string, unknown>;
    lines.push(keys.map((k) => csvField(row[k])).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Records as a JSON array, one record per line (so that diffs and `head` stay readable). Non-finite
 * numbers become null, as in `JSON.stringify`.
 *
 * @example recordsToJson([{ a: 1 }, { a: 2 }]) // '[\n{"a":1},\n{"a":2}\n]\n'
 */
export function recordsToJson(records: ReadonlyArray<object>): string {
  if (records.length === 0) return "[]\n";
  return `[\n${records.map((r) => JSON.stringify(r)).join(",\n")}\n]\n`;
}
