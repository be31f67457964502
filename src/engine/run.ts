import { finish, finishYielding } from "../core/steps.ts";
import { RNG_NAME } from "../random/stream.ts";
import { Result, type CorrelationMeta, type ResultMeta } from "../samples/result.ts";
import type { ScenarioDefaults } from "../scenario/defaults.ts";
import { scenarioHash } from "../scenario/hash.ts";
import { compareBenchmarks } from "../stats/benchmarks.ts";
import { assumptionsOf } from "./assumptions.ts";
import { evaluateEvents } from "../stats/events.ts";
import { summariseValues, summaryRow } from "../stats/summary.ts";
import { summarise, summariseColumns } from "../stats/summaryBatch.ts";
import { quantileName, type BenchmarkResult, type CellSummary, type EventResult, type SummaryRow } from "../samples/summaries.ts";
import { VERSION } from "../core/version.ts";
import { defined } from "../core/options.ts";
import type { CompiledCorrelation, CompiledScenario } from "./compile.ts";
import { prepare, runSettings, type PreparedRun } from "./prepare.ts";
import { CHUNK_SIZE, ChunkSimulator, type ChunkValues } from "./kernel.ts";
import { ProbeStore, SampleStore, columnBytes } from "../samples/store.ts";
import { finishResult } from "./finishResult.ts";
import { DEFAULT_STORE_BUDGET_BYTES, columnsPerPath, fitsInMemory, requireFinishable } from "./inMemory.ts";
import { scenarioBenchmarks, scenarioEvents } from "./observedStore.ts";
import { METRIC_NAMES, type StoreShape, cellOf, columnOf } from "../samples/layout.ts";
import { TwoRounds, chunkLayout, pilotStages, speculationBudget, type RoundMode, type RoundPart } from "./twoRounds.ts";
import type { SketchLayout, SketchPlan } from "../stats/columnSketch.ts";

export { DEFAULT_STORE_BUDGET_BYTES, columnsPerPath, fitsInMemory, inMemoryPaths, needsEveryPath, overBudget, requireFinishable, requireInMemory } from "./inMemory.ts";

/** Options of a run: its settings (each overrides the scenario's `simulation` block) and its hooks. */
export interface RunOptions extends Partial<ScenarioDefaults>, RunHooks {}

/** What a run of a prepared scenario may be given besides its settings. */
export interface RunHooks {
  /** Called after each chunk with the number of paths done and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Most bytes of simulated values held at once. A run whose values exceed it goes in rounds over the same
   * chunks (round 1 counts every column into fine buckets, round 2 keeps only the values of the buckets
   * that hold the wanted ranks; after a pilot of the first chunks, usually one round that counts and keeps
   * under the pilot's plan: see twoRounds.ts); numbers are identical, and no sample store is held (no
   * `samples` in the result). @defaultValue DEFAULT_STORE_BUDGET_BYTES
   */
  storeBudgetBytes?: number;
  /**
   * Called with each chunk's values in chunk order (during the first round only); the arrays are reused
   * afterwards, so copy what you keep. For streaming every path to disk without holding them all.
   */
  onChunk?: (values: ChunkValues, shape: StoreShape) => void;
}


/** The chunks of a run of `paths` paths: index and number of paths of each. */
export function chunkPlan(paths: number): Array<{ chunk: number; paths: number }> {
  const out: Array<{ chunk: number; paths: number }> = [];
  for (let chunk = 0; chunk * CHUNK_SIZE < paths; chunk++) {
    out.push({ chunk, paths: Math.min(CHUNK_SIZE, paths - chunk * CHUNK_SIZE) });
  }
  return out;
}

/** The two buffers a run's chunks are simulated into: a chunk's paths (no more than the run has) per cell. */
function chunkBuffers(cells: number, paths: number): { revenue: Float64Array; share: Float64Array } {
  const size = cells * Math.min(CHUNK_SIZE, paths);
  return { revenue: new Float64Array(size), share: new Float64Array(size) };
}

/** The correlations of a result's meta: as sampled, and what the nearest-matrix repair changed. */
function correlationMeta({ plan }: CompiledCorrelation): CorrelationMeta {
  return {
    parameters: [...plan.names],
    spearman: plan.spearman.map((row) => [...row]),
    repaired: plan.repairs.length > 0,
    repairs: plan.repairs.map(({ entry, from, to }) => ({ entry, from, to })),
  };
}

/** The meta block of a result: what replays it. */
export function resultMeta(compiled: CompiledScenario): ResultMeta {
  const s = compiled.scenario;
  const { seed, paths, quantiles } = compiled.settings;
  const meta = {
    scenario: s.name,
    scenarioHash: scenarioHash(s),
    seed,
    paths,
    rng: RNG_NAME,
    version: VERSION,
    chunkSize: CHUNK_SIZE,
    quantiles,
    ...defined({
      title: s.title,
      question: s.question,
      asOf: s.asOf,
      currency: s.currency,
      unit: s.unit,
      correlation: compiled.correlation ? correlationMeta(compiled.correlation) : undefined,
    }),
  };
  return meta;
}

/** Summaries, events and benchmark comparisons from a filled sample store. */
export function buildResult(compiled: CompiledScenario, store: SampleStore): Result {
  const s = compiled.scenario;
  return finishResult(compiled, new Result(
    {
      meta: resultMeta(compiled),
      rows: summarise(store, compiled.settings.quantiles),
      events: scenarioEvents(s, compiled.settings.seed, store),
      benchmarks: scenarioBenchmarks(s, compiled.settings.seed, store),
      assumptions: assumptionsOf(compiled),
    },
    store,
  ));
}

/**
 * Which columns each pass of a run would hold (column `m * cells + cell`, m = 0 revenue, 1 share). One pass
 * with every column when they fit in `budgetBytes`; otherwise as few passes as fit, the first holding
 * every column that events and benchmark comparisons read. More than one pass means the run does not fit:
 * runners then go in two rounds (twoRounds.ts) instead of passes.
 */
export function planStore(compiled: CompiledScenario, paths: number, budgetBytes = DEFAULT_STORE_BUDGET_BYTES): number[][] {
  const total = columnsPerPath(compiled);
  if (fitsInMemory(compiled, paths, budgetBytes)) return [Array.from({ length: total }, (_, j) => j)];
  const capacity = Math.max(1, Math.floor(budgetBytes / columnBytes(paths)));
  const probe = [...probedColumns(compiled)].sort((a, b) => a - b);
  const taken = new Set(probe);
  const order = [...probe];
  for (let j = 0; j < total; j++) if (!taken.has(j)) order.push(j);
  const passes = Math.ceil(total / capacity);
  const size = Math.max(Math.ceil(total / passes), probe.length);
  const out: number[][] = [];
  for (let at = 0; at < total; at += size) out.push(order.slice(at, at + size).sort((a, b) => a - b));
  return out;
}

/** Columns read by the scenario's events and benchmark comparisons. */
export function probedColumns(compiled: CompiledScenario): Set<number> {
  const probe = new ProbeStore(compiled);
  evaluateEvents(probe, compiled.scenario.events ?? []);
  compareBenchmarks(probe, compiled.scenario.benchmarks ?? []);
  return probe.read;
}

/**
 * Builds a result pass by pass: each pass's store gives the summaries of the columns it holds, and the
 * store holding the events' and benchmarks' columns gives those. Rows come out in `summarise`'s order
 * whatever order the passes and columns arrive in.
 */
export class ResultAssembler {
  private readonly compiled: CompiledScenario;
  private readonly rows: Array<SummaryRow | null>;
  private readonly names: string[];
  private readonly needs: Set<number>;
  private events: EventResult[] | null = null;
  private benchmarks: BenchmarkResult[] | null = null;

  constructor(compiled: CompiledScenario) {
    this.compiled = compiled;
    this.rows = new Array<SummaryRow | null>(METRIC_NAMES.length * compiled.outputSegments.length * compiled.providers.length * compiled.periods.length).fill(null);
    this.names = compiled.settings.quantiles.map(quantileName);
    this.needs = probedColumns(compiled);
  }

  /** Sets the summary of one column (from any thread). */
  setColumn(id: number, summary: CellSummary): void {
    const c = this.compiled;
    const K = c.providers.length;
    const G = c.outputSegments.length;
    const { metric, cell } = columnOf(c, id);
    const { segment: g, provider: k, period: p } = cellOf(c, cell);
    const labels = { period: c.periods[p], segment: c.outputSegments[g], provider: c.providers[k], metric };
    this.rows[((p * G + g) * K + k) * METRIC_NAMES.length + METRIC_NAMES.indexOf(metric)] = summaryRow(labels, summary, this.names);
  }

  /** Summarises every column of `store` in this thread, and events and benchmarks when it holds theirs. */
  addStore(store: SampleStore, scratch = new Float64Array(store.paths)): void {
    const q = this.compiled.settings.quantiles;
    const summaries = summariseColumns(store.columns.map((id) => store.column(id)), q, scratch);
    store.columns.forEach((id, j) => this.setColumn(id, summaries[j]));
    this.addEvents(store);
  }

  /** Evaluates events and benchmark comparisons on `store` if it holds every column they read. */
  addEvents(store: SampleStore): void {
    if (this.events) return;
    const held = new Set(store.columns);
    for (const id of this.needs) if (!held.has(id)) return;
    const s = this.compiled.scenario;
    this.events = scenarioEvents(s, this.compiled.settings.seed, store);
    this.benchmarks = scenarioBenchmarks(s, this.compiled.settings.seed, store);
  }

  /** Sets events and benchmark comparisons evaluated elsewhere (a sharded run's plan). */
  setEvents(events: EventResult[], benchmarks: BenchmarkResult[]): void {
    this.events = events;
    this.benchmarks = benchmarks;
  }

  /** The result; `samples` when one store held every column. Throws when a column was never summarised. */
  result(samples: SampleStore | null = null): Result {
    const missing = this.rows.findIndex((r) => r === null);
    if (missing >= 0 || !this.events || !this.benchmarks) throw new Error(`ResultAssembler: incomplete result (row ${missing}, events ${this.events !== null})`);
    return finishResult(this.compiled, new Result(
      { meta: resultMeta(this.compiled), rows: this.rows as SummaryRow[], events: this.events, benchmarks: this.benchmarks, assumptions: assumptionsOf(this.compiled) },
      samples,
    ));
  }
}

/** A simulated run without its summaries: what replays it, and every value. */
export interface SampledRun {
  meta: ResultMeta;
  samples: SampleStore;
}

/**
 * Simulates a prepared run in this thread into a sample store and stops there: no summaries, events or
 * benchmark comparisons (analyses that read a few outputs per path, such as `solve` and `sweep`, need
 * none of them). The values are `runPrepared`'s; with `columns`, only those columns are kept.
 *
 * @throws InputError when parameters make revenue overflow.
 */
export function simulatePrepared(run: PreparedRun, columns?: readonly number[]): SampledRun {
  return finish(simulatePreparedSteps(run, columns));
}

/** The work of {@link simulatePrepared}, one chunk per step. */
export function* simulatePreparedSteps(run: PreparedRun, columns?: readonly number[]): Generator<void, SampledRun, void> {
  const compiled = run.compiled;
  const total = compiled.settings.paths;
  const simulator = new ChunkSimulator(compiled);
  const cells = simulator.cellCount();
  const buffers = chunkBuffers(cells, total);
  const store = new SampleStore(compiled, total, columns ? { columns: [...columns] } : undefined);
  for (const { chunk, paths } of chunkPlan(total)) {
    yield;
    store.add(simulator.runInto(chunk, paths, buffers));
  }
  return { meta: resultMeta(compiled), samples: store };
}

/**
 * Prepares (`prepare`: validates and compiles) and simulates a scenario in this thread, and summarises it.
 * `input` may be a prepared run, which is not prepared again (its settings, with `options`' over them).
 *
 * @throws InputError when the scenario or options are invalid, or parameters make revenue overflow.
 * @example runScenario(defaultScenario, { paths: 1000, seed: 42 }).event("tencent-27")?.probability
 */
export function runScenario(input: unknown, options: RunOptions = {}): Result {
  return runPrepared(prepare(input, runSettings(options)), options);
}

/**
 * Simulates a prepared run in this thread, and summarises it.
 *
 * @throws InputError when parameters make revenue overflow.
 */
export function runPrepared(run: PreparedRun, hooks: RunHooks = {}): Result {
  return finish(simulationSteps(run, hooks));
}

/**
 * `runPrepared` that lets the event loop run every `sliceMs` milliseconds of simulation (between chunks), so
 * that a long run in this thread still answers signals, timers and I/O. The numbers are `runPrepared`'s:
 * when it yields depends on the clock, what it computes does not.
 */
export async function runPreparedYielding(run: PreparedRun, hooks: RunHooks = {}, sliceMs = 50): Promise<Result> {
  return finishYielding(simulationSteps(run, hooks), sliceMs);
}

/** The work of a run in this thread, one chunk per step; returns the result (what analyses that run several scenarios drive). */
export function* simulationSteps(run: PreparedRun, hooks: RunHooks): Generator<void, Result, void> {
  const { onProgress, storeBudgetBytes, onChunk } = hooks;
  const compiled = run.compiled;
  const total = compiled.settings.paths;
  requireFinishable(compiled, storeBudgetBytes);
  const passes = planStore(compiled, total, storeBudgetBytes);
  if (passes.length > 1) return yield* twoRoundSteps(compiled, hooks);
  const simulator = new ChunkSimulator(compiled);
  const cells = simulator.cellCount();
  const buffers = chunkBuffers(cells, total);
  const store = new SampleStore(compiled, total);
  let done = 0;
  for (const { chunk, paths } of chunkPlan(total)) {
    const values = simulator.runInto(chunk, paths, buffers);
    store.add(values);
    onChunk?.(values, compiled);
    done += paths;
    onProgress?.(done, total);
    yield;
  }
  return buildResult(compiled, store);
}

/**
 * A run whose values exceed the store budget, exactly, in two rounds over the chunks (`TwoRounds`): the
 * bucket layout from chunk 0, round 1 counts (and holds the columns events and benchmarks read), round 2
 * keeps the values of the wanted buckets. Every chunk is simulated twice (chunk 0 three times), unless a
 * pilot (the first 1/16 of the chunks, or 1/8, 1/4, 1/2) lets it speculate: then one round counts the
 * other chunks and keeps every chunk's values under the pilot's plan, and only the pilot's chunks are
 * simulated twice (see `TwoRoundRun.speculate`). The numbers are the same either way.
 */
function* twoRoundSteps(compiled: CompiledScenario, hooks: RunHooks): Generator<void, Result, void> {
  const { onProgress, onChunk } = hooks;
  const total = compiled.settings.paths;
  const plan = chunkPlan(total);
  const simulator = new ChunkSimulator(compiled);
  const cells = simulator.cellCount();
  const buffers = chunkBuffers(cells, total);
  const run = new TwoRoundRun(compiled, simulator.runInto(0, plan[0].paths, buffers), cells);
  // onChunk wants every chunk in order within one round: no speculation then.
  const stages = onChunk ? [] : pilotStages(plan.length);
  const budget = speculationBudget(hooks.storeBudgetBytes);
  let done = 0;
  let counted = 0;
  let speculating = false;
  for (const { chunk, paths } of plan) {
    const values = simulator.runInto(chunk, paths, buffers);
    run.add(0, values);
    onChunk?.(values, compiled);
    counted++;
    done += paths;
    onProgress?.(done, 2 * total);
    yield;
    if (stages.includes(counted) && run.speculate(done, budget)) {
      speculating = true;
      break;
    }
  }
  /** Every chunk once more, in the mode `mode` gives it. */
  const round = function* (mode: (chunk: number) => RoundMode): Generator<void, void, void> {
    const work = done + total;
    for (const { chunk, paths } of plan) {
      run.add(mode(chunk), simulator.runInto(chunk, paths, buffers));
      done += paths;
      onProgress?.(done, work);
      yield;
    }
  };
  // Counted chunks keep their values (1), the others are counted too (2); then the exact plan's round 2, or one for the columns a speculation missed.
  if (speculating) yield* round((chunk) => (chunk < counted ? 1 : 2));
  if (speculating ? run.settle().rest !== null : run.endCounting()) yield* round(() => 1);
  return run.result((columns) => storeColumns(compiled, simulator, buffers, columns));
}

/**
 * The columns `columns` of every path, by simulating every chunk once more: for the rare columns whose
 * summary needs their values (`TwoRoundRun.result`), one column of paths each.
 */
export function storeColumns(compiled: CompiledScenario, simulator: ChunkSimulator, buffers: { revenue: Float64Array; share: Float64Array }, columns: readonly number[]): SampleStore {
  const total = compiled.settings.paths;
  const store = new SampleStore(compiled, total, { columns });
  for (const { chunk, paths } of chunkPlan(total)) store.add(simulator.runInto(chunk, paths, buffers));
  return store;
}

/**
 * The state of a run in two rounds (`TwoRounds`), fed its chunks in any order within a round: by one
 * thread (`runPrepared` above the store budget) or by worker threads (cli/workers/twoRoundsParallel.ts),
 * which count and keep their chunks in states of their own that merge here (`merge`).
 * Counting (mode 0, or 2 in a speculative round) holds the columns events and benchmarks read; keeping
 * (1, or 2) keeps the values of the wanted buckets, or of the buckets a speculation keeps.
 */
export class TwoRoundRun {
  private readonly rounds: TwoRounds;
  private readonly assembler: ResultAssembler;
  /** The columns events and benchmarks read, held as chunks are counted (in `buffer` when given: shared memory workers fill). */
  readonly held: SampleStore;

  constructor(private readonly compiled: CompiledScenario, first: ChunkValues, cells: number, buffer?: (bytes: number) => ArrayBufferLike) {
    const total = compiled.settings.paths;
    this.rounds = new TwoRounds(compiled, chunkPlan(total).length, chunkLayout(first, cells));
    this.assembler = new ResultAssembler(compiled);
    const columns = [...probedColumns(compiled)].sort((a, b) => a - b);
    this.held = new SampleStore(compiled, total, { columns, buffer: buffer?.(columns.length * columnBytes(total)) });
  }

  /** The bucket layout every thread counts into. */
  get layout(): SketchLayout {
    return this.rounds.counts.layout;
  }

  /** One chunk: counted, and its event columns held (0); its wanted values kept (1); or both (2). */
  add(mode: RoundMode, values: ChunkValues): void {
    if (mode !== 1) this.held.add(values);
    this.rounds.add(mode, values);
  }

  /** Another thread's state of a round of mode `mode` (SimulationState.roundPart): its chunks' counts, kept values, or both. */
  merge(part: RoundPart): void {
    if (part.counts) this.rounds.counts.merge(part.counts);
    if (part.gather) this.rounds.gathering().merge(part.gather);
  }

  /**
   * After the run's first `pilot` paths are counted: starts a speculative round (`TwoRounds.speculate`),
   * whose plan it returns for the threads that keep values; or null when it would keep more than
   * `budgetBytes` of values.
   */
  speculate(pilot: number, budgetBytes: number, sigmas?: number): SketchPlan | null {
    return this.rounds.speculate(pilot, this.compiled.settings.paths, this.compiled.settings.quantiles, budgetBytes, sigmas);
  }

  /**
   * Ends a speculative round (every chunk counted and kept): the events and benchmarks, and the exact
   * plan, the columns the speculation missed and the plan of a round for them (`TwoRounds.settle`).
   */
  settle(): ReturnType<TwoRounds["settle"]> {
    this.assembler.addEvents(this.held);
    return this.rounds.settle(this.compiled.settings.paths, this.compiled.settings.quantiles);
  }

  /** Another thread's values kept under the speculation and narrowed to the exact plan (after `settle`). */
  mergeSettled(part: RoundPart): void {
    if (part.gather) this.rounds.settledGathering().merge(part.gather);
  }

  /** Ends the counting round: the events and benchmarks (from the held columns) and round 2's plan, which it returns. */
  endCounting(): SketchPlan {
    this.assembler.addEvents(this.held);
    return this.rounds.plan(this.compiled.settings.paths, this.compiled.settings.quantiles);
  }

  /**
   * The result, after both rounds: the summaries from the kept values. A column whose sum or squared
   * deviations overflow (values above about 1e154) is summarised from its values, which `values` gives by
   * simulating every chunk a third time (one column of paths each; no run of ordinary magnitudes needs it).
   */
  result(values: (columns: number[]) => SampleStore): Result {
    const summaries = this.rounds.summaries();
    const rescaled: number[] = [];
    for (let j = 0; j < this.rounds.counts.columns; j++) {
      const summary = summaries.summary(j);
      if (summary) this.assembler.setColumn(j, summary);
      else rescaled.push(j);
    }
    if (rescaled.length > 0) {
      const store = values(rescaled);
      for (const j of rescaled) this.assembler.setColumn(j, summariseValues(store.column(j), this.compiled.settings.quantiles));
    }
    return this.assembler.result();
  }
}
