import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "../core/issues.ts";
import { loadScript, type ScriptLoadOptions } from "./loadScript.ts";

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
  const path = resolve(file);
  const ext = extname(path).toLowerCase();
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new InputError([{ path: ["scenario"], message: `cannot read file ${JSON.stringify(file)}` }]);
  }
  if (SCRIPT.has(ext)) return loadScript(file, scriptSettings);
  if (ext === ".yaml" || ext === ".yml") {
    // Loaded here, not at start-up: the YAML parser is a sizeable part of the command line's load time.
    const { parse: parseYaml, YAMLParseError } = await import("yaml");
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
