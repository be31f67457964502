import { z } from "zod";
import { scenarioSchema } from "./schema.ts";

/** Where the generated schema is shipped, relative to the package root (`sharecast schema` prints the same text). */
export const SCENARIO_SCHEMA_FILE = "schema/scenario.schema.json";

/** A JSON Schema document (draft 2020-12) as plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12) of a scenario file, generated from the one zod schema (`scenarioSchema`)
 * by zod's `toJSONSchema`, for editors (yaml-language-server, VS Code) and other tools.
 *
 * It describes what a file may contain before defaults are filled (`io: "input"`), with shared parts as
 * `$defs`. It checks structure: types, required and unknown fields, the `kind` and `dist` tags, id and
 * quarter patterns, whole numbers, list lengths. It cannot express what the runtime checks in code:
 * - domain rules of parameters and distributions (zod refinements: `sd` > 0, `min` < `max`, a half-life's
 *   distribution kept positive), so a file the schema accepts may still fail `sharecast validate`;
 * - rules across fields (`validate.ts`): provider, segment and event ids that exist and are unique, periods
 *   inside the calendar, segment models matching the declared segments, the calendar's length.
 * Deterministic: the same zod schema gives the same document.
 *
 * @example scenarioJsonSchema().$schema  // "https://json-schema.org/draft/2020-12/schema"
 */
export function scenarioJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(scenarioSchema, { target: "draft-2020-12", io: "input", unrepresentable: "any", reused: "ref" }) as JsonSchema;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: "sharecast scenario",
    description:
      "A sharecast scenario (YAML or JSON). Checks structure; `sharecast validate` also checks parameter domains (e.g. sd > 0) and rules across fields (ids exist, periods inside the calendar).",
    ...rest,
  };
}

/** The schema as the text shipped in {@link SCENARIO_SCHEMA_FILE}: two-space JSON and a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
