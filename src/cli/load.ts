import { extname, resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { parseJsonText, parseYamlText, readScenarioText } from "./text.ts";
import { InputError } from "../core/issues.ts";

/** The scenario `run` uses when none is named. */
export const DEFAULT_SCENARIO = fileURLToPath(new URL("../../scenarios/deutsche-bank-2020.ts", import.meta.url));

const SCRIPT = new Set([".ts", ".mts", ".js", ".mjs"]);

/**
 * Reads a scenario file: TypeScript or JavaScript (its default export, or an export named `scenario`),
 * YAML, or JSON. Returns the raw object; validation is the caller's.
 *
 * @throws InputError when the file is missing, unreadable, or not well-formed.
 */
export async function loadScenarioFile(file: string): Promise<unknown> {
  const path = resolve(file);
  const ext = extname(path).toLowerCase();
  const text = await readScenarioText(file);
  if (SCRIPT.has(ext)) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (error) {
      throw new InputError([{ path: ["scenario"], message: `cannot load ${JSON.stringify(file)}: ${(error as Error).message.split("\n")[0]}` }]);
    }
    const value = mod.default ?? mod.scenario;
    if (value === undefined) throw new InputError([{ path: ["scenario"], message: `expected ${JSON.stringify(file)} to export a scenario (default export or \`scenario\`), got no such export` }]);
    return value;
  }
  if (ext === ".yaml" || ext === ".yml") return parseYamlText(text, file);
  if (ext === ".json") return parseJsonText(text, file);
  throw new InputError([{ path: ["scenario"], message: `expected a .ts, .js, .yaml, .yml or .json file, got ${JSON.stringify(file)}` }]);
}
