// Build step: the browser bundle dist/browser/sharecast.js, one minified ES module holding the library
// (dist/index.js) and its dependencies, bundled by rolldown (which shakes zod's namespace down to what the
// library uses). No Node built-ins: the build fails if the bundle imports anything but vega and vega-lite,
// which stay bare imports loaded only when a chart is rendered to SVG (map them in an import map for that),
// and mathjs, likewise loaded only when a declarative scenario has formulas (scenario/formulaMath.ts).
// seedrandom's own "browser" field disables its Node crypto, used only to seed from entropy (never here).
import { rolldown } from "rolldown";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LAZY = new Set(["vega", "vega-lite", "mathjs"]);

const bundle = await rolldown({
  cwd: ROOT,
  input: "dist/index.js",
  platform: "browser",
  external: [...LAZY],
  logLevel: "warn",
});
const { output } = await bundle.write({ file: `${ROOT}dist/browser/sharecast.js`, format: "esm", minify: true });
await bundle.close();
const [chunk, ...others] = output;
const imports = [...chunk.imports, ...chunk.dynamicImports].filter((name) => !LAZY.has(name));
if (others.length > 0 || imports.length > 0) {
  console.error(`build: the browser bundle must be one file importing only ${[...LAZY].join(" and ")}; got ${output.map((o) => o.fileName).join(", ")} importing ${imports.join(", ")}`);
  process.exit(1);
}
const gzipped = gzipSync(chunk.code, { level: 9 }).length;
console.log(`browser bundle: dist/browser/sharecast.js, ${Buffer.byteLength(chunk.code)} bytes, ${gzipped} gzipped`);
