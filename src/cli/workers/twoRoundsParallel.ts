import { CHUNK_SIZE, ChunkSimulator, type ChunkValues } from "../../engine/kernel.ts";
import type { PreparedRun } from "../../engine/prepare.ts";
import { chunkPlan, TwoRoundRun, type RunHooks } from "../../engine/run.ts";
import type { Result } from "../../samples/result.ts";
import type { TaskInput } from "./taskQueue.ts";
import type { WorkerPool } from "./pool.ts";

/**
 * A run above the store budget on worker threads, in the two rounds of `TwoRounds` (engine/twoRounds.ts):
 * the workers simulate the chunks (each twice) and send their values here, where round 1 counts them and
 * round 2 keeps the wanted buckets' values. Both rounds are order-free (per-chunk sums, counts, values
 * sorted at the end), so the result is `runPrepared`'s byte for byte whatever the worker count.
 * `inOrder(visit)` hands chunks to `visit` in index order from chunk 0 (for `onChunk`).
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
  const first = simulator.runInto(0, plan[0].paths, { revenue: new Float64Array(cells * CHUNK_SIZE), share: new Float64Array(cells * CHUNK_SIZE) });
  const state = new TwoRoundRun(compiled, first, cells);
  // Workers keep no store of their own in these rounds.
  pool.broadcast({ type: "pass", columns: [], buffer: new SharedArrayBuffer(0) });
  const size = Math.max(1, Math.min(4, Math.floor(plan.length / (pool.size * 6))));
  const tasks: TaskInput[] = [];
  for (let at = 0; at < plan.length; at += size) tasks.push({ type: "chunks", chunks: plan.slice(at, at + size).map((c) => c.chunk), send: true });
  let done = 0;
  for (const round of [0, 1] as const) {
    const order = round === 0 && onChunk ? inOrder((values) => onChunk(values, compiled)) : null;
    await pool.dispatch(tasks, (message) => {
      if (message.type === "chunk") {
        const values: ChunkValues = message;
        state.add(round, values);
        if (round === 0) order?.add(values);
      } else if (message.type === "chunks-done") {
        done += message.paths;
        onProgress?.(done, 2 * total);
      }
    }, "chunks-done");
    state.endRound(round);
  }
  return state.result();
}
