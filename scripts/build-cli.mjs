// Build step (after the browser bundle, which reads the per-module dist/index.js): the package's JavaScript
// as a few ES modules (rolldown, minified) instead of the ~250 modules of dist/ and zod's ~95, so that a
// command, a worker thread and `import "sharecast"` each load two or three files:
//   dist/library.js                      the library (every module of dist/ outside dist/cli/, and zod), no
//                                        Node built-ins; shared by the three entries below, one copy
//   dist/index.js                        the package's entry (its exports, from dist/library.js)
//   dist/cli/sharecast.js                the command line (dist/cli/main.js, its dist/cli/ imports, commander)
//   dist/cli/workers/sharecast-worker.js the worker thread (dist/cli/workers/worker.js)
// bin/sharecast.js and dist/cli/workers/bootstrap.mjs load the last two. The per-module files stay in dist/
// as the bundles' input (the package ships only the bundles; package.json `files`). Packages loaded lazily
// or holding native code stay bare imports (vega, resvg, esbuild, tsx, yaml, cli-progress), and commander.
// Of seedrandom the library uses one generator, `seedrandom.xorwow`: the bundle holds that file of the
// package (seedrandom/lib/xorwow.js, the very module seedrandom's entry exports as `xorwow`, so the same
// numbers) instead of the entry, which loads every generator and node:crypto (for seeding from entropy,
// never done here) as CommonJS files. A module's own `new URL("./relative", import.meta.url)`
// is rewritten to point at the same file from its bundle's folder (the default scenario, the worker
// bootstrap); the build fails if such a module lands in another bundle, or the library imports a built-in.
import { rolldown } from "rolldown";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const CLI = join(DIST, "cli") + sep;
// mathjs, apache-arrow and hyparquet-writer are loaded lazily (formulas, Arrow and Parquet samples): bare imports.
const EXTERNAL = /^(node:|commander$|esbuild$|tsx(\/|$)|yaml$|vega$|vega-lite$|vega-embed$|cli-progress$|@resvg\/|mathjs$|apache-arrow$|hyparquet-writer$)/;
const ENTRIES = { index: "index.js", playground: "report/playEngine.js", "cli/sharecast": "cli/main.js", "cli/workers/sharecast-worker": "cli/workers/worker.js" };
/** The bundle a module that resolves `import.meta.url`-relative files must land in (its folder is kept). */
const URL_BUNDLE = "cli/sharecast.js";

if (readFileSync(join(DIST, "index.js"), "utf8").includes("./library.js")) {
  console.error("build: dist/index.js is already bundled; run `npm run build` (it compiles dist/ afresh)");
  process.exit(1);
}

/** `import seedrandom from "seedrandom"` gives `{ xorwow }`, from seedrandom's own xorwow module. */
const XORWOW_ONLY = "\0seedrandom-xorwow";
const seedrandomXorwow = {
  name: "seedrandom-xorwow",
  resolveId(source) {
    return source === "seedrandom" ? XORWOW_ONLY : null;
  },
  // The file as an ES module: its own `module.exports = impl` branch, given a module object (a CommonJS
  // wrapper would make the bundle import node:module for an interop helper it never calls).
  load(id) {
    if (id !== XORWOW_ONLY) return null;
    const source = readFileSync(createRequire(import.meta.url).resolve("seedrandom/lib/xorwow.js"), "utf8");
    return `const module = { exports: {} };\nconst define = undefined;\n${source}\nexport default { xorwow: module.exports };\n`;
  },
};

const rewritten = new Set();
/** Rewrites `new URL("./x", import.meta.url)` to the same target, seen from the folder of URL_BUNDLE. */
const keepRelativeUrls = {
  name: "keep-relative-urls",
  transform(code, id) {
    if (!code.includes("import.meta.url")) return null;
    const outDir = dirname(join(DIST, URL_BUNDLE));
    const out = code.replace(/new URL\(\s*(["'])(\.{1,2}\/[^"']*)\1\s*,\s*import\.meta\.url\s*\)/g, (_, quote, target) => {
      let path = relative(outDir, resolve(dirname(id), target)).split(sep).join("/");
      if (!path.startsWith(".")) path = `./${path}`;
      return `new URL(${quote}${path}${quote}, import.meta.url)`;
    });
    if (out === code) return null;
    rewritten.add(id);
    return { code: out, map: null };
  },
};

const build = await rolldown({
  cwd: ROOT,
  input: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(DIST, file)])),
  platform: "node",
  external: (id) => EXTERNAL.test(id),
  plugins: [seedrandomXorwow, keepRelativeUrls],
  logLevel: "warn",
});
const { output } = await build.write({
  dir: DIST,
  format: "esm",
  minify: process.env.SHARECAST_MINIFY !== "0",
  entryFileNames: "[name].js",
  // The library chunk beside the entries; a module the command line imports lazily (a samples writer) in cli/.
  chunkFileNames: (chunk) => (chunk.name === "library" ? "[name].js" : "cli/[name].js"),
  codeSplitting: {
    groups: [{ name: "library", test: (id) => (id.startsWith(DIST + sep) && !id.startsWith(CLI)) || /[\\/]node_modules[\\/]zod[\\/]/.test(id) }],
  },
});
await build.close();

const expected = new Set([...Object.keys(ENTRIES).map((name) => `${name}.js`), "library.js"]);
const fail = (message) => {
  console.error(`build: ${message}`);
  process.exit(1);
};
const chunks = output.filter((o) => o.type === "chunk");
const names = chunks.map((o) => o.fileName);
// Besides the bundles, only lazily imported command-line modules (dist/cli/NAME.js, imported by import()).
const lazy = chunks.filter((o) => !expected.has(o.fileName));
const notLazy = lazy.filter((o) => !o.fileName.startsWith("cli/") || !chunks.some((c) => c.dynamicImports.includes(o.fileName)));
if (names.filter((name) => expected.has(name)).length !== expected.size || notLazy.length > 0) fail(`expected the bundles ${[...expected].join(", ")} and lazy command-line modules; got ${names.join(", ")}`);
for (const chunk of output) {
  if (chunk.type !== "chunk") continue;
  if (chunk.fileName !== URL_BUNDLE && Object.keys(chunk.modules).some((id) => rewritten.has(id))) fail(`${chunk.fileName} holds a module with an import.meta.url-relative file; it must be in ${URL_BUNDLE}`);
  if (chunk.fileName === "library.js") {
    const builtins = [...chunk.imports, ...chunk.dynamicImports].filter((name) => name.startsWith("node:"));
    if (builtins.length > 0) fail(`dist/library.js must not import Node built-ins; it imports ${builtins.join(", ")}`);
    if (chunk.imports.length > 0) fail(`dist/library.js must hold its static imports (it is one file to load); it imports ${chunk.imports.join(", ")}`);
  }
  console.log(`bundle: dist/${chunk.fileName}, ${Buffer.byteLength(chunk.code)} bytes`);
}
