import { CHUNK_SIZE, type ChunkValues, type StoreShape, cellIndex } from "../samples/layout.ts";
import { periodParts } from "../samples/columns.ts";

/**
 * The columns of a samples file (`sharecast run --samples FILE.csv|.parquet|.arrow`), in order; their types are
 * in docs/notebooks.md. One row per path, period, segment and provider, in that order.
 */
export const SAMPLE_COLUMNS = ["path", "period", "periodKind", "year", "quarter", "segment", "provider", "revenue", "share"] as const;

/** The CSV header line of a samples file. */
export const SAMPLE_CSV_HEADER = `${SAMPLE_COLUMNS.join(",")}\n`;

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
  cell(metric: "revenue" | "share", segment: number, provider: number, period: number): Float64Array;
}

/**
 * A finished run's samples as typed columns, one block of CHUNK_SIZE paths at a time: each block is copied
 * into a chunk's layout and laid out by {@link chunkColumns}, so the rows and order are the run's chunks'.
 */
export function* storeColumns(store: StoreCells): Generator<SampleColumns> {
  const shape: StoreShape = { outputSegments: store.segments, providers: store.providers, periods: store.periods };
  const cells = store.segments.length * store.providers.length * store.periods.length;
  for (let chunk = 0; chunk * CHUNK_SIZE < store.paths; chunk++) {
    const start = chunk * CHUNK_SIZE;
    const paths = Math.min(CHUNK_SIZE, store.paths - start);
    const values: ChunkValues = { chunk, paths, revenue: new Float64Array(cells * paths), share: new Float64Array(cells * paths) };
    for (let g = 0; g < store.segments.length; g++) {
      for (let k = 0; k < store.providers.length; k++) {
        for (let p = 0; p < store.periods.length; p++) {
          const at = cellIndex(shape, g, k, p) * paths;
          values.revenue.set(store.cell("revenue", g, k, p).subarray(start, start + paths), at);
          values.share.set(store.cell("share", g, k, p).subarray(start, start + paths), at);
        }
      }
    }
    yield chunkColumns(values, shape);
  }
}
