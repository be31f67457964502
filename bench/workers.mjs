// When does a second worker thread pay? Whole-process wall time of `sharecast run --paths N` on the default
// scenario with --workers 1 and --workers 2, interleaved round after round (a busy machine slows both alike),
// medians over the rounds, for several N; and the start-up of a pool of 2 workers (spawn, load the bundled
// worker, rebuild the prepared run: `WorkerPool.start`), in this process. src/cli/workers/workerCount.ts keeps
// the size this chose (PARALLEL_MIN_PATHS) and the figures it saw.
//
//   npm run build && node bench/workers.mjs
//   WORKERS_RUNS=7 WORKERS_SIZES=10000,20000,40000,80000 node bench/workers.mjs
//
// Prints one JSON object: per size, median wall milliseconds per worker count and the ratio 2 workers / 1
// (below 1: the second worker pays); the pool's start-up, median and range; the machine's load average.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/sharecast.js", import.meta.url));
const RUNS = Number(process.env.WORKERS_RUNS ?? 5);
const SIZES = (process.env.WORKERS_SIZES ?? "10000,20000,40000,80000,160000").split(",").map(Number);

/** Wall milliseconds of one whole `sharecast run`; rejects on failure. */
function wall(paths, workers) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const args = [BIN, "run", "--paths", String(paths), "--workers", String(workers), "--format", "json", "--no-progress"];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`${args.join(" ")}: exit ${code} ${err}`))));
  });
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;

const load = [loadavg()[0]];
const sizes = {};
for (const paths of SIZES) {
  const times = { 1: [], 2: [] };
  await wall(paths, 1); // warm the file cache, untimed
  for (let round = 0; round < RUNS; round += 1) {
    for (const workers of [1, 2]) times[workers].push(await wall(paths, workers));
  }
  const one = median(times[1]);
  const two = median(times[2]);
  sizes[paths] = { workers1Ms: round1(one), workers2Ms: round1(two), ratio2to1: Math.round((two / one) * 100) / 100, spread1Ms: [round1(Math.min(...times[1])), round1(Math.max(...times[1]))], spread2Ms: [round1(Math.min(...times[2])), round1(Math.max(...times[2]))] };
}
load.push(loadavg()[0]);

// The pool's start-up, from the compiled per-module pool (the worker it starts is the bundled one).
const { WorkerPool } = await import(new URL("../dist/cli/workers/pool.js", import.meta.url).href);
const { prepare } = await import(new URL("../dist/engine/prepare.js", import.meta.url).href);
const scenario = JSON.parse(readFileSync(new URL("../dist/scenarios/deutsche-bank-2020.json", import.meta.url), "utf8"));
const run = prepare(scenario, { paths: 10_000 });
const starts = [];
for (let round = 0; round < Math.max(RUNS, 5); round += 1) {
  const start = performance.now();
  const pool = await WorkerPool.start(2, run);
  starts.push(performance.now() - start);
  await pool.close();
}
load.push(loadavg()[0]);

console.log(JSON.stringify({
  runs: RUNS,
  node: process.version,
  cores: availableParallelism(),
  loadAverage1m: load.map((x) => Math.round(x * 100) / 100),
  sizes,
  poolStart2Ms: { median: round1(median(starts)), min: round1(Math.min(...starts)), max: round1(Math.max(...starts)) },
}, null, 2));
