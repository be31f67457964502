import { z } from "zod";
import { provenanceJsonOverride } from "./provenanceSchema.ts";
import { scenarioSchema } from "./schema.ts";

/** A JSON Schema document as plain data. */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema drafts the scenario schema is published in. */
export type SchemaDraft = "2020-12" | "draft-07";

/**
 * Each published draft: zod's target, and the file the package ships it in (relative to the package root).
 * 2020-12 is the current standard; draft-07 is for editors whose language server validates no later draft
 * (yaml-language-server and VS Code's JSON support are complete up to draft-07 only).
 */
export const SCHEMA_DRAFTS: Readonly<Record<SchemaDraft, { target: "draft-2020-12" | "draft-7"; file: string }>> = {
  "2020-12": { target: "draft-2020-12", file: "schema/scenario.schema.json" },
  "draft-07": { target: "draft-7", file: "schema/scenario.draft-07.schema.json" },
};

/** The draft `sharecast schema` prints when none is named. */
export const DEFAULT_DRAFT: SchemaDraft = "2020-12";

/**
 * The JSON Schema of a scenario file, generated from the one zod schema (`scenarioSchema`) by zod's
 * `toJSONSchema`, for editors and other tools.
 *
 * It describes what a file may contain before defaults are filled (`io: "input"`), with shared parts as
 * definitions. It checks structure: types, required and unknown fields, the `kind` and `dist` tags, id and
 * quarter patterns, whole numbers, list lengths; and the provenance fields and formulas the runtime takes
 * off before its own schema (scenario/provenanceSchema.ts). It cannot express what the runtime checks in code:
 * - domain rules of parameters and distributions (zod refinements: `sd` > 0, `min` < `max`, a half-life's
 *   distribution kept positive), so a file the schema accepts may still fail `sharecast validate`;
 * - rules across fields (`validate.ts`): provider, segment and event ids that exist and are unique, periods
 *   inside the calendar, segment models matching the declared segments, the calendar's length.
 * Deterministic: the same zod schema gives the same document.
 *
 * @example scenarioJsonSchema().$schema  // "https://json-schema.org/draft/2020-12/schema"
 */
export function scenarioJsonSchema(draft: SchemaDraft = DEFAULT_DRAFT): JsonSchema {
  const { target } = SCHEMA_DRAFTS[draft];
  const generated = z.toJSONSchema(scenarioSchema, { target, io: "input", unrepresentable: "any", reused: "ref", override: provenanceJsonOverride }) as JsonSchema;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: "sharecast scenario",
    description:
      "A sharecast scenario (YAML or JSON). Checks structure; `sharecast validate` also checks parameter domains (e.g. sd > 0) and rules across fields (ids exist, periods inside the calendar).",
    ...rest,
  };
}

/** The schema as the text shipped in its draft's file: two-space JSON and a final newline. */
export function scenarioJsonSchemaText(draft: SchemaDraft = DEFAULT_DRAFT): string {
  return `${JSON.stringify(scenarioJsonSchema(draft), null, 2)}\n`;
}
