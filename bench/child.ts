// One measured run in its own process, so its peak memory (process.resourceUsage().maxRSS, which counts
// worker threads: they share the process) is the run's alone. Prints one JSON line on stdout.
//   node --import tsx bench/child.ts engine PATHS WORKERS   runScenarioParallel on the canonical scenario
//   node --import tsx bench/child.ts minimal PATHS          the minimal kernel
//   node --import tsx bench/child.ts cli ARGS...            the CLI in this process (stdout to /dev/null)
import { canonical, canonicalScenario } from "./canonical.ts";
import { runMinimal } from "./minimalKernel.ts";

const [mode, ...args] = process.argv.slice(2);
let seconds = 0;
let check = 0;

if (mode === "engine" || mode === "minimal") {
  const paths = Number(args[0]);
  const start = performance.now();
  if (mode === "engine") {
    const { runScenarioParallel } = await import("../src/cli/workers/runScenarioParallel.ts");
    const result = await runScenarioParallel(canonicalScenario(), { paths, workers: Number(args[1]) });
    check = result.rows.reduce((sum, r) => sum + r.p50, 0);
  } else {
    const result = runMinimal(canonical, paths, 42);
    check = result.summaries.reduce((sum, s) => sum + s.quantiles[1], 0);
  }
  seconds = (performance.now() - start) / 1000;
} else if (mode === "cli") {
  const { main } = await import("../src/cli/main.ts");
  const write = process.stdout.write.bind(process.stdout);
  (process.stdout as { write: unknown }).write = () => true;
  const start = performance.now();
  const code = await main(args);
  seconds = (performance.now() - start) / 1000;
  (process.stdout as { write: unknown }).write = write;
  if (code !== 0) throw new Error(`sharecast ${args.join(" ")} exited ${code}`);
} else {
  throw new Error(`bench/child.ts: unknown mode ${mode}`);
}
// The p50 sum keeps the results alive (nothing optimised away) and lets the parent compare variants.
process.stdout.write(`${JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, check })}\n`);
