// What a simulation thread holds and does, the same in a worker thread (cli/workers/worker.ts) and in the main thread
// when it takes its share of a parallel run (cli/workers/runScenarioParallel.ts): one compiled scenario, a chunk
// simulator, the current pass's store (shared memory), the summaries of columns it is given, and in a run
// above the store budget its own state of the two rounds (twoRounds.ts) for the chunks it simulates.
import type { CompiledScenario } from "./compile.ts";
import { CHUNK_SIZE, ChunkSimulator, type ChunkValues } from "./kernel.ts";
import { chunkPlan } from "./run.ts";
import { SampleStore } from "../samples/store.ts";
import { summariseColumns } from "../stats/summaryBatch.ts";
import type { SketchLayout, SketchPlan } from "../stats/columnSketch.ts";
import { TwoRounds, type RoundMode, type RoundPart } from "./twoRounds.ts";

/** One thread's simulation: chunks into the pass's shared store, and summaries of its columns. */
export class SimulationState {
  private readonly compiled: CompiledScenario;
  private readonly simulator: ChunkSimulator;
  private readonly sizes: number[];
  private readonly buffers: { revenue: Float64Array; share: Float64Array };
  private store: SampleStore | null = null;
  private scratch: Float64Array | null = null;
  private rounds: TwoRounds | null = null;
  /** The chunks this thread counted since it last reported its counts. */
  private counted: number[] = [];

  constructor(compiled: CompiledScenario) {
    this.compiled = compiled;
    this.simulator = new ChunkSimulator(compiled);
    this.sizes = chunkPlan(compiled.settings.paths).map((c) => c.paths);
    const cells = this.simulator.cellCount();
    this.buffers = { revenue: new Float64Array(cells * CHUNK_SIZE), share: new Float64Array(cells * CHUNK_SIZE) };
  }

  /** The columns of the next pass and the shared memory they live in (no columns: a round without a store). */
  pass(columns: readonly number[], buffer: ArrayBufferLike): void {
    this.store = new SampleStore(this.compiled, this.compiled.settings.paths, { columns, buffer });
    this.scratch = null;
  }

  /**
   * Simulates `chunks` into the pass's store; with `send`, each chunk's values are also handed to `emit`
   * in arrays of their own (to transfer). In a round of a run above the store budget (`round`, after
   * {@link startRounds}), each chunk is also counted (0), its wanted values kept (1), or both (2) in this
   * thread's state. Returns the number of paths simulated.
   */
  chunks(chunks: readonly number[], send: boolean, emit: (values: ChunkValues) => void, round: RoundMode | null = null): number {
    let paths = 0;
    for (const chunk of chunks) {
      const n = this.sizes[chunk];
      const cells = this.simulator.cellCount();
      const values = this.simulator.runInto(chunk, n, send ? { revenue: new Float64Array(cells * n), share: new Float64Array(cells * n) } : this.buffers);
      this.store?.add(values);
      if (round !== null) {
        if (!this.rounds) throw new Error("SimulationState.chunks: a round before startRounds");
        this.rounds.add(round, values);
        if (round !== 1) this.counted.push(chunk);
      }
      if (send) emit(values);
      paths += n;
    }
    return paths;
  }

  /** Starts this thread's state of the two rounds, counting into the layout given (chunk 0's: the run's). */
  startRounds(layout: SketchLayout): void {
    this.rounds = new TwoRounds(this.compiled, this.sizes.length, layout);
    this.counted = [];
  }

  /** Starts keeping values under a plan made from every thread's counts (round 2's, or a speculation's). */
  follow(plan: SketchPlan): void {
    if (!this.rounds) throw new Error("SimulationState.follow before startRounds");
    this.rounds.follow(plan);
  }

  /** Narrows the values kept under a speculation to the exact plan made from every thread's counts, but for the `missed` columns. */
  narrow(plan: SketchPlan, missed: readonly number[]): void {
    if (!this.rounds) throw new Error("SimulationState.narrow before startRounds");
    this.rounds.narrow(plan, missed);
  }

  /**
   * This thread's state of a round of mode `round` for the merge: what it counted since it last reported
   * (0, 2), which it then forgets, and what it kept (1, 2).
   */
  roundPart(round: RoundMode): RoundPart {
    if (!this.rounds) throw new Error("SimulationState.roundPart before startRounds");
    const part: RoundPart = {};
    if (round !== 1) {
      part.counts = this.rounds.counts.part([...this.counted].sort((a, b) => a - b));
      this.rounds.resetCounts();
      this.counted = [];
    }
    if (round !== 0) part.gather = this.rounds.gathering().part();
    return part;
  }

  /** Summaries of the pass's `columns`: per column its id, mean, sd, then one value per quantile. */
  summarise(columns: readonly number[]): Float64Array {
    const store = this.store!;
    const q = this.compiled.settings.quantiles;
    this.scratch ??= new Float64Array(store.paths);
    const width = 3 + q.length;
    const out = new Float64Array(columns.length * width);
    const summaries = summariseColumns(columns.map((id) => store.column(id)), q, this.scratch);
    columns.forEach((id, j) => {
      const s = summaries[j];
      out[j * width] = id;
      out[j * width + 1] = s.mean;
      out[j * width + 2] = s.sd;
      s.quantiles.forEach((v, n) => {
        out[j * width + 3 + n] = v;
      });
    });
    return out;
  }
}
