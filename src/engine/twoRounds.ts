// Runs larger than memory, exactly, simulating every chunk twice at most: round 1 counts each column into
// fine buckets and forms its block sums and squared deviations; round 2 keeps the values of the buckets
// that hold the wanted ranks. Memory: the buckets, per-chunk sums and squares, and the kept values.
import type { CompiledScenario } from "./compile.ts";
import type { ChunkValues } from "./kernel.ts";
import { DEFAULT_STORE_BUDGET_BYTES } from "./inMemory.ts";
import { METRIC_NAMES, cellCount } from "../samples/layout.ts";
import { SKETCH_BUCKETS, SKETCH_SLOTS, SketchCounts, SketchGather, sketchLayout, sketchPlan, slotOfRank, type CountsPart, type GatherPart, type SketchLayout, type SketchPlan } from "../stats/columnSketch.ts";
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

/** Round 2 over chunks: adds each chunk's columns to `gather`, four side by side. */
export function gatherChunk(gather: SketchGather, values: ChunkValues, cells: number): void {
  gather.add(chunkColumns(values, cells));
}

/** What a round does with each chunk: counts it (0), keeps its wanted values (1), or both (2). */
export type RoundMode = 0 | 1 | 2;

/** A thread's state of a round, to merge: what it counted (modes 0 and 2) and kept (1 and 2). */
export interface RoundPart {
  counts?: CountsPart;
  gather?: GatherPart;
}

/**
 * The state of a two-round run of `chunks` chunks: round 1's counts, then the plan and round 2. Or, when a
 * pilot's counts let it speculate (`speculate`), one round that counts the chunks not yet counted and
 * keeps every chunk's values under the speculative plan, `settle`d into the exact plan's afterwards, and a
 * round only for the columns it missed (at 5 sigmas about one column in a million, one run in a thousand).
 */
export class TwoRounds {
  counts: SketchCounts;
  readonly cells: number;
  private gather: SketchGather | null = null;
  private planned: SketchPlan | null = null;
  private speculated: SketchPlan | null = null;
  /** After `settle`: the exact plan's gathering, and the columns still to keep (their own round). */
  private settled: SketchGather | null = null;
  private missed: number[] = [];

  constructor(compiled: CompiledScenario, chunks: number, layout: SketchLayout) {
    this.cells = cellCount(compiled);
    this.counts = new SketchCounts(columnCount(compiled), chunks, layout);
  }

  /** Round 1: one chunk. */
  count(values: ChunkValues): void {
    countChunk(this.counts, values, this.cells);
  }

  /** One chunk as `mode` says (0 count, 1 keep, 2 both). */
  add(mode: RoundMode, values: ChunkValues): void {
    if (mode !== 1) this.count(values);
    if (mode !== 0) this.keep(values);
  }

  /** A fresh counting state (a thread's, after it reported what it counted). */
  resetCounts(): void {
    this.counts = new SketchCounts(this.counts.columns, this.counts.blocks, this.counts.layout);
  }

  /** Ends round 1 (every chunk counted) and starts round 2. */
  plan(paths: number, probabilities: readonly number[]): SketchPlan {
    this.follow(sketchPlan(this.counts, paths, probabilities));
    return this.planned!;
  }

  /**
   * After the run's first `pilot` paths are counted: starts keeping values under a speculative plan
   * (`speculativePlan`), which it returns; or null, when the values kept would exceed `budgetBytes`.
   */
  speculate(pilot: number, paths: number, probabilities: readonly number[], budgetBytes: number, sigmas = PILOT_SIGMAS): SketchPlan | null {
    const plan = speculativePlan(this.counts, pilot, paths, probabilities, budgetBytes, sigmas);
    if (plan) {
      this.speculated = plan;
      this.follow(plan);
    }
    return plan;
  }

  /**
   * After the speculative round (every chunk counted and kept): the exact plan, the columns the
   * speculation missed, and the exact plan's gathering from the values this state kept (other threads'
   * join it: `settledGathering`). Then keeping goes on under `rest`, the plan of a round for the missed
   * columns, or null when none (about one run in a thousand).
   */
  settle(paths: number, probabilities: readonly number[]): { exact: SketchPlan; missed: number[]; rest: SketchPlan | null } {
    if (!this.speculated || !this.gather) throw new Error("TwoRounds.settle without a speculation");
    const exact = sketchPlan(this.counts, paths, probabilities);
    this.missed = uncovered(exact, this.speculated);
    this.settled = narrowed(exact, this.counts.layout, this.gather, new Set(this.missed));
    this.planned = exact;
    this.gather = null;
    const rest = this.missed.length === 0 ? null : planFor(exact, this.missed);
    if (rest) this.gather = new SketchGather(rest, this.counts.layout);
    return { exact, missed: [...this.missed], rest };
  }

  /** A thread's values kept under the speculation, narrowed to the exact plan made elsewhere (`settle`) but for the `missed` columns. */
  narrow(exact: SketchPlan, missed: readonly number[]): void {
    if (!this.gather) throw new Error("TwoRounds.narrow without a speculation");
    this.gather = narrowed(exact, this.counts.layout, this.gather, new Set(missed));
  }

  /** After `settle`: the exact plan's gathering, which other threads' narrowed values join. */
  settledGathering(): SketchGather {
    if (!this.settled) throw new Error("TwoRounds.settledGathering before settle");
    return this.settled;
  }

  /** Starts round 2 under a plan made elsewhere (from every thread's counts merged: runs on workers). */
  follow(plan: SketchPlan): void {
    this.planned = plan;
    this.gather = new SketchGather(plan, this.counts.layout);
  }

  /** Round 2: one chunk. */
  keep(values: ChunkValues): void {
    if (!this.gather) throw new Error("TwoRounds.keep before plan");
    gatherChunk(this.gather, values, this.cells);
  }

  /** The gathering in progress (to merge other threads' parts into, or to report this thread's). */
  gathering(): SketchGather {
    if (!this.gather) throw new Error("TwoRounds.gathering before plan");
    return this.gather;
  }

  /** The summaries after round 2 (or the speculation settled and its missed columns kept), column by column. */
  summaries(): SketchGather {
    if (this.settled) {
      if (this.gather) {
        for (const j of this.missed) this.settled.addKept(j, this.gather.keptValues(j));
        this.gather = null;
        this.missed = [];
      }
      return this.settled;
    }
    if (!this.gather) throw new Error("TwoRounds.summaries before plan");
    return this.gather;
  }
}

/**
 * Where a run may stop counting to speculate (see {@link speculativePlan}): after its first 1/16, 1/8, 1/4
 * and 1/2 of chunks (each at least {@link PILOT_MIN_CHUNKS}), fewer than all.
 */
export function pilotStages(chunks: number): number[] {
  const out: number[] = [];
  for (const part of [16, 8, 4, 2]) {
    const at = Math.max(PILOT_MIN_CHUNKS, Math.ceil(chunks / part));
    if (at < chunks && !out.includes(at)) out.push(at);
  }
  return out;
}

/**
 * Most bytes of values a speculative round keeps (`TwoRounds.speculate`): a quarter of the store budget,
 * and at most 512 MiB.
 */
export function speculationBudget(storeBudgetBytes = DEFAULT_STORE_BUDGET_BYTES): number {
  return Math.min(storeBudgetBytes / 4, 512 * 2 ** 20);
}

/** The fewest chunks a pilot counts (64 chunks, 65,536 paths). */
export const PILOT_MIN_CHUNKS = 64;
/** How many standard deviations of a pilot's rank the buckets kept on speculation reach on each side. */
export const PILOT_SIGMAS = 5;

/**
 * The slot of `x` in column `column` of `layout`: the same expression as the kernels' (columnSketchBatch.ts),
 * so the same slot for the same bits.
 */
export function slotOf(layout: SketchLayout, column: number, x: number): number {
  const B = SKETCH_BUCKETS;
  const u = (x - layout.base[column]) * layout.scale[column];
  return u >= 0 ? (u < B ? (u | 0) + 1 : B + 1) : x !== x ? B + 2 : 0;
}

/**
 * A plan for keeping values before every chunk is counted, from the counts of the run's first `pilot`
 * paths: per column, every slot between those holding the pilot's ranks `PILOT_SIGMAS` standard deviations
 * (sqrt(pilot p (1 - p)) ranks; `sigmas` of them) below and above each wanted probability p, and to the end when that reaches
 * the pilot's first or last value. The kept values then hold the run's wanted ranks unless its whole
 * counts fall outside (`uncovered` tells; about one column in a million at 5 sigmas), and they are
 * about this many: a share of the run in the order of 20 / sqrt(pilot) of every column. A column the pilot
 * found constant keeps nothing (it is taken to stay constant, which the exact plan then checks).
 *
 * Returns null when the values it would keep (the pilot's counts of those slots, scaled to `paths`)
 * exceed `budgetBytes`: the pilot is then too short to speculate.
 */
export function speculativePlan(counts: SketchCounts, pilot: number, paths: number, probabilities: readonly number[], budgetBytes: number, sigmas = PILOT_SIGMAS): SketchPlan | null {
  const C = counts.columns;
  const plan: SketchPlan = { paths, probabilities: [...probabilities], mean: [], squares: [], constant: [], wanted: [], before: [], sizes: [], low: [] };
  let kept = 0;
  for (let j = 0; j < C; j++) {
    const at = j * SKETCH_SLOTS;
    const cumulative = new Float64Array(SKETCH_SLOTS + 1);
    for (let s = 0; s < SKETCH_SLOTS; s++) cumulative[s + 1] = cumulative[s] + counts.counts[at + s];
    const wanted = new Set<number>();
    // A column constant so far is taken to stay so (its exact plan then wants nothing); if it does not, the
    // exact plan's slots are not kept and the column gets its own round.
    const constant = counts.low[j] === counts.high[j] && cumulative[SKETCH_SLOTS] === cumulative[SKETCH_SLOTS - 1];
    if (!constant) for (const p of probabilities) {
      const centre = (pilot - 1) * p;
      const reach = sigmas * Math.sqrt(pilot * p * (1 - p)) + 2;
      const low = Math.floor(centre - reach);
      const high = Math.ceil(centre + reach);
      const from = low <= 0 ? 0 : slotOfRank(cumulative, SKETCH_SLOTS, low);
      const to = high >= pilot - 1 ? SKETCH_SLOTS - 1 : slotOfRank(cumulative, SKETCH_SLOTS, high);
      for (let s = from; s <= to; s++) wanted.add(s);
    }
    const slots = [...wanted].sort((a, b) => a - b);
    for (const s of slots) kept += counts.counts[at + s];
    plan.mean.push(Number.NaN);
    plan.squares.push(Number.NaN);
    plan.constant.push(false);
    plan.wanted.push(slots);
    plan.before.push(slots.map(() => 0));
    plan.sizes.push(slots.map(() => 0));
    plan.low.push(Number.NaN);
  }
  return (kept * paths) / pilot * 8 > budgetBytes ? null : plan;
}

/**
 * The columns whose wanted slots under the run's `exact` plan (from every chunk's counts) are not all
 * among those `speculated` kept: they need a round of their own.
 */
export function uncovered(exact: SketchPlan, speculated: SketchPlan): number[] {
  const out: number[] = [];
  exact.wanted.forEach((slots, j) => {
    if (exact.constant[j]) return;
    const kept = new Set(speculated.wanted[j]);
    if (!slots.every((s) => kept.has(s))) out.push(j);
  });
  return out;
}

/**
 * The exact plan's gathering from values kept under a speculative plan: for each column not in `skip`,
 * the kept values whose slot the exact plan wants (in the order kept).
 */
export function narrowed(exact: SketchPlan, layout: SketchLayout, speculative: SketchGather, skip: ReadonlySet<number>): SketchGather {
  const out = new SketchGather(exact, layout);
  exact.wanted.forEach((slots, j) => {
    if (skip.has(j) || exact.constant[j] || slots.length === 0) return;
    const want = new Set(slots);
    const values = speculative.keptValues(j);
    const picked: number[] = [];
    for (let i = 0; i < values.length; i++) if (want.has(slotOf(layout, j, values[i]))) picked.push(values[i]);
    out.addKept(j, picked);
  });
  return out;
}

/** The exact plan with only `columns` wanting slots (the others keep nothing): a round for the columns a speculation missed. */
export function planFor(exact: SketchPlan, columns: readonly number[]): SketchPlan {
  const only = new Set(columns);
  return { ...exact, wanted: exact.wanted.map((slots, j) => (only.has(j) ? slots : [])) };
}
