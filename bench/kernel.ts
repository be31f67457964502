/**
 * The chunk kernel and the sample store alone, in process: the canonical model prepared once, then every
 * chunk of a run simulated (`ChunkSimulator.runInto`) and copied into a fresh `SampleStore` (`add`), timed
 * apart, `--runs` times (default 7, after one warm-up run); then whole `runPrepared` runs (`--whole`,
 * default 3). Prints medians and ranges of wall-clock and CPU time (the process's user + system time, which
 * other work on a shared machine adds less to), and the kernel's and the store's nanoseconds per stored
 * provider-period cell (one revenue and one share value).
 *
 *   nice -n 10 node --import tsx bench/kernel.ts [--paths 200000] [--runs 7] [--whole 3]
 */
import { ChunkSimulator } from "../src/engine/kernel.ts";
import { prepare } from "../src/engine/prepare.ts";
import { chunkPlan, runPrepared } from "../src/engine/run.ts";
import { CHUNK_SIZE } from "../src/samples/layout.ts";
import { SampleStore } from "../src/samples/store.ts";
import { canonicalScenario } from "./canonical.ts";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (ns: bigint | number) => Number(ns) / 1e6;

const paths = option("paths", 200_000);
const runs = option("runs", 7);
const whole = option("whole", 3);
const run = prepare(canonicalScenario(), { paths, seed: 42 });
const compiled = run.compiled;
const simulator = new ChunkSimulator(compiled);
const cells = simulator.cellCount();
const size = cells * Math.min(CHUNK_SIZE, paths);
const buffers = { revenue: new Float64Array(size), share: new Float64Array(size) };

/** CPU time of this process (user and system), nanoseconds: what a shared machine's other work does not add to. */
function cpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

/** One run: kernel and store nanoseconds, wall clock and CPU. */
function chunks(): { kernel: number; store: number; kernelCpu: number; storeCpu: number } {
  const store = new SampleStore(compiled, paths);
  let kernel = 0n;
  let adding = 0n;
  let kernelCpu = 0;
  let storeCpu = 0;
  for (const { chunk, paths: n } of chunkPlan(paths)) {
    const c0 = cpu();
    const t0 = process.hrtime.bigint();
    const values = simulator.runInto(chunk, n, buffers);
    const t1 = process.hrtime.bigint();
    const c1 = cpu();
    store.add(values);
    adding += process.hrtime.bigint() - t1;
    storeCpu += cpu() - c1;
    kernel += t1 - t0;
    kernelCpu += c1 - c0;
  }
  return { kernel: Number(kernel), store: Number(adding), kernelCpu, storeCpu };
}

chunks();
const kernel: number[] = [];
const store: number[] = [];
const kernelCpu: number[] = [];
const storeCpu: number[] = [];
for (let r = 0; r < runs; r++) {
  const t = chunks();
  kernel.push(t.kernel);
  store.push(t.store);
  kernelCpu.push(t.kernelCpu);
  storeCpu.push(t.storeCpu);
}
const wholeTimes: number[] = [];
const wholeCpu: number[] = [];
for (let r = 0; r < whole; r++) {
  const c0 = cpu();
  const t0 = process.hrtime.bigint();
  runPrepared(run);
  wholeTimes.push(Number(process.hrtime.bigint() - t0));
  wholeCpu.push(cpu() - c0);
}

const cellValues = cells * paths;
const line = (label: string, xs: number[], perCell: boolean) =>
  `${label.padEnd(12)} median ${ms(median(xs)).toFixed(1)} ms (range ${ms(Math.min(...xs)).toFixed(1)}-${ms(Math.max(...xs)).toFixed(1)}, n=${xs.length})` +
  (perCell ? `, ${(median(xs) / cellValues).toFixed(2)} ns/cell` : "");
console.log(`canonical model, ${paths} paths, ${cells} cells per path (${compiled.providers.length} providers x ${compiled.periods.length} periods)`);
console.log(line("runInto", kernel, true));
console.log(line("  cpu", kernelCpu, true));
console.log(line("store.add", store, true));
console.log(line("  cpu", storeCpu, true));
console.log(line("both", kernel.map((k, i) => k + store[i]), true));
if (whole > 0) {
  console.log(line("runPrepared", wholeTimes, false));
  console.log(line("  cpu", wholeCpu, false));
}
