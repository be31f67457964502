/**
 * The two rounds of the column sketches (columnSketch.ts) over one block of many columns, four columns side
 * by side.
 *
 * Why (speed, bench/sketch.ts): a column's round is dependency chains over its values (the compensated
 * block sum, the squared deviations), one add after another, so one column at a time runs at the latency
 * of a floating-point add per value. Four columns' chains are independent, so the processor overlaps them;
 * each column's operations are still exactly those of the one-column rounds, in the same order (same
 * operands, same rounding, same bits).
 *
 * Column j of a block is `sources[floor(j / perSource)]` from `(j mod perSource) * n`, n values (a chunk's
 * metrics, each holding its cells one after another). A group is four consecutive columns of one source,
 * handed to its kernel as one view of their 4n values, read at i, n + i, 2n + i and 3n + i (one array per
 * group rather than four: round 1 2.6 against 2.8 ns a value, round 2 1.85 against 2.0, bench/sketch.ts);
 * a source's columns past its last group of four go one at a time. Kernels take typed arrays and numbers
 * only, one call per group, so their call sites stay monomorphic.
 *
 * summaryBatch.ts has kernels of the same shape for the summaries of a held store. They stay apart: these
 * also keep each column's range and write per-block sums into a state that merges across threads and
 * shards, those keep a running total over whole columns; and the chains are only fast written out, four
 * locals per quantity (a helper for the compensated step, taking a state array, made summaryBatch's pass
 * 1.9x slower).
 */

/** Columns a group takes side by side. */
export const SKETCH_WIDTH = 4;

/** One block of many columns: column j is `sources[floor(j / perSource)]` from `(j mod perSource) * n`. */
export interface BlockColumns {
  sources: readonly Float64Array[];
  perSource: number;
  /** Values per column in this block (>= 1). */
  n: number;
}

/** Round 1's state (SketchCounts' arrays) and the layout, as the kernels read and write them. */
export interface CountArrays {
  base: Float64Array;
  scale: Float64Array;
  /** Fine buckets; slots per column are `buckets + 3`. */
  buckets: number;
  /** `column * (buckets + 3) + slot`. */
  counts: Int32Array;
  low: Float64Array;
  high: Float64Array;
  /** Per column, this block's sum goes to `sums[sumsAt + column]`. */
  sums: Float64Array;
  /** Per column, this block's squared deviations from its own mean (`blockSquares`) go to `squares[sumsAt + column]`. */
  squares: Float64Array;
}

/**
 * Round 1 of block `block` (sums at `block * columns`) of every column: ranges, bucket counts, each
 * column's block sum as `blockSum` forms it, and its squared deviations from the block's own mean (sum / n)
 * as `blockSquares` forms them. One kernel call per group of four columns of a source.
 */
export function countBlock(state: CountArrays, columns: number, block: number, at: BlockColumns): void {
  const { sources, perSource, n } = at;
  const { base, scale, buckets, counts, low, high, sums, squares } = state;
  const sumsAt = block * columns;
  for (let m = 0; m * perSource < columns; m++) {
    const source = sources[m];
    const first = m * perSource;
    const end = Math.min(columns, first + perSource);
    let j = first;
    for (; j + SKETCH_WIDTH <= end; j += SKETCH_WIDTH) countFour(source.subarray((j - first) * n, (j - first + 4) * n), n, j, base, scale, buckets, counts, low, high, sums, squares, sumsAt);
    for (; j < end; j++) countOne(source.subarray((j - first) * n, (j - first + 1) * n), n, j, base, scale, buckets, counts, low, high, sums, squares, sumsAt);
  }
}

/** Round 1 of four columns (j to j + 3), their block's values one column after another in `c` (4n values). */
function countFour(c: Float64Array, n: number, j: number, base: Float64Array, scale: Float64Array, B: number, counts: Int32Array, low: Float64Array, high: Float64Array, sums: Float64Array, squares: Float64Array, sumsAt: number): void {
  const a0 = base[j], a1 = base[j + 1], a2 = base[j + 2], a3 = base[j + 3];
  const f0 = scale[j], f1 = scale[j + 1], f2 = scale[j + 2], f3 = scale[j + 3];
  const slots = B + 3;
  const at0 = j * slots, at1 = at0 + slots, at2 = at1 + slots, at3 = at2 + slots;
  // Slots above the fine buckets and of NaN as locals: every arm of the slot's choice is then a plain value,
  // so code compiled before a rare arm runs needs no feedback for it (no deoptimisation).
  const above = B + 1;
  const notANumber = B + 2;
  let l0 = low[j], l1 = low[j + 1], l2 = low[j + 2], l3 = low[j + 3];
  let h0 = high[j], h1 = high[j + 1], h2 = high[j + 2], h3 = high[j + 3];
  const o1 = n, o2 = 2 * n, o3 = 3 * n;
  // The first value starts each sum (blockSum), and is counted and ranged like the others.
  let s0 = c[0], s1 = c[o1], s2 = c[o2], s3 = c[o3];
  if (s0 < l0) l0 = s0;
  if (s0 > h0) h0 = s0;
  if (s1 < l1) l1 = s1;
  if (s1 > h1) h1 = s1;
  if (s2 < l2) l2 = s2;
  if (s2 > h2) h2 = s2;
  if (s3 < l3) l3 = s3;
  if (s3 > h3) h3 = s3;
  let u = (s0 - a0) * f0;
  counts[at0 + (u >= 0 ? (u < B ? (u | 0) + 1 : above) : s0 !== s0 ? notANumber : 0)]++;
  u = (s1 - a1) * f1;
  counts[at1 + (u >= 0 ? (u < B ? (u | 0) + 1 : above) : s1 !== s1 ? notANumber : 0)]++;
  u = (s2 - a2) * f2;
  counts[at2 + (u >= 0 ? (u < B ? (u | 0) + 1 : above) : s2 !== s2 ? notANumber : 0)]++;
  u = (s3 - a3) * f3;
  counts[at3 + (u >= 0 ? (u < B ? (u | 0) + 1 : above) : s3 !== s3 ? notANumber : 0)]++;
  let k0 = 0, k1 = 0, k2 = 0, k3 = 0;
  for (let i = 1; i < n; i++) {
    const x0 = c[i];
    const x1 = c[i + o1];
    const x2 = c[i + o2];
    const x3 = c[i + o3];
    if (x0 < l0) l0 = x0;
    if (x0 > h0) h0 = x0;
    if (x1 < l1) l1 = x1;
    if (x1 > h1) h1 = x1;
    if (x2 < l2) l2 = x2;
    if (x2 > h2) h2 = x2;
    if (x3 < l3) l3 = x3;
    if (x3 > h3) h3 = x3;
    const t0 = s0 + x0;
    const t1 = s1 + x1;
    const t2 = s2 + x2;
    const t3 = s3 + x3;
    k0 += Math.abs(s0) >= Math.abs(x0) ? s0 - t0 + x0 : x0 - t0 + s0;
    k1 += Math.abs(s1) >= Math.abs(x1) ? s1 - t1 + x1 : x1 - t1 + s1;
    k2 += Math.abs(s2) >= Math.abs(x2) ? s2 - t2 + x2 : x2 - t2 + s2;
    k3 += Math.abs(s3) >= Math.abs(x3) ? s3 - t3 + x3 : x3 - t3 + s3;
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
    const v0 = (x0 - a0) * f0;
    const v1 = (x1 - a1) * f1;
    const v2 = (x2 - a2) * f2;
    const v3 = (x3 - a3) * f3;
    counts[at0 + (v0 >= 0 ? (v0 < B ? (v0 | 0) + 1 : above) : x0 !== x0 ? notANumber : 0)]++;
    counts[at1 + (v1 >= 0 ? (v1 < B ? (v1 | 0) + 1 : above) : x1 !== x1 ? notANumber : 0)]++;
    counts[at2 + (v2 >= 0 ? (v2 < B ? (v2 | 0) + 1 : above) : x2 !== x2 ? notANumber : 0)]++;
    counts[at3 + (v3 >= 0 ? (v3 < B ? (v3 | 0) + 1 : above) : x3 !== x3 ? notANumber : 0)]++;
  }
  low[j] = l0, low[j + 1] = l1, low[j + 2] = l2, low[j + 3] = l3;
  high[j] = h0, high[j + 1] = h1, high[j + 2] = h2, high[j + 3] = h3;
  const b0 = s0 + k0, b1 = s1 + k1, b2 = s2 + k2, b3 = s3 + k3;
  sums[sumsAt + j] = b0;
  sums[sumsAt + j + 1] = b1;
  sums[sumsAt + j + 2] = b2;
  sums[sumsAt + j + 3] = b3;
  // The block's squared deviations from its own mean (the block is in cache).
  const r0 = b0 / n, r1 = b1 / n, r2 = b2 / n, r3 = b3 / n;
  let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  for (let i = 0; i < n; i++) {
    const d0 = c[i] - r0;
    const d1 = c[i + o1] - r1;
    const d2 = c[i + o2] - r2;
    const d3 = c[i + o3] - r3;
    q0 += d0 * d0;
    q1 += d1 * d1;
    q2 += d2 * d2;
    q3 += d3 * d3;
  }
  squares[sumsAt + j] = q0;
  squares[sumsAt + j + 1] = q1;
  squares[sumsAt + j + 2] = q2;
  squares[sumsAt + j + 3] = q3;
}

/** Round 1 of column j alone, `c` its block's n values ({@link countFour} for one column). */
function countOne(c: Float64Array, n: number, j: number, base: Float64Array, scale: Float64Array, B: number, counts: Int32Array, low: Float64Array, high: Float64Array, sums: Float64Array, squares: Float64Array, sumsAt: number): void {
  const a = base[j];
  const f = scale[j];
  const at = j * (B + 3);
  const above = B + 1;
  const notANumber = B + 2;
  let l = low[j];
  let h = high[j];
  let s = c[0];
  if (s < l) l = s;
  if (s > h) h = s;
  const u = (s - a) * f;
  counts[at + (u >= 0 ? (u < B ? (u | 0) + 1 : above) : s !== s ? notANumber : 0)]++;
  let k = 0;
  for (let i = 1; i < n; i++) {
    const x = c[i];
    if (x < l) l = x;
    if (x > h) h = x;
    const next = s + x;
    k += Math.abs(s) >= Math.abs(x) ? s - next + x : x - next + s;
    s = next;
    const v = (x - a) * f;
    counts[at + (v >= 0 ? (v < B ? (v | 0) + 1 : above) : x !== x ? notANumber : 0)]++;
  }
  low[j] = l;
  high[j] = h;
  const b = s + k;
  sums[sumsAt + j] = b;
  const r = b / n;
  let q = 0;
  for (let i = 0; i < n; i++) {
    const d = c[i] - r;
    q += d * d;
  }
  squares[sumsAt + j] = q;
}

/** Round 2's state (SketchGather's arrays) and the layout, as the kernels use them. */
export interface GatherArrays {
  base: Float64Array;
  scale: Float64Array;
  buckets: number;
  /** `column * (buckets + 3) + slot`: 1 where round 2 keeps the slot's values. */
  masks: Uint8Array;
  /** Per column, room for at least `n` more values past `keptCount` (the caller grows them). */
  kept: Float64Array[];
  keptCount: Int32Array;
}

/**
 * Round 2 of a block of every column: each column's values whose slot is wanted, appended in order. One
 * kernel call per group of four columns of a source.
 */
export function gatherBlock(state: GatherArrays, columns: number, at: BlockColumns): void {
  const { sources, perSource, n } = at;
  const { base, scale, buckets, masks, kept, keptCount } = state;
  for (let m = 0; m * perSource < columns; m++) {
    const source = sources[m];
    const first = m * perSource;
    const end = Math.min(columns, first + perSource);
    let j = first;
    for (; j + SKETCH_WIDTH <= end; j += SKETCH_WIDTH) gatherFour(source.subarray((j - first) * n, (j - first + 4) * n), n, j, base, scale, buckets, masks, kept[j], kept[j + 1], kept[j + 2], kept[j + 3], keptCount);
    for (; j < end; j++) gatherOne(source.subarray((j - first) * n, (j - first + 1) * n), n, j, base, scale, buckets, masks, kept[j], keptCount);
  }
}

/** Round 2 of four columns (j to j + 3), their block's values one column after another in `c` (4n values), kept values into `k0..k3`. */
function gatherFour(c: Float64Array, n: number, j: number, base: Float64Array, scale: Float64Array, B: number, masks: Uint8Array, k0: Float64Array, k1: Float64Array, k2: Float64Array, k3: Float64Array, keptCount: Int32Array): void {
  const a0 = base[j], a1 = base[j + 1], a2 = base[j + 2], a3 = base[j + 3];
  const f0 = scale[j], f1 = scale[j + 1], f2 = scale[j + 2], f3 = scale[j + 3];
  const slots = B + 3;
  const at0 = j * slots, at1 = at0 + slots, at2 = at1 + slots, at3 = at2 + slots;
  const above = B + 1;
  const notANumber = B + 2;
  let n0 = keptCount[j], n1 = keptCount[j + 1], n2 = keptCount[j + 2], n3 = keptCount[j + 3];
  const o1 = n, o2 = 2 * n, o3 = 3 * n;
  for (let i = 0; i < n; i++) {
    const x0 = c[i];
    const x1 = c[i + o1];
    const x2 = c[i + o2];
    const x3 = c[i + o3];
    const v0 = (x0 - a0) * f0;
    const v1 = (x1 - a1) * f1;
    const v2 = (x2 - a2) * f2;
    const v3 = (x3 - a3) * f3;
    if (masks[at0 + (v0 >= 0 ? (v0 < B ? (v0 | 0) + 1 : above) : x0 !== x0 ? notANumber : 0)] === 1) k0[n0++] = x0;
    if (masks[at1 + (v1 >= 0 ? (v1 < B ? (v1 | 0) + 1 : above) : x1 !== x1 ? notANumber : 0)] === 1) k1[n1++] = x1;
    if (masks[at2 + (v2 >= 0 ? (v2 < B ? (v2 | 0) + 1 : above) : x2 !== x2 ? notANumber : 0)] === 1) k2[n2++] = x2;
    if (masks[at3 + (v3 >= 0 ? (v3 < B ? (v3 | 0) + 1 : above) : x3 !== x3 ? notANumber : 0)] === 1) k3[n3++] = x3;
  }
  keptCount[j] = n0, keptCount[j + 1] = n1, keptCount[j + 2] = n2, keptCount[j + 3] = n3;
}

/** Round 2 of column j alone, `c` its block's n values ({@link gatherFour} for one column). */
function gatherOne(c: Float64Array, n: number, j: number, base: Float64Array, scale: Float64Array, B: number, masks: Uint8Array, k: Float64Array, keptCount: Int32Array): void {
  const a = base[j];
  const f = scale[j];
  const at = j * (B + 3);
  const above = B + 1;
  const notANumber = B + 2;
  let kept = keptCount[j];
  for (let i = 0; i < n; i++) {
    const x = c[i];
    const v = (x - a) * f;
    if (masks[at + (v >= 0 ? (v < B ? (v | 0) + 1 : above) : x !== x ? notANumber : 0)] === 1) k[kept++] = x;
  }
  keptCount[j] = kept;
}
