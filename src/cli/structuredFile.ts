import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { InputError } from "../core/issues.ts";

/** A file's text, or an InputError under `field` (`series: cannot read file "x.json"`). */
export async function readText(file: string, field: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new InputError([{ code: "unreadable", path: [field], message: `cannot read file ${JSON.stringify(file)}` }]);
  }
}

/** JSON (a `.json` file) or YAML (any other) text parsed, or an InputError under `field`. */
export function parseStructured(text: string, file: string, field: string): unknown {
  try {
    return extname(file).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InputError([{ code: "invalid_format", path: [field], message: `not valid ${extname(file) === ".json" ? "JSON" : "YAML"}: ${(error as Error).message.split("\n")[0]}` }]);
  }
}
