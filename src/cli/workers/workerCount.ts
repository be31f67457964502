import { availableParallelism } from "node:os";

/**
 * Fewest paths at which a run starts worker threads when no `--workers` is given; smaller runs simulate in
 * the main thread. A pool costs its start-up (each worker loads the bundled engine and compiles the
 * scenario, then runs the kernel cold, before the JIT has warmed it) and a second summarise pass; a second
 * worker halves only the simulation. Measured on the default scenario on this project's 2-core machine,
 * whole processes, `--workers 2` against `--workers 1`:
 * - quiet (issue 13's measurement): 2 workers take 1.64x the time of 1 at 10k paths, 1.0x at 100k, 0.79x at 200k;
 * - loaded (load average 10-11 on 2 cores, bench/workers.mjs and in-process runs, medians of 3-5, 1 December
 *   2026): 1.72x at 10k, 1.4x at 20k, 1.33x at 40k, 1.35-1.78x at 80k, 1.56x at 120k, 1.51x at 200k; the pool
 *   adds 450-700 ms of CPU time whatever the size (process CPU, 2 workers against 1 thread).
 * So below 100,000 paths a second worker never pays; at 100,000 it breaks even on a quiet machine. Re-measure
 * with `node bench/workers.mjs`.
 */
export const PARALLEL_MIN_PATHS = 100_000;

/**
 * Worker threads a run of `chunks` chunks holding `paths` paths uses: the request, at most one per chunk;
 * without a request, 1 below {@link PARALLEL_MIN_PATHS} paths, else the cores (at most one per chunk).
 * Never changes a number: chunk c's values depend only on c.
 */
export function workerCount(requested: number | undefined, chunks: number, paths: number): number {
  const wanted = requested ?? (paths < PARALLEL_MIN_PATHS ? 1 : availableParallelism());
  return Math.max(1, Math.min(wanted, chunks));
}

/**
 * The threads a run will likely use, known from the command line alone (before the scenario, whose own
 * path count may differ, is read): the request, else the cores when the paths asked for reach
 * {@link PARALLEL_MIN_PATHS}, else 1. Only for starting workers early; `workerCount` decides.
 */
export function expectedWorkers(requested: number | undefined, paths: number | undefined): number {
  if (requested !== undefined) return requested;
  return paths !== undefined && paths >= PARALLEL_MIN_PATHS ? availableParallelism() : 1;
}
