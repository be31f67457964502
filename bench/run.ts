// `npm run bench`: the canonical model (bench/canonical.ts) through sharecast with 1 and 2 workers, beside
// the minimal hand-written kernel (bench/minimalKernel.ts) measured in the same run, at 10k, 100k and
// 200k paths; medians of several runs, each in its own process (peak memory per run). Also the time to
// first output of a 1,000-path CLI run. Writes bench/results.json; bench/README.md explains it.
//
// Environment: BENCH_RUNS (runs per variant and size, default 3), BENCH_SIZES (default 10000,100000,200000),
// BENCH_MILLION=1 to add a 1,000,000-path CLI run (peak memory; slow).
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_SIZES ?? "10000,100000,200000").split(",").map(Number);
const NUMPY_PATHS_PER_SECOND = 35_000;

interface Measured {
  seconds: number;
  startupSeconds: number;
  maxRssBytes: number;
  check: number;
}

function child(...args: string[]): Measured {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "bench", "child.ts"), ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`bench child ${args.join(" ")} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as Measured;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Milliseconds from spawning the CLI to the first byte on its stdout. */
function firstOutput(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const proc = spawn(process.execPath, [join(ROOT, "bin", "sharecast.js"), "run", join(ROOT, "bench", "canonical.ts"), "--paths", "1000", "--no-progress"], { cwd: ROOT });
    let first = -1;
    proc.stdout.on("data", () => {
      if (first < 0) first = performance.now() - start;
    });
    proc.on("error", reject);
    proc.on("close", (code) => (code === 0 && first >= 0 ? resolve(first) : reject(new Error(`sharecast run exited ${code}`))));
  });
}

const variants = [
  { name: "minimal", args: (paths: number) => ["minimal", String(paths)] },
  { name: "workers-1", args: (paths: number) => ["engine", String(paths), "1"] },
  { name: "workers-2", args: (paths: number) => ["engine", String(paths), "2"] },
] as const;

const started = new Date().toISOString();
const loadBefore = loadavg();
const table: Array<Record<string, number | string>> = [];
const sizes: Record<string, unknown> = {};
for (const paths of SIZES) {
  const samples: Record<string, Measured[]> = { minimal: [], "workers-1": [], "workers-2": [] };
  // Interleaved, so a change in machine load hits every variant alike.
  for (let r = 0; r < RUNS; r++) for (const v of variants) samples[v.name].push(child(...v.args(paths)));
  const summary: Record<string, { medianSeconds: number; pathsPerSecond: number; workerStartupSeconds: number; pathsPerSecondWithStartup: number; peakRssMB: number; seconds: number[] }> = {};
  for (const v of variants) {
    const m = samples[v.name];
    const seconds = median(m.map((x) => x.seconds));
    const startup = median(m.map((x) => x.startupSeconds));
    summary[v.name] = {
      medianSeconds: seconds,
      pathsPerSecond: paths / seconds,
      workerStartupSeconds: startup,
      pathsPerSecondWithStartup: paths / (seconds + startup),
      peakRssMB: Math.max(...m.map((x) => x.maxRssBytes)) / 2 ** 20,
      seconds: m.map((x) => x.seconds),
    };
  }
  const checks = new Set(Object.values(samples).flat().map((x) => x.check));
  const entry = {
    paths,
    ...summary,
    ratios: {
      workers1VsMinimal: summary["workers-1"].pathsPerSecond / summary.minimal.pathsPerSecond,
      workers2VsMinimal: summary["workers-2"].pathsPerSecond / summary.minimal.pathsPerSecond,
      workers2VsWorkers1: summary["workers-2"].pathsPerSecond / summary["workers-1"].pathsPerSecond,
      workers1VsNumpy: summary["workers-1"].pathsPerSecond / NUMPY_PATHS_PER_SECOND,
      workers2VsNumpy: summary["workers-2"].pathsPerSecond / NUMPY_PATHS_PER_SECOND,
    },
    sameMedians: checks.size === 1,
  };
  sizes[String(paths)] = entry;
  for (const v of variants) {
    table.push({
      paths,
      variant: v.name,
      "median s": Number(summary[v.name].medianSeconds.toFixed(3)),
      "paths/s": Math.round(summary[v.name].pathsPerSecond),
      "x minimal": Number((summary[v.name].pathsPerSecond / summary.minimal.pathsPerSecond).toFixed(2)),
      "peak RSS MB": Math.round(summary[v.name].peakRssMB),
      "worker start s": Number(summary[v.name].workerStartupSeconds.toFixed(2)),
      "paths/s incl. start": Math.round(summary[v.name].pathsPerSecondWithStartup),
    });
  }
}

const firsts: number[] = [];
for (let r = 0; r < RUNS; r++) firsts.push(await firstOutput());

let million: Record<string, number> | null = null;
if (process.env.BENCH_MILLION === "1") {
  const m = child("cli", "run", join(ROOT, "bench", "canonical.ts"), "--paths", "1000000", "--workers", "2", "--format", "json", "--no-progress");
  million = { paths: 1_000_000, workers: 2, seconds: m.seconds, pathsPerSecond: 1_000_000 / m.seconds, peakRssMB: m.maxRssBytes / 2 ** 20 };
}

const results = {
  started,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", availableParallelism: availableParallelism(), node: process.version, loadavgBefore: loadBefore, loadavgAfter: loadavg() },
  runsPerVariant: RUNS,
  numpyBaselinePathsPerSecond: NUMPY_PATHS_PER_SECOND,
  sizes,
  firstOutputMs: { median: median(firsts), runs: firsts },
  ...(million && { million }),
};
writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.table(table);
for (const [paths, e] of Object.entries(sizes) as Array<[string, { ratios: Record<string, number>; sameMedians: boolean }]>) {
  const r = e.ratios;
  console.log(`${paths} paths: 1 worker ${r.workers1VsMinimal.toFixed(2)}x minimal, 2 workers ${r.workers2VsWorkers1.toFixed(2)}x 1 worker; vs NumPy 35k/s: ${r.workers1VsNumpy.toFixed(2)}x (1w), ${r.workers2VsNumpy.toFixed(2)}x (2w); same numbers: ${e.sameMedians}`);
}
console.log(`time to first output (1,000-path CLI run): ${median(firsts).toFixed(0)} ms (median of ${RUNS})`);
if (million) console.log(`1,000,000 paths, 2 workers: ${million.seconds.toFixed(1)} s, peak RSS ${million.peakRssMB.toFixed(0)} MB`);
console.log(`load average ${loadBefore.map((x) => x.toFixed(1)).join(" ")} -> ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} CPUs; results in bench/results.json`);
