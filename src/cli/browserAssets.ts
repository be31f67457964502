// Scripts the HTML pages inline, read where they are installed: vega's, vega-lite's and vega-embed's UMD
// builds from node_modules (never copied into the package), and the playground's engine, bundled from dist/.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { VegaScripts } from "../report/htmlInteractive.ts";

const require = createRequire(import.meta.url);

/** The text of a file in the folder of a package's entry file (`vega` -> .../vega/build/vega.min.js). */
async function besideEntry(name: string, file: string): Promise<string> {
  return readFile(join(dirname(require.resolve(name)), file), "utf8");
}

/** vega, vega-lite and vega-embed as their minified UMD builds' text. */
export async function vegaScripts(): Promise<Required<VegaScripts>> {
  const [vega, vegaLite, vegaEmbed] = await Promise.all([
    besideEntry("vega", "vega.min.js"),
    besideEntry("vega-lite", "vega-lite.min.js"),
    besideEntry("vega-embed", "vega-embed.min.js"),
  ]);
  return { vega, vegaLite, vegaEmbed };
}

/** The dist/ folder of this installation: found from this file upwards, beside the package's package.json. */
function distFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "dist", "index.js"))) return join(dir, "dist");
    const up = dirname(dir);
    if (up === dir) throw new Error("sharecast: dist/index.js is missing; run `npm run build`");
    dir = up;
  }
}

/**
 * The playground's engine for the browser: the compiled library's `runScenario` with the playground's
 * `playEdit` and `playSummary`, bundled by esbuild (the package's own, loaded only here) from dist/ into
 * one minified classic script that defines a global `sharecast` (a worker made from a Blob URL on a
 * file:// page cannot import modules). The same compiled code as the browser build, without the rest of it.
 *
 * @throws Error when dist/ is missing (an installation fault: `npm run build` writes it) or bundling fails.
 */
export async function playEngine(): Promise<string> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    stdin: { contents: `export { runScenario, playEdit, playSummary } from "./playground.js";\n`, resolveDir: distFolder(), loader: "js" },
    bundle: true,
    format: "iife",
    globalName: "sharecast",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    // Rendering charts to SVG loads vega lazily; the page draws with its own vega-embed instead. The page
    // gets a scenario whose formulas are already evaluated, so mathjs is never loaded there.
    external: ["vega", "vega-lite", "mathjs"],
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}
