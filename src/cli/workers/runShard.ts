import { CHUNK_SIZE, ChunkSimulator } from "../../engine/kernel.ts";
import { prepare, runSettings } from "../../engine/prepare.ts";
import { chunkPlan } from "../../engine/run.ts";
import { RNG_NAME } from "../../random/stream.ts";
import { VERSION } from "../../core/version.ts";
import { PartialWriter, shardRange, type PartialHeader } from "./partial.ts";
import { WorkerPool } from "./pool.ts";
import { ChunkOrder, type ParallelOptions } from "./runScenarioParallel.ts";
import { workerCount } from "./workerCount.ts";
import type { ToWorker } from "./protocol.ts";

/**
 * Runs shard `index` of `count`: the contiguous range of chunks `shardRange` gives it (chunk boundaries
 * are those of the whole run, so its numbers are the whole run's), on worker threads, and writes every
 * value to the partial result `file` (format in partial.ts). Returns the partial's header. The scenario is
 * prepared once (`input` may be a prepared run); workers rebuild it without validating or refitting.
 */
export async function runShard(input: unknown, options: ParallelOptions, shard: { index: number; count: number }, file: string): Promise<PartialHeader> {
  const run = prepare(input, runSettings(options));
  const { compiled, scenario } = run;
  const { paths, seed, quantiles } = compiled.settings;
  const all = chunkPlan(paths);
  const range = shardRange(all.length, shard.index, shard.count);
  const mine = all.slice(range.first, range.first + range.count);
  const simulator = new ChunkSimulator(compiled);
  const header: PartialHeader = {
    format: "sharecast-partial",
    formatVersion: 1,
    version: VERSION,
    rng: RNG_NAME,
    chunkSize: CHUNK_SIZE,
    scenarioHash: run.hash,
    scenario,
    paths,
    seed,
    quantiles,
    shard,
    chunks: range,
    cells: simulator.cellCount(),
  };
  const writer = new PartialWriter(file, header);
  try {
    let done = 0;
    const total = mine.reduce((sum, c) => sum + c.paths, 0);
    const count = workerCount(options.workers, mine.length, total);
    if (count === 1) {
      const cells = simulator.cellCount();
      const buffers = { revenue: new Float64Array(cells * CHUNK_SIZE), share: new Float64Array(cells * CHUNK_SIZE) };
      for (const { chunk, paths: n } of mine) {
        writer.write(simulator.runInto(chunk, n, buffers));
        done += n;
        options.onProgress?.(done, total);
      }
    } else {
      const pool = await WorkerPool.start(count, run);
      try {
        const order = new ChunkOrder(range.first, (values) => writer.write(values));
        const size = Math.max(1, Math.min(4, Math.floor(mine.length / (count * 6))));
        const tasks: ToWorker[] = [];
        for (let at = 0; at < mine.length; at += size) tasks.push({ type: "chunks", chunks: mine.slice(at, at + size).map((c) => c.chunk), send: true });
        await pool.dispatch(tasks, (message) => {
          if (message.type === "chunk") order.add(message);
          else if (message.type === "chunks-done") {
            done += message.paths;
            options.onProgress?.(done, total);
          }
        }, "chunks-done");
      } finally {
        await pool.close();
      }
    }
    writer.commit();
  } catch (error) {
    writer.abort();
    throw error;
  }
  return header;
}
