import { CHUNK_SIZE, type ChunkValues, type MetricName, METRIC_NAMES, type StoreShape, cellCount, cellIndex, columnId, columnOf } from "./layout.ts";

/** Bytes one column (one metric of one cell, every path) takes. */
export function columnBytes(paths: number): number {
  return paths * Float64Array.BYTES_PER_ELEMENT;
}

/** Options of a {@link SampleStore}. */
export interface StoreOptions {
  /**
   * Column ids this store holds (`metric * cells + cell`); every column when absent. A store that holds
   * some columns serves a run too large to hold at once (the columns its events read; see twoRounds.ts).
   */
  columns?: readonly number[];
  /**
   * Memory to lay the held columns out in, one after another in the order of `columns` (a
   * SharedArrayBuffer lets worker threads fill and read it in place); fresh memory when absent.
   */
  buffer?: ArrayBufferLike;
}

/**
 * Every simulated value, cell by cell: for each (segment, provider, period) one Float64Array of all paths
 * per metric, or the subset of those columns chosen at construction. Chunks may arrive in any order; each
 * lands at its own paths.
 */
export class SampleStore {
  readonly paths: number;
  readonly segments: readonly string[];
  readonly providers: readonly string[];
  readonly periods: readonly string[];
  /** Column ids held, in buffer order. */
  readonly columns: readonly number[];
  /** The memory the columns live in. */
  readonly buffer: ArrayBufferLike;
  private readonly data: Array<Float64Array | null>;
  private readonly shape: StoreShape;

  constructor(compiled: StoreShape, paths: number, options: StoreOptions = {}) {
    this.paths = paths;
    this.segments = compiled.outputSegments;
    this.providers = compiled.providers;
    this.periods = compiled.periods;
    this.shape = { outputSegments: this.segments, providers: this.providers, periods: this.periods };
    const total = METRIC_NAMES.length * cellCount(compiled);
    this.columns = options.columns ? [...options.columns] : Array.from({ length: total }, (_, j) => j);
    const bytes = columnBytes(paths);
    this.buffer = options.buffer ?? new ArrayBuffer(this.columns.length * bytes);
    if (this.buffer.byteLength < this.columns.length * bytes) {
      throw new RangeError(`buffer: expected at least ${this.columns.length * bytes} bytes, got ${this.buffer.byteLength}`);
    }
    this.data = new Array<Float64Array | null>(total).fill(null);
    this.columns.forEach((column, slot) => {
      if (!(column >= 0 && column < total) || this.data[column]) throw new RangeError(`columns: invalid or repeated column ${column}`);
      this.data[column] = new Float64Array(this.buffer, slot * bytes, paths);
    });
  }

  /** Number of (segment, provider, period) cells. */
  get cellCount(): number {
    return cellCount(this.shape);
  }

  /** Index of a (segment, provider, period) cell (see `cellIndex` in layout.ts). */
  cellIndex(segment: number, provider: number, period: number): number {
    return cellIndex(this.shape, segment, provider, period);
  }

  /** Column id of one metric of one cell. */
  columnId(metric: MetricName, cell: number): number {
    return columnId(this.shape, metric, cell);
  }

  /** All paths of a held column (a view; do not mutate). */
  column(id: number): Float64Array {
    const values = this.data[id];
    if (!values) throw new RangeError(`column ${id} is not held by this store`);
    return values;
  }

  /** Copies one chunk's values of every held column into place. */
  add(values: ChunkValues): void {
    const first = values.chunk * CHUNK_SIZE;
    const n = values.paths;
    for (const id of this.columns) {
      const { metric, cell } = columnOf(this.shape, id);
      this.data[id]!.set(values[metric].subarray(cell * n, (cell + 1) * n), first);
    }
  }

  /** All paths' values of one cell (a view; do not mutate). Throws RangeError for a column not held. */
  cell(metric: MetricName, segment: number, provider: number, period: number): Float64Array {
    const id = this.columnId(metric, this.cellIndex(segment, provider, period));
    const values = this.data[id];
    if (!values) {
      throw new RangeError(`${metric} of ${this.providers[provider]} in ${this.periods[period]} (${this.segments[segment]}) is not held by this store`);
    }
    return values;
  }

  /**
   * Per path, the sum of one metric over several providers' cells (a new array; added in the order given,
   * from 0). Events, benchmarks and charts of a provider sum `a+b` read it.
   *
   * @throws RangeError for a column not held.
   */
  sum(metric: MetricName, segment: number, providers: readonly number[], period: number): Float64Array {
    const out = new Float64Array(this.paths);
    for (const k of providers) {
      const values = this.cell(metric, segment, k, period);
      for (let i = 0; i < out.length; i++) out[i] += values[i];
    }
    return out;
  }

  segmentIndex(name: string | undefined): number {
    return this.segments.indexOf(name ?? "total");
  }

  providerIndex(id: string): number {
    return this.providers.indexOf(id);
  }

  periodIndex(label: string): number {
    return this.periods.indexOf(label);
  }
}

/**
 * A store of one path that records which columns are read: run events and benchmark comparisons on it to
 * learn the columns they need (their reads do not depend on the values).
 */
export class ProbeStore extends SampleStore {
  readonly read = new Set<number>();

  constructor(compiled: StoreShape) {
    super(compiled, 1);
  }

  override cell(metric: MetricName, segment: number, provider: number, period: number): Float64Array {
    const values = super.cell(metric, segment, provider, period);
    this.read.add(this.columnId(metric, this.cellIndex(segment, provider, period)));
    return values;
  }
}
