import { assumptionsOf } from "../../engine/assumptions.ts";
import { CHUNK_SIZE, ChunkSimulator, type ChunkValues } from "../../engine/kernel.ts";
import { prepare, runSettings, type PreparedRun } from "../../engine/prepare.ts";
import { chunkPlan, needsEveryPath, probedColumns } from "../../engine/run.ts";
import { chunkLayout, columnCount, countChunk, gatherChunk } from "../../engine/twoRounds.ts";
import { SketchCounts, SketchGather } from "../../stats/columnSketch.ts";
import { RNG_NAME } from "../../random/stream.ts";
import { VERSION } from "../../core/version.ts";
import { InputError } from "../../core/issues.ts";
import { thousands } from "../../core/thousands.ts";
import { LIMITS, maxShards } from "../limits.ts";
import { PARTIAL_FORMAT_VERSION, writePartial, shardRange, type PartialBody, type PartialHeader } from "./partial.ts";
import { planLayout, readPlan } from "./shardPlan.ts";
import { WorkerPool } from "./pool.ts";
import type { ParallelOptions } from "./runScenarioParallel.ts";
import { workerCount } from "./workerCount.ts";
import type { TaskInput } from "./taskQueue.ts";

/** What a shard wrote: its header and the file's size in bytes. */
export interface ShardOutcome {
  header: Omit<PartialHeader, "sections" | "bodyBytes">;
  bytes: number;
}

/**
 * Runs shard `index` of `count`: the contiguous range of chunks `shardRange` gives it (chunk boundaries
 * are those of the whole run, so its numbers are the whole run's), on worker threads, and writes its
 * partial result `file` (partial.ts, docs/shards.md). Round 1 (no `planFile`): bucket counts, ranges and
 * per-chunk sums and squared deviations of every column, and the columns events and benchmarks read.
 * Round 2 (`planFile`, from `sharecast merge` of every round-1 partial): the values of the wanted buckets.
 * The scenario is prepared once (`input` may be a prepared run); workers rebuild it without validating.
 *
 * @throws InputError when the scenario or options are invalid, or the plan is of another run.
 */
export async function runShard(input: unknown, options: ParallelOptions, shard: { index: number; count: number }, file: string, planFile?: string): Promise<ShardOutcome> {
  const run = prepare(input, runSettings(options));
  const { compiled, scenario } = run;
  const needs = needsEveryPath(compiled);
  if (needs) {
    // Shards keep only bucket counts and the values near the quantiles, never every path.
    throw new InputError([{ code: "conflict", path: ["--shard"], message: `expected a scenario without ${needs.purpose} (its ${needs.field}: they need every path of the run on one machine), got one with them; run it without --shard` }]);
  }
  const { paths, seed, quantiles } = compiled.settings;
  const all = chunkPlan(paths);
  // More shards than merge reads: the partial would be written, then refused by merge as corrupt.
  if (shard.count > maxShards(all.length)) {
    throw new InputError([{ code: "too_big", path: ["--shard"], message: `expected at most ${thousands(maxShards(all.length))} shards (the run's ${thousands(all.length)} chunks and at most ${thousands(LIMITS.emptyShards)} empty shards), got ${thousands(shard.count)}` }]);
  }
  const range = shardRange(all.length, shard.index, shard.count);
  const simulator = new ChunkSimulator(compiled);
  const cells = simulator.cellCount();
  const columns = columnCount(compiled);
  const header: Omit<PartialHeader, "sections" | "bodyBytes"> = {
    format: "sharecast-partial",
    formatVersion: PARTIAL_FORMAT_VERSION,
    round: planFile === undefined ? 1 : 2,
    version: VERSION,
    rng: RNG_NAME,
    chunkSize: CHUNK_SIZE,
    scenarioHash: run.hash,
    scenario,
    assumptions: assumptionsOf(compiled),
    paths,
    seed,
    quantiles,
    shard,
    chunks: range,
    cells,
    columns,
    held: [],
  };
  const body: PartialBody = new Map();
  if (planFile === undefined) {
    // Every shard derives the same bucket layout from chunk 0 of the run.
    const buffers = { revenue: new Float64Array(cells * CHUNK_SIZE), share: new Float64Array(cells * CHUNK_SIZE) };
    const layout = chunkLayout(simulator.runInto(0, all[0].paths, buffers), cells);
    const counts = new SketchCounts(columns, range.count, layout);
    const held = [...probedColumns(compiled)].sort((a, b) => a - b);
    const shardPaths = all.slice(range.first, range.first + range.count).reduce((sum, c) => sum + c.paths, 0);
    const heldValues = new Float64Array(held.length * shardPaths);
    await simulateChunks(run, range, options, (values) => {
      countChunk(counts, values, cells, range.first);
      const at = (values.chunk - range.first) * CHUNK_SIZE;
      held.forEach((id, h) => {
        const m = Math.floor(id / cells);
        const cell = id - m * cells;
        const v = m === 0 ? values.revenue : values.share;
        heldValues.set(v.subarray(cell * values.paths, (cell + 1) * values.paths), h * shardPaths + at);
      });
    });
    header.held = held;
    body.set("base", layout.base).set("scale", layout.scale).set("low", counts.low).set("high", counts.high);
    body.set("counts", Uint32Array.from(counts.counts)).set("sums", counts.sums).set("squares", counts.squares).set("held", heldValues);
  } else {
    const { plan, hash } = readPlan(planFile, "--plan");
    const mismatch = [
      plan.scenarioHash !== run.hash && `scenario hash ${plan.scenarioHash}, expected ${run.hash}`,
      plan.paths !== paths && `paths ${plan.paths}, expected ${paths}`,
      plan.seed !== seed && `seed ${plan.seed}, expected ${seed}`,
      JSON.stringify(plan.quantiles) !== JSON.stringify(quantiles) && `quantiles ${plan.quantiles.join(",")}, expected ${quantiles.join(",")}`,
      plan.shards !== shard.count && `${plan.shards} shards, expected ${shard.count}`,
      plan.version !== VERSION && `engine ${plan.version}, expected ${VERSION}`,
    ].filter((x): x is string => typeof x === "string");
    if (mismatch.length > 0) throw new InputError([{ code: "conflict", path: ["--plan"], message: `${JSON.stringify(planFile)} is the plan of another run: ${mismatch.join("; ")}` }]);
    const gather = new SketchGather(plan.plan, planLayout(plan));
    await simulateChunks(run, range, options, (values) => gatherChunk(gather, values, cells));
    const keptCounts = Uint32Array.from(gather.keptCount);
    const kept = new Float64Array(keptCounts.reduce((a, b) => a + b, 0));
    let at = 0;
    for (let j = 0; j < columns; j++) {
      kept.set(gather.keptValues(j), at);
      at += keptCounts[j];
    }
    header.planHash = hash;
    body.set("keptCounts", keptCounts).set("kept", kept);
  }
  const { bytes } = writePartial(file, header, body);
  return { header, bytes };
}

/** Simulates the chunks of `range` (in this thread or on workers) and hands each to `visit`, in any order (the clock decides only when the event loop runs, never a number). */
async function simulateChunks(run: PreparedRun, range: { first: number; count: number }, options: ParallelOptions, visit: (values: ChunkValues) => void): Promise<void> {
  const mine = chunkPlan(run.compiled.settings.paths).slice(range.first, range.first + range.count);
  const total = mine.reduce((sum, c) => sum + c.paths, 0);
  let done = 0;
  const count = workerCount(options.workers, mine.length, total);
  if (count === 1) {
    const simulator = new ChunkSimulator(run.compiled);
    const cells = simulator.cellCount();
    const buffers = { revenue: new Float64Array(cells * CHUNK_SIZE), share: new Float64Array(cells * CHUNK_SIZE) };
    let since = Date.now();
    for (const { chunk, paths } of mine) {
      visit(simulator.runInto(chunk, paths, buffers));
      done += paths;
      options.onProgress?.(done, total);
      // Let the event loop run every 50 ms, so that SIGTERM (a pod stopped) is answered at once.
      if (Date.now() - since >= 50) {
        await new Promise<void>((resume) => setImmediate(resume));
        since = Date.now();
      }
    }
    return;
  }
  const pool = await WorkerPool.start(count, run);
  try {
    pool.broadcast({ type: "pass", columns: [], buffer: new SharedArrayBuffer(0) });
    const size = Math.max(1, Math.min(4, Math.floor(mine.length / (count * 6))));
    const tasks: TaskInput[] = [];
    for (let at = 0; at < mine.length; at += size) tasks.push({ type: "chunks", chunks: mine.slice(at, at + size).map((c) => c.chunk), send: true });
    await pool.dispatch(tasks, (message) => {
      if (message.type === "chunk") visit(message);
      else if (message.type === "chunks-done") {
        done += message.paths;
        options.onProgress?.(done, total);
      }
    }, "chunks-done");
  } finally {
    await pool.close();
  }
}
