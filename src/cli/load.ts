import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { InputError } from "../core/issues.ts";
import { readStdinScenario, STDIN } from "./stdin.ts";

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
  const stdin = file === STDIN ? await readStdinScenario() : undefined;
  const path = resolve(file);
  const ext = stdin?.ext ?? extname(path).toLowerCase();
  let text: string;
  try {
    text = stdin?.text ?? (await readFile(path, "utf8"));
  } catch {
    throw new InputError([{ path: ["scenario"], message: `cannot read file ${JSON.stringify(file)}` }]);
  }
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
  if (ext === ".yaml" || ext === ".yml") {
    try {
      return parseYaml(text);
    } catch (error) {
      const at = error instanceof YAMLParseError && error.linePos ? error.linePos[0] : undefined;
      const where = at ? ` at line ${at.line}, column ${at.col}` : "";
      const what = (error as Error).message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      throw new InputError([{ path: ["scenario"], message: `expected valid YAML, got a syntax error${where}: ${what}` }]);
    }
  }
  if (ext === ".json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new InputError([{ path: ["scenario"], message: `expected valid JSON, got a syntax error${jsonErrorPlace(text, error as Error)}` }]);
    }
  }
  throw new InputError([{ path: ["scenario"], message: `expected a .ts, .js, .yaml, .yml or .json file, got ${JSON.stringify(file)}` }]);
}

/**
 * Where a JSON syntax error is: ` at line L, column C` when the parser reports an offset, else its own
 * short description (`: Unexpected token '}'`), whose wording varies by Node version.
 */
function jsonErrorPlace(text: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  if (!match) return `: ${error.message.split(/, (?:\.\.\.)?"|\n/)[0]}`;
  const before = text.slice(0, Number(match[1])).split("\n");
  return ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
