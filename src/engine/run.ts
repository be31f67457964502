import { RNG_NAME } from "../random/stream.ts";
import { Result } from "../report/result.ts";
import type { ScenarioDefaults } from "../scenario/defaults.ts";
import { scenarioHash } from "../scenario/hash.ts";
import type { Scenario } from "../scenario/schema.ts";
import { validateScenario } from "../scenario/validate.ts";
import { compareBenchmarks } from "../stats/benchmarks.ts";
import { evaluateEvents } from "../stats/events.ts";
import { summarise } from "../stats/summary.ts";
import { VERSION } from "../version.ts";
import { compileScenario, type CompiledScenario } from "./compile.ts";
import { CHUNK_SIZE, ChunkSimulator } from "./kernel.ts";
import { SampleStore } from "./store.ts";

/** Options of a run; each overrides the scenario's `simulation` block. */
export interface RunOptions extends Partial<ScenarioDefaults> {
  /** Called after each chunk with the number of paths done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** The chunks of a run of `paths` paths: index and number of paths of each. */
export function chunkPlan(paths: number): Array<{ chunk: number; paths: number }> {
  const out: Array<{ chunk: number; paths: number }> = [];
  for (let chunk = 0; chunk * CHUNK_SIZE < paths; chunk++) {
    out.push({ chunk, paths: Math.min(CHUNK_SIZE, paths - chunk * CHUNK_SIZE) });
  }
  return out;
}

/** Summaries, events and benchmark comparisons from a filled sample store. */
export function buildResult(compiled: CompiledScenario, store: SampleStore): Result {
  const s = compiled.scenario;
  const { seed, paths, quantiles } = compiled.settings;
  const meta = {
    scenario: s.name,
    scenarioHash: scenarioHash(s),
    seed,
    paths,
    rng: RNG_NAME,
    version: VERSION,
    chunkSize: CHUNK_SIZE,
    quantiles,
    ...(s.title !== undefined && { title: s.title }),
    ...(s.question !== undefined && { question: s.question }),
    ...(s.asOf !== undefined && { asOf: s.asOf }),
    ...(s.currency !== undefined && { currency: s.currency }),
    ...(s.unit !== undefined && { unit: s.unit }),
  };
  return new Result(
    {
      meta,
      rows: summarise(store, quantiles),
      events: evaluateEvents(store, s.events ?? []),
      benchmarks: compareBenchmarks(store, s.benchmarks ?? []),
    },
    store,
  );
}

/**
 * Validates, compiles and simulates a scenario in this thread, and summarises it.
 *
 * @throws InputError when the scenario or options are invalid, or parameters make revenue overflow.
 * @example runScenario(defaultScenario, { paths: 1000, seed: 42 }).event("tencent-27")?.probability
 */
export function runScenario(input: unknown, options: RunOptions = {}): Result {
  const scenario: Scenario = validateScenario(input);
  const { onProgress, ...overrides } = options;
  const compiled = compileScenario(scenario, overrides);
  const store = new SampleStore(compiled, compiled.settings.paths);
  const simulator = new ChunkSimulator(compiled);
  let done = 0;
  for (const { chunk, paths } of chunkPlan(compiled.settings.paths)) {
    store.add(simulator.run(chunk, paths));
    done += paths;
    onProgress?.(done, compiled.settings.paths);
  }
  return buildResult(compiled, store);
}
