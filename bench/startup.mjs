// Start-up cost of the command line: wall time from spawning a process to its first byte of output, for
// `sharecast --help` and `sharecast run --paths 1000` (the default scenario, table output), as a ratio to a
// bare `node -e 0` (to its exit; it prints nothing) measured in the same run; and the CPU time (user + sys)
// of each whole process, as the same ratios (CPU time suffers less than wall time from a busy machine).
// The commands are interleaved, round after round, so a busy machine slows all of them alike; medians over
// the rounds.
//
//   node bench/startup.mjs                 # 9 rounds, bin/sharecast.js of this checkout (needs npm run build)
//   STARTUP_RUNS=15 node bench/startup.mjs
//   STARTUP_BIN=/path/to/node_modules/sharecast/bin/sharecast.js node bench/startup.mjs   # an installed copy
//   STARTUP_BIN=/a/bin/sharecast.js,/b/bin/sharecast.js node bench/startup.mjs   # two copies, interleaved
//
// Prints one JSON object: medians in milliseconds (and the range over the rounds) and the ratios (targets:
// --help <= 3, run <= 4), per bin, with the machine's 1-minute load average before and after.
// CPU time is read from bash's `times` after the process exits (a second spawn per command and round).
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const BINS = (process.env.STARTUP_BIN ?? fileURLToPath(new URL("../bin/sharecast.js", import.meta.url))).split(",");
const RUNS = Number(process.env.STARTUP_RUNS ?? 9);

const COMMANDS = { node: ["-e", "0"] };
for (const [index, bin] of BINS.entries()) {
  const tag = BINS.length > 1 ? `#${index}` : "";
  COMMANDS[`help${tag}`] = [bin, "--help"];
  COMMANDS[`run${tag}`] = [bin, "run", "--paths", "1000", "--no-progress"];
}

/** Milliseconds from spawn to the first output byte (or to exit when there is none); rejects on failure. */
function timeToFirstOutput(args) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let first;
    const mark = () => (first ??= Number(process.hrtime.bigint() - start) / 1e6);
    child.stdout.on("data", mark);
    child.stderr.on("data", () => {});
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`node ${args.join(" ")} exited ${code}`));
      else resolve(first ?? Number(process.hrtime.bigint() - start) / 1e6);
    });
  });
}

/** CPU milliseconds (user + sys, worker threads included) of the whole process, from bash's `times`. */
function cpuTime(args) {
  return new Promise((resolve, reject) => {
    const script = '"$@" >/dev/null 2>&1 || exit 1; times';
    const child = spawn("bash", ["-c", script, "bash", process.execPath, ...args], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (data) => (out += data));
    child.on("error", reject);
    child.on("close", (code) => {
      // `times` prints the shell's user and sys, then its children's: "0m0.040s 0m0.005s".
      const line = out.trim().split("\n")[1] ?? "";
      const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      if (code !== 0 || seconds.length !== 2) reject(new Error(`node ${args.join(" ")}: exit ${code}, times ${JSON.stringify(out)}`));
      else resolve((seconds[0] + seconds[1]) * 1000);
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;
const round2 = (x) => Math.round(x * 100) / 100;

const loadBefore = loadavg()[0];
const wall = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, []]));
const cpu = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, []]));
for (const args of Object.values(COMMANDS)) await timeToFirstOutput(args); // warm the file cache, untimed
for (let round = 0; round < RUNS; round += 1) {
  for (const [name, args] of Object.entries(COMMANDS)) {
    wall[name].push(await timeToFirstOutput(args));
    cpu[name].push(await cpuTime(args));
  }
}
const medians = (table) => Object.fromEntries(Object.entries(table).map(([name, values]) => [name, round1(median(values))]));
const spreads = (table) => Object.fromEntries(Object.entries(table).map(([name, values]) => [name, [round1(Math.min(...values)), round1(Math.max(...values))]]));
const wallMs = medians(wall);
const cpuMs = medians(cpu);
const ratios = (ms) => Object.fromEntries(Object.keys(ms).filter((name) => name !== "node").map((name) => [name, round2(ms[name] / ms.node)]));
console.log(JSON.stringify({
  bins: BINS,
  runs: RUNS,
  node: process.version,
  loadAverage1m: [loadBefore, loadavg()[0]].map(round2),
  firstOutputMs: wallMs,
  firstOutputRangeMs: spreads(wall),
  ratio: ratios(wallMs),
  cpuMs,
  cpuRangeMs: spreads(cpu),
  cpuRatio: ratios(cpuMs),
  target: { help: 3, run: 4 },
}, null, 2));
