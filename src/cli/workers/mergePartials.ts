import { CHUNK_SIZE } from "../../engine/kernel.ts";
import { prepareScenario, validScenario } from "../../engine/prepare.ts";
import { scenarioHash } from "../../scenario/hash.ts";
import { chunkPlan, ResultAssembler } from "../../engine/run.ts";
import type { CompiledScenario } from "../../engine/compile.ts";
import { SampleStore } from "../../samples/store.ts";
import { SKETCH_SLOTS, SketchCounts, SketchGather, sketchPlan } from "../../stats/columnSketch.ts";
import { scenarioBenchmarks, scenarioEvents } from "../../engine/observedStore.ts";
import { RNG_NAME } from "../../random/stream.ts";
import { Result } from "../../samples/result.ts";
import { formatIssue, InputError, type InputIssue } from "../../core/issues.ts";
import { VERSION } from "../../core/version.ts";
import { readPartial, section, shardRange, type PartialFile, type PartialHeader } from "./partial.ts";
import { PLAN_FORMAT_VERSION, planLayout, readPlan, writePlan, type ShardPlanFile } from "./shardPlan.ts";

/** A checked set of partials of one run and round, in shard order, with the run compiled. */
interface PartialSet {
  parts: PartialFile[];
  first: PartialHeader;
  compiled: CompiledScenario;
  chunks: number;
}

/**
 * Reads and checks the partials of one run and round: same run (scenario hash, seed, paths, quantiles,
 * shard count, engine version, generator, chunk size, round), every shard exactly once, each with its own
 * chunk range.
 *
 * @throws InputError (exit 2) naming the file and the problem.
 */
function readSet(files: readonly string[]): PartialSet {
  if (files.length === 0) throw new InputError([{ code: "too_small", path: ["partials"], message: "expected at least one partial result file, got none" }]);
  const parts = files.map((file, i) => readPartial(file, ["partials", i]));
  const first = parts[0].header;
  const issues: InputIssue[] = [];
  const same = (what: string, get: (h: PartialHeader) => unknown) => {
    const want = JSON.stringify(get(first));
    parts.forEach((p, i) => {
      const got = JSON.stringify(get(p.header));
      if (got !== want) issues.push({ code: "conflict", path: ["partials", i], message: `${JSON.stringify(p.file)} is of another run: ${what} ${got}, expected ${want} (from ${JSON.stringify(parts[0].file)})` });
    });
  };
  same("scenario hash", (h) => h.scenarioHash);
  same("seed", (h) => h.seed);
  same("paths", (h) => h.paths);
  same("quantiles", (h) => h.quantiles);
  same("shard count", (h) => h.shard.count);
  same("engine version", (h) => h.version);
  same("generator", (h) => h.rng);
  same("chunk size", (h) => h.chunkSize);
  same("round", (h) => h.round);
  same("plan", (h) => h.planHash ?? null);
  if (issues.length > 0) throw new InputError(issues);
  if (first.version !== VERSION || first.rng !== RNG_NAME || first.chunkSize !== CHUNK_SIZE) {
    throw new InputError([{ code: "conflict", path: ["partials"], message: `expected partials of engine ${VERSION} (${RNG_NAME}, chunks of ${CHUNK_SIZE}), got ${first.version} (${first.rng}, chunks of ${first.chunkSize})` }]);
  }
  const count = first.shard.count;
  const byIndex = new Map<number, number>();
  parts.forEach((p, i) => {
    const { index } = p.header.shard;
    const before = byIndex.get(index);
    if (before !== undefined) issues.push({ code: "duplicate", path: ["partials", i], message: `duplicate shard ${index}/${count}: ${JSON.stringify(p.file)} and ${JSON.stringify(parts[before].file)}` });
    else byIndex.set(index, i);
  });
  const missing: number[] = [];
  for (let index = 0; index < count; index++) if (!byIndex.has(index)) missing.push(index);
  // The first ten are named: a run of a million shards had listed every one it lacked.
  const named = missing.length > 10 ? `${missing.slice(0, 10).join(", ")} and ${missing.length - 10} more` : missing.join(", ");
  if (missing.length > 0) issues.push({ code: "required", path: ["partials"], message: `missing shard${missing.length > 1 ? "s" : ""} ${named} of ${count} (shards are numbered 0 to ${count - 1})` });
  if (issues.length > 0) throw new InputError(issues);

  const inFile = <T>(build: () => T): T => {
    try {
      return build();
    } catch (error) {
      // The scenario (or the run it sets up) of a partial: its problems name the partial they are in.
      if (!(error instanceof InputError)) throw error;
      throw new InputError(error.issues.map((issue) => ({ ...issue, path: ["partials", 0], message: `${JSON.stringify(parts[0].file)}: the scenario in the header: ${formatIssue(issue)}` })));
    }
  };
  const scenario = inFile(() => validScenario(first.scenario));
  if (scenarioHash(scenario) !== first.scenarioHash) {
    throw new InputError([{ code: "invalid", path: ["partials", 0], message: `${JSON.stringify(parts[0].file)}: the scenario in the header does not match its hash ${first.scenarioHash}` }]);
  }
  const compiled = inFile(() => prepareScenario(scenario, { paths: first.paths, seed: first.seed, quantiles: first.quantiles }).compiled);
  const chunks = chunkPlan(first.paths).length;
  const ordered = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([index, i]) => {
    const expected = shardRange(chunks, index, count);
    const got = parts[i].header.chunks;
    if (got.first !== expected.first || got.count !== expected.count) {
      throw new InputError([{ code: "invalid", path: ["partials", i], message: `${JSON.stringify(parts[i].file)}: expected chunks ${expected.first}..${expected.first + expected.count - 1} for shard ${index}/${count}, got ${got.first}..${got.first + got.count - 1}` }]);
    }
    if (parts[i].header.columns !== 2 * compiled.providers.length * compiled.periods.length * compiled.outputSegments.length) {
      throw new InputError([{ code: "invalid", path: ["partials", i], message: `${JSON.stringify(parts[i].file)}: expected the scenario's columns, got ${parts[i].header.columns} (corrupt)` }]);
    }
    return parts[i];
  });
  return { parts: ordered, first, compiled, chunks };
}

/**
 * Round 1 of a sharded run: merges every shard's bucket counts, ranges and per-chunk sums and squares, evaluates
 * events and benchmark comparisons on the whole columns they read, and writes the plan of round 2 to
 * `planFile`. Returns the plan.
 *
 * @throws InputError (exit 2) when the partials are not every shard of one run's round 1.
 */
export function planFromPartials(files: readonly string[], planFile: string): ShardPlanFile {
  const { parts, first, compiled, chunks } = readSet(files);
  if (first.round !== 1) throw new InputError([{ code: "invalid", path: ["partials"], message: "expected round-1 partials (partial-<i>-of-<N>.bin) to make a plan, got round 2; give round-2 partials with --plan" }]);
  const C = first.columns;
  const where = (i: number) => ["partials", i];
  const layoutOf = (p: PartialFile, i: number) => ({ base: section<Float64Array>(p, "base", C, where(i)), scale: section<Float64Array>(p, "scale", C, where(i)) });
  const layout = layoutOf(parts[0], 0);
  const counts = new SketchCounts(C, chunks, { base: Float64Array.from(layout.base), scale: Float64Array.from(layout.scale) });
  const held = first.held;
  const store = new SampleStore(compiled, first.paths, { columns: held });
  parts.forEach((p, i) => {
    const own = layoutOf(p, i);
    for (let j = 0; j < C; j++) {
      if (!Object.is(own.base[j], layout.base[j]) || !Object.is(own.scale[j], layout.scale[j])) {
        throw new InputError([{ code: "invalid", path: where(i), message: `${JSON.stringify(p.file)}: its bucket layout differs from ${JSON.stringify(parts[0].file)}'s (another engine build?)` }]);
      }
    }
    const shardCounts = section<Uint32Array>(p, "counts", C * SKETCH_SLOTS, where(i));
    for (let k = 0; k < shardCounts.length; k++) counts.counts[k] += shardCounts[k];
    const low = section<Float64Array>(p, "low", C, where(i));
    const high = section<Float64Array>(p, "high", C, where(i));
    for (let j = 0; j < C; j++) {
      if (low[j] < counts.low[j]) counts.low[j] = low[j];
      if (high[j] > counts.high[j]) counts.high[j] = high[j];
    }
    const { first: firstChunk, count } = p.header.chunks;
    counts.sums.set(section<Float64Array>(p, "sums", count * C, where(i)), firstChunk * C);
    counts.squares.set(section<Float64Array>(p, "squares", count * C, where(i)), firstChunk * C);
    const shardPaths = chunkPlan(first.paths).slice(firstChunk, firstChunk + count).reduce((sum, c) => sum + c.paths, 0);
    const values = section<Float64Array>(p, "held", held.length * shardPaths, where(i));
    held.forEach((id, h) => store.column(id).set(values.subarray(h * shardPaths, (h + 1) * shardPaths), firstChunk * CHUNK_SIZE));
  });
  const plan: ShardPlanFile = {
    format: "sharecast-plan",
    formatVersion: PLAN_FORMAT_VERSION,
    version: first.version,
    rng: first.rng,
    chunkSize: first.chunkSize,
    scenarioHash: first.scenarioHash,
    scenario: first.scenario,
    paths: first.paths,
    seed: first.seed,
    quantiles: first.quantiles,
    shards: first.shard.count,
    layout: { base: Array.from(layout.base), scale: Array.from(layout.scale) },
    plan: planOf(counts, first.paths, first.quantiles),
    events: scenarioEvents(compiled.scenario, compiled.settings.seed, store),
    benchmarks: scenarioBenchmarks(compiled.scenario, compiled.settings.seed, store),
  };
  writePlan(planFile, plan);
  return plan;
}

/** The plan of round 2; counts that do not add up to the run's paths mean a corrupt partial (exit 2). */
function planOf(counts: SketchCounts, paths: number, quantiles: readonly number[]): ShardPlanFile["plan"] {
  let plan: ShardPlanFile["plan"];
  try {
    plan = sketchPlan(counts, paths, quantiles);
  } catch (error) {
    throw new InputError([{ code: "invalid", path: ["partials"], message: `the partials' counts do not make up the run (${(error as Error).message}; corrupt?)` }]);
  }
  const overflowing = plan.mean.findIndex((m) => m === Infinity || m === -Infinity);
  if (overflowing >= 0) throw tooLarge(overflowing);
  return plan;
}

/** A column whose values overflow when summed or squared: summarising it needs its values, which shards do not keep. */
function tooLarge(column: number): InputError {
  return new InputError([{ code: "out_of_range", path: ["partials"], message: `expected values whose sum and squares fit in a double, got column ${column} above about 1e154 (its summary needs every value; run it without --shard)` }]);
}

/**
 * Round 2 of a sharded run: combines every shard's round-2 partial (the wanted buckets' values) under
 * the plan into exactly the unsharded run's result: the same summaries, events
 * and benchmarks, byte for byte in JSON, as `sharecast run` without `--shard`.
 *
 * @throws InputError (exit 2) when a file is not a partial, the partials are of different runs or of
 *   another plan, or a shard is missing or repeated.
 */
export function mergePartials(files: readonly string[], planFile: string): Result {
  const { plan, hash } = readPlan(planFile, "--plan");
  const { parts, first, compiled } = readSet(files);
  if (first.round !== 2) throw new InputError([{ code: "invalid", path: ["partials"], message: "expected round-2 partials (values-<i>-of-<N>.bin) with --plan, got round 1; merge round-1 partials first to make the plan" }]);
  if (first.planHash !== hash || first.scenarioHash !== plan.scenarioHash) {
    throw new InputError([{ code: "conflict", path: ["--plan"], message: `${JSON.stringify(parts[0].file)} ran under another plan than ${JSON.stringify(planFile)}` }]);
  }
  const C = first.columns;
  const gather = new SketchGather(plan.plan, planLayout(plan));
  parts.forEach((p, i) => {
    const where = ["partials", i];
    const keptCounts = section<Uint32Array>(p, "keptCounts", C, where);
    const kept = section<Float64Array>(p, "kept", keptCounts.reduce((a, b) => a + b, 0), where);
    let at = 0;
    for (let j = 0; j < C; j++) {
      gather.addKept(j, kept.subarray(at, at + keptCounts[j]));
      at += keptCounts[j];
    }
  });
  const assembler = new ResultAssembler(compiled);
  for (let j = 0; j < C; j++) {
    let summary: ReturnType<SketchGather["summary"]>;
    try {
      summary = gather.summary(j);
    } catch (error) {
      throw new InputError([{ code: "invalid", path: ["partials"], message: `the partials do not hold column ${j}'s wanted values (${(error as Error).message}; corrupt?)` }]);
    }
    if (!summary) throw tooLarge(j);
    assembler.setColumn(j, summary);
  }
  assembler.setEvents(plan.events, plan.benchmarks);
  // The assumptions as the shards listed them, with their sources (the header's scenario has none).
  const result = assembler.result();
  return Array.isArray(first.assumptions) ? new Result({ ...result.toJSON(), assumptions: first.assumptions }, null) : result;
}
