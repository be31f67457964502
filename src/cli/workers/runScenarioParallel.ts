import type { CompiledScenario } from "../../engine/compile.ts";
import type { ChunkValues } from "../../engine/kernel.ts";
import { prepare, runSettings, type PreparedRun } from "../../engine/prepare.ts";
import { chunkPlan, planStore, requireFinishable, ResultAssembler, runPreparedYielding, type RunOptions } from "../../engine/run.ts";
import { SampleStore, columnBytes } from "../../samples/store.ts";
import { Result } from "../../samples/result.ts";
import { reuse } from "../cache.ts";
import type { FromWorker } from "./protocol.ts";
import { WorkerPool } from "./pool.ts";
import { TaskQueue, type QueuedTask, type TaskInput } from "./taskQueue.ts";
import { SimulationState } from "../../engine/simulationState.ts";
import { workerCount } from "./workerCount.ts";
import { machineStoreBudget } from "./storeBudget.ts";
import { runTwoRoundsParallel } from "./twoRoundsParallel.ts";

/** Options of a parallel run: those of `runScenario`, and the number of worker threads. */
export interface ParallelOptions extends RunOptions {
  /** Worker threads; 1 runs in this thread. @defaultValue 1 below PARALLEL_MIN_PATHS paths, else os.availableParallelism() (workerCount.ts) */
  workers?: number;
  /** A started pool to run on (its size is the worker count; left open), e.g. to pay start-up once for many runs. */
  pool?: WorkerPool;
  /**
   * The result may come from the result cache the command line was given (`--cache`, src/cli/cache.ts),
   * and a computed one is kept there; such a result keeps no samples. Ignored with `onChunk`. @defaultValue false
   */
  reuse?: boolean;
}

/** Chunks per task handed to a worker: small enough to balance the load, large enough to keep messages few. */
/**
 * Chunk tasks for `threads` threads, shrinking as the queue empties (guided scheduling): each task takes
 * about a sixth of a thread's share of what is left, at most 8 chunks (few messages) and at least 1, so the
 * last tasks are single chunks and no thread waits long for another at the end, nor redoes much when it
 * takes over a task (TaskQueue.steal). Which thread runs which chunk never changes a number.
 */
function batches(chunks: readonly number[], threads: number, send: boolean): TaskInput[] {
  const out: TaskInput[] = [];
  for (let at = 0; at < chunks.length; ) {
    const size = Math.max(1, Math.min(8, Math.floor((chunks.length - at) / (threads * 6))));
    out.push({ type: "chunks", chunks: chunks.slice(at, at + size), send });
    at += size;
  }
  return out;
}

/** Calls `visit` with chunks in index order, whatever order they arrive in (holding early arrivals), each once. */
export class ChunkOrder {
  private readonly held = new Map<number, ChunkValues>();
  private next: number;
  private readonly visit: (values: ChunkValues) => void;

  constructor(first: number, visit: (values: ChunkValues) => void) {
    this.next = first;
    this.visit = visit;
  }

  add(values: ChunkValues): void {
    // A chunk simulated twice (a task the main thread took over) is visited once.
    if (values.chunk < this.next || this.held.has(values.chunk)) return;
    this.held.set(values.chunk, values);
    for (let v = this.held.get(this.next); v; v = this.held.get(this.next)) {
      this.held.delete(this.next);
      this.visit(v);
      this.next += 1;
    }
  }
}

/**
 * `runScenario` on `workers` threads: the main thread and `workers - 1` worker threads take the fixed chunks
 * from one queue, simulate them into shared memory (a SharedArrayBuffer laid out as a SampleStore) and then
 * summarise the columns between them; events and benchmarks are evaluated here first. (Given a started
 * `pool`, or a run above the store budget, the pool's workers do all of it.) The result is identical, byte
 * for byte, to `runScenario` for any number of workers. One worker (or one chunk) runs in this thread.
 * The scenario is prepared once here (`input` may be a prepared run); each worker rebuilds it from plain
 * data without validating or refitting.
 *
 * @throws InputError when the scenario or options are invalid, or parameters make revenue overflow.
 */
export async function runScenarioParallel(input: unknown, options: ParallelOptions = {}): Promise<Result> {
  const run = prepare(input, runSettings(options));
  if (!options.reuse || options.onChunk) return runParallel(run, options);
  const { settings } = run;
  const key = { scenarioHash: run.hash, paths: settings.paths, seed: settings.seed, quantiles: settings.quantiles };
  return reuse("run", key, () => runParallel(run, options), { revive: (doc) => Result.fromJSON(doc), plain: (result) => result.toJSON() });
}

/** {@link runScenarioParallel} of a prepared run, always simulated. */
async function runParallel(run: PreparedRun, options: ParallelOptions): Promise<Result> {
  const { onProgress, onChunk } = options;
  const storeBudgetBytes = options.storeBudgetBytes ?? machineStoreBudget();
  const workers = options.pool ? options.pool.size : options.workers;
  const compiled = run.compiled;
  const total = compiled.settings.paths;
  const plan = chunkPlan(total);
  const count = workerCount(workers, plan.length, total);
  if (count === 1) {
    WorkerPool.discardEarly();
    return runPreparedYielding(run, { onProgress, onChunk, storeBudgetBytes });
  }
  requireFinishable(compiled, storeBudgetBytes);
  const passes = planStore(compiled, total, storeBudgetBytes);
  const twoRounds = passes.length > 1;
  // In one round the main thread simulates and summarises its share: count - 1 workers beside it, and it
  // starts at once while they load. (In two rounds it is busy counting what the workers send.)
  const local = options.pool || twoRounds ? null : new SimulationState(compiled);
  const pool = options.pool ?? WorkerPool.spawn(local ? count - 1 : count);
  try {
    if (twoRounds) {
      await pool.init(run);
      return await runTwoRoundsParallel(run, pool, { onProgress, onChunk, storeBudgetBytes }, (visit) => new ChunkOrder(0, visit));
    }
    const columns = passes[0];
    const buffer = new SharedArrayBuffer(columns.length * columnBytes(total));
    const store = new SampleStore(compiled, total, { columns, buffer });
    const workers = { ready: false };
    const ready = pool.init(run).then(() => {
      pool.broadcast({ type: "pass", columns, buffer });
      workers.ready = true;
    });
    // With the main thread at work, a run it finishes alone does not wait for the workers to load.
    const unstarted = () => local !== null && !workers.ready;
    local?.pass(columns, buffer);
    const order = onChunk ? new ChunkOrder(0, (values) => onChunk(values, compiled)) : null;
    let done = 0;
    const progress = (paths: number) => {
      done += paths;
      onProgress?.(done, total);
    };
    const chunks = new TaskQueue(batches(plan.map((c) => c.chunk), count, order !== null));
    await alongside(
      ready.then(() =>
        pool.dispatch(chunks, (message, fresh) => {
          if (message.type === "chunk") order!.add(message);
          else if (message.type === "chunks-done" && fresh) progress(message.paths);
        }, "chunks-done", 2),
      ),
      local &&
        ((stop) =>
          drain(chunks, stop, (task) => {
            if (task.type !== "chunks") return;
            const paths = local.chunks(task.chunks, task.send, (values) => order!.add(values));
            if (chunks.complete(task.id)) progress(paths);
          })),
      unstarted,
    );
    const assembler = new ResultAssembler(compiled);
    await summariseOn(ready, pool, compiled, store, assembler, local, count, unstarted);
    return assembler.result(store);
  } finally {
    if (!options.pool) await pool.close();
  }
}

/**
 * Awaits the workers' part of a step and, meanwhile, the main thread's (`mine`, given a function that tells
 * it to stop because the workers failed). The first error is thrown; the other part's is then ignored.
 * When `mine` is done and `unstarted()` (the workers never got a task of the step), they are not awaited,
 * and their failure (if any) does not count: this thread did the step alone.
 */
export async function alongside(theirs: Promise<void>, mine: ((stop: () => boolean) => Promise<void>) | null, unstarted: () => boolean = () => false): Promise<void> {
  let failed = false;
  const workers = theirs.catch((error: unknown) => {
    failed = true;
    throw error;
  });
  workers.catch(() => {});
  if (mine) {
    try {
      // Workers that fail before they start (a worker that cannot load) do not stop this thread's share.
      await mine(() => failed && !unstarted());
    } catch (error) {
      failed = true;
      throw error;
    }
    if (unstarted()) return;
  }
  await workers;
}

/**
 * Runs tasks of `queue` in this thread (`runTask` completes them) until every task is done or `stop`: fresh
 * ones first, then the ones workers hold and have not finished (see TaskQueue.steal), letting the event
 * loop run between tasks (workers' replies, signals).
 */
async function drain(queue: TaskQueue, stop: () => boolean, runTask: (task: QueuedTask) => void): Promise<void> {
  for (let task = queue.takeHere() ?? queue.steal(); task && !stop(); task = queue.takeHere() ?? queue.steal()) {
    runTask(task);
    await new Promise<void>((resume) => setImmediate(resume));
  }
}

/**
 * Summarises the store's columns on the workers and, with `local`, in this thread too, after it has
 * evaluated events and benchmarks (which it does meanwhile in any case).
 */
async function summariseOn(
  ready: Promise<void>,
  pool: WorkerPool,
  compiled: CompiledScenario,
  store: SampleStore,
  assembler: ResultAssembler,
  local: SimulationState | null,
  threads: number,
  unstarted: () => boolean,
): Promise<void> {
  const columns = store.columns;
  // Guided as the chunk tasks are, in whole groups of four columns (summaryBatch's width), 4 to 16 a task.
  const tasks: TaskInput[] = [];
  for (let at = 0; at < columns.length; ) {
    const size = 4 * Math.max(1, Math.min(4, Math.floor((columns.length - at) / (threads * 24))));
    tasks.push({ type: "summarise", columns: columns.slice(at, at + size) });
    at += size;
  }
  const queue = new TaskQueue(tasks);
  const width = 3 + compiled.settings.quantiles.length;
  const take = (v: Float64Array) => {
    for (let at = 0; at < v.length; at += width) {
      assembler.setColumn(v[at], { mean: v[at + 1], sd: v[at + 2], quantiles: Array.from(v.subarray(at + 3, at + width)) });
    }
  };
  const theirs = ready.then(() =>
    pool.dispatch(queue, (message: FromWorker) => {
      if (message.type === "summaries") take(message.values);
    }, "summaries", 2),
  );
  await alongside(theirs, async (stop) => {
    assembler.addEvents(store);
    if (local) {
      await drain(queue, stop, (task) => {
        if (task.type !== "summarise") return;
        take(local.summarise(task.columns));
        queue.complete(task.id);
      });
    }
  }, unstarted);
}
