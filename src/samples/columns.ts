import { CHUNK_SIZE, type ChunkValues, type StoreShape, cellIndex } from "./layout.ts";

/**
 * The columns of a samples file (`sharecast run --samples FILE.csv|.parquet|.arrow`), in order, with their
 * types in the typed formats. One row per path, period, segment and provider, in that order.
 */
export const SAMPLE_COLUMNS = [
  { name: "path", type: "int32", note: "path number from 0; the same number is the same simulated world in every row" },
  { name: "period", type: "string", note: "2020Q1 (a quarter) or 2020 (a complete calendar year)" },
  { name: "periodKind", type: "string", note: "quarter or year" },
  { name: "year", type: "int32", note: "the calendar year of the period" },
  { name: "quarter", type: "int32, null on year rows", note: "1-4 for a quarter, empty (null) for a year" },
  { name: "segment", type: "string", note: "total, or a segment of the scenario" },
  { name: "provider", type: "string", note: "provider id; others is a provider" },
  { name: "revenue", type: "float64", note: "the path's revenue in the cell (a year's is the sum of its quarters)" },
  { name: "share", type: "float64", note: "the path's share of the segment's market in the cell, in [0, 1]" },
] as const;

/** The CSV header line of a samples file. */
export const SAMPLE_CSV_HEADER = `${SAMPLE_COLUMNS.map((c) => c.name).join(",")}\n`;

/** A period label split into tidy columns. */
export interface PeriodParts {
  periodKind: "quarter" | "year";
  year: number;
  /** 1-4, or null for a year. */
  quarter: number | null;
}

/**
 * Splits a result's period label (`2020Q1` or `2020`) into kind, year and quarter.
 *
 * @throws RangeError for any other label (results only have these two forms).
 * @example periodParts("2020Q3") // { periodKind: "quarter", year: 2020, quarter: 3 }
 */
export function periodParts(period: string): PeriodParts {
  const match = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!match) throw new RangeError(`periodParts: expected 2020 or 2020Q1, got ${JSON.stringify(period)}`);
  return match[2] ? { periodKind: "quarter", year: Number(match[1]), quarter: Number(match[2]) } : { periodKind: "year", year: Number(match[1]), quarter: null };
}

/**
 * One chunk of samples as typed columns: path numbers, dictionary codes into `periods`, `segments` and
 * `providers`, and the values. Row r is path `path[r]`, period `periods[period[r]]`, ... in the order of
 * the samples file; the chunks of a run, in order, give every row once.
 */
export interface SampleColumns {
  rows: number;
  path: Int32Array;
  period: Int32Array;
  segment: Int32Array;
  provider: Int32Array;
  revenue: Float64Array;
  share: Float64Array;
  periods: readonly string[];
  segments: readonly string[];
  providers: readonly string[];
}

/**
 * The typed columns of one simulated chunk, with global path numbers (chunk x CHUNK_SIZE + i). O(rows).
 *
 * @example chunkColumns(values, shape).rows // values.paths x periods x segments x providers
 */
export function chunkColumns(values: ChunkValues, shape: StoreShape): SampleColumns {
  const { periods, providers } = shape;
  const segments = shape.outputSegments;
  const n = values.paths;
  const rows = n * periods.length * segments.length * providers.length;
  const out: SampleColumns = {
    rows,
    path: new Int32Array(rows),
    period: new Int32Array(rows),
    segment: new Int32Array(rows),
    provider: new Int32Array(rows),
    revenue: new Float64Array(rows),
    share: new Float64Array(rows),
    periods,
    segments,
    providers,
  };
  const first = values.chunk * CHUNK_SIZE;
  let r = 0;
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < periods.length; p++) {
      for (let g = 0; g < segments.length; g++) {
        for (let k = 0; k < providers.length; k++) {
          const at = cellIndex(shape, g, k, p) * n + i;
          out.path[r] = first + i;
          out.period[r] = p;
          out.segment[r] = g;
          out.provider[r] = k;
          out.revenue[r] = values.revenue[at];
          out.share[r] = values.share[at];
          r++;
        }
      }
    }
  }
  return out;
}

/**
 * The CSV lines of a chunk's columns (no header): `SAMPLE_COLUMNS` in order, numbers at full precision
 * (JavaScript's shortest round-trip form), an annual row's quarter empty. Labels need no quoting (ids and
 * periods have no commas or quotes).
 */
export function columnsCsv(columns: SampleColumns): string {
  const prefix = columns.periods.map((label) => {
    const parts = periodParts(label);
    return `${label},${parts.periodKind},${parts.year},${parts.quarter ?? ""}`;
  });
  const lines: string[] = [];
  for (let r = 0; r < columns.rows; r++) {
    lines.push(`${columns.path[r]},${prefix[columns.period[r]]},${columns.segments[columns.segment[r]]},${columns.providers[columns.provider[r]]},${columns.revenue[r]},${columns.share[r]}\n`);
  }
  return lines.join("");
}

/** The parts of a sample store that {@link storeColumns} reads. */
export interface StoreCells {
  paths: number;
  periods: readonly string[];
  segments: readonly string[];
  providers: readonly string[];
  cell(metric: "revenue" | "share", segment: number, provider: number, period: number): ArrayLike<number>;
}

/**
 * A finished run's samples as typed columns, one block of CHUNK_SIZE paths at a time (the same rows and
 * order as the chunks of the run). O(paths x cells) in all, one block in memory at a time.
 */
export function* storeColumns(store: StoreCells): Generator<SampleColumns> {
  const { periods, segments, providers } = store;
  const cellsPerPath = periods.length * segments.length * providers.length;
  for (let start = 0; start < store.paths; start += CHUNK_SIZE) {
    const n = Math.min(CHUNK_SIZE, store.paths - start);
    const rows = n * cellsPerPath;
    const out: SampleColumns = {
      rows,
      path: new Int32Array(rows),
      period: new Int32Array(rows),
      segment: new Int32Array(rows),
      provider: new Int32Array(rows),
      revenue: new Float64Array(rows),
      share: new Float64Array(rows),
      periods,
      segments,
      providers,
    };
    let r = 0;
    for (let i = start; i < start + n; i++) {
      for (let p = 0; p < periods.length; p++) {
        for (let g = 0; g < segments.length; g++) {
          for (let k = 0; k < providers.length; k++) {
            out.path[r] = i;
            out.period[r] = p;
            out.segment[r] = g;
            out.provider[r] = k;
            out.revenue[r] = store.cell("revenue", g, k, p)[i];
            out.share[r] = store.cell("share", g, k, p)[i];
            r++;
          }
        }
      }
    }
    yield out;
  }
}
