// `npm run build`: compiles src/ to dist/ (ESM JavaScript, declarations, source maps) with the project's
// TypeScript compiler (tsconfig.build.json: the Node-free core, then the command line), then writes the
// default scenario as JSON, the browser bundle and the command line's bundles (scripts/build-cli.mjs).
// Every file under src/ is compiled; no name is listed here.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const require = createRequire(import.meta.url);

/** Runs a Node script to completion, inheriting output; exits the build on failure. */
function node(args, what) {
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`build: ${what} failed`);
    process.exit(run.status ?? 1);
  }
}

/** Every file under `dir`, as absolute paths. */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

rmSync(DIST, { recursive: true, force: true });
const tsc = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc");
node([tsc, "--build", "tsconfig.build.json"], "tsc --build tsconfig.build.json");
rmSync(join(DIST, ".tsbuildinfo"), { recursive: true, force: true });
// The JavaScript again without comments (half the package's size): the declarations keep the doc comments.
for (const project of ["tsconfig.core.json", "src/cli/tsconfig.json"]) {
  node([tsc, "-p", project, "--removeComments", "--composite", "false", "--declaration", "false"], `tsc -p ${project} --removeComments`);
}

// The library's JavaScript without its white space and with short local names (exported names stay), so
// the package, which also holds a browser bundle, stays small; the source maps are composed with the
// compiler's, so they still point into src/. The command line is bundled and minified on its own below.
const library = walk(DIST).filter((file) => file.endsWith(".js") && !file.startsWith(join(DIST, "cli")));
require("esbuild").buildSync({
  entryPoints: library,
  outdir: DIST,
  outbase: DIST,
  allowOverwrite: true,
  bundle: false,
  format: "esm",
  // SHARECAST_MINIFY=0 keeps the names, for profiling.
  minifyWhitespace: process.env.SHARECAST_MINIFY !== "0",
  minifyIdentifiers: process.env.SHARECAST_MINIFY !== "0",
  sourcemap: true,
  logLevel: "warning",
});

// Declarations keep the sources' `.ts` specifiers; consumers' compilers (any version, any resolution) read
// the `.js` form, which resolves to the `.d.ts` beside each file.
for (const file of walk(DIST)) {
  if (!/\.d\.m?ts$/.test(file)) continue;
  const text = readFileSync(file, "utf8");
  const fixed = text.replace(/((?:from|import)\s*\(?\s*["']\.{1,2}\/[^"']*?)\.(m?)ts(["'])/g, "$1.$2js$3");
  if (fixed !== text) writeFileSync(file, fixed);
}

// Consumers can import only the package's entry (the exports map), so only declarations reachable from
// dist/index.d.ts are of use to them; the others (internal modules, the command line) are removed, which
// keeps the package small. The JavaScript of every module stays.
const reachable = new Set();
const pending = [join(DIST, "index.d.ts")];
while (pending.length > 0) {
  const file = pending.pop();
  if (reachable.has(file)) continue;
  reachable.add(file);
  for (const match of readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)\.js["']/g)) {
    pending.push(join(dirname(file), `${match[1]}.d.ts`));
  }
}
for (const file of walk(DIST)) {
  if (/\.d\.m?ts$/.test(file) && !reachable.has(file)) rmSync(file);
}

node([join(ROOT, "scripts", "build-default-scenario.mjs")], "the default scenario");
node([join(ROOT, "scripts", "build-cli.mjs")], "the command-line bundles");
node([join(ROOT, "scripts", "build-browser.mjs")], "the browser entry");
