import { availableParallelism } from "node:os";
import { CHUNK_SIZE } from "../../samples/layout.ts";

/**
 * Fewest paths at which a run starts worker threads when no `--workers` is given; smaller runs simulate in
 * the main thread. With workers the main thread still takes its share of the chunks and summaries, so a
 * second thread costs a worker's start-up and its cold code (about 0.3 s of CPU on this project's 2-core
 * machine, where the worker's optimising compiler competes with both threads). Measured on the canonical
 * model (bench/canonical.ts as JSON), quiet machine, whole processes, medians of 3, 1 December 2026, final
 * tree: `--workers 2` against `--workers 1` takes 1.13x the time at 20,000 paths, 1.08x at 30,000, 1.02x at
 * 40,000, 0.93x at 50,000, 0.86x at 75,000, 0.79x at 100,000, 0.70x at 200,000. So a second thread pays
 * from 50,000 paths. Re-measure with `node bench/workers.mjs`.
 */
export const PARALLEL_MIN_PATHS = 50_000;

/**
 * Worker threads a run of `chunks` chunks holding `paths` paths uses: the request, at most one per chunk
 * and {@link maxThreads} in all; without a request, 1 below {@link PARALLEL_MIN_PATHS} paths, else the
 * cores (at most one per chunk). Never changes a number: chunk c's values depend only on c.
 */
export function workerCount(requested: number | undefined, chunks: number, paths: number): number {
  const wanted = requested ?? (paths < PARALLEL_MIN_PATHS ? 1 : availableParallelism());
  return Math.max(1, Math.min(wanted, chunks, maxThreads()));
}

/**
 * The most threads a run uses whatever is asked: 4 per core. Each thread holds a compiled scenario and
 * its chunk buffers (about 13 MB for the canonical model), so `--workers 1024` on 2 cores had taken 6 GB
 * for nothing: past the cores, threads only take turns.
 */
export function maxThreads(): number {
  return 4 * availableParallelism();
}

/**
 * The threads a run will likely use, known from the command line alone (before the scenario, whose own
 * path count may differ, is read): the request, else the cores when the paths asked for reach
 * {@link PARALLEL_MIN_PATHS}, else 1. Only for starting workers early; `workerCount` decides.
 */
export function expectedWorkers(requested: number | undefined, paths: number | undefined): number {
  // Started early, threads beyond the cores, or beyond the chunks the paths asked for make, wait for nothing.
  if (requested !== undefined) return Math.max(1, Math.min(requested, availableParallelism(), paths === undefined ? Infinity : Math.ceil(paths / CHUNK_SIZE)));
  return paths !== undefined && paths >= PARALLEL_MIN_PATHS ? availableParallelism() : 1;
}
