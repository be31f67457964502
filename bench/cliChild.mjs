// One measured command-line run in its own process, as a user runs it: the compiled command line that
// bin/sharecast.js loads (dist/cli/sharecast.js, so `npm run build` first), with no TypeScript loader in the
// process, its workers started from the compiled worker bundle. `main(ARGS)` is timed in-process; its
// stdout is kept in memory and written to BENCH_CLI_OUT after the timing. Prints one JSON line on stdout:
// { seconds, maxRssBytes } (maxRSS counts worker threads: they share the process).
//   node bench/cliChild.mjs run bench/canonical.ts --paths N --workers W ...
import { existsSync, writeFileSync } from "node:fs";

const bundle = new URL("../dist/cli/sharecast.js", import.meta.url);
if (!existsSync(bundle)) throw new Error("bench/cliChild.mjs: dist/cli/sharecast.js is missing; run `npm run build`");
const { main } = await import(bundle.href);
const write = process.stdout.write.bind(process.stdout);
const output = [];
process.stdout.write = (chunk) => {
  output.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
  return true;
};
const args = process.argv.slice(2);
const start = performance.now();
const code = await main(args);
const seconds = (performance.now() - start) / 1000;
process.stdout.write = write;
if (code !== 0) throw new Error(`sharecast ${args.join(" ")} exited ${code}`);
if (process.env.BENCH_CLI_OUT) writeFileSync(process.env.BENCH_CLI_OUT, output.join(""));
process.stdout.write(`${JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
