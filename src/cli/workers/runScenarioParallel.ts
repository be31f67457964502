import type { CompiledScenario } from "../../engine/compile.ts";
import type { ChunkValues } from "../../engine/kernel.ts";
import { prepare, runSettings, type PreparedRun } from "../../engine/prepare.ts";
import { chunkPlan, planStore, ResultAssembler, runPreparedYielding, type RunOptions } from "../../engine/run.ts";
import { SampleStore, columnBytes } from "../../samples/store.ts";
import { Result } from "../../samples/result.ts";
import { reuse } from "../cache.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { WorkerPool } from "./pool.ts";
import { workerCount } from "./workerCount.ts";
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
function batchSize(chunks: number, workers: number): number {
  return Math.max(1, Math.min(8, Math.floor(chunks / (workers * 6))));
}

function batches(chunks: readonly number[], size: number, send: boolean): ToWorker[] {
  const out: ToWorker[] = [];
  for (let at = 0; at < chunks.length; at += size) out.push({ type: "chunks", chunks: chunks.slice(at, at + size), send });
  return out;
}

/** Calls `visit` with chunks in index order, whatever order they arrive in (holding early arrivals). */
export class ChunkOrder {
  private readonly held = new Map<number, ChunkValues>();
  private next: number;
  private readonly visit: (values: ChunkValues) => void;

  constructor(first: number, visit: (values: ChunkValues) => void) {
    this.next = first;
    this.visit = visit;
  }

  add(values: ChunkValues): void {
    this.held.set(values.chunk, values);
    for (let v = this.held.get(this.next); v; v = this.held.get(this.next)) {
      this.held.delete(this.next);
      this.visit(v);
      this.next += 1;
    }
  }
}

/**
 * `runScenario` on worker threads: the fixed chunks are spread over `workers` threads, which simulate them
 * into shared memory (a SharedArrayBuffer per pass, laid out as a SampleStore) and then summarise the
 * columns between them; events and benchmarks are evaluated here meanwhile. The result is identical, byte
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
  const { onProgress, onChunk, storeBudgetBytes } = options;
  const workers = options.pool ? options.pool.size : options.workers;
  const compiled = run.compiled;
  const total = compiled.settings.paths;
  const plan = chunkPlan(total);
  const count = workerCount(workers, plan.length, total);
  if (count === 1) return runPreparedYielding(run, { onProgress, onChunk, storeBudgetBytes });

  const pool = options.pool ?? WorkerPool.spawn(count);
  try {
    await pool.init(run);
    const passes = planStore(compiled, total, storeBudgetBytes);
    if (passes.length > 1) return await runTwoRoundsParallel(run, pool, { onProgress, onChunk }, (visit) => new ChunkOrder(0, visit));
    const assembler = new ResultAssembler(compiled);
    const chunks = plan.map((c) => c.chunk);
    let done = 0;
    let last: SampleStore | null = null;
    // One shared buffer for every pass (each pass overwrites all of it): memory stays one pass's worth.
    const buffer = new SharedArrayBuffer(Math.max(...passes.map((p) => p.length)) * columnBytes(total));
    for (const [n, columns] of passes.entries()) {
      const store = new SampleStore(compiled, total, { columns, buffer });
      pool.broadcast({ type: "pass", columns, buffer });
      const send = n === 0 && onChunk !== undefined;
      const order = send ? new ChunkOrder(0, (values) => onChunk(values, compiled)) : null;
      await pool.dispatch(batches(chunks, batchSize(chunks.length, count), send), (message) => {
        if (message.type === "chunk") order!.add(message);
        else if (message.type === "chunks-done") {
          done += message.paths;
          onProgress?.(done, total * passes.length);
        }
      }, "chunks-done");
      await summariseOn(pool, compiled, store, assembler);
      last = store;
    }
    return assembler.result(passes.length === 1 ? last : null);
  } finally {
    if (!options.pool) await pool.close();
  }
}

/** Summarises the store's columns on the workers while this thread evaluates events and benchmarks. */
async function summariseOn(pool: WorkerPool, compiled: CompiledScenario, store: SampleStore, assembler: ResultAssembler): Promise<void> {
  const columns = store.columns;
  const size = Math.max(1, Math.min(16, Math.ceil(columns.length / (pool.size * 4))));
  const tasks: ToWorker[] = [];
  for (let at = 0; at < columns.length; at += size) tasks.push({ type: "summarise", columns: columns.slice(at, at + size) });
  const width = 3 + compiled.settings.quantiles.length;
  const running = pool.dispatch(tasks, (message: FromWorker) => {
    if (message.type !== "summaries") return;
    const v = message.values;
    for (let at = 0; at < v.length; at += width) {
      assembler.setColumn(v[at], { mean: v[at + 1], sd: v[at + 2], quantiles: Array.from(v.subarray(at + 3, at + width)) });
    }
  }, "summaries");
  assembler.addEvents(store);
  await running;
}
