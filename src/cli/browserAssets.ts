// Scripts the HTML pages inline, read where they are installed: vega's, vega-lite's and vega-embed's UMD
// builds from node_modules (never copied into the package), and the engine's browser build from dist/.
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

/**
 * The engine's browser build (`dist/browser/sharecast.js`) of this installation: found from this file
 * upwards, in the package root's dist/.
 *
 * @throws Error when the build is missing (an installation fault: `npm run build` writes it).
 */
export async function browserEngine(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "dist", "browser", "sharecast.js");
    if (existsSync(join(dir, "package.json")) && existsSync(candidate)) return readFile(candidate, "utf8");
    const up = dirname(dir);
    if (up === dir) throw new Error("sharecast: dist/browser/sharecast.js is missing; run `npm run build`");
    dir = up;
  }
}
