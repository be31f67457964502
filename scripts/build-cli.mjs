// Build step: the command line's own code as two single-file ES modules (minified, rolldown), so that a
// command loads one file for the ~50 modules of dist/cli/ instead of each of them:
//   dist/cli/sharecast.js                the command line (dist/cli/main.js, what it imports from dist/cli/,
//                                        and commander)
//   dist/cli/workers/sharecast-worker.js the worker thread (dist/cli/workers/worker.js and its dist/cli/ imports)
// bin/sharecast.js and dist/cli/workers/bootstrap.mjs load them when present (else the per-module files).
// The library's modules (dist/ outside dist/cli/) stay the per-module files `import "sharecast"` loads,
// imported by relative path (the package has no room for another copy of the library), and so do the
// packages they share (zod) or that load lazily. A module's own `new URL("./relative", import.meta.url)` is
// rewritten to point at the same file from the bundle's folder, so the default scenario and the worker
// bootstrap are found as from the per-module files.
import { rolldown } from "rolldown";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
// Packages that stay bare imports: Node's built-ins and those the library shares with the command line or
// loads lazily (one copy of zod, so its errors are the library's), and commander (a dependency already installed:
// bundling it would ship it twice).
const EXTERNAL = /^(node:|zod|seedrandom|commander|esbuild|tsx|yaml|vega|vega-lite|cli-progress|@resvg\/|apache-arrow|hyparquet-writer)/;

/** Rewrites `new URL("./x", import.meta.url)` in every module to the same target, seen from `outDir`. */
function keepRelativeUrls(outDir) {
  return {
    name: "keep-relative-urls",
    transform(code, id) {
      if (!code.includes("import.meta.url")) return null;
      const rewritten = code.replace(/new URL\(\s*(["'])(\.{1,2}\/[^"']*)\1\s*,\s*import\.meta\.url\s*\)/g, (_, quote, target) => {
        let path = relative(outDir, resolve(dirname(id), target)).split(sep).join("/");
        if (!path.startsWith(".")) path = `./${path}`;
        return `new URL(${quote}${path}${quote}, import.meta.url)`;
      });
      return rewritten === code ? null : { code: rewritten, map: null };
    },
  };
}

/** The library's own modules (dist/ outside dist/cli/) stay separate files, imported by relative path. */
function libraryExternal(outDir) {
  const cli = join(DIST, "cli") + sep;
  return {
    name: "library-external",
    resolveId(source, importer) {
      if (!importer || !source.startsWith(".")) return null;
      const target = resolve(dirname(importer), source);
      if (target.startsWith(cli) || !target.startsWith(DIST + sep)) return null;
      let path = relative(outDir, target).split(sep).join("/");
      if (!path.startsWith(".")) path = `./${path}`;
      return { id: path, external: true };
    },
  };
}

/** Bundles `input` (under dist/) into the single file `output` (under dist/); the library stays external. */
async function bundle(input, output) {
  const file = join(DIST, output);
  const build = await rolldown({
    cwd: ROOT,
    input: join(DIST, input),
    platform: "node",
    external: (id) => EXTERNAL.test(id),
    plugins: [keepRelativeUrls(dirname(file)), libraryExternal(dirname(file))],
    logLevel: "warn",
  });
  const { output: chunks } = await build.write({ file, format: "esm", minify: true, codeSplitting: false });
  await build.close();
  if (chunks.length !== 1) {
    console.error(`build: ${output} must be one file; got ${chunks.map((c) => c.fileName).join(", ")}`);
    process.exit(1);
  }
  console.log(`command-line bundle: dist/${output}, ${Buffer.byteLength(chunks[0].code)} bytes`);
}

await bundle("cli/main.js", "cli/sharecast.js");
await bundle("cli/workers/worker.js", "cli/workers/sharecast-worker.js");
