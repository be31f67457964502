import { CHUNK_SIZE, ChunkSimulator, type ChunkValues } from "../../engine/kernel.ts";
import type { PreparedRun } from "../../engine/prepare.ts";
import { chunkPlan, storeColumns, TwoRoundRun, type RunHooks } from "../../engine/run.ts";
import { pilotStages, speculationBudget, type RoundMode } from "../../engine/twoRounds.ts";
import type { SketchPlan } from "../../stats/columnSketch.ts";
import type { Result } from "../../samples/result.ts";
import type { TaskInput } from "./taskQueue.ts";
import type { WorkerPool } from "./pool.ts";

/**
 * A run above the store budget on worker threads, in the rounds of `TwoRounds` (engine/twoRounds.ts).
 * Each worker simulates its chunks and counts them (round 1), then keeps their wanted buckets' values
 * (round 2), in a state of its own; after each round the states merge here (the counts add, each chunk's
 * sums and squares take their place, the kept values join) and, after round 1, the plan made from the
 * merged counts goes to every worker. Round 1 goes in stages, as `runPrepared`'s does: after the pilot's
 * chunks (the first 1/16, 1/8, 1/4 or 1/2) the merged counts may give a speculative plan, and then one
 * round counts the remaining chunks and keeps every chunk's values under it (see `TwoRoundRun.speculate`).
 * The columns events and benchmarks read are written by the workers into shared memory as they count.
 * Every round is order-free (per-chunk sums, counts, values sorted at the end) and each chunk is counted
 * by one worker, so the result is `runPrepared`'s byte for byte whatever the worker count. Why the
 * workers count: sending every chunk's values here to count them made this thread's counting and the
 * copies the bound (10M paths on 2 workers: 112 s of CPU against 85 s on one thread). `inOrder(visit)`
 * hands chunks to `visit` in index order from chunk 0 (for `onChunk`, which then has them sent here in
 * round 1, and turns speculation off).
 */
export async function runTwoRoundsParallel(
  run: PreparedRun,
  pool: WorkerPool,
  hooks: Pick<RunHooks, "onProgress" | "onChunk" | "storeBudgetBytes"> & { /** The speculation's reach (PILOT_SIGMAS; tests give 0 to make it miss). */ pilotSigmas?: number },
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
  let work = 2 * total;
  const order = onChunk ? inOrder((values) => onChunk(values, compiled)) : null;
  /**
   * One round over `segments` of chunks, each in its mode, holding the event columns when `hold`; then
   * every worker's state of mode `report` merged.
   */
  const round = async (segments: Array<{ from: number; to: number; mode: RoundMode }>, hold: boolean, report: RoundMode): Promise<void> => {
    pool.broadcast(hold
      ? { type: "pass", columns: [...state.held.columns], buffer: state.held.buffer as SharedArrayBuffer }
      : { type: "pass", columns: [], buffer: new SharedArrayBuffer(0) });
    const send = order !== null && segments.every((s) => s.mode === 0);
    const tasks: TaskInput[] = [];
    for (const { from, to, mode } of segments) {
      for (let at = from; at < to; at += size) tasks.push({ type: "chunks", chunks: plan.slice(at, Math.min(at + size, to)).map((c) => c.chunk), send, round: mode });
    }
    await pool.dispatch(tasks, (message) => {
      if (message.type === "chunk") order!.add(message);
      else if (message.type === "chunks-done") {
        done += message.paths;
        onProgress?.(Math.min(done, work), work);
      }
    }, "chunks-done");
    for (const { part } of await pool.collect({ type: "report", round: report }, "part")) state.merge(part);
  };
  // Round 1 in stages: after each pilot stage, the counts so far may let the rest go in one round.
  const stages = onChunk ? [] : pilotStages(plan.length);
  const budget = speculationBudget(hooks.storeBudgetBytes);
  let counted = 0;
  let speculative: SketchPlan | null = null;
  for (const stage of [...stages, plan.length]) {
    await round([{ from: counted, to: stage, mode: 0 }], true, 0);
    counted = stage;
    if (stage < plan.length && (speculative = state.speculate(counted * CHUNK_SIZE, budget, hooks.pilotSigmas))) break;
  }
  let next: SketchPlan | null;
  if (speculative) {
    work = done + total;
    pool.broadcast({ type: "follow", plan: speculative });
    // Only the counts come here; each worker narrows its own kept values once the exact plan is known, so
    // the speculation's values are never gathered in one thread (10M paths: 2.8 GB against about 1 GB).
    await round([{ from: 0, to: counted, mode: 1 }, { from: counted, to: plan.length, mode: 2 }], true, 0);
    const settled = state.settle();
    pool.broadcast({ type: "narrow", plan: settled.exact, missed: settled.missed });
    for (const { part } of await pool.collect({ type: "report", round: 1 }, "part")) state.mergeSettled(part);
    next = settled.rest;
    if (next) work += total;
  } else next = state.endCounting();
  // Round 2 of every column, or of the columns a speculation missed.
  if (next) {
    pool.broadcast({ type: "follow", plan: next });
    await round([{ from: 0, to: plan.length, mode: 1 }], false, 1);
  }
  // Columns whose values overflow when summed or squared are simulated once more, here (none in ordinary runs).
  return state.result((columns) => storeColumns(compiled, simulator, buffers, columns));
}
