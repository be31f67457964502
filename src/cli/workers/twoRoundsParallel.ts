import { CHUNK_SIZE, ChunkSimulator, type ChunkValues } from "../../engine/kernel.ts";
import type { PreparedRun } from "../../engine/prepare.ts";
import { chunkPlan, storeColumns, TwoRoundRun, type RunHooks } from "../../engine/run.ts";
import type { Result } from "../../samples/result.ts";
import type { ToWorker } from "./protocol.ts";
import type { TaskInput } from "./taskQueue.ts";
import type { WorkerPool } from "./pool.ts";

/**
 * A run above the store budget on worker threads, in the two rounds of `TwoRounds` (engine/twoRounds.ts).
 * Each worker simulates its chunks (each twice) and counts them (round 1), then keeps their wanted
 * buckets' values (round 2), in a state of its own; after each round the states merge here (the counts
 * add, each chunk's sums and squares take their place, the kept values join) and, after round 1, the
 * plan made from the merged counts goes to every worker. The columns events and benchmarks read are
 * written by the workers into shared memory in round 1. Both rounds are order-free (per-chunk sums,
 * counts, values sorted at the end) and each chunk is counted by one worker, so the result is
 * `runPrepared`'s byte for byte whatever the worker count. Why the workers count: sending every chunk's
 * values here to count them made this thread's counting and the copies the bound (10M paths on 2 workers:
 * 112 s of CPU against 85 s on one thread). `inOrder(visit)` hands chunks to `visit` in index order from
 * chunk 0 (for `onChunk`, which then has them sent here in round 1).
 */
export async function runTwoRoundsParallel(
  run: PreparedRun,
  pool: WorkerPool,
  hooks: Pick<RunHooks, "onProgress" | "onChunk">,
  inOrder: (visit: (values: ChunkValues) => void) => { add(values: ChunkValues): void },
): Promise<Result> {
  const { onProgress, onChunk } = hooks;
  const compiled = run.compiled;
  const total = compiled.settings.paths;
  const plan = chunkPlan(total);
  const simulator = new ChunkSimulator(compiled);
  const cells = simulator.cellCount();
  const buffers = { revenue: new Float64Array(cells * CHUNK_SIZE), share: new Float64Array(cells * CHUNK_SIZE) };
  const first = simulator.runInto(0, plan[0].paths, buffers);
  const state = new TwoRoundRun(compiled, first, cells, (bytes) => new SharedArrayBuffer(bytes));
  pool.broadcast({ type: "rounds", layout: state.layout });
  const size = Math.max(1, Math.min(4, Math.floor(plan.length / (pool.size * 6))));
  let done = 0;
  for (const round of [0, 1] as const) {
    const order = round === 0 && onChunk ? inOrder((values) => onChunk(values, compiled)) : null;
    // Round 1 writes the held columns into their shared memory; round 2 stores nothing.
    const pass: ToWorker = round === 0
      ? { type: "pass", columns: [...state.held.columns], buffer: state.held.buffer as SharedArrayBuffer }
      : { type: "pass", columns: [], buffer: new SharedArrayBuffer(0) };
    pool.broadcast(pass);
    const tasks: TaskInput[] = [];
    for (let at = 0; at < plan.length; at += size) tasks.push({ type: "chunks", chunks: plan.slice(at, at + size).map((c) => c.chunk), send: order !== null, round });
    await pool.dispatch(tasks, (message) => {
      if (message.type === "chunk") order!.add(message);
      else if (message.type === "chunks-done") {
        done += message.paths;
        onProgress?.(done, 2 * total);
      }
    }, "chunks-done");
    for (const { part } of await pool.collect({ type: "report", round }, "part")) state.merge(round, part);
    const next = state.endRound(round);
    if (next) pool.broadcast({ type: "follow", plan: next });
  }
  // Columns whose values overflow when summed or squared are simulated once more, here (none in ordinary runs).
  return state.result((columns) => storeColumns(compiled, simulator, buffers, columns));
}
