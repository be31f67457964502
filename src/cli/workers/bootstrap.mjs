// Worker thread entry. Compiled (dist/, the package or a built clone) the worker loads directly: the bundled
// worker (sharecast-worker.js, scripts/build-cli.mjs) or else the per-module worker.js; from the sources
// (tests that import src/) TypeScript loads through tsx in this thread first.
import { existsSync } from "node:fs";

const bundled = new URL("./sharecast-worker.js", import.meta.url);
const compiled = new URL("./worker.js", import.meta.url);
if (existsSync(bundled)) {
  await import(bundled.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("./worker.ts", import.meta.url).href);
}
