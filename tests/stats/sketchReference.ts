// The one-column rounds of the column sketches as the engine ran them before four columns went side by
// side (columnSketchBatch.ts), kept as they were: the reference the side-by-side code must equal bit for
// bit (tests/stats/columnSketchBatch.test.ts) and the baseline of bench/sketch.ts. Test code only.
import { SKETCH_BUCKETS, SKETCH_SLOTS, type SketchCounts, type SketchGather, type SketchPlan } from "../../src/stats/columnSketch.ts";
import { blockSquares } from "../../src/stats/blockSum.ts";

/** The slot of x in a column with this base and scale (see `SketchLayout`). */
function slotOf(x: number, base: number, scale: number): number {
  const t = (x - base) * scale;
  if (t >= 0) return t < SKETCH_BUCKETS ? (t | 0) + 1 : SKETCH_BUCKETS + 1;
  return x !== x ? SKETCH_BUCKETS + 2 : 0;
}

/**
 * Round 1's state as the one-column round kept it: SketchCounts' fields, its counts in a Float64Array as
 * they were (bench/sketch.ts) or SketchCounts' own (the tests).
 */
export type ReferenceCounts = Pick<SketchCounts, "columns" | "layout" | "low" | "high" | "sums" | "squares"> & { counts: Float64Array | Int32Array };

/** A fresh round-1 state with Float64Array counts, as the one-column round had. */
export function referenceCounts(columns: number, blocks: number, layout: SketchCounts["layout"]): ReferenceCounts {
  return {
    columns,
    layout,
    counts: new Float64Array(columns * SKETCH_SLOTS),
    low: new Float64Array(columns).fill(Infinity),
    high: new Float64Array(columns).fill(-Infinity),
    sums: new Float64Array(blocks * columns).fill(Number.NaN),
    squares: new Float64Array(blocks * columns).fill(Number.NaN),
  };
}

/** Round 1 of block `block` of column `column` (`values[from..to)`), one column alone. */
export function referenceCount(state: ReferenceCounts, column: number, block: number, values: Float64Array, from: number, to: number): void {
  const base = state.layout.base[column];
  const scale = state.layout.scale[column];
  const counts = state.counts;
  const at = column * SKETCH_SLOTS;
  let low = state.low[column];
  let high = state.high[column];
  let sum = values[from];
  let correction = 0;
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (x < low) low = x;
    if (x > high) high = x;
    const t = (x - base) * scale;
    counts[at + (t >= 0 ? (t < SKETCH_BUCKETS ? (t | 0) + 1 : SKETCH_BUCKETS + 1) : x !== x ? SKETCH_BUCKETS + 2 : 0)]++;
    if (i === from) continue;
    const next = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) correction += sum - next + x;
    else correction += x - next + sum;
    sum = next;
  }
  state.low[column] = low;
  state.high[column] = high;
  state.sums[block * state.columns + column] = sum + correction;
  state.squares[block * state.columns + column] = blockSquares(values, from, to, (sum + correction) / (to - from));
}

/** Per column, 1 at the slots round 2 keeps (what the one-column round built once per state). */
export function referenceMasks(plan: SketchPlan): Uint8Array[] {
  return plan.wanted.map((w) => {
    const mask = new Uint8Array(SKETCH_SLOTS);
    for (const s of w) mask[s] = 1;
    return mask;
  });
}

/** Round 2 of column `column` (`values[from..to)` of a block), one column alone. */
export function referenceGather(gather: SketchGather, masks: Uint8Array[], column: number, values: Float64Array, from: number, to: number): void {
  if (gather.plan.constant[column]) return;
  const mask = masks[column];
  const base = gather.layout.base[column];
  const scale = gather.layout.scale[column];
  let kept = gather.kept[column];
  let n = gather.keptCount[column];
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (mask[slotOf(x, base, scale)] === 0) continue;
    if (n === kept.length) {
      const grown = new Float64Array(kept.length * 2);
      grown.set(kept);
      kept = grown;
      gather.kept[column] = kept;
    }
    kept[n++] = x;
  }
  gather.keptCount[column] = n;
}
