import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../core/issues.ts";
import type { KnownRead } from "../data/known.ts";
import { hasFormulas, resolveFormulas } from "../scenario/formulas.ts";
import { attachReads } from "../scenario/provenance.ts";
import { loadScript, type ScriptLoadOptions } from "./loadScript.ts";
import { parseJsonText, parseYamlText, readScenarioText } from "./text.ts";
import { readStdinScenario, STDIN } from "./stdin.ts";

/**
 * The scenario `run` uses when none is named: the catalogue's deutsche-bank-2020, which the build writes
 * as JSON beside the compiled command line (no TypeScript to compile at start-up); from the sources, the
 * TypeScript original.
 */
export const DEFAULT_SCENARIO = defaultScenario();

function defaultScenario(): string {
  const compiled = fileURLToPath(new URL("../scenarios/deutsche-bank-2020.json", import.meta.url));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL("../../scenarios/deutsche-bank-2020.ts", import.meta.url));
}

const SCRIPT = new Set([".ts", ".mts", ".js", ".mjs"]);

/** Script load settings for this process (the command line's `--load-timeout`). */
const scriptSettings: ScriptLoadOptions = {};

/** Sets how long scenario scripts may take to load, in seconds (undefined: the default). */
export function setLoadTimeout(seconds: number | undefined): void {
  scriptSettings.timeoutSeconds = seconds;
}

/**
 * Reads a scenario file: TypeScript or JavaScript (its default export, or an export named `scenario`;
 * see loadScript), YAML, or JSON. Returns the raw object; validation is the caller's.
 *
 * @throws InputError when the file is missing, unreadable, or not well-formed.
 */
export async function loadScenarioFile(file: string): Promise<unknown> {
  const stdin = file === STDIN ? await readStdinScenario() : undefined;
  const ext = stdin?.ext ?? extname(resolve(file)).toLowerCase();
  const text = stdin?.text ?? (await readScenarioText(file));
  if (SCRIPT.has(ext)) return loadScript(file, scriptSettings);
  if (ext === ".yaml" || ext === ".yml") return withFormulas(parseYamlText(text, file), file);
  if (ext === ".json") return withDefaultReads(await withFormulas(parseJsonText(text, file), file), file);
  throw new InputError([{ code: "invalid_format", path: ["scenario"], message: `expected a .ts, .js, .yaml, .yml or .json file, got ${JSON.stringify(file)}` }]);
}

/**
 * The compiled default scenario with the fixture rows its factory read (written beside it by the build as
 * deutsche-bank-2020.reads.json), so its result lists the TypeScript original's assumptions; any other
 * scenario as it is.
 */
function withDefaultReads(scenario: unknown, file: string): unknown {
  const reads = file === DEFAULT_SCENARIO ? file.replace(/\.json$/, ".reads.json") : undefined;
  if (reads === undefined || !existsSync(reads)) return scenario;
  return attachReads(scenario, JSON.parse(readFileSync(reads, "utf8")) as KnownRead[]);
}

/**
 * A declarative scenario with its formulas evaluated (scenario/formulas.ts; mathjs is loaded only then),
 * fixtures named by inputs read relative to the scenario file (the working directory for stdin).
 */
async function withFormulas(scenario: unknown, file: string): Promise<unknown> {
  if (!hasFormulas(scenario)) return scenario;
  const base = file === STDIN ? process.cwd() : dirname(resolve(file));
  const readFixture = async (ref: string): Promise<unknown> => {
    const path = resolve(base, ref);
    let text: string;
    try {
      text = await readScenarioText(path);
    } catch {
      throw new InputError([{ code: "unreadable", path: ["fixture"], message: `cannot read file ${JSON.stringify(ref)}` }]);
    }
    return parseJsonText(text, path, "fixture");
  };
  return resolveFormulas(scenario, { readFixture });
}
