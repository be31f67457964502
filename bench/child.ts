// One measured run in its own process, so its peak memory (process.resourceUsage().maxRSS, which counts
// worker threads: they share the process) is the run's alone. Prints one JSON line on stdout.
//   node --import tsx bench/child.ts engine PATHS WORKERS   runScenarioParallel on the canonical scenario
//   node --import tsx bench/child.ts minimal PATHS          the minimal kernel
// (The CLI itself is measured by bench/cliChild.mjs, compiled, as a user runs it.)
import { canonical, canonicalScenario } from "./canonical.ts";
import { runMinimal } from "./minimalKernel.ts";

const [mode, ...args] = process.argv.slice(2);
let seconds = 0;
let check = 0;
let startupSeconds = 0;

if (mode === "engine" || mode === "minimal") {
  const paths = Number(args[0]);
  if (mode === "engine") {
    const { runScenarioParallel } = await import("../src/cli/workers/runScenarioParallel.ts");
    const { WorkerPool } = await import("../src/cli/workers/pool.ts");
    const { prepare } = await import("../src/engine/prepare.ts");
    const workers = Number(args[1]);
    // Worker start-up (each thread loads tsx and the engine) is timed apart: a pool is reused across runs.
    let pool;
    if (workers > 1) {
      const begin = performance.now();
      pool = WorkerPool.spawn(workers);
      await pool.init(prepare(canonicalScenario(), { paths: 1 }));
      startupSeconds = (performance.now() - begin) / 1000;
    }
    const start = performance.now();
    const result = await runScenarioParallel(canonicalScenario(), { paths, workers, ...(pool && { pool }) });
    seconds = (performance.now() - start) / 1000;
    await pool?.close();
    check = fingerprint(result.rows.map((r) => r.p50));
  } else {
    const start = performance.now();
    const result = runMinimal(canonical, paths, 42);
    seconds = (performance.now() - start) / 1000;
    check = fingerprint(result.summaries.map((s) => s.quantiles[1]));
  }
} else {
  throw new Error(`bench/child.ts: unknown mode ${mode}`);
}
// The p50 sum keeps the results alive (nothing optimised away) and lets the parent compare variants.
process.stdout.write(`${JSON.stringify({ seconds, startupSeconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, check })}\n`);

/** Sum of the medians in sorted order: equal for equal sets of numbers, whatever their order. */
function fingerprint(values: number[]): number {
  return values.sort((a, b) => a - b).reduce((sum, v) => sum + v, 0);
}
