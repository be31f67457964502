// Exact summaries of columns too long to hold, in two rounds over their values (any order of blocks):
// round 1 counts values into fine buckets and forms each block's sum and squared deviations from its own
// mean (pooled into the column's: blockSum.ts); round 2 keeps only the values of the buckets that hold the
// wanted ranks. Both rounds' states merge.
import type { CellSummary } from "../samples/summaries.ts";
import { BlockTotal, pooledSquares } from "./blockSum.ts";
import { countBlock, gatherBlock, type BlockColumns, type CountArrays, type GatherArrays } from "./columnSketchBatch.ts";
import { sampleSd } from "./summary.ts";

/** Fine buckets per column, between the below and above buckets; one more holds NaN. */
export const SKETCH_BUCKETS = 4096;
/** Slots of a column's histogram: below, SKETCH_BUCKETS fine buckets, above, NaN. */
export const SKETCH_SLOTS = SKETCH_BUCKETS + 3;

/**
 * Where a column's buckets lie: bucket(x) = 1 + floor((x - base) * scale) for x in the fine range, 0 below
 * it, SKETCH_BUCKETS + 1 above, SKETCH_BUCKETS + 2 for NaN. Monotone in x under rounding, so the value of
 * rank r lies in the bucket whose cumulative count first exceeds r. Any layout gives exact results; a
 * layout that fits the values keeps round 2 small.
 */
export interface SketchLayout {
  base: Float64Array;
  scale: Float64Array;
}

/**
 * The layout of each column from a sample of its values (the run's first chunk, which every shard can
 * simulate): the sample's range widened by half of it on each side, in `buckets` (SKETCH_BUCKETS) equal
 * buckets. `sample(j)` gives column j's values.
 */
export function sketchLayout(columns: number, sample: (column: number) => ArrayLike<number>, buckets: number = SKETCH_BUCKETS): SketchLayout {
  const base = new Float64Array(columns);
  const scale = new Float64Array(columns);
  for (let j = 0; j < columns; j++) {
    const v = sample(j);
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x < low) low = x;
      if (x > high) high = x;
    }
    const span = high - low;
    if (Number.isFinite(span) && span > 0 && Number.isFinite((buckets / 2) / span)) {
      base[j] = low - span / 2;
      scale[j] = buckets / (2 * span);
    } else {
      const at = Number.isFinite(low) ? low : 0;
      const width = Math.abs(at) > 1e-300 && Math.abs(at) < 1e300 ? Math.abs(at) * 1e-6 : 1;
      base[j] = at - (width * buckets) / 2;
      scale[j] = 1 / width;
    }
  }
  return { base, scale };
}

/**
 * Round 1 of a set of columns: per column the histogram, the range and NaN, and per block (chunk) the
 * block sum (`blockSum`) and squared deviations from the block's mean (`blockSquares`). Blocks may be added
 * in any order; states of disjoint blocks merge by adding counts, taking the range's ends and placing each
 * block's sum and squares (a shard merge does so from its partials).
 */
export class SketchCounts {
  readonly columns: number;
  readonly blocks: number;
  readonly layout: SketchLayout;
  /** `column * SKETCH_SLOTS + slot` (a run has at most 1e8 paths: any count fits; partials store them as Uint32). */
  readonly counts: Int32Array;
  readonly low: Float64Array;
  readonly high: Float64Array;
  /** `block * columns + column`; NaN marks a block not added. */
  readonly sums: Float64Array;
  /** `block * columns + column`: the block's squared deviations from its own mean. */
  readonly squares: Float64Array;
  private readonly arrays: CountArrays;

  constructor(columns: number, blocks: number, layout: SketchLayout) {
    this.columns = columns;
    this.blocks = blocks;
    this.layout = layout;
    this.counts = new Int32Array(columns * SKETCH_SLOTS);
    this.low = new Float64Array(columns).fill(Infinity);
    this.high = new Float64Array(columns).fill(-Infinity);
    this.sums = new Float64Array(blocks * columns).fill(Number.NaN);
    this.squares = new Float64Array(blocks * columns).fill(Number.NaN);
    this.arrays = { base: layout.base, scale: layout.scale, buckets: SKETCH_BUCKETS, counts: this.counts, low: this.low, high: this.high, sums: this.sums, squares: this.squares };
  }

  /**
   * Adds block `block` of every column (columnSketchBatch.ts: four columns side by side, each column's
   * state bit for bit that of adding it alone).
   */
  add(block: number, columns: BlockColumns): void {
    countBlock(this.arrays, this.columns, block, columns);
  }

  /** This state's share of a merge: its counts, range, and the sums and squares of `blocks` (the blocks it added). */
  part(blocks: readonly number[]): CountsPart {
    const C = this.columns;
    const sums = new Float64Array(blocks.length * C);
    const squares = new Float64Array(blocks.length * C);
    blocks.forEach((b, k) => {
      sums.set(this.sums.subarray(b * C, (b + 1) * C), k * C);
      squares.set(this.squares.subarray(b * C, (b + 1) * C), k * C);
    });
    return { blocks: [...blocks], counts: this.counts, low: this.low, high: this.high, sums, squares };
  }

  /** Adds the state of other blocks of the same columns and layout (`part` of another thread's state). */
  merge(other: CountsPart): void {
    const C = this.columns;
    if (other.counts.length !== this.counts.length || other.sums.length !== other.blocks.length * C || other.squares.length !== other.sums.length) throw new RangeError("SketchCounts.merge: a state of other columns");
    for (let k = 0; k < this.counts.length; k++) this.counts[k] += other.counts[k];
    for (let j = 0; j < C; j++) {
      if (other.low[j] < this.low[j]) this.low[j] = other.low[j];
      if (other.high[j] > this.high[j]) this.high[j] = other.high[j];
    }
    other.blocks.forEach((b, k) => {
      this.sums.set(other.sums.subarray(k * C, (k + 1) * C), b * C);
      this.squares.set(other.squares.subarray(k * C, (k + 1) * C), b * C);
    });
  }
}

/** A round 1 state to merge (SketchCounts.part): counts and range, and the sums of the blocks it added, in their order. */
export interface CountsPart {
  blocks: number[];
  counts: Int32Array;
  low: Float64Array;
  high: Float64Array;
  /** `k * columns + column` for block `blocks[k]`. */
  sums: Float64Array;
  /** As `sums`: each block's squared deviations from its own mean. */
  squares: Float64Array;
}

/** A round 2 state to merge (SketchGather.part): its kept values. */
export interface GatherPart {
  /** Per column, the values it kept. */
  kept: Float64Array[];
}

/** What round 2 needs per column: its mean, whether it is constant, and the buckets holding wanted ranks. */
export interface SketchPlan {
  paths: number;
  probabilities: number[];
  /** Per column: the mean (as `summariseValues` forms it). */
  mean: number[];
  /**
   * Per column: the squared deviations from the mean, pooled over the blocks (`pooledSquares`, as
   * `summariseValues` forms them); null (from JSON) or not finite when they overflow or the column holds NaN.
   */
  squares: Array<number | null>;
  /** Per column: true when every value is the same (its summary is known: no round 2). */
  constant: boolean[];
  /** Per column: the slots whose values round 2 keeps, ascending. */
  wanted: number[][];
  /** Per column: values in the slots before each wanted slot (as `wanted`). */
  before: number[][];
  /** Per column: the values kept in each wanted slot (as `wanted`). */
  sizes: number[][];
  /** Per column, the smallest value (for constant columns). */
  low: number[];
}

/**
 * The slot holding rank `r` (0-based) of a histogram of `slots` slots whose cumulative counts are
 * `cumulative` (`cumulative[s + 1]` values in slots 0..s): the first slot whose cumulative count exceeds r.
 */
export function slotOfRank(cumulative: ArrayLike<number>, slots: number, r: number): number {
  let left = 0;
  let right = slots - 1;
  while (left < right) {
    const mid = (left + right) >>> 1;
    if (cumulative[mid + 1] > r) right = mid;
    else left = mid + 1;
  }
  return left;
}

/** The ranks type 7 interpolates between for each probability: floor((n - 1) p) and the next (capped). */
function ranksOf(n: number, probabilities: readonly number[]): number[] {
  const out: number[] = [];
  for (const p of probabilities) {
    const lo = Math.floor((n - 1) * p);
    out.push(lo, Math.min(lo + 1, n - 1));
  }
  return out;
}

/**
 * The plan of round 2 from every block's round 1 (all `paths` values of each column counted).
 *
 * A column whose sum overflows gets an infinite mean and no wanted slots: `SketchGather.summary` then says it
 * needs its values.
 *
 * @throws RangeError when a column's counts are not `paths` in all (a block not counted, or counted twice).
 */
export function sketchPlan(counts: SketchCounts, paths: number, probabilities: readonly number[]): SketchPlan {
  const C = counts.columns;
  const plan: SketchPlan = { paths, probabilities: [...probabilities], mean: [], squares: [], constant: [], wanted: [], before: [], sizes: [], low: [] };
  const ranks = ranksOf(paths, probabilities);
  for (let j = 0; j < C; j++) {
    const at = j * SKETCH_SLOTS;
    const nan = counts.counts[at + SKETCH_BUCKETS + 2] > 0;
    const total = new BlockTotal();
    for (let b = 0; b < counts.blocks; b++) total.add(counts.sums[b * C + j]);
    // A sum that overflows (values near the top of the double range; its compensation then turns it into
    // NaN) leaves the mean infinite or NaN: such a column needs its values (`summariseValues` rescales them),
    // and round 2 keeps none of them (`summary` says so). A block never counted shows in the counts below.
    const overflows = !nan && !Number.isFinite(total.value() / paths);
    const mean = overflows ? Infinity : total.value() / paths;
    let counted = 0;
    for (let k = 0; k < SKETCH_SLOTS; k++) counted += counts.counts[at + k];
    if (counted !== paths) throw new RangeError(`sketchPlan: column ${j} counted ${counted} values, expected ${paths}`);
    const constant = !nan && counts.low[j] === counts.high[j];
    const wanted: number[] = [];
    const before: number[] = [];
    const sizes: number[] = [];
    if (!constant && !overflows) {
      const slots = new Set<number>();
      for (const r of ranks) {
        let seen = 0;
        let s = 0;
        while (seen + counts.counts[at + s] <= r) seen += counts.counts[at + s++];
        slots.add(s);
      }
      for (const s of [...slots].sort((a, b) => a - b)) {
        let seen = 0;
        for (let t = 0; t < s; t++) seen += counts.counts[at + t];
        wanted.push(s);
        before.push(seen);
        sizes.push(counts.counts[at + s]);
      }
    }
    plan.mean.push(mean);
    plan.squares.push(nan || overflows ? Number.NaN : pooledSquares(counts.sums, counts.squares, paths, mean, C, j));
    plan.constant.push(constant);
    plan.wanted.push(wanted);
    plan.before.push(before);
    plan.sizes.push(sizes);
    plan.low.push(counts.low[j]);
  }
  return plan;
}

/**
 * Round 2 of a set of columns under a plan: the values of the wanted buckets. Blocks in any order; states
 * of disjoint blocks merge by `addKept`.
 */
export class SketchGather {
  readonly plan: SketchPlan;
  readonly layout: SketchLayout;
  /** Per column: the kept values (any order) and how many. */
  readonly kept: Float64Array[];
  readonly keptCount: Int32Array;
  private readonly arrays: GatherArrays;
  private readonly keeps: boolean[];

  constructor(plan: SketchPlan, layout: SketchLayout) {
    this.plan = plan;
    this.layout = layout;
    const C = plan.mean.length;
    this.kept = plan.wanted.map(() => new Float64Array(16));
    this.keptCount = new Int32Array(C);
    // Constant columns keep nothing (their summary is known).
    this.keeps = plan.wanted.map((w, j) => !plan.constant[j] && w.length > 0);
    const masks = new Uint8Array(C * SKETCH_SLOTS);
    plan.wanted.forEach((w, j) => {
      if (this.keeps[j]) for (const s of w) masks[j * SKETCH_SLOTS + s] = 1;
    });
    this.arrays = { base: layout.base, scale: layout.scale, buckets: SKETCH_BUCKETS, masks, kept: this.kept, keptCount: this.keptCount };
  }

  /**
   * Adds a block of every column (columnSketchBatch.ts: four columns side by side, each column's state bit
   * for bit that of adding it alone). Constant columns want no slot, so keep nothing.
   */
  add(columns: BlockColumns): void {
    const { kept, keptCount, keeps } = this;
    for (let j = 0; j < kept.length; j++) {
      // Room for every value of the block in the columns that keep any.
      if (keeps[j] && kept[j].length - keptCount[j] < columns.n) {
        const grown = new Float64Array(Math.max(2 * kept[j].length, keptCount[j] + columns.n));
        grown.set(kept[j].subarray(0, keptCount[j]));
        kept[j] = grown;
      }
    }
    gatherBlock(this.arrays, kept.length, columns);
  }

  /** Adds kept values of column `column` from elsewhere (another thread's or shard's round 2). */
  addKept(column: number, values: ArrayLike<number>): void {
    let kept = this.kept[column];
    const n = this.keptCount[column];
    if (n + values.length > kept.length) {
      const grown = new Float64Array(Math.max(16, 2 * (n + values.length)));
      grown.set(kept.subarray(0, n));
      kept = grown;
      this.kept[column] = kept;
    }
    for (let i = 0; i < values.length; i++) kept[n + i] = values[i];
    this.keptCount[column] = n + values.length;
  }

  /** This state's share of a merge: the kept values. */
  part(): GatherPart {
    return { kept: this.kept.map((_, j) => this.keptValues(j).slice()) };
  }

  /** Adds the state of other blocks under the same plan (`part` of another thread's state). */
  merge(other: GatherPart): void {
    if (other.kept.length !== this.plan.mean.length) throw new RangeError("SketchGather.merge: a state of other columns");
    other.kept.forEach((values, j) => this.addKept(j, values));
  }

  /** The kept values of a column (a view). */
  keptValues(column: number): Float64Array {
    return this.kept[column].subarray(0, this.keptCount[column]);
  }

  /**
   * The summary of column `column` once every block went through both rounds: bit for bit
   * `summariseValues` of the whole column; or null when that needs the column's values: its sum or its
   * squared deviations overflow (values above about 1e154), which `summariseValues` rescales value by value.
   *
   * @throws RangeError when the kept values are not the wanted buckets' count.
   */
  summary(column: number): CellSummary | null {
    const { plan } = this;
    const n = plan.paths;
    const mean = plan.mean[column];
    if (plan.constant[column]) return { mean: plan.low[column], sd: 0, quantiles: plan.probabilities.map(() => plan.low[column]) };
    if (mean === Infinity || mean === -Infinity) return null;
    const wanted = plan.wanted[column];
    const sizes = plan.sizes[column];
    const expected = sizes.reduce((a, b) => a + b, 0);
    const kept = this.keptValues(column);
    if (kept.length !== expected) throw new RangeError(`SketchGather: column ${column} kept ${kept.length} values, expected ${expected}`);
    kept.sort();
    const valueOfRank = (r: number): number => {
      let offset = 0;
      for (let k = 0; k < wanted.length; k++) {
        if (r < plan.before[column][k] + sizes[k]) return kept[offset + r - plan.before[column][k]];
        offset += sizes[k];
      }
      throw new RangeError(`SketchGather: rank ${r} of column ${column} is in no wanted bucket`);
    };
    const quantiles = plan.probabilities.map((p) => {
      const h = (n - 1) * p;
      const lo = Math.floor(h);
      const a = valueOfRank(lo);
      const b = valueOfRank(Math.min(lo + 1, n - 1));
      return a + (h - lo) * (b - a);
    });
    // A plan read from JSON holds null for squares that were not finite.
    const squares = mean === mean ? plan.squares[column] ?? Number.NaN : Number.NaN;
    // Squared deviations that overflow (infinite, or NaN once compensated) need the values to rescale.
    if (mean === mean && n > 1 && !Number.isFinite(Math.sqrt(squares / (n - 1)))) return null;
    return { mean, sd: sampleSd(squares, n, null, mean), quantiles };
  }
}
