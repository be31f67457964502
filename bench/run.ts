// `npm run bench`: the canonical model (bench/canonical.ts) through the sharecast CLI with 1 and 2 workers
// (and with 1 from the same model as a JSON scenario),
// beside a vectorised NumPy implementation of the same model (bench/numpy/canonical.py) and the minimal
// hand-written kernel (bench/minimalKernel.ts), all in the same run, interleaved run by run, each run in its
// own process. Sizes 10k, 200k and 1M paths; medians (and min-max) of several runs of whole-process wall
// time and in-process time; speed ratios from the medians of this run; a check that the engine's medians
// and NumPy's agree within Monte Carlo error. Writes bench/results.json; bench/README.md explains it.
//
// Environment: BENCH_RUNS (runs per variant and size, default 3, at least 3), BENCH_SIZES (default
// 10000,200000,1000000), BENCH_TEN_MILLION=1 adds 10,000,000 paths (slow), BENCH_MINIMAL_MAX (largest size
// the minimal kernel runs at, default 200000: it keeps every value in one process), SHARECAST_BENCH_PYTHON
// (the interpreter with numpy, default /usr/bin/python3). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset
// for the NumPy runs alone.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { compareMedians } from "./agreement.ts";
import { canonicalScenario } from "./canonical.ts";
import { numpyStatus, peerPython, runEngine, runPeer, type EngineRun, type PeerRun } from "./peer.ts";

const ROOT = join(import.meta.dirname, "..");
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
const SIZES = (process.env.BENCH_SIZES ?? "10000,200000,1000000").split(",").map(Number);
if (process.env.BENCH_TEN_MILLION === "1") SIZES.push(10_000_000);
const MINIMAL_MAX = Number(process.env.BENCH_MINIMAL_MAX ?? 200_000);

/** One run of one variant: wall seconds (spawn to exit), in-process seconds, peak RSS. */
interface Timing {
  wallSeconds: number;
  seconds: number;
  maxRssBytes: number;
}

/** Median, minimum, maximum and every run of one figure. */
interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs: number[]): Spread => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs });

function minimal(paths: number): Timing {
  const start = performance.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "bench", "child.ts"), "minimal", String(paths)], { cwd: ROOT, encoding: "utf8" });
  const wallSeconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`bench child minimal ${paths} failed:\n${run.stderr}`);
  const m = JSON.parse(run.stdout.trim().split("\n").pop()!) as { seconds: number; maxRssBytes: number };
  return { wallSeconds, seconds: m.seconds, maxRssBytes: m.maxRssBytes };
}

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

// The same model as a JSON scenario (written from canonical.json for this run): what a run costs without
// compiling a TypeScript scenario (esbuild's start-up and build, about 40-50 ms a process).
const jsonDir = mkdtempSync(join(tmpdir(), "sharecast-bench-json-"));
const JSON_SCENARIO = join(jsonDir, "canonical.json");
writeFileSync(JSON_SCENARIO, JSON.stringify(canonicalScenario()));
process.on("exit", () => rmSync(jsonDir, { recursive: true, force: true }));

const numpy = numpyStatus();
if (!numpy.available) throw new Error(`bench: the NumPy peer cannot run: ${numpy.reason}`);

const started = new Date().toISOString();
const loadBefore = loadavg();
const sizes: Record<string, unknown> = {};
const lines: string[] = [];
let kernels: unknown = null;
for (const paths of SIZES) {
  const withMinimal = paths <= MINIMAL_MAX;
  const runs: Record<string, Timing[]> = { numpy: [], "engine-1": [], "engine-2": [], "engine-1-json": [], minimal: [] };
  let peer: PeerRun | null = null;
  let engine1: EngineRun | null = null;
  let sameOutput = true;
  // Interleaved, so a change in machine load hits every variant alike.
  for (let r = 0; r < RUNS; r++) {
    peer = runPeer(paths, { benchEnv: true });
    runs.numpy.push(peer);
    const one = runEngine(paths, 1);
    runs["engine-1"].push(one);
    const two = runEngine(paths, 2);
    runs["engine-2"].push(two);
    const json = runEngine(paths, 1, 42, JSON_SCENARIO);
    runs["engine-1-json"].push(json);
    sameOutput &&= one.output === two.output && (engine1 === null || engine1.output === one.output);
    engine1 = one;
    if (withMinimal) runs.minimal.push(minimal(paths));
    process.stderr.write(`${paths} paths: run ${r + 1} of ${RUNS} done\n`);
  }
  kernels ??= peer!.kernels;
  const variants: Record<string, { wallSeconds: Spread; seconds: Spread; peakRssMB: number }> = {};
  for (const [name, timings] of Object.entries(runs)) {
    if (timings.length === 0) continue;
    variants[name] = {
      wallSeconds: spread(timings.map((t) => t.wallSeconds)),
      seconds: spread(timings.map((t) => t.seconds)),
      peakRssMB: Math.max(...timings.map((t) => t.maxRssBytes)) / 2 ** 20,
    };
  }
  // Speed ratio = NumPy's median seconds / the engine's: above 1, the engine is faster.
  const ratio = (slow: string, fast: string) => ({
    wall: variants[slow].wallSeconds.median / variants[fast].wallSeconds.median,
    inProcess: variants[slow].seconds.median / variants[fast].seconds.median,
  });
  const ratios = {
    engine1VsNumpy: ratio("numpy", "engine-1"),
    engine2VsNumpy: ratio("numpy", "engine-2"),
    engine2VsEngine1: ratio("engine-1", "engine-2"),
    engine1JsonVsNumpy: ratio("numpy", "engine-1-json"),
    ...(withMinimal ? { engine1VsMinimal: ratio("minimal", "engine-1"), engine1JsonVsMinimal: ratio("minimal", "engine-1-json") } : {}),
  };
  const agreement = compareMedians(engine1!.rows, peer!.medians);
  sizes[String(paths)] = { paths, numpyPasses: peer!.passes, variants, ratios, agreement, sameOutputForWorkers1And2: sameOutput };

  const cell = (s: Spread) => `${s.median.toFixed(2)} (${s.min.toFixed(2)}-${s.max.toFixed(2)})`;
  for (const [name, v] of Object.entries(variants)) {
    lines.push(`| ${paths.toLocaleString("en")} | ${name} | ${cell(v.wallSeconds)} | ${cell(v.seconds)} | ${Math.round(v.peakRssMB)} |`);
  }
  const fmt = (x: { wall: number; inProcess: number }) => `${x.wall.toFixed(2)}x wall, ${x.inProcess.toFixed(2)}x in-process`;
  console.error(
    `${paths} paths: 1 worker vs NumPy ${fmt(ratios.engine1VsNumpy)}; 2 workers vs NumPy ${fmt(ratios.engine2VsNumpy)}; ` +
      `2 vs 1 worker ${fmt(ratios.engine2VsEngine1)}` +
      (ratios.engine1VsMinimal ? `; 1 worker vs minimal ${ratios.engine1VsMinimal.inProcess.toFixed(2)}x in-process (JSON scenario ${ratios.engine1JsonVsMinimal!.inProcess.toFixed(2)}x)` : "") +
      `; medians agree: ${agreement.agree} (max ${agreement.maxZ.toFixed(2)} se at ${agreement.worstCell}, ${agreement.cells} cells); ` +
      `same output for 1 and 2 workers: ${sameOutput}`,
  );
}

const firsts: number[] = [];
for (let r = 0; r < RUNS; r++) firsts.push(await firstOutput());

const results = {
  started,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", availableParallelism: availableParallelism(), node: process.version, loadavgBefore: loadBefore, loadavgAfter: loadavg() },
  runsPerVariant: RUNS,
  numpy: { python: peerPython(), version: numpy.version, kernels },
  sizes,
  firstOutputMs: { median: median(firsts), runs: firsts },
};
writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log("| paths | variant | wall s, median (min-max) | in-process s, median (min-max) | peak RSS MB |");
console.log("| --- | --- | --- | --- | --- |");
for (const line of lines) console.log(line);
console.log(`\ntime to first output (1,000-path CLI run): ${median(firsts).toFixed(0)} ms (median of ${RUNS})`);
console.log(`load average ${loadBefore.map((x) => x.toFixed(1)).join(" ")} -> ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} CPUs; numpy ${numpy.version} (${peerPython()}); results in bench/results.json`);
