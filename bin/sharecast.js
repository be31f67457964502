#!/usr/bin/env node
// Entry point of the `sharecast` command: the compiled command line in dist/, as one bundled file
// (dist/cli/sharecast.js, scripts/build-cli.mjs) or else the per-module dist/cli/main.js. TypeScript is
// compiled only when a user's scenario is a .ts file (src/cli/load.ts). In a clone that was never built
// (no dist/), the sources run through tsx instead, slower to start.
import { existsSync } from "node:fs";
import module from "node:module";

// Node.js 22.1+ keeps compiled code on disk between runs (a no-op on older versions).
module.enableCompileCache?.();

// A closed pipe (`sharecast run | head`) ends the command quietly.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const bundled = new URL("../dist/cli/sharecast.js", import.meta.url);
const compiled = new URL("../dist/cli/main.js", import.meta.url);
let entry = existsSync(bundled) ? bundled : compiled;
if (entry === compiled && !existsSync(compiled)) {
  const source = new URL("../src/cli/main.ts", import.meta.url);
  if (!existsSync(source)) {
    process.stderr.write("sharecast: the package is incomplete (no dist/cli/sharecast.js); reinstall it\n");
    process.exit(2);
  }
  const { register } = await import("tsx/esm/api");
  register();
  entry = source;
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
// The command has finished and written everything (stdout and stderr are synchronous for files, pipes and
// terminals on Linux and macOS): it ends even if a user's scenario left timers or handles running (a load
// that timed out, a script that set an interval), which would otherwise keep the process alive forever.
setTimeout(() => process.exit(), 100).unref();
