// Runs larger than memory, exactly, simulating every chunk twice at most: round 1 counts each column into
// fine buckets and forms its block sums; round 2 keeps the values of the buckets that hold the wanted
// ranks and sums the squared deviations. Memory: the buckets, per-chunk sums, and the kept values.
import type { CompiledScenario } from "./compile.ts";
import type { ChunkValues } from "./kernel.ts";
import { METRIC_NAMES, cellCount } from "../samples/layout.ts";
import { SketchCounts, SketchGather, sketchLayout, sketchPlan, type SketchLayout, type SketchPlan } from "../stats/columnSketch.ts";
import type { BlockColumns } from "../stats/columnSketchBatch.ts";

/** Number of columns (metric, cell) of a compiled scenario. */
export function columnCount(compiled: CompiledScenario): number {
  return METRIC_NAMES.length * cellCount(compiled);
}

/** A chunk's columns as the sketches take them: each metric's cells one after another (`ChunkValues` layout). */
export function chunkColumns(values: ChunkValues, cells: number): BlockColumns {
  return { sources: METRIC_NAMES.map((metric) => values[metric]), perSource: cells, n: values.paths };
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

/** Round 1 over chunks: adds each chunk's columns to `counts` (block = chunk index - `firstChunk`), four side by side. */
export function countChunk(counts: SketchCounts, values: ChunkValues, cells: number, firstChunk = 0): void {
  counts.add(values.chunk - firstChunk, chunkColumns(values, cells));
}

/** Round 2 over chunks: adds each chunk's columns to `gather` (block as in `countChunk`), four side by side. */
export function gatherChunk(gather: SketchGather, values: ChunkValues, cells: number, firstChunk = 0): void {
  gather.add(values.chunk - firstChunk, chunkColumns(values, cells));
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
    this.follow(sketchPlan(this.counts, paths, probabilities));
    return this.planned!;
  }

  /** Starts round 2 under a plan made elsewhere (from every thread's counts merged: runs on workers). */
  follow(plan: SketchPlan): void {
    this.planned = plan;
    this.gather = new SketchGather(plan, this.counts.layout, this.counts.blocks);
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
