/**
 * The two rounds of a run above the store budget (engine/twoRounds.ts), in process: nanoseconds per value of
 * round 1 (bucket counts, ranges, block sums) and round 2 (squared deviations, wanted buckets' values) over
 * the canonical model's chunks, one column at a time (the rounds as they were, with their Float64Array counts:
 * tests/stats/sketchReference.ts) against four columns side by side (columnSketchBatch.ts, the engine's). The chunks are simulated once
 * beforehand (not timed); every variant starts from fresh states. Interleaved rounds, one warm-up, then
 * medians of `--runs` (default 5); each variant's final state is checked equal to the other's.
 *
 *   nice -n 10 node --import tsx bench/sketch.ts [--chunks 48] [--runs 5]
 */
import { ChunkSimulator, type ChunkValues } from "../src/engine/kernel.ts";
import { prepare } from "../src/engine/prepare.ts";
import { chunkLayout, columnCount, countChunk, gatherChunk } from "../src/engine/twoRounds.ts";
import { CHUNK_SIZE, METRIC_NAMES } from "../src/samples/layout.ts";
import { SketchCounts, SketchGather, sketchPlan } from "../src/stats/columnSketch.ts";
import { referenceCount, referenceCounts, referenceGather, referenceMasks, type ReferenceCounts } from "../tests/stats/sketchReference.ts";
import { canonicalScenario } from "./canonical.ts";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const chunks = option("chunks", 48);
const runs = option("runs", 5);
const paths = chunks * CHUNK_SIZE;
const run = prepare(canonicalScenario(), { paths, seed: 42 });
const compiled = run.compiled;
const simulator = new ChunkSimulator(compiled);
const cells = simulator.cellCount();
const columns = columnCount(compiled);
const values: ChunkValues[] = Array.from({ length: chunks }, (_, chunk) => simulator.run(chunk, CHUNK_SIZE));
const layout = chunkLayout(values[0], cells);
const probabilities = compiled.settings.quantiles;
const plan = sketchPlan(countAll("side by side") as SketchCounts, paths, probabilities);
const masks = referenceMasks(plan);

/** Every column's slice of a chunk, one at a time through a closure (how the rounds were fed). */
function eachColumn(v: ChunkValues, visit: (column: number, values: Float64Array, from: number, to: number) => void): void {
  const n = v.paths;
  METRIC_NAMES.forEach((metric, m) => {
    const source = v[metric];
    for (let cell = 0; cell < cells; cell++) visit(m * cells + cell, source, cell * n, (cell + 1) * n);
  });
}

function countAll(variant: string): ReferenceCounts {
  if (variant === "side by side") {
    const counts = new SketchCounts(columns, chunks, layout);
    for (const v of values) countChunk(counts, v, cells);
    return counts;
  }
  const counts = referenceCounts(columns, chunks, layout);
  for (const v of values) eachColumn(v, (j, x, from, to) => referenceCount(counts, j, v.chunk, x, from, to));
  return counts;
}

function gatherAll(variant: string): SketchGather {
  const gather = new SketchGather(plan, layout);
  if (variant === "side by side") for (const v of values) gatherChunk(gather, v, cells);
  else for (const v of values) eachColumn(v, (j, x, from, to) => referenceGather(gather, masks, j, x, from, to));
  return gather;
}

const variants = ["one column at a time", "side by side"];
const times = new Map<string, number[]>();
const last = new Map<string, { counts: ReferenceCounts; gather: SketchGather }>();
const perValue = (start: number) => ((performance.now() - start) * 1e6) / (paths * columns);
for (let round = 0; round <= runs; round++) {
  for (const variant of variants) {
    let start = performance.now();
    const counts = countAll(variant);
    const one = perValue(start);
    start = performance.now();
    const gather = gatherAll(variant);
    const two = perValue(start);
    // Round 0 warms the code up and is not kept.
    if (round === 0) continue;
    times.set(`${variant}: round 1`, [...(times.get(`${variant}: round 1`) ?? []), one]);
    times.set(`${variant}: round 2`, [...(times.get(`${variant}: round 2`) ?? []), two]);
    last.set(variant, { counts, gather });
  }
}

const bytes = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const [a, b] = variants.map((v) => last.get(v)!);
const same =
  bytes(Int32Array.from(a.counts.counts)).equals(bytes(Int32Array.from(b.counts.counts))) &&
  bytes(a.counts.sums).equals(bytes(b.counts.sums)) &&
  bytes(a.counts.low).equals(bytes(b.counts.low)) &&
  bytes(a.counts.high).equals(bytes(b.counts.high)) &&
  bytes(a.counts.squares).equals(bytes(b.counts.squares)) &&
  Array.from({ length: columns }, (_, j) => bytes(a.gather.keptValues(j)).equals(bytes(b.gather.keptValues(j)))).every(Boolean);
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
console.log(`${chunks} chunks of ${CHUNK_SIZE} paths, ${columns} columns (canonical model); ns per value, median of ${runs} (min-max); states equal: ${same}`);
for (const [name, xs] of times) console.log(`${name.padEnd(32)} ${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})`);
for (const r of ["round 1", "round 2"]) {
  const ratio = median(times.get(`one column at a time: ${r}`)!) / median(times.get(`side by side: ${r}`)!);
  console.log(`${r}: side by side ${ratio.toFixed(2)}x faster`);
}
if (!same) throw new Error("bench/sketch.ts: the two variants' states differ");
