/**
 * What the scenario JSON Schema adds for provenance and formulas, which the runtime takes off before the zod
 * schema sees a scenario (scenario/provenance.ts, scenario/formulas.ts): `source`, `asOf` and `note` beside
 * a distribution's `dist` and a benchmark's fields, a constant written `{ value, source?, asOf?, note? }`, a
 * parameter written `{ formula, source?, note? }`, and the scenario's named `inputs`.
 */
import type { z } from "zod";
import { finiteNumber } from "../random/families/family.ts";
import { FAMILIES } from "../random/familyTable.ts";
import { paramSchema } from "../random/paramSchema.ts";
import { benchmarkSchema, scenarioSchema } from "./schema.ts";

type JsonObject = Record<string, unknown>;

const text = { type: "string", minLength: 1 };
const day = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "a calendar date such as 2019-12-31" };
const provenance = {
  source: { ...text, description: "who published the number, or where it is read from" },
  asOf: { ...day, description: "the date the number was public by (YYYY-MM-DD)" },
  note: { ...text, description: "what the number assumes, or how it was derived" },
};
const formula = {
  type: "object",
  description: "a formula over named inputs and other parameters (docs/assumptions.md)",
  properties: { formula: text, source: provenance.source, note: provenance.note },
  required: ["formula"],
  additionalProperties: false,
};
const cited = {
  type: "object",
  description: "a constant with its provenance",
  properties: { value: { type: "number" }, ...provenance },
  required: ["value"],
  additionalProperties: false,
};
const fixtureInput = {
  type: "object",
  description: "a fixture value read as of the scenario's asOf: one period, or a list of periods",
  properties: { fixture: text, period: text, periods: { anyOf: [text, { type: "array", items: text, minItems: 1 }] }, provider: text, metric: text },
  required: ["fixture"],
  additionalProperties: false,
};

const families = new Set<unknown>(Object.values(FAMILIES).map((family) => family.schema));

/**
 * The `override` of zod's `toJSONSchema` that adds the fields above to the schemas they belong to (found by
 * identity: the family schemas, `paramSchema`, `benchmarkSchema`, `scenarioSchema`, and `finiteNumber`, the
 * number of constants and distribution fields, which may be a formula).
 */
export function provenanceJsonOverride(ctx: { zodSchema: unknown; jsonSchema: JsonObject }): void {
  const { zodSchema, jsonSchema } = ctx;
  const properties = jsonSchema.properties as JsonObject | undefined;
  if (families.has(zodSchema) && properties !== undefined) Object.assign(properties, provenance);
  else if (zodSchema === (benchmarkSchema as z.ZodType) && properties !== undefined) Object.assign(properties, { asOf: provenance.asOf, note: provenance.note });
  else if (zodSchema === (paramSchema as z.ZodType) && Array.isArray(jsonSchema.anyOf)) jsonSchema.anyOf.push(cited);
  else if (zodSchema === (finiteNumber as z.ZodType)) {
    const number = { ...jsonSchema };
    for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
    jsonSchema.anyOf = [number, formula];
  }
  else if (zodSchema === (scenarioSchema as z.ZodType) && properties !== undefined) {
    properties.inputs = {
      type: "object",
      description: "named inputs of formulas: numbers, formulas, or fixture values",
      additionalProperties: { anyOf: [{ type: "number" }, formula, fixtureInput] },
    };
  }
}
