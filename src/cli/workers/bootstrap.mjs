// Worker thread entry. Compiled (dist/, the package or a built clone) the worker module loads directly;
// from the sources (tests that import src/) TypeScript loads through tsx in this thread first.
import { existsSync } from "node:fs";

const compiled = new URL("./worker.js", import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("./worker.ts", import.meta.url).href);
}
