// The layout of simulated values: chunks of paths, cells (segment, provider, period) and columns (metric, cell).
// Every reader and writer of simulated values (kernel, store, output references, sample files) uses these.

/**
 * Paths per chunk. Chunk c holds paths [c * CHUNK_SIZE, (c + 1) * CHUNK_SIZE); each of its random streams is
 * keyed by the chunk index, so a path's numbers never depend on how chunks are spread over workers, and the
 * first N paths of a larger run equal a run of N paths.
 */
export const CHUNK_SIZE = 1024;

export type MetricName = "revenue" | "share";

/** The metrics of every cell, in column order: column `m * cells + cell` holds metric m of a cell. */
export const METRIC_NAMES: readonly MetricName[] = ["revenue", "share"];

/** The labels simulated values are laid out by (a compiled scenario has them). */
export interface StoreShape {
  outputSegments: readonly string[];
  providers: readonly string[];
  periods: readonly string[];
}

/**
 * The values of one chunk: revenue and share for every output cell (segment g, provider k, period p) and
 * path i, at `cellIndex(shape, g, k, p) * paths + i`.
 */
export interface ChunkValues {
  chunk: number;
  paths: number;
  revenue: Float64Array;
  share: Float64Array;
}

/** Number of (segment, provider, period) cells of a shape. */
export function cellCount(shape: StoreShape): number {
  return shape.outputSegments.length * shape.providers.length * shape.periods.length;
}

/**
 * The index of cell (segment g, provider k, period p): `(g * providers + k) * periods + p`. The one
 * definition of the cell order; {@link cellOf} inverts it.
 *
 * @example cellIndex({ outputSegments: ["total"], providers: ["a", "b"], periods: ["2020Q1", "2020"] }, 0, 1, 0) // 2
 */
export function cellIndex(shape: StoreShape, segment: number, provider: number, period: number): number {
  return (segment * shape.providers.length + provider) * shape.periods.length + period;
}

/** The (segment, provider, period) indices of a cell index; the inverse of {@link cellIndex}. */
export function cellOf(shape: StoreShape, cell: number): { segment: number; provider: number; period: number } {
  const periods = shape.periods.length;
  const providers = shape.providers.length;
  return { segment: Math.floor(cell / (periods * providers)), provider: Math.floor(cell / periods) % providers, period: cell % periods };
}

/** Column id of one metric of one cell: `m * cells + cell`, m the metric's place in {@link METRIC_NAMES}. */
export function columnId(shape: StoreShape, metric: MetricName, cell: number): number {
  return METRIC_NAMES.indexOf(metric) * cellCount(shape) + cell;
}

/** The metric and cell of a column id; the inverse of {@link columnId}. */
export function columnOf(shape: StoreShape, id: number): { metric: MetricName; cell: number } {
  const cells = cellCount(shape);
  const m = Math.floor(id / cells);
  return { metric: METRIC_NAMES[m], cell: id - m * cells };
}
