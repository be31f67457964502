// Build step: writes the default scenario of `sharecast run` (the catalogue's deutsche-bank-2020) as JSON
// beside the compiled command line, so the package runs it without compiling TypeScript at start-up.
// The JSON must hold exactly the scenario's data: the build fails if a value does not survive JSON. The
// fixture rows its factory read go beside it, in deutsche-bank-2020.reads.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE = join(ROOT, "scenarios", "deutsche-bank-2020.ts");
const TARGET = join(ROOT, "dist", "scenarios", "deutsche-bank-2020.json");

const { loadScript } = await import(new URL("../dist/cli/loadScript.js", import.meta.url).href);
const scenario = await loadScript(SOURCE);
const json = `${JSON.stringify(scenario, null, 2)}\n`;
if (!isDeepStrictEqual(JSON.parse(json), scenario)) {
  console.error(`build: ${SOURCE} holds values JSON cannot carry (undefined, non-finite numbers, functions)`);
  process.exit(1);
}
mkdirSync(join(ROOT, "dist", "scenarios"), { recursive: true });
writeFileSync(TARGET, json);
// The fixture rows the factory read (its provenance, not part of the scenario's data): the command line
// attaches them to the default scenario, so its result lists the same assumptions as the TypeScript original.
const { readsOf } = await import(new URL("../dist/scenario/provenance.js", import.meta.url).href);
writeFileSync(TARGET.replace(/\.json$/, ".reads.json"), `${JSON.stringify(readsOf(scenario), null, 2)}\n`);
