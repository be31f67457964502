import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { createRequire } from "node:module";
import { InputError } from "../core/issues.ts";

/** A file's text, or an InputError under `field` (`series: cannot read file "x.json"`). */
export async function readText(file: string, field: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new InputError([{ path: [field], message: `cannot read file ${JSON.stringify(file)}` }]);
  }
}

/** The YAML parser, loaded on first use so that commands which read no YAML do not pay for it. */
const parseYaml = (text: string): unknown => (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse(text);

/** JSON (a `.json` file) or YAML (any other) text parsed, or an InputError under `field`. */
export function parseStructured(text: string, file: string, field: string): unknown {
  try {
    return extname(file).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InputError([{ path: [field], message: `not valid ${extname(file) === ".json" ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}` }]);
  }
}
