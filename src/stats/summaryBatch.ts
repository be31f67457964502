/**
 * Summaries of several equally long columns at once, bit for bit `summariseValues` of each.
 *
 * Why this exists (speed, measured in bench/summaries.ts): a column's summary is dependency chains over
 * its values (the compensated block sum, the squared deviations), each one add after another, so one column at a time runs at the latency of a floating-point add per value, not at the
 * machine's throughput. Here {@link WIDTH} columns go through each pass side by side: the chains are
 * independent, so the processor overlaps them, and every column's operations are still exactly those of
 * `summariseValues`, in the same order (same operands, same rounding, same bits).
 *
 * Two passes over each group of columns: (A) the Neumaier block sums, and counts into fine buckets laid
 * out from the column's first block (columnSketch.ts's layout: any layout gives exact order statistics,
 * one that fits keeps the next pass's gathering small); (B) each block's squared deviations from its own
 * mean (pooled afterwards, as blockedSquares pools them), and the values of the buckets that hold the
 * wanted ranks, which are then sorted (a few hundred values a column). Columns that are constant, hold NaN, have a sum that overflows, or whose wanted
 * ranks fall outside the fine buckets in bulk go through `summariseValues`' own code for that case.
 */
import { METRIC_NAMES } from "../samples/layout.ts";
import type { SampleStore } from "../samples/store.ts";
import { quantileName, type CellSummary, type SummaryRow } from "../samples/summaries.ts";
import { SUM_BLOCK, pooledSquares } from "./blockSum.ts";
import { SKETCH_BUCKETS, sketchLayout, slotOfRank } from "./columnSketch.ts";
import { SORTED_MAX, checkProbability } from "./quantile.ts";
import { sampleSd, summariseValues, summaryRow } from "./summary.ts";

/** Columns per group: four independent chains per pass (more spill registers; measured in bench/summaries.ts). */
export const WIDTH = 4;

/** Summarises every cell of the store, in the order period, segment, provider, metric. */
export function summarise(store: SampleStore, probabilities: readonly number[]): SummaryRow[] {
  const names = probabilities.map(quantileName);
  const labels: Array<Parameters<typeof summaryRow>[0]> = [];
  const columns: Float64Array[] = [];
  store.periods.forEach((period, p) => {
    store.segments.forEach((segment, g) => {
      store.providers.forEach((provider, k) => {
        for (const metric of METRIC_NAMES) {
          labels.push({ period, segment, provider, metric });
          columns.push(store.cell(metric, g, k, p));
        }
      });
    });
  });
  const summaries = summariseColumns(columns, probabilities, new Float64Array(store.paths));
  return summaries.map((summary, j) => summaryRow(labels[j], summary, names));
}

/** Per column of a group: where pass B keeps values, and how many it has kept. */
interface Keep {
  masks: Uint8Array[];
  kept: Float64Array[];
  count: Int32Array;
}

/**
 * `summariseValues(columns[j], probabilities)` for every j, in order; the columns must all have the same
 * length. `scratch` is accepted for callers of `summariseValues`' signature (the fallback allocates).
 *
 * @throws RangeError for empty columns or columns of different lengths, as `summariseValues` does.
 */
export function summariseColumns(columns: readonly Float64Array[], probabilities: readonly number[], scratch?: Float64Array): CellSummary[] {
  for (const p of probabilities) checkProbability(p);
  if (columns.length === 0) return [];
  const n = columns[0].length;
  for (const c of columns) if (c.length !== n) throw new RangeError(`summariseColumns: columns of ${c.length} and ${n} values`);
  if (n <= SORTED_MAX) return columns.map((c) => summariseValues(c, probabilities, scratch));
  const ranks: number[] = [];
  for (const p of probabilities) {
    const lo = Math.floor((n - 1) * p);
    ranks.push(lo, Math.min(lo + 1, n - 1));
  }
  const out: CellSummary[] = [];
  const buckets = bucketsFor(n);
  const slots = buckets + 3;
  const counts = Array.from({ length: WIDTH }, () => new Int32Array(slots));
  const sums = new Float64Array(WIDTH);
  const keep: Keep = { masks: Array.from({ length: WIDTH }, () => new Uint8Array(slots)), kept: [], count: new Int32Array(WIDTH) };
  const squares = new Float64Array(WIDTH);
  const means = new Float64Array(WIDTH);
  // Per block: the four columns' block sums (pass A), then their squared deviations from the block's mean (pass B).
  const perBlock = new Float64Array(2 * WIDTH * Math.ceil(n / SUM_BLOCK));
  const blockSquares = perBlock.subarray(WIDTH);
  const before = new Float64Array(slots + 1);
  for (let at = 0; at < columns.length; at += WIDTH) {
    const group = columns.slice(at, at + WIDTH);
    // A short group repeats its last column: the same work, its results unused.
    const c = [0, 1, 2, 3].map((j) => group[Math.min(j, group.length - 1)]);
    const layout = sketchLayout(WIDTH, (j) => c[j].subarray(0, SUM_BLOCK), buckets);
    for (const k of counts) k.fill(0);
    rangeSumsCounts(c[0], c[1], c[2], c[3], layout.base, layout.scale, buckets, counts, sums, perBlock);
    const plans: Array<ColumnPlan | null> = [];
    for (let j = 0; j < WIDTH; j++) {
      // A NaN is counted in the last slot. A constant column has every value in one bucket, so its plan
      // holds more than n / 16 values and is null: it goes to summariseValues, which knows it is constant.
      const nan = counts[j][slots - 1] > 0;
      means[j] = sums[j] / n;
      // Constant, NaN or an overflowing sum: summariseValues' own code for those cases.
      const plan = !nan && Number.isFinite(means[j]) ? planColumn(counts[j], slots, n, ranks, before) : null;
      plans.push(plan);
      keep.masks[j].fill(0);
      if (plan) for (const slot of plan.wanted) keep.masks[j][slot] = 1;
      keep.kept[j] = new Float64Array(plan ? plan.kept : 0);
      keep.count[j] = 0;
    }
    squaresAndKept(c[0], c[1], c[2], c[3], layout.base, layout.scale, buckets, keep, perBlock);
    for (let j = 0; j < WIDTH; j++) squares[j] = pooledSquares(perBlock, blockSquares, n, means[j], 2 * WIDTH, j);
    group.forEach((column, j) => {
      const plan = plans[j];
      if (!plan) {
        out.push(summariseValues(column, probabilities, scratch));
        return;
      }
      const kept = keep.kept[j].sort();
      const valueOfRank = (r: number): number => {
        let offset = 0;
        for (let w = 0; w < plan.wanted.length; w++) {
          if (r < plan.before[w] + plan.sizes[w]) return kept[offset + r - plan.before[w]];
          offset += plan.sizes[w];
        }
        throw new Error(`summariseColumns: rank ${r} is in no wanted bucket`);
      };
      const quantiles = probabilities.map((p) => {
        const h = (n - 1) * p;
        const lo = Math.floor(h);
        const a = valueOfRank(lo);
        const b = valueOfRank(Math.min(lo + 1, n - 1));
        return a + (h - lo) * (b - a);
      });
      out.push({ mean: means[j], sd: sampleSd(squares[j], n, column, means[j]), quantiles });
    });
  }
  return out;
}

/** Which buckets of a column hold its wanted ranks, what lies before each, and how many values they hold. */
interface ColumnPlan {
  wanted: number[];
  before: number[];
  sizes: number[];
  kept: number;
}

/**
 * The buckets holding `ranks` from a column's counts, or null when they hold more than n / 16 values (the
 * layout of its first block does not fit the rest: it is summarised by summariseValues instead).
 */
function planColumn(counts: Int32Array, slots: number, n: number, ranks: readonly number[], before: Float64Array): ColumnPlan | null {
  for (let s = 0; s < slots; s++) before[s + 1] = before[s] + counts[s];
  const holding = new Set<number>();
  for (const r of ranks) holding.add(slotOfRank(before, slots, r));
  const wanted = [...holding].sort((a, b) => a - b);
  const sizes = wanted.map((s) => counts[s]);
  const kept = sizes.reduce((a, b) => a + b, 0);
  if (kept > n / 16) return null;
  return { wanted, before: wanted.map((s) => before[s]), sizes, kept };
}

/**
 * Fine buckets for columns of n values: about n / 4 (a power of two from 256 to SKETCH_BUCKETS). Few enough
 * that a short column's counts, prefix sums and masks cost little beside its values; many enough that a
 * skewed column (200 quarters of compounding) still has its wanted ranks in small buckets (with n / 8, a
 * 6-provider 200-quarter run fell back to selection on most columns and cost 1.3x per cell).
 */
export function bucketsFor(n: number): number {
  return Math.min(SKETCH_BUCKETS, Math.max(256, 2 ** Math.round(Math.log2(n / 4))));
}

/**
 * Pass A for four columns: per column the Neumaier sum of each block of SUM_BLOCK values added block after
 * block, compensated (blockedSum's bits), each block's sum into `perBlock` (block b at 2 WIDTH b), and
 * counts into the slots of B fine
 * buckets: 1 + floor((x - base) * scale) within them, 0 below, B + 1 above, B + 2 for NaN. No range is
 * kept: a NaN shows in its slot, and a constant column in one bucket holding everything (both then go to
 * summariseValues).
 *
 * One call of {@link rangeBlock} per block, its state carried in `state`: each call runs the whole body, so
 * the optimised code is compiled with feedback for all of it (one long call would be compiled mid-loop and
 * thrown away at the first statement after the loop).
 */
function rangeSumsCounts(c0: Float64Array, c1: Float64Array, c2: Float64Array, c3: Float64Array, base: Float64Array, scale: Float64Array, B: number, counts: Int32Array[], sums: Float64Array, perBlock: Float64Array): void {
  const n = c0.length;
  const state = new Float64Array(RANGE_STATE);
  for (let at = 0; at < n; at += SUM_BLOCK) rangeBlock(c0, c1, c2, c3, at, at + SUM_BLOCK < n ? at + SUM_BLOCK : n, base, scale, B, counts, state, perBlock);
  const one = n <= SUM_BLOCK;
  for (let j = 0; j < WIDTH; j++) sums[j] = one ? state[j] : state[j] + state[WIDTH + j];
}

/** Pass A's state: per column the block total and its correction (2 x WIDTH). */
const RANGE_STATE = 2 * WIDTH;

/** Pass A over values [at, end) of four columns (one block), its state in and out of `state`. */
function rangeBlock(c0: Float64Array, c1: Float64Array, c2: Float64Array, c3: Float64Array, at: number, end: number, base: Float64Array, scale: Float64Array, B: number, counts: Int32Array[], state: Float64Array, perBlock: Float64Array): void {
  const a0 = base[0], a1 = base[1], a2 = base[2], a3 = base[3];
  const f0 = scale[0], f1 = scale[1], f2 = scale[2], f3 = scale[3];
  const m0 = counts[0], m1 = counts[1], m2 = counts[2], m3 = counts[3];
  // The totals over blocks (BlockTotal's state, per column). BlockTotal takes the first block's sum as it
  // is; adding it to 0 in the compensated step below gives the same bits (0 + b = b, correction 0) except
  // for a block sum of -0, which only a column of -0s (constant: summariseValues' case) can have.
  let t0 = state[0], t1 = state[1], t2 = state[2], t3 = state[3];
  let e0 = state[4], e1 = state[5], e2 = state[6], e3 = state[7];
  // Slots of the values above the fine buckets and of NaN, as locals: every arm of the slot's choice is then
  // a plain value, so code compiled before a rare arm runs needs no feedback for it (no deoptimisation).
  const above = B + 1;
  const notANumber = B + 2;
  let s0 = c0[at], s1 = c1[at], s2 = c2[at], s3 = c3[at];
  let u = (s0 - a0) * f0;
  m0[u >= 0 ? (u < B ? (u | 0) + 1 : above) : s0 !== s0 ? notANumber : 0]++;
  u = (s1 - a1) * f1;
  m1[u >= 0 ? (u < B ? (u | 0) + 1 : above) : s1 !== s1 ? notANumber : 0]++;
  u = (s2 - a2) * f2;
  m2[u >= 0 ? (u < B ? (u | 0) + 1 : above) : s2 !== s2 ? notANumber : 0]++;
  u = (s3 - a3) * f3;
  m3[u >= 0 ? (u < B ? (u | 0) + 1 : above) : s3 !== s3 ? notANumber : 0]++;
  let k0 = 0, k1 = 0, k2 = 0, k3 = 0;
  for (let i = at + 1; i < end; i++) {
    const x0 = c0[i];
    const x1 = c1[i];
    const x2 = c2[i];
    const x3 = c3[i];
    const n0 = s0 + x0;
    const n1 = s1 + x1;
    const n2 = s2 + x2;
    const n3 = s3 + x3;
    k0 += Math.abs(s0) >= Math.abs(x0) ? s0 - n0 + x0 : x0 - n0 + s0;
    k1 += Math.abs(s1) >= Math.abs(x1) ? s1 - n1 + x1 : x1 - n1 + s1;
    k2 += Math.abs(s2) >= Math.abs(x2) ? s2 - n2 + x2 : x2 - n2 + s2;
    k3 += Math.abs(s3) >= Math.abs(x3) ? s3 - n3 + x3 : x3 - n3 + s3;
    s0 = n0;
    s1 = n1;
    s2 = n2;
    s3 = n3;
    const v0 = (x0 - a0) * f0;
    const v1 = (x1 - a1) * f1;
    const v2 = (x2 - a2) * f2;
    const v3 = (x3 - a3) * f3;
    m0[v0 >= 0 ? (v0 < B ? (v0 | 0) + 1 : above) : x0 !== x0 ? notANumber : 0]++;
    m1[v1 >= 0 ? (v1 < B ? (v1 | 0) + 1 : above) : x1 !== x1 ? notANumber : 0]++;
    m2[v2 >= 0 ? (v2 < B ? (v2 | 0) + 1 : above) : x2 !== x2 ? notANumber : 0]++;
    m3[v3 >= 0 ? (v3 < B ? (v3 | 0) + 1 : above) : x3 !== x3 ? notANumber : 0]++;
  }
  const b0 = s0 + k0, b1 = s1 + k1, b2 = s2 + k2, b3 = s3 + k3;
  const o = (at / SUM_BLOCK) * 2 * WIDTH;
  perBlock[o] = b0, perBlock[o + 1] = b1, perBlock[o + 2] = b2, perBlock[o + 3] = b3;
  // The compensated step of the block totals, written out here: a shared helper taking
  // the state array measured 1.9x slower for the whole pass (bench/summaries.ts).
  const u0 = t0 + b0, u1 = t1 + b1, u2 = t2 + b2, u3 = t3 + b3;
  e0 += Math.abs(t0) >= Math.abs(b0) ? t0 - u0 + b0 : b0 - u0 + t0;
  e1 += Math.abs(t1) >= Math.abs(b1) ? t1 - u1 + b1 : b1 - u1 + t1;
  e2 += Math.abs(t2) >= Math.abs(b2) ? t2 - u2 + b2 : b2 - u2 + t2;
  e3 += Math.abs(t3) >= Math.abs(b3) ? t3 - u3 + b3 : b3 - u3 + t3;
  state[0] = u0, state[1] = u1, state[2] = u2, state[3] = u3;
  state[4] = e0, state[5] = e1, state[6] = e2, state[7] = e3;
}

/**
 * Pass B for four columns: each block's squared deviations from its own mean (its sum from pass A over its
 * count), a plain sum from 0 as blockSquares forms it, into `perBlock` (block b at 2 WIDTH b + WIDTH), and
 * the values whose slot (pass A's) is wanted. One call of {@link squaresBlock} per block, as in pass A.
 */
function squaresAndKept(c0: Float64Array, c1: Float64Array, c2: Float64Array, c3: Float64Array, base: Float64Array, scale: Float64Array, B: number, keep: Keep, perBlock: Float64Array): void {
  const n = c0.length;
  const state = new Int32Array(WIDTH);
  for (let at = 0; at < n; at += SUM_BLOCK) squaresBlock(c0, c1, c2, c3, at, at + SUM_BLOCK < n ? at + SUM_BLOCK : n, base, scale, B, keep, state, perBlock);
  for (let j = 0; j < WIDTH; j++) keep.count[j] = state[j];
}

/** Pass B over values [at, end) of four columns (one block): per column the count kept so far in `state`. */
function squaresBlock(c0: Float64Array, c1: Float64Array, c2: Float64Array, c3: Float64Array, at: number, end: number, base: Float64Array, scale: Float64Array, B: number, keep: Keep, state: Int32Array, perBlock: Float64Array): void {
  const o = (at / SUM_BLOCK) * 2 * WIDTH;
  const count = end - at;
  const m0 = perBlock[o] / count, m1 = perBlock[o + 1] / count, m2 = perBlock[o + 2] / count, m3 = perBlock[o + 3] / count;
  const a0 = base[0], a1 = base[1], a2 = base[2], a3 = base[3];
  const f0 = scale[0], f1 = scale[1], f2 = scale[2], f3 = scale[3];
  const w0 = keep.masks[0], w1 = keep.masks[1], w2 = keep.masks[2], w3 = keep.masks[3];
  const k0 = keep.kept[0], k1 = keep.kept[1], k2 = keep.kept[2], k3 = keep.kept[3];
  const above = B + 1;
  let n0 = state[0], n1 = state[1], n2 = state[2], n3 = state[3];
  let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
  for (let i = at; i < end; i++) {
    const x0 = c0[i];
    const x1 = c1[i];
    const x2 = c2[i];
    const x3 = c3[i];
    const d0 = x0 - m0;
    const d1 = x1 - m1;
    const d2 = x2 - m2;
    const d3 = x3 - m3;
    q0 += d0 * d0;
    q1 += d1 * d1;
    q2 += d2 * d2;
    q3 += d3 * d3;
    // Wanted slots are fine buckets or the below and above slots (never NaN: such columns are not here).
    const v0 = (x0 - a0) * f0;
    const v1 = (x1 - a1) * f1;
    const v2 = (x2 - a2) * f2;
    const v3 = (x3 - a3) * f3;
    if (w0[v0 >= 0 ? (v0 < B ? (v0 | 0) + 1 : above) : 0] === 1) k0[n0++] = x0;
    if (w1[v1 >= 0 ? (v1 < B ? (v1 | 0) + 1 : above) : 0] === 1) k1[n1++] = x1;
    if (w2[v2 >= 0 ? (v2 < B ? (v2 | 0) + 1 : above) : 0] === 1) k2[n2++] = x2;
    if (w3[v3 >= 0 ? (v3 < B ? (v3 | 0) + 1 : above) : 0] === 1) k3[n3++] = x3;
  }
  perBlock[o + 4] = q0, perBlock[o + 5] = q1, perBlock[o + 6] = q2, perBlock[o + 7] = q3;
  state[0] = n0, state[1] = n1, state[2] = n2, state[3] = n3;
}
