// Start-up cost of the command line: wall time from spawning a process to its first byte of output, for
// `sharecast --help` and `sharecast run --paths 1000` (the default scenario, table output), as a ratio to a
// bare `node -e 0` (to its exit; it prints nothing) measured in the same run. The three commands are
// interleaved, round after round, so a busy machine slows all of them alike; medians over the rounds.
//
//   node bench/startup.mjs                 # 9 rounds, bin/sharecast.js of this checkout (needs npm run build)
//   STARTUP_RUNS=15 node bench/startup.mjs
//   STARTUP_BIN=/path/to/node_modules/sharecast/bin/sharecast.js node bench/startup.mjs   # an installed copy
//
// Prints one JSON object: medians in milliseconds and the two ratios (targets: --help <= 3, run <= 4).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = process.env.STARTUP_BIN ?? fileURLToPath(new URL("../bin/sharecast.js", import.meta.url));
const RUNS = Number(process.env.STARTUP_RUNS ?? 9);

const COMMANDS = {
  node: ["-e", "0"],
  help: [BIN, "--help"],
  run: [BIN, "run", "--paths", "1000", "--no-progress"],
};

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

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const times = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, []]));
await timeToFirstOutput(COMMANDS.run); // warm the file cache once, untimed
for (let round = 0; round < RUNS; round += 1) {
  for (const [name, args] of Object.entries(COMMANDS)) times[name].push(await timeToFirstOutput(args));
}
const ms = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, Math.round(median(values) * 10) / 10]));
console.log(JSON.stringify({
  bin: BIN,
  runs: RUNS,
  node: process.version,
  medianMs: ms,
  ratio: { help: Math.round((ms.help / ms.node) * 100) / 100, run1000: Math.round((ms.run / ms.node) * 100) / 100 },
  target: { help: 3, run1000: 4 },
}, null, 2));
