// sharecast: seeded Monte Carlo projections of provider revenues and market shares.

// Scenarios
export { defineScenario } from "./scenario/defineScenario.ts";
export { validateScenario, scenarioIssues } from "./scenario/validate.ts";
export { InputError, formatIssue, formatPath, type InputIssue } from "./scenario/issues.ts";
export { scenarioHash } from "./scenario/hash.ts";
export { DEFAULT_PATHS, DEFAULT_SEED, DEFAULT_QUANTILES } from "./scenario/defaults.ts";
export type {
  Scenario,
  ScenarioInput,
  Provider,
  Model,
  EventSpec,
  BenchmarkSpec,
  Metric,
} from "./scenario/schema.ts";

// Running
export { runScenario, chunkPlan, buildResult, type RunOptions } from "./engine/run.ts";
export { compileScenario, type CompiledScenario } from "./engine/compile.ts";
export { ChunkSimulator, CHUNK_SIZE, type ChunkValues } from "./engine/kernel.ts";
export { SampleStore } from "./engine/store.ts";
export { reconcileShares } from "./engine/reconcile.ts";

// Results
export { Result, type ResultDocument, type ResultMeta } from "./report/result.ts";
export type { SummaryRow } from "./stats/summary.ts";
export type { EventResult } from "./stats/events.ts";
export type { BenchmarkResult } from "./stats/benchmarks.ts";

// Randomness and distributions
export { createStream, RNG_NAME, type RandomStream } from "./random/stream.ts";
export { makeDistribution } from "./random/distributions.ts";
export type { Distribution } from "./random/distribution.ts";
export type { DistributionSpec, Param } from "./random/spec.ts";

// Statistics
export { quantiles, quantilesSorted, quantileName } from "./stats/quantile.ts";

// Calendar
export { parseQuarter, formatQuarter } from "./calendar/quarter.ts";

export { VERSION } from "./version.ts";
