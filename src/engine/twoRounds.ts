// Runs larger than memory, exactly, simulating every chunk twice at most: round 1 counts each column into
// fine buckets and forms its block sums; round 2 keeps the values of the buckets that hold the wanted
// ranks and sums the squared deviations. Memory: the buckets, per-chunk sums, and the kept values.
import type { CompiledScenario } from "./compile.ts";
import type { ChunkValues } from "./kernel.ts";
import { METRIC_NAMES, cellCount } from "../samples/layout.ts";
import { SketchCounts, SketchGather, sketchLayout, sketchPlan, type SketchLayout, type SketchPlan } from "../stats/columnSketch.ts";

/** Number of columns (metric, cell) of a compiled scenario. */
export function columnCount(compiled: CompiledScenario): number {
  return METRIC_NAMES.length * cellCount(compiled);
}

/** Calls `visit(column, values, from, to)` for every column's slice of one chunk (`ChunkValues` layout). */
export function forEachColumn(values: ChunkValues, cells: number, visit: (column: number, values: Float64Array, from: number, to: number) => void): void {
  const n = values.paths;
  METRIC_NAMES.forEach((metric, m) => {
    const v = values[metric];
    for (let cell = 0; cell < cells; cell++) visit(m * cells + cell, v, cell * n, (cell + 1) * n);
  });
}

/** The bucket layout of every column from the run's first chunk (the same in every shard and pass). */
export function chunkLayout(first: ChunkValues, cells: number): SketchLayout {
  const n = first.paths;
  return sketchLayout(METRIC_NAMES.length * cells, (j) => {
    const m = Math.floor(j / cells);
    const cell = j - m * cells;
    return first[METRIC_NAMES[m]].subarray(cell * n, (cell + 1) * n);
  });
}

/** Round 1 over chunks: adds each chunk's columns to `counts` (block = chunk index - `firstChunk`). */
export function countChunk(counts: SketchCounts, values: ChunkValues, cells: number, firstChunk = 0): void {
  const block = values.chunk - firstChunk;
  forEachColumn(values, cells, (j, v, from, to) => counts.add(j, block, v, from, to));
}

/** Round 2 over chunks: adds each chunk's columns to `gather`. */
export function gatherChunk(gather: SketchGather, values: ChunkValues, cells: number, firstChunk = 0): void {
  const block = values.chunk - firstChunk;
  forEachColumn(values, cells, (j, v, from, to) => gather.add(j, block, v, from, to));
}

/** The state of a two-round run of `chunks` chunks: round 1's counts, then the plan and round 2. */
export class TwoRounds {
  readonly counts: SketchCounts;
  readonly cells: number;
  private gather: SketchGather | null = null;
  private planned: SketchPlan | null = null;

  constructor(compiled: CompiledScenario, chunks: number, layout: SketchLayout) {
    this.cells = cellCount(compiled);
    this.counts = new SketchCounts(columnCount(compiled), chunks, layout);
  }

  /** Round 1: one chunk. */
  count(values: ChunkValues): void {
    countChunk(this.counts, values, this.cells);
  }

  /** Ends round 1 (every chunk counted) and starts round 2. */
  plan(paths: number, probabilities: readonly number[]): SketchPlan {
    this.planned = sketchPlan(this.counts, paths, probabilities);
    this.gather = new SketchGather(this.planned, this.counts.layout, this.counts.blocks);
    return this.planned;
  }

  /** Round 2: one chunk. */
  keep(values: ChunkValues): void {
    if (!this.gather) throw new Error("TwoRounds.keep before plan");
    gatherChunk(this.gather, values, this.cells);
  }

  /** The summaries after round 2, column by column. */
  summaries(): SketchGather {
    if (!this.gather) throw new Error("TwoRounds.summaries before plan");
    return this.gather;
  }
}
